#pragma once
// <root>/journal: one JSON object per line, appended (O_APPEND + fsync) after each change to
// the tree. It is a human-readable history; the tree stays the source of truth.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <string>
#include <vector>

namespace tdkt::archive {

struct JournalEntry {
    std::string time;   // ISO 8601, from the run's clock or the record date (never wall clock)
    std::string action; // "file"; "supersede" (dir replaces the decision in `supersedes`)
    std::string dir;    // relative to root
    std::string numberText;
    std::string dossierSha256;
    std::string dossierFile;
    std::string awardId;
    std::string supersedes; // "supersede" only: the replaced bag's folder relative to root
    // "file" only: the rule findings accepted when issuing ("L012 «Nguyễn Văn An»: reason").
    std::vector<std::string> accepted = {};
};

std::string journalLine(const JournalEntry& entry); // with the trailing newline
core::Status appendJournal(const fs::path& root, const JournalEntry& entry);
// Several entries in one write and one fsync (a round's filings).
core::Status appendJournal(const fs::path& root, const std::vector<JournalEntry>& entries);

// True when the journal already records `action` for this relative dir.
bool journalHasDir(const fs::path& root, const std::string& relativeDir,
                   const std::string& action = "file");

} // namespace tdkt::archive

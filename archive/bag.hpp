#pragma once
// BagIt 1.0 (RFC 8493) writing, and the manifest/tag-file parsing shared with verify.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::archive {

struct BagInfo {
    std::string baggingDate;        // ISO date
    std::string externalIdentifier; // the decision's numberText
    std::string sourceOrganization; // the issuer's name
};

// Every file under <bagDir>/data as a bag-relative generic path ("data/x/y.pdf"), sorted
// bytewise; `bytes` receives the total size (for Payload-Oxum).
core::Result<std::vector<std::string>> listPayload(const fs::path& bagDir,
                                                   std::uintmax_t* bytes = nullptr);

// RFC 8493 §2.1.3: CR, LF and % in a manifest path are percent-encoded.
std::string encodeManifestPath(std::string_view path);
std::string decodeManifestPath(std::string_view path);

// Writes bagit.txt, bag-info.txt, manifest-sha256.txt (every payload file) and
// tagmanifest-sha256.txt (not synced: see syncStagingTree). The payload must be complete.
core::Status writeBagFiles(const fs::path& bagDir, const BagInfo& info);

// Creates `file` (which must not exist) and writes all bytes, fsyncing it when `sync`. For
// files inside a staging folder, which nobody sees until the folder is renamed, so no
// temp-and-rename; a staging is synced as a whole before its rename (syncStagingTree).
core::Status writeNewFile(const fs::path& file, std::string_view bytes, bool sync);

// Makes every file and folder under `dir` durable before it is renamed into the tree.
core::Status syncStagingTree(const fs::path& dir);

struct ManifestLine {
    std::string digest;
    std::string path; // decoded
    int line = 0;
};

struct Manifest {
    std::vector<ManifestLine> entries;
    std::vector<int> badLines; // lines that are not "<hex digest><whitespace><path>"
};

Manifest parseManifest(std::string_view text);

// "Label: value" lines of bagit.txt / bag-info.txt (continuation lines start with
// whitespace and are joined with a space). `badLines` gets lines that are not of that shape
// (e.g. "BagIt-Version : 1.0", a space before the colon).
struct TagFile {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<int> badLines;
    const std::string* get(const std::string& label) const;
};

// `strictLabels`: RFC 8493 §2.2.2 shape, no whitespace around the label (bagit.txt). Off for
// bag-info.txt, where older bags write "Label : value" and validators accept it.
TagFile parseTagFile(std::string_view text, bool strictLabels = true);

} // namespace tdkt::archive

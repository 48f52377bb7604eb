#include "archive/tree.hpp"

#include "pipeline/core/atomic_file.hpp"

#include <algorithm>
#include <cctype>
#include <fcntl.h>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace tdkt::archive {
namespace {

bool isYear(const std::string& s) {
    return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) != 0;
           });
}

std::vector<fs::path> sortedChildren(const fs::path& dir) {
    std::vector<fs::path> out;
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

bool isInterruptedJournalWrite(const std::string& name) {
    return name.rfind("..commit-pending.tmp-", 0) == 0;
}

std::vector<std::string> pendingCommits(const fs::path& root) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    if (!fs::exists(root / kPendingCommitFile, ec)) {
        return out;
    }
    auto text = core::readFile(root / kPendingCommitFile);
    std::istringstream in(text ? text.value() : std::string());
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty()) {
            out.push_back(line);
        }
    }
    return out;
}

bool isHousekeepingName(const std::string& name) {
    return name == ".lock" || name == ".staging" || name == kPendingCommitFile ||
           isInterruptedJournalWrite(name) || name == "registers" || name == "journal" ||
           name == "history" || name.rfind("index.sqlite", 0) == 0 || name.rfind(".index", 0) == 0;
}

TreeListing listTree(const fs::path& root) {
    TreeListing t;
    boost::system::error_code ec;
    for (const fs::path& yearDir : sortedChildren(root)) {
        const std::string year = yearDir.filename().string();
        if (isHousekeepingName(year)) {
            continue;
        }
        if (!isYear(year) || !fs::is_directory(fs::symlink_status(yearDir, ec))) {
            t.unexpected.push_back(year);
            continue;
        }
        for (const fs::path& issuerDir : sortedChildren(yearDir)) {
            const std::string issuer = year + "/" + issuerDir.filename().string();
            if (!fs::is_directory(fs::symlink_status(issuerDir, ec))) {
                t.unexpected.push_back(issuer);
                continue;
            }
            for (const fs::path& bagDir : sortedChildren(issuerDir)) {
                const std::string rel = issuer + "/" + bagDir.filename().string();
                if (!fs::is_directory(fs::symlink_status(bagDir, ec))) {
                    t.unexpected.push_back(rel);
                    continue;
                }
                t.bags.push_back(rel);
            }
        }
    }
    return t;
}

int cleanStaging(const fs::path& root) {
    int removed = 0;
    for (const fs::path& dir : sortedChildren(root / ".staging")) {
        int fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        // A live Staging holds LOCK_EX on its folder for its whole life; only a folder whose
        // owner died (crash before the rename) is free to take.
        bool abandoned = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
        if (abandoned) {
            boost::system::error_code ec;
            fs::remove_all(dir, ec);
            removed += ec ? 0 : 1;
        }
        ::close(fd);
    }
    return removed;
}

int cleanInterruptedJournalWrites(const fs::path& root) {
    int removed = 0;
    for (const fs::path& file : sortedChildren(root)) {
        if (isInterruptedJournalWrite(file.filename().string())) {
            boost::system::error_code ec;
            fs::remove(file, ec);
            removed += ec ? 0 : 1;
        }
    }
    return removed;
}

std::vector<std::string> stagingFolders(const fs::path& root) {
    std::vector<std::string> out;
    for (const fs::path& dir : sortedChildren(root / ".staging")) {
        out.push_back(".staging/" + dir.filename().string());
    }
    return out;
}

} // namespace tdkt::archive

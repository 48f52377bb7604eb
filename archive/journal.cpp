#include "archive/journal.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace tdkt::archive {

std::string journalLine(const JournalEntry& e) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("time", e.time);
    o.set("action", e.action);
    o.set("dir", e.dir);
    o.set("numberText", e.numberText);
    o.set("dossierSha256", e.dossierSha256);
    o.set("dossierFile", e.dossierFile);
    o.set("awardId", e.awardId);
    if (!e.supersedes.empty()) {
        o.set("supersedes", e.supersedes);
    }
    if (!e.accepted.empty()) {
        Poco::JSON::Array accepted;
        for (const auto& a : e.accepted) {
            accepted.add(a);
        }
        o.set("accepted", accepted);
    }
    std::ostringstream out;
    o.stringify(out); // no indentation: one object per line
    return out.str() + "\n";
}

core::Status appendJournal(const fs::path& root, const JournalEntry& entry) {
    return appendJournal(root, std::vector<JournalEntry>{entry});
}

core::Status appendJournal(const fs::path& root, const std::vector<JournalEntry>& entries) {
    if (entries.empty()) {
        return {};
    }
    const fs::path file = root / "journal";
    std::string lines;
    for (const auto& e : entries) {
        lines += journalLine(e);
    }
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        return core::makeError(core::ErrorKind::Io, "A012",
                               std::string("không mở được nhật ký kho lưu trữ: ") +
                                   core::systemErrorText(errno),
                               {file.string()});
    }
    // One write() of all the lines: with O_APPEND they land at the end in one piece.
    ssize_t n = ::write(fd, lines.data(), lines.size());
    bool ok = n == static_cast<ssize_t>(lines.size()) && ::fsync(fd) == 0;
    int err = errno;
    ::close(fd);
    if (!ok) {
        return core::makeError(core::ErrorKind::Io, "A012",
                               std::string("không ghi được nhật ký kho lưu trữ: ") +
                                   core::systemErrorText(err),
                               {file.string()});
    }
    return {};
}

bool journalHasDir(const fs::path& root, const std::string& relativeDir,
                   const std::string& action) {
    std::ifstream in((root / "journal").string());
    std::string line;
    Poco::JSON::Parser parser;
    while (std::getline(in, line)) {
        if (line.find(relativeDir) == std::string::npos) {
            continue; // cheap pre-filter before parsing
        }
        parser.reset();
        try {
            auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
            if (obj->getValue<std::string>("dir") == relativeDir &&
                obj->getValue<std::string>("action") == action) {
                return true;
            }
        } catch (const Poco::Exception&) {
            // A torn last line from a crash is not a match; keep reading.
        }
    }
    return false;
}

} // namespace tdkt::archive

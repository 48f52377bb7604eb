#include "archive/bag.hpp"

#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/sha256.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tdkt::archive {

core::Result<std::vector<std::string>> listPayload(const fs::path& bagDir, std::uintmax_t* bytes) {
    std::vector<std::string> files;
    std::uintmax_t total = 0;
    const fs::path data = bagDir / "data";
    boost::system::error_code ec;
    if (!fs::is_directory(data, ec)) {
        return files;
    }
    fs::recursive_directory_iterator it(data, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (fs::is_directory(it->symlink_status())) {
            continue;
        }
        std::string rel = "data/" + p.lexically_relative(data).generic_string();
        files.push_back(std::move(rel));
        if (fs::is_regular_file(it->symlink_status())) {
            boost::system::error_code sizeEc;
            std::uintmax_t size = fs::file_size(p, sizeEc);
            total += sizeEc ? 0 : size;
        }
    }
    if (ec) {
        return core::makeError(core::ErrorKind::Io, "A030",
                               "không đọc được thư mục dữ liệu của gói: " +
                                   core::systemErrorText(ec),
                               {data.string()});
    }
    std::sort(files.begin(), files.end());
    if (bytes) {
        *bytes = total;
    }
    return files;
}

std::string encodeManifestPath(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (char c : path) {
        if (c == '%') {
            out += "%25";
        } else if (c == '\n') {
            out += "%0A";
        } else if (c == '\r') {
            out += "%0D";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string decodeManifestPath(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size()) {
            std::string_view code = path.substr(i + 1, 2);
            if (code == "25") {
                out.push_back('%');
            } else if (code == "0A" || code == "0a") {
                out.push_back('\n');
            } else if (code == "0D" || code == "0d") {
                out.push_back('\r');
            } else {
                out.push_back('%');
                continue;
            }
            i += 2;
        } else {
            out.push_back(path[i]);
        }
    }
    return out;
}

core::Status writeNewFile(const fs::path& file, std::string_view bytes, bool sync) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return core::makeError(core::ErrorKind::CannotCreate, "A031",
                               std::string("không tạo được tệp: ") + core::systemErrorText(errno),
                               {file.string()});
    }
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            core::Error e = core::makeError(
                core::ErrorKind::Io, "A032",
                std::string("lỗi ghi tệp: ") + core::systemErrorText(errno), {file.string()});
            ::close(fd);
            return e;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (sync && ::fsync(fd) != 0) {
        core::Error e = core::makeError(core::ErrorKind::Io, "A033",
                                        std::string("không đồng bộ được xuống đĩa: ") +
                                            core::systemErrorText(errno),
                                        {file.string()});
        ::close(fd);
        return e;
    }
    ::close(fd);
    return {};
}

core::Status writeBagFiles(const fs::path& bagDir, const BagInfo& info) {
    std::uintmax_t bytes = 0;
    auto payload = listPayload(bagDir, &bytes);
    if (!payload) {
        return payload.error();
    }
    std::string manifest;
    for (const auto& rel : payload.value()) {
        auto hash = core::sha256File(bagDir / rel);
        if (!hash) {
            return hash.error();
        }
        manifest += hash.value() + "  " + encodeManifestPath(rel) + "\n";
    }
    const std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    std::string bagInfo;
    bagInfo += "Bag-Software-Agent: tdkt\n";
    bagInfo += "Bagging-Date: " + info.baggingDate + "\n";
    bagInfo += "External-Identifier: " + info.externalIdentifier + "\n";
    bagInfo += "Payload-Oxum: " + std::to_string(bytes) + "." +
               std::to_string(payload.value().size()) + "\n";
    // Tag values are single lines; an issuer name printed on two lines is joined.
    std::string org = info.sourceOrganization;
    std::replace(org.begin(), org.end(), '\n', ' ');
    bagInfo += "Source-Organization: " + org + "\n";

    // The tag manifest is sorted by path like the payload manifest.
    const std::pair<const char*, const std::string*> tags[] = {
        {"bag-info.txt", &bagInfo}, {"bagit.txt", &bagit}, {"manifest-sha256.txt", &manifest}};
    std::string tagManifest;
    for (const auto& [name, content] : tags) {
        if (auto st = writeNewFile(bagDir / name, *content, false); !st) {
            return st;
        }
        tagManifest += core::sha256Hex(*content) + "  " + name + "\n";
    }
    return writeNewFile(bagDir / "tagmanifest-sha256.txt", tagManifest, false);
}

core::Status syncStagingTree(const fs::path& dir) {
    std::vector<fs::path> entries;
    boost::system::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        entries.push_back(it->path());
    }
    if (ec) {
        return core::makeError(core::ErrorKind::Io, "A034",
                               "không đọc được thư mục tạm: " + core::systemErrorText(ec),
                               {dir.string()});
    }
    // A bag of a bulk round holds thousands of certificates; one fsync each would take
    // minutes (every fsync waits for a journal commit). Past a few files, one syncfs() of the
    // filesystem holding the staging does the same job in a single flush.
    constexpr std::size_t kPerFileLimit = 32;
    if (entries.size() > kPerFileLimit) {
        int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        int rc = fd < 0 ? -1 : ::syncfs(fd);
        int err = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        if (rc != 0) {
            return core::makeError(core::ErrorKind::Io, "A033",
                                   std::string("không đồng bộ được xuống đĩa: ") +
                                       core::systemErrorText(err),
                                   {dir.string()});
        }
        return {};
    }
    for (const auto& p : entries) {
        if (auto st = core::fsyncPath(p); !st) {
            return st;
        }
    }
    return core::fsyncPath(dir);
}

// Calls fn(line, lineNo) for each non-empty line of a tag file or manifest (LF or CRLF).
template <class Fn> void forEachLine(std::string_view text, Fn fn) {
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!line.empty()) {
            fn(line, lineNo);
        }
    }
}

Manifest parseManifest(std::string_view text) {
    Manifest m;
    forEachLine(text, [&](std::string_view line, int lineNo) {
        std::size_t sep = line.find_first_of(" \t");
        std::size_t pathStart =
            sep == std::string_view::npos ? sep : line.find_first_not_of(" \t", sep);
        std::string_view digest = line.substr(0, sep);
        bool hex = !digest.empty() && std::all_of(digest.begin(), digest.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        });
        if (sep == std::string_view::npos || pathStart == std::string_view::npos || !hex) {
            m.badLines.push_back(lineNo);
            return;
        }
        std::string lower(digest);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        m.entries.push_back({lower, decodeManifestPath(line.substr(pathStart)), lineNo});
    });
    return m;
}

const std::string* TagFile::get(const std::string& label) const {
    for (const auto& [k, v] : fields) {
        if (k == label) {
            return &v;
        }
    }
    return nullptr;
}

TagFile parseTagFile(std::string_view text, bool strictLabels) {
    TagFile t;
    forEachLine(text, [&](std::string_view line, int lineNo) {
        if ((line[0] == ' ' || line[0] == '\t') && !t.fields.empty()) {
            std::size_t first = line.find_first_not_of(" \t");
            if (first != std::string_view::npos) {
                t.fields.back().second += " " + std::string(line.substr(first));
            }
            return;
        }
        std::size_t colon = line.find(':');
        // RFC 8493 §2.2.2: "label", ":", then one space; the label has no surrounding space.
        if (colon == std::string_view::npos || colon == 0 || line[0] == ' ' ||
            (strictLabels && (line[colon - 1] == ' ' || line[colon - 1] == '\t'))) {
            t.badLines.push_back(lineNo);
            return;
        }
        std::string_view label = line.substr(0, colon);
        while (!label.empty() && (label.back() == ' ' || label.back() == '\t')) {
            label.remove_suffix(1);
        }
        if (label.empty()) {
            t.badLines.push_back(lineNo);
            return;
        }
        std::string_view value = line.substr(colon + 1);
        std::size_t first = value.find_first_not_of(" \t");
        value = first == std::string_view::npos ? std::string_view() : value.substr(first);
        t.fields.emplace_back(std::string(label), std::string(value));
    });
    return t;
}

} // namespace tdkt::archive

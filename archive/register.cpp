#include "archive/register.hpp"

#include "pipeline/core/atomic_file.hpp"

#include <algorithm>
#include <sstream>

namespace tdkt::archive {
namespace {

struct Parsed {
    std::string issuer;
    int year = 0;
    int last = -1;
};

Parsed parse(const std::string& text) {
    Parsed p;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        std::string key = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        try {
            if (key == "issuer" || key == "register") {
                p.issuer = value;
            } else if (key == "year") {
                p.year = std::stoi(value);
            } else if (key == "last") {
                p.last = std::stoi(value);
            }
        } catch (const std::exception&) {
            p.last = -1;
            return p;
        }
    }
    return p;
}

} // namespace

fs::path registerFile(const fs::path& root, const std::string& issuerCode, int year) {
    return root / "registers" / (issuerCode + "." + std::to_string(year) + ".txt");
}

core::Result<int> readRegister(const fs::path& root, const std::string& issuerCode, int year) {
    const fs::path file = registerFile(root, issuerCode, year);
    boost::system::error_code ec;
    if (!fs::exists(file, ec)) {
        return 0;
    }
    auto text = core::readFile(file);
    if (!text) {
        return core::makeError(core::ErrorKind::Io, "A009",
                               "không đọc được sổ đăng ký số quyết định", {file.string()});
    }
    Parsed p = parse(text.value());
    if (p.last < 0 || p.issuer != issuerCode || p.year != year) {
        return core::makeError(core::ErrorKind::Io, "A009",
                               "sổ đăng ký số quyết định bị hỏng (không đọc được số cuối cùng)",
                               {file.string()});
    }
    return p.last;
}

core::Status writeRegister(const fs::path& root, const std::string& issuerCode, int year,
                           int last) {
    const fs::path dir = root / "registers";
    boost::system::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) {
            return core::makeError(core::ErrorKind::CannotCreate, "A009",
                                   "không tạo được thư mục sổ đăng ký số", {dir.string()});
        }
        if (auto st = core::fsyncPath(root); !st) {
            return st;
        }
    }
    std::string text = "issuer: " + issuerCode + "\nyear: " + std::to_string(year) +
                       "\nlast: " + std::to_string(last) + "\n";
    return core::writeFileAtomic(registerFile(root, issuerCode, year), text);
}

std::vector<RegisterEntry> listRegisters(const fs::path& root) {
    std::vector<RegisterEntry> out;
    const fs::path dir = root / "registers";
    boost::system::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return out;
    }
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (name.empty() || name[0] == '.' || p.extension() != ".txt") {
            continue; // temp files of an interrupted atomic write
        }
        RegisterEntry e;
        e.file = "registers/" + name;
        auto text = core::readFile(p);
        Parsed parsed = text ? parse(text.value()) : Parsed{};
        e.issuerCode = parsed.issuer;
        e.year = parsed.year;
        e.last = parsed.last;
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(),
              [](const RegisterEntry& a, const RegisterEntry& b) { return a.file < b.file; });
    return out;
}

std::string goldenBookKey(const std::string& issuerCode, int year, bool yearly) {
    return yearly ? issuerCode + "." + std::to_string(year) : issuerCode;
}

fs::path goldenBookFile(const fs::path& root, const std::string& key) {
    return root / "registers" / "golden-book" / (key + ".txt");
}

core::Result<int> readGoldenBook(const fs::path& root, const std::string& key) {
    const fs::path file = goldenBookFile(root, key);
    boost::system::error_code ec;
    if (!fs::exists(file, ec)) {
        return 0;
    }
    auto text = core::readFile(file);
    Parsed p = text ? parse(text.value()) : Parsed{};
    if (p.last < 0 || p.issuer != key) {
        return core::makeError(core::ErrorKind::Io, "A009",
                               "sổ vàng bị hỏng (không đọc được số cuối cùng)", {file.string()});
    }
    return p.last;
}

core::Status writeGoldenBook(const fs::path& root, const std::string& key, int last) {
    const fs::path dir = root / "registers" / "golden-book";
    boost::system::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec) {
            return core::makeError(core::ErrorKind::CannotCreate, "A009",
                                   "không tạo được thư mục sổ vàng", {dir.string()});
        }
        if (auto st = core::fsyncPath(dir.parent_path()); !st) {
            return st;
        }
        if (auto st = core::fsyncPath(root); !st) {
            return st;
        }
    }
    return core::writeFileAtomic(goldenBookFile(root, key),
                                 "register: " + key + "\nlast: " + std::to_string(last) + "\n");
}

std::vector<RegisterEntry> listGoldenBooks(const fs::path& root) {
    std::vector<RegisterEntry> out;
    const fs::path dir = root / "registers" / "golden-book";
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (name.empty() || name[0] == '.' || p.extension() != ".txt") {
            continue;
        }
        auto text = core::readFile(p);
        Parsed parsed = text ? parse(text.value()) : Parsed{};
        out.push_back({parsed.issuer, 0, parsed.last, "registers/golden-book/" + name});
    }
    std::sort(out.begin(), out.end(),
              [](const RegisterEntry& a, const RegisterEntry& b) { return a.file < b.file; });
    return out;
}

} // namespace tdkt::archive

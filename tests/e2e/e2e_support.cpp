#include "e2e_support.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace e2e {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::string shell(const std::string& command, int* exitCode) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) {
        if (exitCode) {
            *exitCode = -1;
        }
        return out;
    }
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
        out.append(buf.data(), n);
    }
    int status = ::pclose(p);
    if (exitCode) {
        *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    return out;
}

std::string readAll(const tdkt::fs::path& file) {
    std::ifstream in(file.string(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Run runTdkt(const std::vector<std::string>& args) {
    return runProgram(quote(TDKT_BINARY), args);
}

Run runProgram(const std::string& program, const std::vector<std::string>& args) {
    TempDir tmp;
    std::string cmd = "cd " + quote(TDKT_SOURCE_DIR) + " && " + program;
    for (const auto& a : args) {
        cmd += " " + quote(a);
    }
    tdkt::fs::path errFile = tmp.path / "stderr";
    cmd += " 2>" + quote(errFile.string()) + " </dev/null";
    Run r;
    r.out = shell(cmd, &r.exitCode);
    r.err = readAll(errFile);
    return r;
}

TempDir::TempDir() {
    path = tdkt::fs::temp_directory_path() / tdkt::fs::unique_path("tdkt-e2e-%%%%%%%%");
    tdkt::fs::create_directories(path);
}

TempDir::~TempDir() {
    boost::system::error_code ec;
    tdkt::fs::remove_all(path, ec);
}

std::string repo(const std::string& relative) {
    return std::string(TDKT_SOURCE_DIR) + "/" + relative;
}

std::string pdfText(const tdkt::fs::path& pdf) {
    return shell("pdftotext -layout -enc UTF-8 " + quote(pdf.string()) + " - 2>/dev/null");
}

std::string pdfFlowText(const tdkt::fs::path& pdf) {
    std::string raw = shell("pdftotext -enc UTF-8 " + quote(pdf.string()) + " - 2>/dev/null");
    std::string out;
    bool space = false;
    for (char c : raw) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out += ' ';
        }
        space = false;
        out += c;
    }
    return out;
}

std::vector<std::string> pdfBlocks(const tdkt::fs::path& pdf) {
    std::string xhtml =
        shell("pdftotext -bbox-layout -enc UTF-8 " + quote(pdf.string()) + " - 2>/dev/null");
    std::vector<std::string> blocks;
    std::size_t pos = 0;
    while ((pos = xhtml.find("<block", pos)) != std::string::npos) {
        std::size_t end = xhtml.find("</block>", pos);
        if (end == std::string::npos) {
            break;
        }
        std::string block;
        std::size_t w = pos;
        while ((w = xhtml.find("<word", w)) != std::string::npos && w < end) {
            std::size_t open = xhtml.find('>', w) + 1;
            std::size_t close = xhtml.find("</word>", open);
            std::string word = xhtml.substr(open, close - open);
            for (auto [from, to] : {std::pair<const char*, const char*>{"&amp;", "&"},
                                    {"&lt;", "<"},
                                    {"&gt;", ">"},
                                    {"&quot;", "\""}}) {
                std::size_t at;
                while ((at = word.find(from)) != std::string::npos) {
                    word.replace(at, std::strlen(from), to);
                }
            }
            block += (block.empty() ? "" : " ") + word;
            w = close;
        }
        blocks.push_back(block);
        pos = end;
    }
    return blocks;
}

int pdfPages(const tdkt::fs::path& pdf) {
    std::string info = shell("pdfinfo " + quote(pdf.string()) + " 2>/dev/null");
    auto at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

std::vector<tdkt::fs::path> findFiles(const tdkt::fs::path& root, const std::string& name) {
    std::vector<tdkt::fs::path> out;
    boost::system::error_code ec;
    if (!tdkt::fs::exists(root, ec)) {
        return out;
    }
    for (tdkt::fs::recursive_directory_iterator it(root, ec), end; it != end; it.increment(ec)) {
        if (it->path().filename() == name) {
            out.push_back(it->path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

bool hasCombiningMarks(const std::string& s) {
    // U+0300..U+036F is CC 80 .. CD AF in UTF-8.
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        unsigned char a = static_cast<unsigned char>(s[i]);
        unsigned char b = static_cast<unsigned char>(s[i + 1]);
        if ((a == 0xCC && b >= 0x80) || (a == 0xCD && b <= 0xAF)) {
            return true;
        }
    }
    return false;
}

const std::vector<std::string>& exampleDossiers() {
    static const std::vector<std::string> files = {"examples/truong-thcs-nguyen-trai.xml",
                                                   "examples/phuong-cau-giay.xml",
                                                   "examples/so-y-te.xml"};
    return files;
}

std::string filledArchive(const TempDir& tmp) {
    const std::string kho = (tmp.path / "kho").string();
    auto r = issueExamples(kho);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return kho;
}

Run issueExamples(const std::string& archive) {
    std::vector<std::string> args = {"issue", "--archive", archive};
    args.insert(args.end(), exampleDossiers().begin(), exampleDossiers().end());
    return runTdkt(args);
}

} // namespace e2e

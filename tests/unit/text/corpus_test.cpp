// The ≥200-case corpus of tests/data/normalize/corpus.tsv: expected values from glibc iconv,
// Python's unicodedata, the VNI code list and RFC 1456 (see tests/data/normalize/README.md).
#include "pipeline/text/normalize.hpp"
#include "pipeline/text/search_key.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace tdkt;

namespace {

void appendUtf8(std::string& out, unsigned c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// "\uXXXX" is that (BMP) code point, "\\" a backslash.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 5 < s.size() && s[i + 1] == 'u') {
            appendUtf8(out, static_cast<unsigned>(std::stoul(s.substr(i + 2, 4), nullptr, 16)));
            i += 5;
        } else if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\\') {
            out += '\\';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

struct Case {
    std::string source, style, input, expected;
    int line = 0;
};

std::vector<Case> readCorpus() {
    std::ifstream in(std::string(TDKT_TEST_DATA) + "/normalize/corpus.tsv");
    std::vector<Case> cases;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, '\t');) {
            cells.push_back(cell);
        }
        REQUIRE(cells.size() == 4);
        cases.push_back({cells[0], cells[1], unescape(cells[2]), unescape(cells[3]), number});
    }
    return cases;
}

} // namespace

TEST_CASE("corpus: every case normalises to its independently derived value") {
    const std::vector<Case> cases = readCorpus();
    REQUIRE(cases.size() >= 200);
    std::map<std::string, int> perSource;
    for (const Case& c : cases) {
        INFO("corpus.tsv:" << c.line << " [" << c.source << "] " << c.input);
        text::Options options;
        REQUIRE((c.style == "classic" || c.style == "new"));
        options.toneStyle = c.style == "new" ? text::ToneStyle::New : text::ToneStyle::Classic;
        text::Change change;
        const std::string out = text::normalize(c.input, options, &change);
        CHECK(out == c.expected);
        CHECK(change.changed == (c.input != c.expected));
        // Idempotent, and the search key agrees with the expected spelling's.
        CHECK(text::normalize(out, options) == out);
        // The same through the full pipeline (a zero-width space defeats the fast path).
        CHECK(text::normalize("\u200B" + c.input, options) == c.expected);
        CHECK(text::searchKey(c.input) == text::searchKey(c.expected));
        ++perSource[c.source];
    }
    // Each independent source contributes a real share of the corpus.
    for (const char* source :
         {"iconv TCVN5712-1 → Latin-1", "iconv CP1258 → CP1252", "VNI-Windows code list",
          "RFC 1456 VIQR", "Python unicodedata NFD", "issue #3 tone rules", "issue #3 unchanged"}) {
        INFO(source);
        CHECK(perSource[source] >= 20);
    }
}

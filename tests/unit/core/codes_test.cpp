// The registry of diagnostic codes (pipeline/core/codes.hpp) against the sources: every code
// the program reports is registered, and every registered code is reported somewhere.
#include "pipeline/core/codes.hpp"
#include "pipeline/core/fs.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace tdkt;

namespace {

bool isUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// "V012": one capital letter, three digits.
bool isCode(std::string_view s) {
    return s.size() == 4 && isUpper(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]);
}

struct Literal {
    int line = 0;
    std::string text; // as written between the quotes (escapes not decoded)
};

// The string literals of a C++ source file, in order; comments, character literals and digit
// separators (1'000) are skipped, raw strings (R"x(…)x") are read whole. Good enough for the
// project's own sources, not a full C++ lexer (no trigraphs, no macros).
std::vector<Literal> stringLiterals(const std::string& src) {
    std::vector<Literal> out;
    const std::size_t n = src.size();
    int line = 1;
    auto countLines = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to && k < n; ++k) {
            line += src[k] == '\n';
        }
    };
    std::size_t i = 0;
    while (i < n) {
        const char c = src[i];
        const char next = i + 1 < n ? src[i + 1] : '\0';
        if (c == '\n') {
            ++line;
            ++i;
        } else if (c == '/' && next == '/') {
            // To the end of the line; a backslash-newline continues the comment.
            std::size_t j = i + 2;
            while (j < n && !(src[j] == '\n' && src[j - 1] != '\\')) {
                ++j;
            }
            countLines(i, j);
            i = j;
        } else if (c == '/' && next == '*') {
            std::size_t end = src.find("*/", i + 2);
            end = end == std::string::npos ? n : end + 2;
            countLines(i, end);
            i = end;
        } else if (c == '"' || c == '\'') {
            // The identifier-like run just before the quote: an encoding prefix (u8, L, R, …),
            // or the digits of a number when the quote is a digit separator.
            std::size_t start = i;
            while (start > 0 && isWordChar(src[start - 1])) {
                --start;
            }
            const std::string prefix = src.substr(start, i - start);
            if (c == '\'' && !prefix.empty() && isDigit(prefix[0])) {
                ++i; // 1'000'000
                continue;
            }
            const bool raw = c == '"' && (prefix == "R" || prefix == "LR" || prefix == "uR" ||
                                          prefix == "UR" || prefix == "u8R");
            if (raw) {
                const std::size_t open = src.find('(', i + 1);
                if (open == std::string::npos) {
                    break;
                }
                const std::string close = ")" + src.substr(i + 1, open - i - 1) + "\"";
                std::size_t end = src.find(close, open + 1);
                end = end == std::string::npos ? n : end;
                out.push_back({line, src.substr(open + 1, end - open - 1)});
                countLines(i, end);
                i = end == n ? n : end + close.size();
                continue;
            }
            // An ordinary string or character literal: to the closing quote, escapes skipped.
            std::size_t j = i + 1;
            while (j < n && src[j] != c && src[j] != '\n') {
                j += src[j] == '\\' ? 2 : 1;
            }
            if (c == '"') {
                out.push_back({line, src.substr(i + 1, std::min(j, n) - i - 1)});
            }
            countLines(i, j);
            i = j < n && src[j] == c ? j + 1 : j; // an unterminated one ends at the newline
        } else {
            ++i;
        }
    }
    return out;
}

// A code found in a string literal. A use is a literal that is the code ("V012") or a code
// in brackets inside a literal ("lỗi [A018] …"), the two ways the program reports one; a
// mention is a code elsewhere in a literal's text ("các cảnh báo K020, M020"), which names a
// code without reporting it.
struct CodeSite {
    std::string code;
    std::string where; // file:line
    bool use = false;
};

std::vector<CodeSite> codesIn(const Literal& literal, const std::string& file) {
    std::vector<CodeSite> out;
    const std::string where = file + ":" + std::to_string(literal.line);
    const std::string& s = literal.text;
    if (isCode(s)) {
        out.push_back({s, where, true});
        return out;
    }
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
        if (!isCode(std::string_view(s).substr(i, 4))) {
            continue;
        }
        // Word boundaries; an escape such as "\n" before the code is a boundary too.
        const bool afterEscape = i >= 2 && s[i - 2] == '\\';
        if ((i > 0 && isWordChar(s[i - 1]) && !afterEscape) ||
            (i + 4 < s.size() && isWordChar(s[i + 4]))) {
            continue;
        }
        const bool bracketed = i > 0 && s[i - 1] == '[' && i + 4 < s.size() && s[i + 4] == ']';
        out.push_back({s.substr(i, 4), where, bracketed});
    }
    return out;
}

// Every code in the string literals of the .cpp and .hpp files under pipeline/ and archive/,
// except the registry itself.
std::vector<CodeSite> codesInSources() {
    const fs::path root = TDKT_SOURCE_DIR;
    std::vector<fs::path> files;
    for (const char* dir : {"pipeline", "archive"}) {
        for (fs::recursive_directory_iterator it(root / dir), end; it != end; ++it) {
            const fs::path& p = it->path();
            if (fs::is_regular_file(p) && (p.extension() == ".cpp" || p.extension() == ".hpp")) {
                files.push_back(p);
            }
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<CodeSite> out;
    for (const fs::path& p : files) {
        const std::string rel = p.generic_string().substr(root.generic_string().size() + 1);
        if (rel == "pipeline/core/codes.cpp") {
            continue;
        }
        std::ifstream in(p.string(), std::ios::binary);
        REQUIRE(in);
        const std::string src{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        for (const Literal& literal : stringLiterals(src)) {
            for (CodeSite& site : codesIn(literal, rel)) {
                out.push_back(std::move(site));
            }
        }
    }
    return out;
}

// The codes of the rules file (config/rules.xml): rule@code and rule@severity, in file order.
std::vector<std::pair<std::string, std::string>> codesInRulesFile() {
    std::ifstream in((fs::path(TDKT_SOURCE_DIR) / "config" / "rules.xml").string(),
                     std::ios::binary);
    REQUIRE(in);
    const std::string xml{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = xml.find("<rule code=\""); i != std::string::npos;
         i = xml.find("<rule code=\"", i + 1)) {
        const std::size_t code = i + 12;
        const std::size_t sev = xml.find("severity=\"", code);
        REQUIRE(sev != std::string::npos);
        out.emplace_back(xml.substr(code, 4),
                         xml.substr(sev + 10, xml.find('"', sev + 10) - (sev + 10)));
    }
    return out;
}

} // namespace

TEST_CASE("every rule of config/rules.xml is registered with its shipped severity") {
    const auto rules = codesInRulesFile();
    REQUIRE(rules.size() > 20);
    for (const auto& [code, severity] : rules) {
        INFO("rule " << code);
        const core::CodeInfo* info = core::findCode(code);
        REQUIRE(info != nullptr);
        CHECK(info->stage == "rules");
        CHECK(core::severityId(info->severity) == severity);
    }
}

TEST_CASE("the code registry holds each code once, well formed and sorted") {
    const auto& registry = core::codeRegistry();
    REQUIRE(!registry.empty());
    std::set<std::string_view> seen;
    std::map<char, std::string_view> stageOfLetter;
    for (std::size_t i = 0; i < registry.size(); ++i) {
        const core::CodeInfo& c = registry[i];
        INFO("code «" << c.code << "»");
        CHECK(isCode(c.code));
        CHECK(seen.insert(c.code).second);
        if (i > 0) {
            CHECK(registry[i - 1].code < c.code);
        }
        CHECK(!c.stage.empty());
        CHECK(!c.meaning.empty());
        // One stage per letter: the letter is the stage.
        if (!c.code.empty()) {
            auto [it, fresh] = stageOfLetter.emplace(c.code[0], c.stage);
            CHECK((fresh || it->second == c.stage));
        }
        const core::CodeInfo* found = core::findCode(c.code);
        REQUIRE(found != nullptr);
        CHECK(found->code == c.code);
    }
    CHECK(core::findCode("Z999") == nullptr);
    CHECK(core::findCode("") == nullptr);
    CHECK(core::findCode("V011") == nullptr); // retired
    CHECK(core::findCode("V006") == nullptr); // retired for L005 of config/rules.xml
    CHECK(core::findCode("L005")->severity == core::Severity::Error);
    CHECK(core::findCode("L020")->severity == core::Severity::Warning);
    CHECK(core::findCode("N001")->severity == core::Severity::Note);
}

TEST_CASE("the code scanner reads string literals and skips comments") {
    const std::string src =
        "// \"V901\" in a comment\n"
        "/* \"V902\"\n [V903] */ int n = 1'000'000; char q = '\"';\n"
        "auto a = \"V904\"; auto b = \"lỗi [V905] x\";\n"
        "auto c = R\"x(\"V906\" )\" [V907])x\"; auto d = \"cảnh báo V908, V9090\";\n"
        "auto e = \"\\\"V909\\\" W9100 \\nV910\"; // \"V911\"\n";
    std::vector<CodeSite> sites;
    for (const Literal& literal : stringLiterals(src)) {
        for (CodeSite& site : codesIn(literal, "f.cpp")) {
            sites.push_back(std::move(site));
        }
    }
    std::vector<std::string> seen;
    for (const auto& s : sites) {
        seen.push_back(s.code + (s.use ? " use " : " mention ") + s.where);
    }
    CHECK(seen == std::vector<std::string>{"V904 use f.cpp:4", "V905 use f.cpp:4",
                                           "V906 mention f.cpp:5", "V907 use f.cpp:5",
                                           "V908 mention f.cpp:5", "V909 mention f.cpp:6",
                                           "V910 mention f.cpp:6"});
}

TEST_CASE("every code in the sources is registered") {
    std::ostringstream unregistered;
    int count = 0;
    for (const CodeSite& site : codesInSources()) {
        if (!core::findCode(site.code)) {
            unregistered << "  " << site.code << (site.use ? "" : " (mentioned)") << " at "
                         << site.where << '\n';
            ++count;
        }
    }
    INFO("codes used in pipeline/ or archive/ but missing from pipeline/core/codes.cpp:\n"
         << unregistered.str());
    CHECK(count == 0);
}

TEST_CASE("every registered code is used in the sources") {
    std::set<std::string> used;
    for (const CodeSite& site : codesInSources()) {
        if (site.use) {
            used.insert(site.code);
        }
    }
    for (const auto& rule : codesInRulesFile()) {
        used.insert(rule.first);
    }
    REQUIRE(!used.empty());
    std::ostringstream unused;
    int count = 0;
    for (const core::CodeInfo& c : core::codeRegistry()) {
        if (used.count(std::string(c.code)) == 0) {
            unused << "  " << c.code << " (" << c.meaning << ")\n";
            ++count;
        }
    }
    INFO("codes in pipeline/core/codes.cpp that no source file in pipeline/ or archive/ "
         "reports (a retired code leaves the registry):\n"
         << unused.str());
    CHECK(count == 0);
}

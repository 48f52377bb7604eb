// searchKey's table fold must give exactly what the ICU fold gives, on every input: the corpus,
// the examples' text, every code point below U+2000 alone and inside words, and random mixes.
#include "pipeline/text/normalize.hpp"
#include "pipeline/text/search_fold.hpp"
#include "pipeline/text/search_key.hpp"

#include <catch2/catch.hpp>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace tdkt;
using text::normalize;
using text::searchKey;
using text::detail::searchKeyFast;
using text::detail::searchKeyIcu;

namespace {

std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

std::string hexOf(const std::string& s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
        out += ' ';
    }
    return out;
}

// searchKey as it was before the table: normalize, then the ICU fold.
std::string reference(const std::string& text) {
    return searchKeyIcu(normalize(text));
}

// Both the public function and the table on its own (on text not normalised first, too).
void checkSame(const std::string& text) {
    INFO("input bytes: " << hexOf(text));
    REQUIRE(searchKey(text) == reference(text));
    std::string fast;
    if (searchKeyFast(text, fast)) {
        REQUIRE(fast == searchKeyIcu(text));
    }
}

std::vector<std::string> linesOf(const std::string& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// Every text node of the example dossiers (names, units, positions, achievements).
std::vector<std::string> exampleTexts() {
    const std::string dir = std::string(TDKT_SOURCE_DIR) + "/examples";
    std::vector<std::string> texts;
    DIR* d = opendir(dir.c_str());
    REQUIRE(d != nullptr);
    while (const dirent* e = readdir(d)) {
        const std::string name = e->d_name;
        if (name.size() < 4 || name.substr(name.size() - 4) != ".xml") {
            continue;
        }
        std::ifstream in(dir + "/" + name);
        std::stringstream buffer;
        buffer << in.rdbuf();
        const std::string xml = buffer.str();
        for (std::size_t gt = xml.find('>'); gt != std::string::npos; gt = xml.find('>', gt + 1)) {
            const std::size_t lt = xml.find('<', gt);
            if (lt != std::string::npos && lt > gt + 1) {
                texts.push_back(xml.substr(gt + 1, lt - gt - 1));
            }
        }
    }
    closedir(d);
    return texts;
}

} // namespace

TEST_CASE("search fold: the table covers Vietnamese and folds it like ICU") {
    std::string key;
    REQUIRE(searchKeyFast("Nguyễn Thị Đào", key));
    CHECK(key == "nguyen thi dao");
    REQUIRE(searchKeyFast("ĐẶNG “Hữu” Ước", key));
    CHECK(key == "dang \"huu\" uoc");
    // Every precomposed Latin letter and every Vietnamese letter has an entry.
    for (char32_t c = 0xC0; c <= 0x24F; ++c) {
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        CHECK(searchKeyFast(utf8(c), key));
    }
    for (char32_t c = 0x1EA0; c <= 0x1EF9; ++c) {
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        CHECK(searchKeyFast(utf8(c), key));
        CHECK(key.size() == 1); // ạ…ỹ fold to one ASCII letter
    }
    // The rest goes to ICU.
    CHECK_FALSE(searchKeyFast("Nguye\xCC\x82\xCC\x83n", key)); // combining marks (NFD)
    CHECK_FALSE(searchKeyFast("Ελένη", key));
    CHECK_FALSE(searchKeyFast("\xF0\x9F\x98\x80", key));
}

TEST_CASE("search fold: equals the ICU fold on the normalisation corpus and the examples") {
    int checked = 0;
    for (const std::string& line : linesOf(std::string(TDKT_TEST_DATA) + "/normalize/corpus.tsv")) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, '\t');) {
            checkSame(cell);
            ++checked;
        }
    }
    for (const std::string& line :
         linesOf(std::string(TDKT_TEST_DATA) + "/normalize/names-sorted.txt")) {
        checkSame(line);
        ++checked;
    }
    for (const std::string& text : exampleTexts()) {
        checkSame(text);
        ++checked;
    }
    CHECK(checked > 1000);
}

TEST_CASE("search fold: equals the ICU fold for every code point below U+2000 and the quotes") {
    std::vector<char32_t> points;
    for (char32_t c = 0; c < 0x2000; ++c) {
        points.push_back(c);
    }
    for (char32_t c = 0x2000; c < 0x2070; ++c) {
        points.push_back(c);
    }
    for (char32_t c : points) {
        const std::string s = utf8(c);
        checkSame(s);
        checkSame("Nguy" + s + "n Thị " + s);
        checkSame(s + "ào Đ" + s + " " + s + s);
        checkSame("  " + s + "  x");
        checkSame("ơ" + s + "\xCC\x81"); // followed by a combining acute
    }
}

TEST_CASE("search fold: equals the ICU fold on random mixes (fixed seed)") {
    // A pool weighted towards what archives hold, with what breaks folds mixed in: combining
    // marks, legacy-encoding bytes read as cp1252, other scripts, supplementary characters,
    // ill-formed bytes.
    std::vector<std::string> pool;
    for (char c = 'A'; c <= 'Z'; ++c) {
        pool.push_back(std::string(1, c));
        pool.push_back(std::string(1, static_cast<char>(c - 'A' + 'a')));
    }
    for (const char* piece : {" ", " ", " ", "  ", "-", ".", "'", "\"", "\t", "\n"}) {
        pool.push_back(piece);
    }
    for (char32_t c = 0x1EA0; c <= 0x1EF9; ++c) {
        pool.push_back(utf8(c));
    }
    for (char32_t c :
         {0xC0,   0xC1,   0xC2,   0xC3,   0xC8,   0xC9,    0xCA,    0xCC,   0xCD,   0xD2,   0xD3,
          0xD4,   0xD5,   0xD9,   0xDA,   0xDD,   0xE0,    0xE1,    0xE2,   0xE3,   0xE8,   0xE9,
          0xEA,   0xEC,   0xED,   0xF2,   0xF3,   0xF4,    0xF5,    0xF9,   0xFA,   0xFD,   0x102,
          0x103,  0x110,  0x111,  0x128,  0x129,  0x168,   0x169,   0x1A0,  0x1A1,  0x1AF,  0x1B0,
          0xD0,   0xDF,   0x130,  0x131,  0x149,  0x1C4,   0x1C5,   0x23A,  0x300,  0x301,  0x303,
          0x309,  0x323,  0x302,  0x306,  0x31B,  0x34F,   0x200B,  0x00AD, 0x2018, 0x2019, 0x201C,
          0x201D, 0x00AB, 0x00BB, 0x00A0, 0x3000, 0xFF21,  0x3B1,   0x3A3,  0x3C2,  0x430,  0x1100,
          0x1161, 0x11A8, 0xAC00, 0x4E2D, 0xFFFD, 0x1F600, 0x1D400, 0x2126, 0x212B, 0x1E9E}) {
        pool.push_back(utf8(c));
    }
    for (const char* bytes : {"\xA8", "\xC3", "\xFF", "\xE1\xBA", "\xC0\x80", "\xED\xA0\x80"}) {
        pool.push_back(bytes);
    }
    std::mt19937 rng(20260101);
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const int length = 1 + static_cast<int>(rng() % 16);
        for (int k = 0; k < length; ++k) {
            // Mostly one arbitrary code point below U+2100 in eight picks, else the pool.
            if (rng() % 8 == 0) {
                s += utf8(static_cast<char32_t>(rng() % 0x2100));
            } else {
                s += pool[rng() % pool.size()];
            }
        }
        checkSame(s);
    }
}

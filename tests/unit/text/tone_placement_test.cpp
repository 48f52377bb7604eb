// Step 5: tone placement for "oa", "oe", "uy" in open syllables, via the syllable parser.
#include "pipeline/text/normalize.hpp"
#include "pipeline/text/search_key.hpp"

#include <catch2/catch.hpp>

using tdkt::text::Change;
using tdkt::text::normalize;
using tdkt::text::Options;
using tdkt::text::searchKey;
using tdkt::text::ToneStyle;

namespace {

std::string newStyle(std::string_view s, Change* change = nullptr) {
    Options o;
    o.toneStyle = ToneStyle::New;
    return normalize(s, o, change);
}

} // namespace

TEST_CASE("classic style puts the tone on the first vowel of oa, oe, uy") {
    Change change;
    CHECK(normalize("Nguyễn Thị Hoà", &change) == "Nguyễn Thị Hòa");
    CHECK(change.reason == "sửa vị trí dấu thanh");
    CHECK(normalize("khoẻ") == "khỏe");
    CHECK(normalize("thuỷ") == "thủy");
    CHECK(normalize("Uỷ ban nhân dân") == "Ủy ban nhân dân");
    CHECK(normalize("Luật Thuỷ lợi") == "Luật Thủy lợi");
    CHECK(normalize("hoạ sĩ") == "họa sĩ");
    CHECK(normalize("Hoà-Bình") == "Hòa-Bình");
    CHECK(normalize("(hoà)") == "(hòa)");
}

TEST_CASE("new style puts the tone on the second vowel") {
    Change change;
    CHECK(newStyle("hòa", &change) == "hoà");
    CHECK(change.reason == "sửa vị trí dấu thanh");
    CHECK(newStyle("khỏe") == "khoẻ");
    CHECK(newStyle("thủy") == "thuỷ");
    CHECK(newStyle("Ủy ban") == "Uỷ ban");
    CHECK(newStyle("hoà khoẻ thuỷ") == "hoà khoẻ thuỷ");
}

TEST_CASE("letter case is kept letter by letter") {
    CHECK(normalize("UỶ BAN") == "ỦY BAN");
    CHECK(normalize("CỘNG HOÀ") == "CỘNG HÒA");
    CHECK(normalize("HOà") == "HÒa"); // each letter keeps its own case
    CHECK(newStyle("ỦY BAN") == "UỶ BAN");
    CHECK(newStyle("Thủy") == "Thuỷ");
}

TEST_CASE("the exceptions never move, in either style") {
    for (const char* word :
         {"quý",   "quả",   "quỳnh", "gìn",  "giữ",    "hoàng", "toàn",  "ngoài",
          "khuỷu", "thuở",  "khuya", "uyên", "Nguyễn", "Huệ",   "hoạch", "khoán",
          "huỳnh", "tuyết", "quyết", "giữa", "Quý",    "QUÝ",   "NGOÀI", "xoong"}) {
        CAPTURE(word);
        CHECK(normalize(word) == word);
        CHECK(newStyle(word) == word);
    }
}

TEST_CASE("words that are not Vietnamese syllables are never touched") {
    for (const char* word : {"Hoàz", "hoàf", "whoà", "oàa", "Zoë", "hoà字", "ﬁhoà", "hoàü"}) {
        CAPTURE(word);
        CHECK(normalize(word) == word);
    }
    // Two tones in one word, or a tone where Vietnamese cannot put it: not a syllable.
    CHECK(normalize("hòà") == "hòà");
}

TEST_CASE("unaccented text never gains a mark") {
    for (const char* text : {"hoa", "thuy", "Hoa Thuy", "khoe", "uy ban", "Nguyen Van Hoa"}) {
        CAPTURE(text);
        CHECK(normalize(text) == text);
        CHECK(newStyle(text) == text);
    }
}

TEST_CASE("both tone styles give one search key") {
    CHECK(searchKey("Hoà") == searchKey("Hòa"));
    CHECK(searchKey(newStyle("Ủy ban")) == searchKey("Ủy ban"));
}

// The comparison key behind the duplicate rules, and the visible-text helpers.
#include "pipeline/text/name_key.hpp"

#include <catch2/catch.hpp>

using tdkt::text::hasVisibleText;
using tdkt::text::nameKey;
using tdkt::text::visibleLength;

TEST_CASE("nameKey: one person, many spellings", "[namekey]") {
    const std::string nfc = "Nguyễn Thị Hòa";
    CHECK(nameKey(nfc) == nameKey("Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Ho\xCC\x80"
                                  "a"));                          // NFD
    CHECK(nameKey(nfc) == nameKey("Nguyễn Thị Hoà"));             // tone on the last vowel
    CHECK(nameKey(nfc) == nameKey("NGUYỄN THỊ HÒA"));             // case
    CHECK(nameKey(nfc) == nameKey("  Nguyễn   Thị\tHòa "));       // spaces
    CHECK(nameKey(nfc) == nameKey("Nguyễn\xC2\xA0Thị Hòa"));      // no-break space
    CHECK(nameKey(nfc) == nameKey("Nguyễn Thị\xE2\x80\x8B Hòa")); // zero-width space
    CHECK(nameKey(nfc) == nameKey("\xEF\xBB\xBFNguyễn Thị Hòa")); // BOM
    CHECK(nameKey("Đặng Thu Thủy") == nameKey("Đặng Thu Thuỷ"));
    CHECK(nameKey("Thúy Nga") == nameKey("Thuý Nga"));
    CHECK(nameKey("Khỏe") == nameKey("Khoẻ"));
}

TEST_CASE("nameKey keeps what tells names apart", "[namekey]") {
    CHECK(nameKey("Nguyễn Văn An") != nameKey("Nguyễn Văn Ân"));
    CHECK(nameKey("Đào") != nameKey("Dao"));
    CHECK(nameKey("Đào") != nameKey("Đảo"));
    CHECK(nameKey("Lê Văn Hưng") != nameKey("Lê Văn Hùng"));
    // Tones stay with their own syllable.
    CHECK(nameKey("Hòa Bình") != nameKey("Hoa Bình"));
    CHECK(nameKey("Hoà Binh") != nameKey("Hoa Bình"));
    CHECK(nameKey("Ngọc Anh") != nameKey("NgocAnh"));
}

TEST_CASE("visible text", "[namekey]") {
    CHECK(hasVisibleText("a"));
    CHECK(hasVisibleText(" \xE2\x80\x8B x"));
    CHECK_FALSE(hasVisibleText(""));
    CHECK_FALSE(hasVisibleText("   \t\n"));
    CHECK_FALSE(hasVisibleText("\xE2\x80\x8B\xE2\x80\x8B"));
    CHECK_FALSE(hasVisibleText("\xC2\xA0\xEF\xBB\xBF"));

    CHECK(visibleLength("Đào") == 3);
    CHECK(visibleLength("Da\xCC\x80o") == 3); // NFD counts as printed
    CHECK(visibleLength("  a   b  ") == 3);
    CHECK(visibleLength("a\xE2\x80\x8B"
                        "b") == 2);
    CHECK(visibleLength("") == 0);
}

#include "pipeline/text/normalize.hpp"
#include "pipeline/text/search_key.hpp"
#include "tests/unit/text/normalize_outcome.hpp"

#include <catch2/catch.hpp>

using normalizetest::Outcome;
using normalizetest::run;
using tdkt::text::Change;
using tdkt::text::normalize;
using tdkt::text::searchKey;

namespace {

const char* const kInvisibleReason = "bỏ ký tự ẩn";
const char* const kFullwidthReason = "đổi ký tự toàn khổ (full-width) về ASCII";
const char* const kSpaceReason = "bỏ khoảng trắng thừa";
const char* const kMarkOrderReason = "sửa thứ tự gõ dấu (dấu thanh gõ trước dấu mũ/dấu trăng)";
const char* const kNfcReason = "chuẩn hóa Unicode NFC";
const char* const kEthReason = "đổi chữ Ð (eth) thành Đ";

} // namespace

TEST_CASE("clean text comes back unchanged with no change recorded") {
    for (const char* clean : {"", "Nguyen Van An", "Trường THCS Nguyễn Trãi", "15/TTr-THCSNT",
                              "Diện tích 25 m², ½ suất, “Sao Đỏ” ‘x’", "Chiến sĩ thi đua cơ sở"}) {
        CAPTURE(clean);
        const Outcome o = run(clean);
        CHECK(o.text == clean);
        CHECK_FALSE(o.change.changed);
        CHECK(o.change.reason.empty());
    }
}

TEST_CASE("a Change passed in is reset") {
    Change change{true, "cũ"};
    CHECK(normalize("An", &change) == "An");
    CHECK_FALSE(change.changed);
    CHECK(change.reason.empty());
    CHECK(normalize("  An") == "An"); // no Change wanted
}

TEST_CASE("NFD input is composed to NFC") {
    // "Nguyễn Thị Đào" typed with combining marks.
    const Outcome o = run("Nguye\u0302\u0303n Thi\u0323 \u0110a\u0300o");
    CHECK(o.text == "Nguyễn Thị Đào");
    CHECK(o.change.changed);
    CHECK(o.change.reason == kNfcReason);
}

TEST_CASE("a tone typed before the circumflex or breve is moved after it, then composed") {
    // e + sắc + circumflex: NFC alone leaves "é" + U+0302.
    CHECK(normalize("e\u0301\u0302") == "ế");
    CHECK(normalize("Vie\u0323\u0302t") == "Việt"); // dot below sorts first canonically anyway
    CHECK(normalize("Nguye\u0303\u0302n") == "Nguyễn");
    CHECK(normalize("a\u0300\u0306") == "ằ");
    CHECK(normalize("A\u0309\u0306") == "Ẳ");
    CHECK(normalize("O\u0303\u0302") == "Ỗ");
    CHECK(normalize("a\u0302\u0323") == "ậ");
    CHECK(normalize("a\u0323\u0302") == "ậ");
    CHECK(normalize("o\u0301\u031B") == "ớ"); // horn: canonical ordering already fixes it

    const Outcome precomposed = run("\u00E9\u0302"); // "é" + circumflex is NFC, still wrong
    CHECK(precomposed.text == "ế");
    CHECK(precomposed.change.reason == std::string(kMarkOrderReason) + "; " + kNfcReason);

    // Letters that take no circumflex in Vietnamese are left in the order typed.
    CHECK(normalize("u\u0301\u0302") == "\u00FA\u0302");
}

TEST_CASE("invisible characters are removed") {
    const Outcome o = run("\xEF\xBB\xBFNguyễn\u200B Văn\u00AD An\u2060\u200C\u200D\u200E\u202E\a");
    CHECK(o.text == "Nguyễn Văn An");
    CHECK(o.change.reason == kInvisibleReason);
    // Removing an invisible character between two spaces leaves one space.
    CHECK(normalize("Lê \u200B Văn") == "Lê Văn");
    // Arabic number sign (a prepended concatenation mark) is drawn: not invisible.
    CHECK(normalize("\u0600\u0661") == "\u0600\u0661");
}

TEST_CASE("fullwidth ASCII is folded, other compatibility characters stay") {
    const Outcome o = run("Số ０５／ＱĐ－ＵＢＮＤ");
    CHECK(o.text == "Số 05/QĐ-UBND");
    CHECK(o.change.reason == kFullwidthReason);
    for (const char* kept : {"m²", "½", "µm", "ﬁ", "Ⅳ", "“trích dẫn” ‘x’ «y»", "x⁄y"}) {
        CAPTURE(kept);
        CHECK(normalize(kept) == kept);
    }
}

TEST_CASE("whitespace is collapsed to single spaces and trimmed") {
    const Outcome o = run("  Nguyễn\tVăn\r\n\u00A0 An \u3000");
    CHECK(o.text == "Nguyễn Văn An");
    CHECK(o.change.reason == kSpaceReason);
    CHECK(normalize("Lê  Văn") == "Lê Văn");
    CHECK(normalize("Lê\u2009Văn\u202FAn") == "Lê Văn An");
    CHECK(normalize(" ") == "");
    CHECK(normalize("\t\n") == "");
}

TEST_CASE("Icelandic eth becomes Đ in Vietnamese text only") {
    const Outcome o = run("\u00D0ÀO THỊ HOA");
    CHECK(o.text == "ĐÀO THỊ HOA");
    CHECK(o.change.reason == kEthReason);
    CHECK(normalize("\u00D0ặng Văn \u00D0ức") == "Đặng Văn Đức");
    // Þ is no Vietnamese letter, so this Ð is a real eth.
    CHECK(normalize("GU\u00D0RÚN \u00DEÓR") == "GU\u00D0RÚN \u00DEÓR");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD instead of crashing") {
    const Outcome o = run("ab\xFF"
                          "c");
    CHECK(o.text == "ab\uFFFDc");
    CHECK(o.change.changed);
    CHECK(o.change.reason.find("U+FFFD") != std::string::npos);
    CHECK(normalize("Nguy\xE1\xBB") == "Nguy\uFFFD");           // truncated "ễ"
    CHECK(normalize("\xED\xA0\x80x") == "\uFFFD\uFFFD\uFFFDx"); // an encoded surrogate
    CHECK(normalize("\xC0\xAF") == "\uFFFD\uFFFD");             // overlong "/"
}

TEST_CASE("every step together, reasons in step order") {
    const Outcome o = run("\xEF\xBB\xBF  Nguye\u0302\u0303n\tＶa\u0306n\u200B   \u00D0a\u0300o ");
    CHECK(o.text == "Nguyễn Văn Đào");
    CHECK(o.change.reason == std::string(kInvisibleReason) + "; " + kFullwidthReason + "; " +
                                 kSpaceReason + "; " + kNfcReason + "; " + kEthReason);
}

TEST_CASE("normalize is idempotent") {
    for (const char* input : {"  Nguye\u0302\u0303n\t\u200BVăn ", "e\u0301\u0302 ０", "ab\xFF",
                              "\u00D0a\u0300o", "m² ½"}) {
        CAPTURE(input);
        const std::string once = normalize(input);
        Change again;
        CHECK(normalize(once, &again) == once);
        CHECK_FALSE(again.changed);
    }
}

TEST_CASE("search keys drop marks, map đ to d and lower-case") {
    CHECK(searchKey("Nguyễn Thị Đào") == "nguyen thi dao");
    CHECK(searchKey("ĐỖ ĐỨC ĐẠT") == "do duc dat");
    CHECK(searchKey("  Lê\tVăn   Tám ") == "le van tam");
    CHECK(searchKey("ABC xyz") == "abc xyz");
    CHECK(searchKey("Ưu tú, “Sao Đỏ” ‘mới’!") == "uu tu, \"sao do\" 'moi'!");
    CHECK(searchKey("05/QĐ-UBND") == "05/qd-ubnd");
    CHECK(searchKey("İstanbul") == "istanbul"); // full Unicode lower-casing (i + U+0307)
}

TEST_CASE("search keys agree across NFC/NFD input and tone placements") {
    CHECK(searchKey("Nguye\u0302\u0303n Thi\u0323 \u0110a\u0300o") == searchKey("Nguyễn Thị Đào"));
    CHECK(searchKey("Hoà") == searchKey("Hòa"));
    CHECK(searchKey("Hoà") == "hoa");
    CHECK(searchKey("thuỷ") == searchKey("thủy"));
    CHECK(searchKey("e\u0301\u0302") == "e");
    CHECK(searchKey("Ｎguyễn") == "nguyen");
    CHECK(searchKey("한국") == "한국"); // marks-free scripts come back recomposed
}

TEST_CASE("mixed-up input never crashes and normalizes in one pass") {
    // Deterministic pseudo-random strings built from the pieces the steps care about.
    const char* const pieces[] = {
        "a", "e", "o", "u", " ", "  ", "\t", "\n", "\u0301", "\u0302", "\u0306", "\u0323", "\u031B",
        "\u0300", "\u200B", "\u00AD", "\uFEFF", "\u00A0", "Ｑ", "\u00D0", "\u00DE", "ễ", "Đ",
        "\xFF", "\xE1", "\xBA", "\xC3", "m²", "“", "\u3000",
        // Legacy encodings: TCVN3, VNI, cp1258 bytes, VIQR marks.
        "Ô", "¨", "·", "µ", "é", "ã", "Þ", "ò", "^", "~", "`", "(", "'", ".", "?", "dd", "n", "g",
        "h", "y", "Nguye^~n", "NguyÔn", "Vaên", "hoà", "uỷ", "q", "i"};
    const std::size_t count = sizeof pieces / sizeof pieces[0];
    unsigned state = 12345;
    auto next = [&state] {
        state = state * 1103515245u + 12345u;
        return (state >> 16) & 0x7FFF;
    };
    for (int round = 0; round < 30000; ++round) {
        std::string input;
        for (unsigned n = next() % 12; n > 0; --n) {
            input += pieces[next() % count];
        }
        CAPTURE(input);
        const std::string once = normalize(input);
        Change again;
        REQUIRE(normalize(once, &again) == once);
        REQUIRE_FALSE(again.changed);
        CHECK(searchKey(once) == searchKey(input));
        // The fast path agrees with the full pipeline: a leading zero-width space forces every
        // step to run and is then removed.
        CHECK(normalize("\u200B" + once) == once);
    }
}

TEST_CASE("toNfc composes and changes nothing else") {
    CHECK(tdkt::text::toNfc("Nguye\u0302\u0303n  Thi\u0323\u200B") == "Nguyễn  Thị\u200B");
    CHECK(tdkt::text::toNfc("Hoà") == "Hoà"); // no tone placement
    CHECK(tdkt::text::toNfc("a\xFF"
                            "b") == "a\uFFFDb");
    CHECK(tdkt::text::toNfc("").empty());
}

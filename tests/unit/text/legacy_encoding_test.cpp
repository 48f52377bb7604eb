// Step 1: text typed in a legacy Vietnamese encoding, repaired per whole field on strong evidence.
#include "pipeline/text/normalize.hpp"
#include "tests/unit/text/normalize_outcome.hpp"

#include <catch2/catch.hpp>

using normalizetest::Outcome;
using normalizetest::run;
using tdkt::text::Change;
using tdkt::text::normalize;

TEST_CASE("TCVN3 (ABC) read as Latin-1 is decoded") {
    const Outcome o = run("NguyÔn V\u00A8n An");
    CHECK(o.text == "Nguyễn Văn An");
    CHECK(o.change.reason == "chuyển mã TCVN3 (ABC) → Unicode");
    // "ư" is 0xAD: it arrives as a soft hyphen, which must be decoded, not removed.
    CHECK(normalize("Tr\u00ADêng THCS NguyÔn Tr\u00B7i") == "Trường THCS Nguyễn Trãi");
    CHECK(normalize("Hµ Néi") == "Hà Nội");
    // Headings typed in the upper-case .VnTimeH font use the lower-case codes.
    CHECK(normalize("NGUYÔN V\u00A1N AN") == "NGUYỄN VĂN AN");
}

TEST_CASE("VNI-Windows read as Latin-1 is decoded") {
    const Outcome o = run("Nguyeãn Vaên An");
    CHECK(o.text == "Nguyễn Văn An");
    CHECK(o.change.reason == "chuyển mã VNI-Windows → Unicode");
    CHECK(normalize("Xin chaøo caùc baïn") == "Xin chào các bạn");
    CHECK(normalize("Ñaëng Thu Thuûy") == "Đặng Thu Thủy");
}

TEST_CASE("Windows-1258 read as cp1252 is decoded") {
    const Outcome o = run("NguyêÞn Vãn An");
    CHECK(o.text == "Nguyễn Văn An");
    CHECK(o.change.reason == "chuyển mã Windows-1258 → Unicode");
    CHECK(normalize("TrâÌn Thiò BiÌnh") == "Trần Thị Bình");
}

TEST_CASE("VIQR (RFC 1456) is decoded") {
    const Outcome o = run("Nguye^~n Va(n An");
    CHECK(o.text == "Nguyễn Văn An");
    CHECK(o.change.reason == "chuyển mã VIQR → Unicode");
    CHECK(normalize("Vie^.t Nam") == "Việt Nam");
    CHECK(normalize("DDa^.u Thi. Hu+o+ng") == "Đậu Thị Hương");
    CHECK(normalize("Hoa`n tha`nh nhie^.m vu.") == "Hoàn thành nhiệm vụ");
    CHECK(normalize("Bu`i Quang Huy") == "Bùi Quang Huy");
    CHECK(normalize("Le^ \\.Van") == "Lê .Van"); // a backslash keeps a mark literal
}

TEST_CASE("the false positives of issue #3 come back unchanged") {
    for (const char* text : {"Tô Hoài",
                             "Hoàng Hà",
                             "Lê Tâm",
                             "Café",
                             "Müller",
                             "naïve",
                             "São Paulo",
                             "Mr. O'Neil",
                             "nguyen.van.an@hanoi.gov.vn",
                             "https://thiduakhenthuong.hanoi.gov.vn/tin-tuc?id=12",
                             "ISO 9001:2015",
                             "5 µg/ml",
                             "µm",
                             "m²",
                             "Gómez José",
                             "Señor",
                             "Zoë",
                             "Noël",
                             "Ærø",
                             "Straße",
                             "Œuvre",
                             "Ai?",
                             "Hello. World",
                             "Meeting at 10 a.m.",
                             "e.g. i.e.",
                             "C++ (a)",
                             "Phan Thò Minh Trang",
                             "Tô Hoài, Hà Nội"}) {
        CAPTURE(text);
        const Outcome o = run(text);
        CHECK(o.text == text);
        CHECK_FALSE(o.change.changed);
    }
}

TEST_CASE("a field mixing Unicode and a legacy encoding is not guessed at") {
    CHECK(normalize("Nguyễn NguyÔn") == "Nguyễn NguyÔn");
    CHECK(normalize("Nguye^~n Trãi") == "Nguye^~n Trãi");
}

TEST_CASE("legacy repair is decided once: a second pass changes nothing") {
    for (const char* text : {"NguyÔn V\u00A8n An", "Nguyeãn Vaên An", "NguyêÞn Vãn An",
                             "Nguye^~n Va(n An", "Tr\u00ADêng  THCS\u200B NguyÔn Tr\u00B7i"}) {
        CAPTURE(text);
        const std::string once = normalize(text);
        Change again;
        CHECK(normalize(once, &again) == once);
        CHECK_FALSE(again.changed);
    }
}

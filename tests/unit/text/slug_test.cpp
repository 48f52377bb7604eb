#include "pipeline/text/slug.hpp"

#include <catch2/catch.hpp>

using tdkt::text::slug;

TEST_CASE("slugs are lower-case ASCII joined by dashes") {
    CHECK(slug("05/QĐ-UBND") == "05-qd-ubnd");
    CHECK(slug("Nguyễn Thị Đào") == "nguyen-thi-dao");
    CHECK(slug("Nguye\u0302\u0303n Thi\u0323 \u0110a\u0300o") == "nguyen-thi-dao");
    CHECK(slug("  --Trường THCS (Nguyễn Trãi)!! ") == "truong-thcs-nguyen-trai");
    CHECK(slug("Tổ Toán – Tin") == "to-toan-tin");
    CHECK(slug("ƯỚC MƠ ĐẸP") == "uoc-mo-dep");
    CHECK(slug("Crème brûlée") == "creme-brulee");
    CHECK(slug("a\xFF"
               "b") == "a-b");
    CHECK(slug("漢字") == "");
    CHECK(slug("") == "");
}

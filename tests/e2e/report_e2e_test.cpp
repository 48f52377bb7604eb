// tdkt report on an archive filled by `tdkt issue` with the three examples: table, CSV, PDF.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

using e2e::runTdkt;

TEST_CASE("report: table, CSV and PDF of the examples agree", "[e2e][report]") {
    e2e::TempDir tmp;
    const std::string kho = e2e::filledArchive(tmp);

    auto table = runTdkt({"report", "--archive", kho, "--year", "2026"});
    INFO(table.err);
    REQUIRE(table.exitCode == 0);
    CHECK(table.out.find("BÁO CÁO SỐ LƯỢNG KHEN THƯỞNG NĂM 2026") != std::string::npos);
    CHECK(table.out.find("Trường THCS Nguyễn Trãi") != std::string::npos);
    // Vietnamese order: "Sở" before "Trường" before "Ủy ban".
    const auto so = table.out.find("Sở Y tế Hà Nội");
    const auto truong = table.out.find("Trường THCS Nguyễn Trãi");
    const auto uy = table.out.find("Ủy ban nhân dân phường Cầu Giấy");
    REQUIRE(so != std::string::npos);
    REQUIRE(uy != std::string::npos);
    CHECK(so < truong);
    CHECK(truong < uy);

    auto csv = runTdkt({"report", "--archive", kho, "--year", "2026", "--format", "csv"});
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.rfind("\xEF\xBB\xBF"
                        "Bảng;Mã;Tên;",
                        0) == 0);
    const auto totalLine = csv.out.find("\r\ntong;;Tổng cộng;");
    REQUIRE(totalLine != std::string::npos);
    // Money of the total row, as plain digits, also appears grouped in the table.
    std::string total = csv.out.substr(totalLine + 2);
    total = total.substr(0, total.find("\r\n"));
    const std::string money = total.substr(total.rfind(';') + 1);
    REQUIRE(money.size() > 3);
    CHECK(money != "0");

    const auto pdf = tmp.path / "bao-cao.pdf";
    auto out = runTdkt(
        {"report", "--archive", kho, "--year", "2026", "--format", "pdf", "--out", pdf.string()});
    INFO(out.err);
    REQUIRE(out.exitCode == 0);
    const std::string text = e2e::pdfFlowText(pdf);
    CHECK(text.find("BÁO CÁO SỐ LƯỢNG KHEN THƯỞNG NĂM 2026") != std::string::npos);
    CHECK(text.find("Ủy ban nhân dân phường Cầu Giấy") != std::string::npos);
    CHECK(text.find("01/12/2025") != std::string::npos);

    auto none = runTdkt({"report", "--archive", kho, "--year", "2020"});
    REQUIRE(none.exitCode == 0);
    CHECK(none.out.find("số quyết định: 0") != std::string::npos);

    auto bad = runTdkt({"report", "--archive", kho, "--year", "2026", "--format", "xlsx"});
    CHECK(bad.exitCode == 64);
}

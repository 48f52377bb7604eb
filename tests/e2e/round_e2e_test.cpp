// A round of several dossiers: consolidated into one decision per issuer × kind × date with
// its list grouped by proposing unit, and checked whole before anything is filed.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

// An example with `from` replaced by `to` (once), written into `dir` under the same name.
fs::path edited(const fs::path& dir, const std::string& example, const std::string& from,
                const std::string& to) {
    std::string text = e2e::readAll(e2e::repo("examples/" + example));
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    const fs::path file = dir / example;
    std::ofstream(file.string(), std::ios::binary) << text;
    return file;
}

// The Sở Y tế's and the ward's Bằng khen proposals to the city, both for 15/01/2026.
std::vector<std::string> cityRound(const fs::path& dir) {
    // The ward plans its Bằng khen for 20/01; the same date puts both in one decision.
    const fs::path ward = edited(dir, "phuong-cau-giay.xml", "decisionDate=\"2026-01-20\"",
                                 "decisionDate=\"2026-01-15\"");
    return {e2e::repo("examples/so-y-te.xml"), ward.string()};
}

e2e::Run issue(const std::vector<std::string>& files, const fs::path& archive,
               std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"issue", "--archive", archive.string()};
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return runTdkt(args);
}

} // namespace

TEST_CASE("a round's proposals to one issuer for one kind and date become one decision, its "
          "list grouped by proposing unit") {
    e2e::TempDir tmp;
    const auto files = cityRound(tmp.path);
    const fs::path archive = tmp.path / "kho";
    auto r = issue(files, archive);
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    // The city's Bằng khen: one decision for both dossiers; the Sở's own Giấy khen apart.
    const fs::path city = archive / "2026/UBND-TP-HANOI/01-qd-ubnd";
    REQUIRE(fs::exists(city / "bagit.txt"));
    CHECK_FALSE(fs::exists(archive / "2026/UBND-TP-HANOI/02-qd-ubnd"));
    CHECK(fs::exists(archive / "2026/SYT-HANOI/01-qd-syt/bagit.txt"));
    CHECK(r.out.find("01/QĐ-UBND  15/01/2026  Bằng khen: 33 (7 tập thể, 26 cá nhân)") !=
          std::string::npos);

    const std::string text = e2e::pdfFlowText(city / "data/decision.pdf");
    // Each dossier's tờ trình is cited.
    CHECK(text.find("Sở Y tế Hà Nội tại Tờ trình số 45/TTr-SYT ngày 05 tháng 01 năm 2026") !=
          std::string::npos);
    CHECK(text.find("phường Cầu Giấy tại Tờ trình số 12/TTr-UBND ngày 08 tháng 01 năm 2026") !=
          std::string::npos);
    // The list: one group per proposing unit, numbered, in a stable order.
    const auto first = text.find("I. SỞ Y TẾ HÀ NỘI");
    const auto second = text.find("II. ỦY BAN NHÂN DÂN PHƯỜNG CẦU GIẤY");
    REQUIRE(first != std::string::npos);
    REQUIRE(second != std::string::npos);
    CHECK(first < second);
    // The archive records the dossiers it came from, with their copies.
    const std::string xml = e2e::readAll(city / "data/decision.xml");
    CHECK(e2e::count(xml, "<source ") == 2);
    CHECK(xml.find("<submission date=\"2026-01-05\">45/TTr-SYT</submission>") != std::string::npos);
    CHECK(xml.find("<submission date=\"2026-01-08\">12/TTr-UBND</submission>") !=
          std::string::npos);
    CHECK(fs::exists(city / "data/dossiers/001-so-y-te.xml"));
    CHECK(fs::exists(city / "data/dossiers/002-phuong-cau-giay.xml"));
    CHECK(e2e::findFiles(city / "data/certificates", "0033.pdf").size() == 1);
    // Search is unchanged for the user: people of both units are found in that decision.
    for (const char* name : {"Vu Thi Ngoc Anh", "Pham Duc Toan"}) {
        auto s = runTdkt({"search", name, "--archive", archive.string(), "--json"});
        INFO(name << "\n" << s.out << s.err);
        CHECK(s.exitCode == 0);
        CHECK(s.out.find("01/QĐ-UBND") != std::string::npos);
    }

    // The same files in the other order give the same decision (the order is the plan's, not
    // the command line's).
    const fs::path again = tmp.path / "kho-2";
    REQUIRE(issue({files[1], files[0]}, again).exitCode == 0);
    CHECK(e2e::pdfFlowText(again / "2026/UBND-TP-HANOI/01-qd-ubnd/data/decision.pdf") == text);

    // --per-dossier: one decision per dossier, as before consolidation.
    const fs::path separate = tmp.path / "kho-3";
    REQUIRE(issue(files, separate, {"--per-dossier"}).exitCode == 0);
    CHECK(fs::exists(separate / "2026/UBND-TP-HANOI/01-qd-ubnd/bagit.txt"));
    CHECK(fs::exists(separate / "2026/UBND-TP-HANOI/02-qd-ubnd/bagit.txt"));
}

TEST_CASE("a certificate whose text cannot fit fails validate with every such field listed and "
          "issue files nothing") {
    e2e::TempDir tmp;
    auto files = cityRound(tmp.path);
    // Within the schema's 404 characters, but capitals take more room than the box holds.
    std::string wide;
    while (wide.size() < 600) {
        wide += "HOÀN THÀNH XUẤT SẮC NHIỆM VỤ ĐƯỢC GIAO ";
    }
    std::string text = e2e::readAll(files[0]);
    const std::string prose = "<achievement>Chủ nhiệm đề tài khoa học cấp Thành phố về điều trị "
                              "sốt xuất huyết ở trẻ em, hoàn thành xuất sắc nhiệm vụ năm 2025";
    const auto at = text.find(prose);
    REQUIRE(at != std::string::npos);
    // 400 characters (the capitals are two bytes or more each in UTF-8; cut on a space).
    std::string cut;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < wide.size() && chars < 400;) {
        const unsigned char c = static_cast<unsigned char>(wide[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        cut += wide.substr(i, len);
        i += len;
        ++chars;
    }
    while (!cut.empty() && cut.back() == ' ') {
        cut.pop_back();
    }
    text.replace(at, prose.size(), "<achievement>" + cut);
    const fs::path overflow = tmp.path / "so-y-te.xml";
    std::ofstream(overflow.string(), std::ios::binary) << text;
    files[0] = overflow.string();

    auto v = runTdkt({"validate", files[0], files[1]});
    INFO(v.out << v.err);
    CHECK(v.exitCode == 65);
    const std::string all = v.out + v.err;
    CHECK(all.find("so-y-te.xml:47: lỗi [R001] individual[@id=\"bk02\"]/achievement: thành tích "
                   "dài ") != std::string::npos);
    CHECK(all.find("không vừa khung «thành tích» của Bằng khen") != std::string::npos);
    // The dossier was read, but it is not valid: it needs fixing.
    CHECK(all.find("Đã kiểm tra 2 hồ sơ: 1 hợp lệ, 1 có lỗi cần sửa, 0 bị từ chối; 1 lỗi;") !=
          std::string::npos);

    const fs::path archive = tmp.path / "kho";
    auto r = issue(files, archive);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 65);
    CHECK((r.out + r.err).find("[R001]") != std::string::npos);
    CHECK(e2e::findFiles(archive, "bagit.txt").empty()); // not even the valid dossier's
}

TEST_CASE("a rule finding accepted with --accept CODE:ID and a reason is issued and recorded in "
          "the journal and the decision's metadata") {
    e2e::TempDir tmp;
    std::string text = e2e::readAll(e2e::repo("tests/rules/bases/ward-2025.xml"));
    const std::string rating = "<rating year=\"2025\" value=\"HTTNV\"/>";
    const auto at = text.find(rating); // w01's, the first nominee
    REQUIRE(at != std::string::npos);
    text.replace(at, rating.size(), "<rating year=\"2025\" value=\"KHTNV\"/>");
    const fs::path dossier = tmp.path / "ho-so.xml";
    std::ofstream(dossier.string(), std::ios::binary) << text;
    const std::string archive = (tmp.path / "kho").string();

    // Refused: L013 is an error; no reason, or a code that is not a rule, is a usage error.
    auto refused = runTdkt({"issue", dossier.string(), "--archive", archive});
    CHECK(refused.exitCode == 65);
    CHECK(refused.err.find("[L013]") != std::string::npos);
    CHECK_FALSE(fs::exists(fs::path(archive) / "journal"));
    CHECK(runTdkt({"issue", dossier.string(), "--archive", archive, "--accept", "L013:w01"})
              .exitCode == 64);
    CHECK(runTdkt({"issue", dossier.string(), "--archive", archive, "--accept", "V002", "--reason",
                   "x"})
              .exitCode == 64);
    // Another nominee's id does not cover it.
    CHECK(runTdkt({"issue", dossier.string(), "--archive", archive, "--accept", "L013:w02",
                   "--reason", "x"})
              .exitCode == 65);

    const std::string reason = "Hội đồng xét lại: xếp loại 2025 đã được điều chỉnh";
    auto issued = runTdkt({"issue", dossier.string(), "--archive", archive, "--accept", "L020",
                           "--accept", "L013:w01", "--reason", reason});
    INFO(issued.out << issued.err);
    REQUIRE(issued.exitCode == 0);
    CHECK((issued.out + issued.err).find("đã chấp nhận khi ban hành: " + reason) !=
          std::string::npos);
    const std::string journal = e2e::readAll(fs::path(archive) / "journal");
    CHECK(journal.find("\"accepted\":[\"L013 «") != std::string::npos);
    CHECK(journal.find(reason) != std::string::npos);
    bool recorded = false;
    for (const auto& file : e2e::findFiles(archive, "decision.xml")) {
        const std::string xml = e2e::readAll(file);
        recorded = recorded || (xml.find("<acceptedFindings>") != std::string::npos &&
                                xml.find("code=\"L013\"") != std::string::npos &&
                                xml.find(reason) != std::string::npos);
    }
    CHECK(recorded);
    CHECK(runTdkt({"verify", "--archive", archive}).exitCode == 0);
}

TEST_CASE("validate --phieu writes a Phiếu kiểm tra hồ sơ for each dossier with its problems") {
    e2e::TempDir tmp;
    std::string text = e2e::readAll(e2e::repo("tests/rules/bases/ward-2025.xml"));
    const std::string rating = "<rating year=\"2025\" value=\"HTTNV\"/>";
    const auto at = text.find(rating);
    REQUIRE(at != std::string::npos);
    text.replace(at, rating.size(), "<rating year=\"2025\" value=\"KHTNV\"/>");
    const fs::path bad = tmp.path / "ho-so-loi.xml";
    std::ofstream(bad.string(), std::ios::binary) << text;
    const fs::path good = tmp.path / "ho-so-dat.xml";
    std::ofstream(good.string(), std::ios::binary)
        << e2e::readAll(e2e::repo("tests/rules/bases/city-2025.xml"));
    const fs::path sheets = tmp.path / "phieu";
    auto r = runTdkt({"validate", bad.string(), good.string(), "--phieu", sheets.string(),
                      "--as-of", "2026-02-01"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 65);
    const std::string failing = e2e::pdfFlowText(sheets / "ho-so-loi-phieu-kiem-tra.pdf");
    CHECK(failing.find("PHIẾU KIỂM TRA HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG") != std::string::npos);
    CHECK(failing.find("Cầu Giấy, ngày 01 tháng 02 năm 2026") != std::string::npos);
    CHECK(failing.find("Kết quả kiểm tra: 1 lỗi cần sửa, 0 cảnh báo") != std::string::npos);
    CHECK(failing.find("L013") != std::string::npos);
    CHECK(failing.find("căn cứ: Luật Thi đua, khen thưởng 2022, Điều 24") != std::string::npos);
    CHECK(failing.find("chưa đủ điều kiện trình ban hành") != std::string::npos);
    const std::string passing = e2e::pdfFlowText(sheets / "ho-so-dat-phieu-kiem-tra.pdf");
    CHECK(passing.find("Kết quả kiểm tra: 0 lỗi cần sửa, 0 cảnh báo") != std::string::npos);
    CHECK(passing.find("Hồ sơ đủ điều kiện trình ban hành.") != std::string::npos);
}

TEST_CASE("a check sheet whose embedded font ends on a 4 KB boundary is saved") {
    // libharu 2.3.0 lost this very sheet (R020, 0x1033 at save) when the font subsets had no
    // 'prep' table: the Regular subset it embeds came to an exact multiple of 4,096 bytes.
    e2e::TempDir tmp;
    const fs::path dossier = tmp.path / "ab-2025.xml";
    std::ofstream(dossier.string(), std::ios::binary)
        << e2e::readAll(e2e::repo("tests/rules/bases/city-2025.xml"));
    auto r = runTdkt({"validate", dossier.string(), "--phieu", (tmp.path / "phieu").string(),
                      "--as-of", "2026-12-31"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    const std::string text = e2e::pdfFlowText(tmp.path / "phieu" / "ab-2025-phieu-kiem-tra.pdf");
    CHECK(text.find("Tệp hồ sơ: ab-2025.xml") != std::string::npos);
}

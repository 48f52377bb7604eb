// Every award kind a round holds, end to end on the dossier 2.0 examples: the decision's wording,
// its money, its artefacts (or none), the list, the archive metadata and search; a combined
// decision in rank order; and `tdkt upgrade` of the 1.0 examples giving the same documents.
#include "e2e_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>

using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

const char* const kWardRound = "examples/phuong-cau-giay-tong-ket-2025.xml";
const char* const kCityRound = "examples/so-giao-duc-tong-ket-2025.xml";

// One filed decision: its bag and what decision.xml says its kinds are.
struct Bag {
    fs::path dir;
    std::string kinds; // award/@kind of decision.xml, "+"-joined
    std::string xml;   // decision.xml
    std::string text;  // decision.pdf, flowed
};

std::vector<Bag> bagsOf(const fs::path& archive) {
    std::vector<Bag> out;
    for (const auto& file : e2e::findFiles(archive, "decision.xml")) {
        Bag b;
        b.dir = file.parent_path().parent_path();
        b.xml = e2e::readAll(file);
        static const std::regex kind(R"re(<award [^>]*kind="([a-z0-9-]+)")re");
        for (auto it = std::sregex_iterator(b.xml.begin(), b.xml.end(), kind);
             it != std::sregex_iterator(); ++it) {
            b.kinds += (b.kinds.empty() ? "" : "+") + (*it)[1].str();
        }
        b.text = e2e::pdfFlowText(b.dir / "data" / "decision.pdf");
        out.push_back(std::move(b));
    }
    return out;
}

const Bag& bagOf(const std::vector<Bag>& bags, const std::string& kinds) {
    for (const auto& b : bags) {
        if (b.kinds == kinds) {
            return b;
        }
    }
    FAIL("no decision of kind " << kinds);
    return bags.front();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

std::vector<fs::path> artefacts(const Bag& b) {
    std::vector<fs::path> out;
    const fs::path dir = b.dir / "data" / "certificates";
    boost::system::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".pdf") {
            out.push_back(it->path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The rounds issued once for the tests of this file.
const std::vector<Bag>& issuedRounds() {
    static e2e::TempDir tmp;
    static const std::vector<Bag> bags = [] {
        auto r =
            runTdkt({"issue", kWardRound, kCityRound, "--archive", (tmp.path / "kho").string()});
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        return bagsOf(tmp.path / "kho");
    }();
    return bags;
}

fs::path roundsArchive() {
    return issuedRounds().front().dir.parent_path().parent_path().parent_path();
}

} // namespace

TEST_CASE("every kind of the ward's and the city's rounds becomes its own decision", "[kinds]") {
    const auto& bags = issuedRounds();
    // 6 ward decisions, the city's Bằng khen for the ward's household, 4 city decisions.
    CHECK(bags.size() == 11);
    std::map<std::string, int> kinds;
    for (const auto& b : bags) {
        ++kinds[b.kinds];
    }
    for (const char* k :
         {"lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien",
          "gia-dinh-van-hoa", "thon-to-dan-pho-van-hoa", "giay-khen", "chien-si-thi-dua-tinh",
          "tap-the-lao-dong-xuat-sac", "co-thi-dua-tinh"}) {
        INFO(k);
        CHECK(kinds[k] == 1);
    }
    CHECK(kinds["bang-khen-tinh"] == 2);
}

TEST_CASE("Lao động tiên tiến: a title decision, money for each, no certificate", "[kinds]") {
    const Bag& b = bagOf(issuedRounds(), "lao-dong-tien-tien");
    CHECK(b.text.find("Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2025") !=
          std::string::npos);
    CHECK(b.text.find("Điều 1. Công nhận danh hiệu “Lao động tiên tiến” năm 2025 cho 25 cá "
                      "nhân") != std::string::npos);
    CHECK(b.text.find("Tờ trình số 12/TTr-UBND") != std::string::npos);
    // NĐ 152/2025: 0.3 × 2,340,000 = 702,000, rounded up to 710,000 by the shipped policy.
    CHECK(b.text.find("Mỗi cá nhân được thưởng 710.000 đồng") != std::string::npos);
    CHECK(b.text.find("Được công nhận danh hiệu “Lao động tiên tiến” năm 2025") !=
          std::string::npos);
    // Money only (NĐ 98/2023 Art. 54): no certificate, no print file, no golden-book number.
    CHECK(artefacts(b).empty());
    CHECK_FALSE(fs::exists(b.dir / "data" / "print"));
    CHECK(b.xml.find("goldenBook=") == std::string::npos);
    CHECK(count(b.xml, "amount=\"710000\"") == 25);
    // No achievement column when nobody has one printed; the list still has every name.
    CHECK(b.text.find("Thành tích") == std::string::npos);
}

TEST_CASE("CSTĐ cơ sở and CSTĐ Thành phố: Bằng chứng nhận with the issuer's name of the title",
          "[kinds]") {
    const Bag& base = bagOf(issuedRounds(), "chien-si-thi-dua-co-so");
    CHECK(base.text.find("Về việc công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025") !=
          std::string::npos);
    CHECK(base.text.find("Mỗi cá nhân được thưởng 2.340.000 đồng") != std::string::npos);
    const auto certificates = artefacts(base);
    REQUIRE(certificates.size() == 4);
    const std::string first = e2e::pdfFlowText(certificates.front());
    CHECK(first.find("BẰNG CHỨNG NHẬN") != std::string::npos);
    CHECK(first.find("CHIẾN SĨ THI ĐUA CƠ SỞ") != std::string::npos);
    CHECK(first.find("Năm 2025") != std::string::npos);

    const Bag& city = bagOf(issuedRounds(), "chien-si-thi-dua-tinh");
    // Hà Nội names the provincial title "Chiến sĩ thi đua Thành phố" (config/issuers.xml).
    CHECK(city.text.find("Về việc công nhận danh hiệu “Chiến sĩ thi đua Thành phố” năm 2025") !=
          std::string::npos);
    // 3.0 × 2,340,000.
    CHECK(city.text.find("Mỗi cá nhân được thưởng 7.020.000 đồng") != std::string::npos);
    const auto cityCertificates = artefacts(city);
    REQUIRE(cityCertificates.size() == 3);
    const std::string cert = e2e::pdfFlowText(cityCertificates.front());
    CHECK(cert.find("CHIẾN SĨ THI ĐUA THÀNH PHỐ") != std::string::npos);
    CHECK(cert.find("Vào sổ vàng số") != std::string::npos);
}

TEST_CASE("collective titles: Tập thể LĐTT, Tập thể LĐXS, Tổ dân phố văn hóa", "[kinds]") {
    const Bag& tt = bagOf(issuedRounds(), "tap-the-lao-dong-tien-tien");
    // 0.8 × 2,340,000 = 1,872,000 for the collective itself (no ×2), rounded up.
    CHECK(tt.text.find("Mỗi tập thể được thưởng 1.880.000 đồng") != std::string::npos);
    REQUIRE(artefacts(tt).size() == 3);
    CHECK(e2e::pdfFlowText(artefacts(tt).front()).find("GIẤY CHỨNG NHẬN") != std::string::npos);
    CHECK(tt.text.find("Tên tập thể") != std::string::npos);

    const Bag& xs = bagOf(issuedRounds(), "tap-the-lao-dong-xuat-sac");
    CHECK(xs.text.find("Mỗi tập thể được thưởng 3.510.000 đồng") != std::string::npos);
    CHECK(xs.text.find("năm học 2024 - 2025") != std::string::npos);
    CHECK(e2e::pdfFlowText(artefacts(xs).front()).find("TẬP THỂ LAO ĐỘNG XUẤT SẮC") !=
          std::string::npos);
    // The collective's representative is in the metadata for the ceremony.
    CHECK(xs.xml.find("<representative") != std::string::npos);

    const Bag& tdp = bagOf(issuedRounds(), "thon-to-dan-pho-van-hoa");
    // A ward prints the title "Tổ dân phố văn hóa" (config/issuers.xml awardNames).
    CHECK(tdp.text.find("“Tổ dân phố văn hóa” năm 2025") != std::string::npos);
    CHECK(tdp.text.find("Mỗi tập thể được thưởng 3.510.000 đồng") != std::string::npos);
}

TEST_CASE("Gia đình văn hóa: households, Giấy chứng nhận, no money and no Điều on money",
          "[kinds]") {
    const Bag& b = bagOf(issuedRounds(), "gia-dinh-van-hoa");
    CHECK(b.text.find("cho 06 hộ gia đình") != std::string::npos);
    CHECK(b.text.find("được thưởng") == std::string::npos);
    // Two articles: the execution article is Điều 2, and the recipients say so.
    CHECK(b.text.find("Điều 2. Quyết định này có hiệu lực") != std::string::npos);
    CHECK(b.text.find("Điều 3.") == std::string::npos);
    CHECK(b.text.find("Như Điều 2;") != std::string::npos);
    CHECK(b.text.find("các hộ gia đình có tên tại Điều 1") != std::string::npos);
    CHECK(b.text.find("Tên hộ gia đình") != std::string::npos);
    CHECK(b.text.find("Địa chỉ") != std::string::npos);
    CHECK(b.text.find("Hộ bà Đào Thị Hòa") != std::string::npos);
    CHECK(b.text.find("III.") == std::string::npos); // one section only: I. HỘ GIA ĐÌNH
    REQUIRE(artefacts(b).size() == 6);
    CHECK(e2e::pdfFlowText(artefacts(b).front()).find("GIẤY CHỨNG NHẬN") != std::string::npos);
    CHECK(count(b.xml, "kind=\"household\"") == 6);
    CHECK(b.xml.find("<headName>") != std::string::npos);
    CHECK(b.xml.find("<address>") != std::string::npos);
    CHECK(b.xml.find("amount=\"0\"") != std::string::npos);
}

TEST_CASE("Cờ thi đua: the flag's inscription sheet, recorded in the metadata", "[kinds]") {
    const Bag& b = bagOf(issuedRounds(), "co-thi-dua-tinh");
    CHECK(
        b.text.find("Về việc tặng Cờ thi đua của Ủy ban nhân dân Thành phố năm học 2024 - 2025") !=
        std::string::npos);
    // 8.0 × 2,340,000 for the collective.
    CHECK(b.text.find("Mỗi tập thể được thưởng 18.720.000 đồng") != std::string::npos);
    const auto sheets = artefacts(b);
    REQUIRE(sheets.size() == 1);
    const std::string sheet = e2e::pdfFlowText(sheets.front());
    CHECK(sheet.find("NỘI DUNG THÊU CỜ THI ĐUA") != std::string::npos);
    CHECK(sheet.find("TRƯỜNG THPT CHU VĂN AN") != std::string::npos);
    CHECK(sheet.find("ĐƠN VỊ DẪN ĐẦU PHONG TRÀO THI ĐUA NĂM HỌC 2024 - 2025") != std::string::npos);
    CHECK(b.xml.find("<inscription>ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nTẶNG\nTRƯỜNG THPT CHU VĂN "
                     "AN") != std::string::npos);
    CHECK(b.xml.find("goldenBook=") != std::string::npos);
}

TEST_CASE("Bằng khen for a household and an enterprise, and the ward's Giấy khen", "[kinds]") {
    const auto& bags = issuedRounds();
    int households = 0;
    for (const auto& b : bags) {
        if (b.kinds != "bang-khen-tinh") {
            continue;
        }
        if (b.xml.find("kind=\"household\"") != std::string::npos) {
            ++households;
            // 1.5 × 3,510,000 = 5,265,000 → 5,270,000 (the household multiplier).
            CHECK(b.text.find("Mỗi hộ gia đình được thưởng 5.270.000 đồng") != std::string::npos);
            CHECK(b.xml.find("mode=\"adHoc\"") != std::string::npos);
            // The ward's second tờ trình, addressed to the city for this proposal, is cited.
            CHECK(b.text.find("Tờ trình số 13/TTr-UBND ngày 09 tháng 01 năm 2026") !=
                  std::string::npos);
            CHECK(b.text.find("cho các tập thể, cá nhân, hộ gia đình") != std::string::npos);
        } else {
            CHECK(b.xml.find("enterprise=\"true\"") != std::string::npos);
            CHECK(b.xml.find("<priorAward") != std::string::npos);
        }
    }
    CHECK(households == 1);
    const Bag& gk = bagOf(bags, "giay-khen");
    CHECK(gk.text.find("I. TẬP THỂ") != std::string::npos);
    CHECK(gk.text.find("II. CÁ NHÂN") != std::string::npos);
    CHECK(gk.text.find("III. HỘ GIA ĐÌNH") != std::string::npos);
    CHECK(gk.text.find("mỗi hộ gia đình được thưởng 1.060.000 đồng") != std::string::npos);
    CHECK(artefacts(gk).size() == 7);
}

TEST_CASE("histories survive into the archive and every kind is found by search", "[kinds]") {
    const auto& bags = issuedRounds();
    const Bag& city = bagOf(bags, "chien-si-thi-dua-tinh");
    CHECK(city.xml.find("<priorAward year=\"2023\" kind=\"chien-si-thi-dua-co-so\"") !=
          std::string::npos);
    CHECK(city.xml.find("<rating year=\"2025\" value=\"HTXSNV\"/>") != std::string::npos);
    CHECK(city.xml.find("<scope>province</scope>") != std::string::npos);
    CHECK(city.xml.find("<coAuthor>") != std::string::npos);
    CHECK(city.xml.find("initiatives=\"") != std::string::npos);
    // The tờ trình and its attached PDF are filed with the ward's decisions.
    const Bag& ward = bagOf(bags, "lao-dong-tien-tien");
    CHECK(fs::exists(ward.dir / "data" / "documents" / "documents" / "to-trinh-12-ttr-ubnd.pdf"));
    CHECK(ward.xml.find("kind=\"submission\"") != std::string::npos);
    CHECK(e2e::readAll(ward.dir / "manifest-sha256.txt").find("to-trinh-12-ttr-ubnd.pdf") !=
          std::string::npos);

    const std::string archive = roundsArchive().string();
    auto household = runTdkt({"search", "dao thi hoa", "--archive", archive, "--json"});
    INFO(household.out << household.err);
    REQUIRE(household.exitCode == 0);
    CHECK(household.out.find("Hộ bà Đào Thị Hòa") != std::string::npos);
    CHECK(household.out.find("\"awardKind\": \"gia-dinh-van-hoa\"") != std::string::npos);

    auto flag = runTdkt({"search", "chu van an", "--archive", archive, "--award", "cờ thi đua"});
    CHECK(flag.exitCode == 0);
    CHECK(flag.out.find("Trường THPT Chu Văn An") != std::string::npos);
    CHECK(flag.out.find("1 kết quả") != std::string::npos);

    // An abbreviation as units type it; only that kind's awardees.
    auto ldtt = runTdkt(
        {"search", "", "--archive", archive, "--award", "LĐTT", "--json", "--limit", "100"});
    CHECK(ldtt.exitCode == 0);
    CHECK(count(ldtt.out, "\"awardKind\": \"lao-dong-tien-tien\"") == 25);
    CHECK(count(ldtt.out, "\"awardKind\":") == 25);

    auto unknown = runTdkt({"search", "x", "--archive", archive, "--award", "huy chương vàng"});
    CHECK(unknown.exitCode == 64);
    CHECK(unknown.err.find("U020") != std::string::npos);
}

TEST_CASE("new artefacts print on blanks with only their fields, and the year exports", "[kinds]") {
    e2e::TempDir tmp;
    auto r = runTdkt({"issue", kWardRound, "--archive", (tmp.path / "kho").string(), "--print-mode",
                      "blank", "--printer", "vp-tdkt-1"});
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    const auto bags = bagsOf(tmp.path / "kho");
    const Bag& cstd = bagOf(bags, "chien-si-thi-dua-co-so");
    const std::string printed =
        e2e::pdfFlowText(cstd.dir / "data" / "print" / "certificates-print.pdf");
    CHECK(printed.find("CHIẾN SĨ THI ĐUA CƠ SỞ") != std::string::npos);
    CHECK(printed.find("BẰNG CHỨNG NHẬN") == std::string::npos);
    CHECK(printed.find("Đạt danh hiệu") == std::string::npos);
    CHECK(printed.find("CỘNG HÒA") == std::string::npos);
    // The archive copy keeps the whole design.
    CHECK(e2e::pdfFlowText(artefacts(cstd).front()).find("BẰNG CHỨNG NHẬN") != std::string::npos);

    // Transfer: every kind's bag, a page total even for a decision without artefacts.
    const fs::path tar = tmp.path / "nop-luu.tar";
    auto exported =
        runTdkt({"export", "--archive", roundsArchive().string(), "--year", "2026", tar.string()});
    INFO(exported.out << exported.err);
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.out.find("Đã xuất 11 hồ sơ") != std::string::npos);
    const std::string csv =
        e2e::shell("tar -xOf " + e2e::quote(tar.string()) + " nop-luu/data/muc-luc-ho-so.csv");
    CHECK(csv.find("Hồ sơ khen thưởng Gia đình văn hóa") != std::string::npos);
    CHECK(csv.find("Hồ sơ khen thưởng Lao động tiên tiến") != std::string::npos);
    CHECK(csv.find("chưa gồm") == std::string::npos);
}

TEST_CASE("the report counts every kind in rank order, households included", "[kinds]") {
    auto r = runTdkt(
        {"report", "--archive", roundsArchive().string(), "--year", "2026", "--format", "csv"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const auto cstd = r.out.find("chien-si-thi-dua-tinh");
    const auto bk = r.out.find("bang-khen-tinh");
    const auto ldtt = r.out.find("lao-dong-tien-tien");
    const auto gdvh = r.out.find("gia-dinh-van-hoa");
    REQUIRE(cstd != std::string::npos);
    REQUIRE(gdvh != std::string::npos);
    CHECK(cstd < bk);
    CHECK(bk < ldtt);
    CHECK(ldtt < gdvh);
    // "hinh_thuc;gia-dinh-van-hoa;Gia đình văn hóa;0;0;6;6;…"
    CHECK(r.out.find("hinh_thuc;gia-dinh-van-hoa;Gia đình văn hóa;0;0;6;6;") != std::string::npos);
}

TEST_CASE("an issuer that combines kinds signs one decision with a part per kind, by rank",
          "[kinds]") {
    e2e::TempDir tmp;
    const fs::path data = tmp.path / "data";
    fs::create_directories(data);
    for (const char* dir : {"templates", "schemas", "config"}) {
        e2e::shell("cp -r " + e2e::quote(e2e::repo(dir)) + " " + e2e::quote(data.string()));
    }
    std::string issuers = e2e::readAll(data / "config" / "issuers.xml");
    const std::string ward = "<issuer id=\"ubnd-p-caugiay\" code=\"UBND-P-CAUGIAY\"";
    REQUIRE(issuers.find(ward) != std::string::npos);
    issuers.replace(issuers.find(ward), ward.size(), ward + " decisions=\"combined\"");
    {
        std::ofstream out((data / "config" / "issuers.xml").string(), std::ios::binary);
        out << issuers;
    }
    int rc = -1;
    const std::string out = e2e::shell(
        "cd " + e2e::quote(TDKT_SOURCE_DIR) + " && TDKT_DATA_DIR=" + e2e::quote(data.string()) +
            " " + e2e::quote(TDKT_BINARY) + " issue " + kWardRound + " --archive " +
            e2e::quote((tmp.path / "kho").string()) + " 2>&1",
        &rc);
    INFO(out);
    REQUIRE(rc == 0);
    const auto bags = bagsOf(tmp.path / "kho");
    REQUIRE(bags.size() == 2); // the ward's one decision and the city's Bằng khen
    const Bag& b = bagOf(bags, "chien-si-thi-dua-co-so+tap-the-lao-dong-tien-tien+giay-khen+"
                               "lao-dong-tien-tien+thon-to-dan-pho-van-hoa+gia-dinh-van-hoa");
    CHECK(b.text.find("Về việc khen thưởng Tổng kết") != std::string::npos);
    // Điều 1 has one clause per kind, in rank order.
    const auto c1 = b.text.find("Điều 1. Công nhận danh hiệu “Chiến sĩ thi đua cơ sở”");
    const auto c2 = b.text.find("công nhận danh hiệu “Tập thể lao động tiên tiến”");
    const auto c3 = b.text.find("tặng Giấy khen cho");
    const auto c4 = b.text.find("công nhận danh hiệu “Lao động tiên tiến”");
    REQUIRE(c1 != std::string::npos);
    CHECK(c1 < c2);
    CHECK(c2 < c3);
    CHECK(c3 < c4);
    // The list: a heading per kind, highest rank first.
    const auto h1 = b.text.find("I. DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” NĂM 2025");
    const auto h3 = b.text.find("III. GIẤY KHEN");
    const auto h6 = b.text.find("VI. DANH HIỆU “GIA ĐÌNH VĂN HÓA” NĂM 2025");
    REQUIRE(h1 != std::string::npos);
    CHECK(h1 < h3);
    CHECK(h3 < h6);
    CHECK(b.text.find("kèm theo danh hiệu “Lao động tiên tiến”, mỗi cá nhân được thưởng "
                      "710.000 đồng") != std::string::npos);
    // Artefacts of every kind that has one, numbered through the decision; one print file per
    // template.
    CHECK(artefacts(b).size() == 4 + 3 + 7 + 2 + 6);
    CHECK(fs::exists(b.dir / "data" / "print" / "certificate-chien-si-thi-dua.pdf"));
    CHECK(fs::exists(b.dir / "data" / "print" / "certificate-chung-nhan.pdf"));
    CHECK(fs::exists(b.dir / "data" / "print" / "certificate-giay-khen.pdf"));
    auto verified = runTdkt({"verify", "--archive", (tmp.path / "kho").string()});
    CHECK(verified.exitCode == 0);
}

TEST_CASE("tdkt upgrade writes 1.0 dossiers in the 2.0 form, which issue the same documents",
          "[kinds][upgrade]") {
    e2e::TempDir tmp;
    const fs::path upgraded = tmp.path / "v2";
    std::vector<std::string> args = {"upgrade", "--out", upgraded.string()};
    args.insert(args.end(), e2e::exampleDossiers().begin(), e2e::exampleDossiers().end());
    auto up = runTdkt(args);
    INFO(up.out << up.err);
    REQUIRE(up.exitCode == 0);
    std::vector<std::string> files;
    for (const auto& name : e2e::exampleDossiers()) {
        const fs::path file = upgraded / fs::path(name).filename();
        REQUIRE(fs::exists(file));
        const std::string xml = e2e::readAll(file);
        CHECK(xml.find("urn:tdkt:dossier:2.0") != std::string::npos);
        int rc = -1;
        e2e::shell("xmllint --noout --schema " + e2e::quote(e2e::repo("schemas/dossier-2.0.xsd")) +
                       " " + e2e::quote(file.string()) + " 2>/dev/null",
                   &rc);
        CHECK(rc == 0);
        files.push_back(file.string());
    }
    // Nothing to do for a 2.0 file; an existing output is not overwritten without --force.
    auto again = runTdkt({"upgrade", kWardRound, "--out", upgraded.string()});
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("đã theo lược đồ 2.0") != std::string::npos);
    auto twice = runTdkt({"upgrade", e2e::exampleDossiers().front(), "--out", upgraded.string()});
    CHECK(twice.exitCode == 65);
    CHECK(twice.err.find("U030") != std::string::npos);

    // A 2.0 dossier can list the báo cáo thành tích and biên bản xét (L001, L002) and the
    // nominees' history (L010) that a 1.0 dossier has no place for, so the law asks for them
    // once upgraded: validate names what the clerk must now add.
    std::vector<std::string> validate = {"validate"};
    validate.insert(validate.end(), files.begin(), files.end());
    auto checked = runTdkt(validate);
    CHECK(checked.exitCode == 65);
    CHECK((checked.out + checked.err).find("[L001]") != std::string::npos);
    // Same clock, same documents: with those rules relaxed to warnings (a data dir whose
    // config/rules.xml says so), every decision and certificate reads the same.
    const fs::path data = tmp.path / "data";
    e2e::shell("mkdir -p " + e2e::quote(data.string()) + " && ln -s " +
               e2e::quote(e2e::repo("templates")) + " " + e2e::quote(e2e::repo("schemas")) + " " +
               e2e::quote(data.string()) + " && cp -r " + e2e::quote(e2e::repo("config")) + " " +
               e2e::quote(data.string()) +
               " && sed -i -E 's/(code=\"L00[12]\"|code=\"L010\") severity=\"error\"/\\1 "
               "severity=\"warning\"/; s/<eligibility>/<eligibility noHistory=\"warning\">/' " +
               e2e::quote((data / "config" / "rules.xml").string()));
    const auto original = e2e::issueExamples((tmp.path / "a").string());
    REQUIRE(original.exitCode == 0);
    std::vector<std::string> issue = {"--data-dir", data.string(), "issue", "--archive",
                                      (tmp.path / "b").string()};
    issue.insert(issue.end(), files.begin(), files.end());
    auto fromUpgraded = runTdkt(issue);
    INFO(fromUpgraded.err);
    REQUIRE(fromUpgraded.exitCode == 0);
    const auto a = e2e::findFiles(tmp.path / "a", "decision.pdf");
    const auto b = e2e::findFiles(tmp.path / "b", "decision.pdf");
    REQUIRE(a.size() == 4);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const fs::path rel = fs::relative(a[i], tmp.path / "a");
        INFO(rel.string());
        CHECK(e2e::pdfText(a[i]) == e2e::pdfText(tmp.path / "b" / rel));
        const fs::path certificate = a[i].parent_path() / "certificates" / "0001.pdf";
        CHECK(e2e::pdfText(certificate) ==
              e2e::pdfText(tmp.path / "b" / rel.parent_path() / "certificates" / "0001.pdf"));
    }
}

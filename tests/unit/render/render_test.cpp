// Renderer tests: real PDFs are drawn from the templates in templates/ and inspected with
// poppler-utils (pdftotext, pdfinfo, pdffonts), never compared as bytes against golden files.
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/render/renderer.hpp"
#include "tests/unit/render/render_test_support.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <sstream>

using namespace tdkt;
using tmpl::Value;
using namespace rendertest;

namespace {

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

int pdfPages(const fs::path& pdf) {
    std::string info = run("pdfinfo " + shellQuote(pdf.string()));
    std::smatch m;
    REQUIRE(std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")));
    return std::stoi(m[1]);
}

std::vector<std::string> splitPages(const std::string& text) {
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1) {
        pages.push_back(text.substr(start, ff - start));
    }
    if (start < text.size() && text.find_first_not_of(" \n", start) != std::string::npos) {
        pages.push_back(text.substr(start));
    }
    return pages;
}

void checkFontsEmbedded(const fs::path& pdf) {
    std::istringstream lines(run("pdffonts " + shellQuote(pdf.string())));
    std::string line;
    int fonts = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) {
            continue;
        }
        std::istringstream tokens(line);
        std::vector<std::string> t;
        for (std::string s; tokens >> s;) {
            t.push_back(s);
        }
        REQUIRE(t.size() >= 6);
        // ... emb sub uni objectNumber generation
        INFO(line);
        CHECK(t[t.size() - 5] == "yes"); // embedded
        CHECK(t[t.size() - 3] == "yes"); // has a ToUnicode map
        ++fonts;
    }
    CHECK(fonts >= 2);
}

const char* const kFamily[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng",
                               "Huỳnh",  "Vũ",   "Đặng", "Bùi",  "Đỗ"};
const char* const kMiddle[] = {"Thị", "Văn", "Quốc", "Thùy", "Minh", "Đức", "Ngọc", "Hữu"};
const char* const kGiven[] = {"Đào", "Hưng", "Dương", "Hằng", "Tuấn", "Thảo", "Nghĩa",
                              "Yến", "Khoa", "Lực",   "Ánh",  "Sơn",  "Trâm"};

Value baseContext() {
    Value ctx = Value::map();
    Value& meta = ctx.set("meta", Value::map());
    meta.set("title", "Quyết định số 05/QĐ-UBND về việc tặng Giấy khen");
    meta.set("author", "Ủy ban nhân dân phường Ba Đình");
    meta.set("subject", "Về việc tặng Giấy khen");
    meta.set("keywords", "thi đua, khen thưởng, Giấy khen");
    Value& issuer = ctx.set("issuer", Value::map());
    issuer.set("parentBody", "");
    Value& nameLines = issuer.set("nameLines", Value::list());
    nameLines.push("ỦY BAN NHÂN DÂN");
    nameLines.push("PHƯỜNG BA ĐÌNH");
    issuer.set("notation", "UBND");
    issuer.set("authority", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH");
    issuer.set("authorityText", "Chủ tịch Ủy ban nhân dân phường Ba Đình");
    issuer.set("place", "Hà Nội");
    Value& decision = ctx.set("decision", Value::map());
    decision.set("numberText", "05/QĐ-UBND");
    decision.set("dateLine", "Hà Nội, ngày 05 tháng 01 năm 2026");
    decision.set("dateText", "ngày 05 tháng 01 năm 2026");
    decision.set("formName", "Giấy khen");
    decision.set("subject", "Về việc tặng Giấy khen");
    decision.set("reason",
                 "đã có thành tích xuất sắc trong phong trào thi đua năm học 2024 - 2025.");
    Value& signer = ctx.set("signer", Value::map());
    signer.set("capacityLine", "TM. ỦY BAN NHÂN DÂN");
    signer.set("title", "CHỦ TỊCH");
    signer.set("name", "Nguyễn Văn Bình");
    return ctx;
}

Value decisionContext(int collectives, int individuals, std::vector<std::string>& names) {
    Value ctx = baseContext();
    Value& bases = ctx.set("legalBases", Value::list());
    bases.push("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;");
    bases.push("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
    bases.push("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy "
               "định chi tiết một số điều của Luật Thi đua, khen thưởng.");
    ctx.set("proposal", "Xét đề nghị của Hiệu trưởng Trường THCS Nguyễn Trãi tại Tờ trình số "
                        "15/TTr-THCSNT ngày 20 tháng 5 năm 2026.");
    Value& counts = ctx.set("counts", Value::map());
    counts.set("text", std::to_string(collectives) + " tập thể và " + std::to_string(individuals) +
                           " cá nhân");
    counts.set("collectives", std::to_string(collectives));
    counts.set("individuals", std::to_string(individuals));
    counts.set("total", std::to_string(collectives + individuals));
    ctx.set("proposingUnit", Value::map()).set("name", "Trường THCS Nguyễn Trãi");
    Value& recipients = ctx.set("recipients", Value::list());
    recipients.push("- Như Điều 3;");
    recipients.push("- Chủ tịch, các Phó Chủ tịch UBND phường;");
    recipients.push("- Ban Thi đua - Khen thưởng;");
    ctx.set("archiveLine", "- Lưu: VT, TĐKT.");
    Value cols = Value::list();
    int ordinal = 0;
    for (int i = 0; i < collectives; ++i) {
        Value c = Value::map();
        c.set("ordinal", std::to_string(++ordinal));
        c.set("name", "Tổ Văn số " + std::to_string(i + 1));
        c.set("unit", "Trường THCS Nguyễn Trãi");
        c.set("achievement",
              "Đã có thành tích xuất sắc trong phong trào thi đua dạy tốt, học tốt.");
        cols.push(std::move(c));
    }
    Value inds = Value::list();
    for (int i = 0; i < individuals; ++i) {
        std::string name = std::string(kFamily[i % 10]) + " " + kMiddle[(i / 10) % 8] + " " +
                           kGiven[(i / 80 + i) % 13];
        if (i == 0) {
            name = "Nguyễn Thị Đào";
        } else if (i == 1) {
            name = "Phạm Quốc Hưng";
        } else if (i == 2) {
            name = "Đặng Thùy Dương";
        }
        names.push_back(name);
        Value p = Value::map();
        p.set("ordinal", std::to_string(++ordinal));
        p.set("name", name);
        p.set("position", "Giáo viên");
        p.set("unit", "Trường THCS Nguyễn Trãi");
        p.set("positionUnit", "Giáo viên, Trường THCS Nguyễn Trãi");
        p.set("achievement", i % 7 == 0 ? "Hoàn thành xuất sắc nhiệm vụ năm học 2024 - 2025, có "
                                          "sáng kiến được công nhận cấp cơ sở và nhiều học sinh "
                                          "đạt giải trong kỳ thi học sinh giỏi cấp thành phố."
                                        : "Hoàn thành xuất sắc nhiệm vụ năm học 2024 - 2025.");
        inds.push(std::move(p));
    }
    // The job numbers the sections it lists; an empty one is in the context here on purpose:
    // the template leaves it out.
    Value& sections = ctx.set("listSections", Value::list());
    Value& collectiveSection = sections.push(Value::map());
    collectiveSection.set("title", "I. TẬP THỂ");
    collectiveSection.set("rows", std::move(cols));
    Value& individualSection = sections.push(Value::map());
    individualSection.set("title", collectives > 0 ? "II. CÁ NHÂN" : "I. CÁ NHÂN");
    individualSection.set("rows", std::move(inds));
    ctx.set("hasAchievements", "1");
    Value decision = *ctx.find("decision"); // baseContext's, with the list's wording added
    decision.set("article1", "Tặng Giấy khen cho " + std::to_string(collectives) + " tập thể và " +
                                 std::to_string(individuals) +
                                 " cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc "
                                 "trong phong trào thi đua năm học 2024 - 2025.");
    decision.set("listTitle", "Được tặng Giấy khen");
    ctx.set("decision", std::move(decision));
    Value& money = ctx.set("money", Value::map());
    money.set("eachText", "Mỗi tập thể được thưởng 1.410.000 đồng, mỗi cá nhân được thưởng "
                          "710.000 đồng");
    money.set("total", "2.830.000 đồng");
    money.set("totalWords", "Hai triệu tám trăm ba mươi nghìn đồng");
    return ctx;
}

Value certificateContext(const std::string& name, const std::string& achievement) {
    Value ctx = baseContext();
    ctx.set("formTitle", "GIẤY KHEN");
    Value& r = ctx.set("recipient", Value::map());
    r.set("salutation", "Bà");
    r.set("name", name);
    r.set("nameUpper", name);
    r.set("unit", "Giáo viên, Trường THCS Nguyễn Trãi");
    r.set("achievement", achievement);
    ctx.set("goldenBook", "127");
    return ctx;
}

// Makes a data dir holding a copy of one template folder (to edit) and the schemas.
fs::path copyDataDir(const TempDir& tmp, const std::string& templateName) {
    fs::path data = tmp.path / ("data-" + templateName);
    fs::create_directories(data / "schemas");
    fs::copy_file(fs::path(TDKT_SOURCE_DIR) / "schemas" / "template-1.0.xsd",
                  data / "schemas" / "template-1.0.xsd");
    fs::path src = fs::path(TDKT_SOURCE_DIR) / "templates" / templateName;
    fs::path dst = data / "templates" / templateName;
    fs::create_directories(dst);
    for (const auto& entry : fs::directory_iterator(src)) {
        fs::copy_file(entry.path(), dst / entry.path().filename());
    }
    return data;
}

void writeText(const fs::path& file, const std::string& text) {
    REQUIRE(core::writeFileAtomic(file, text).ok());
}

std::string replaceOnce(std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("decision with 300 awardees: text, order, list pages, fonts", "[render]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "decision");
    REQUIRE(renderer.ok());
    std::vector<std::string> names;
    Value ctx = decisionContext(20, 280, names);
    TempDir tmp;
    fs::path out = tmp.path / "qd.pdf";
    auto doc = renderer->render(ctx, out);
    INFO((doc.ok() ? std::string() : core::format(doc.error())));
    REQUIRE(doc.ok());
    CHECK(doc->pageCount == pdfPages(out));
    CHECK(doc->pageCount >= 8);
    CHECK(doc->bytes == fs::file_size(out));

    // The fixed ToUnicode maps: poppler no longer complains while extracting.
    std::string withErrors = run("pdftotext -layout " + shellQuote(out.string()) + " -", true);
    CHECK(withErrors.find("Invalid") == std::string::npos);
    CHECK(withErrors.find("Syntax Error") == std::string::npos);

    std::string text = run("pdftotext -layout " + shellQuote(out.string()) + " -");
    for (const auto& n : names) {
        INFO(n);
        CHECK(text.find(n) != std::string::npos);
    }
    CHECK(text.find("Tổ Văn số 20") != std::string::npos);

    auto so = text.find("Số: 05/QĐ-UBND");
    auto date = text.find("Hà Nội, ngày 05 tháng 01 năm 2026");
    auto title = text.find("QUYẾT ĐỊNH");
    auto decides = text.find("QUYẾT ĐỊNH:");
    auto art1 = text.find("Điều 1.");
    auto art2 = text.find("Điều 2.");
    auto art3 = text.find("Điều 3.");
    REQUIRE(so != std::string::npos);
    REQUIRE(date != std::string::npos);
    REQUIRE(title != std::string::npos);
    REQUIRE(decides != std::string::npos);
    REQUIRE(art1 != std::string::npos);
    CHECK(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < title);
    CHECK(std::max(so, date) < title);
    CHECK(title < decides);
    CHECK(decides < art1);
    CHECK(art1 < art2);
    CHECK(art2 < art3);
    CHECK(text.find("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH") < decides);
    CHECK(text.find("Căn cứ Luật Thi đua, khen thưởng") < decides);
    CHECK(text.find("Nơi nhận:") > art3);
    CHECK(text.find("Nguyễn Văn Bình") > art3);
    CHECK(text.find("Tổng cộng: 20 tập thể và 280 cá nhân") != std::string::npos);

    // The list starts on a new page and every list page repeats the table header.
    std::vector<std::string> pages = splitPages(text);
    REQUIRE(static_cast<int>(pages.size()) == doc->pageCount);
    std::size_t firstList = 0;
    while (firstList < pages.size() && pages[firstList].find("DANH SÁCH") == std::string::npos) {
        ++firstList;
    }
    REQUIRE(firstList < pages.size());
    CHECK(firstList >= 1);
    CHECK(pages[firstList - 1].find("Nguyễn Văn Bình") != std::string::npos);
    const std::size_t listPages = pages.size() - firstList;
    CHECK(listPages >= 5);
    CHECK(countOf(text, "Họ và tên") >= listPages);
    for (std::size_t p = firstList; p < pages.size(); ++p) {
        INFO("page " << p + 1);
        CHECK(pages[p].find("Họ và tên") != std::string::npos);
        CHECK(pages[p].find("Thành tích") != std::string::npos);
    }
    // Page numbers from page 2, none on page 1.
    CHECK(std::regex_search(pages[1], std::regex("^\\s*2\\s*\\n")));
    CHECK(countOf(text, "I. TẬP THỂ") == 1);
    CHECK(countOf(text, "II. CÁ NHÂN") == 1);

    checkFontsEmbedded(out);
    std::string info = run("pdfinfo " + shellQuote(out.string()));
    CHECK(info.find("Quyết định số 05/QĐ-UBND về việc tặng Giấy khen") != std::string::npos);
    CHECK(info.find("Ủy ban nhân dân phường Ba Đình") != std::string::npos);
    CHECK(info.find("Creator:         tdkt") != std::string::npos);
    CHECK(std::regex_search(info,
                            std::regex("Page size:\\s+595\\.2\\d* x 841\\.8\\d* pts \\(A4\\)")));
}

TEST_CASE("an empty section is left out and the numbering follows", "[render]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "decision");
    REQUIRE(renderer.ok());
    std::vector<std::string> names;
    Value ctx = decisionContext(0, 3, names);
    TempDir tmp;
    auto doc = renderer->render(ctx, tmp.path / "qd.pdf");
    REQUIRE(doc.ok());
    std::string text =
        run("pdftotext -layout " + shellQuote((tmp.path / "qd.pdf").string()) + " -");
    CHECK(text.find("TẬP THỂ") == std::string::npos);
    CHECK(text.find("I. CÁ NHÂN") != std::string::npos);
    CHECK(text.find("II. CÁ NHÂN") == std::string::npos);
    CHECK(doc->pageCount == 2);
    // No parent body: nothing printed for it, the issuing body is still there.
    CHECK(text.find("PHƯỜNG BA ĐÌNH") != std::string::npos);
}

TEST_CASE("same input and clock give byte-identical files", "[render]") {
    auto env = testEnv();
    auto first = render::DocumentRenderer::load(env, "decision");
    auto second = render::DocumentRenderer::load(env, "decision");
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    std::vector<std::string> names;
    Value ctx = decisionContext(2, 30, names);
    TempDir tmp;
    REQUIRE(first->render(ctx, tmp.path / "a.pdf").ok());
    REQUIRE(first->render(ctx, tmp.path / "b.pdf").ok());
    REQUIRE(second->render(ctx, tmp.path / "c.pdf").ok());
    auto a = core::readFile(tmp.path / "a.pdf");
    auto b = core::readFile(tmp.path / "b.pdf");
    auto c = core::readFile(tmp.path / "c.pdf");
    REQUIRE(a.ok());
    CHECK(a.value() == b.value());
    CHECK(a.value() == c.value());
    CHECK(a->find("/CreationDate (D:20260101000000Z)") != std::string::npos);

    // Another clock changes the dates (and so the bytes).
    env.now += 86400;
    auto later = render::DocumentRenderer::load(env, "decision");
    REQUIRE(later.ok());
    auto d = later->renderToBytes(ctx);
    REQUIRE(d.ok());
    CHECK(d->pdf != a.value());
    CHECK(d->pdf.find("/CreationDate (D:20260102000000Z)") != std::string::npos);
}

TEST_CASE("certificate: one landscape page, red titles, embedded fonts", "[render]") {
    for (const char* name : {"certificate-giay-khen", "certificate-bang-khen"}) {
        INFO(name);
        auto renderer = render::DocumentRenderer::load(testEnv(), name);
        REQUIRE(renderer.ok());
        TempDir tmp;
        fs::path out = tmp.path / "gk.pdf";
        Value ctx = certificateContext("Nguyễn Thị Đào",
                                       "Đã hoàn thành xuất sắc nhiệm vụ năm học 2024 - 2025.");
        auto doc = renderer->render(ctx, out);
        INFO((doc.ok() ? std::string() : core::format(doc.error())));
        REQUIRE(doc.ok());
        CHECK(doc->pageCount == 1);
        CHECK(pdfPages(out) == 1);
        std::string text = run("pdftotext -layout " + shellQuote(out.string()) + " -");
        CHECK(text.find("Bà Nguyễn Thị Đào") != std::string::npos);
        CHECK(text.find("GIẤY KHEN") != std::string::npos);
        CHECK(text.find("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH") != std::string::npos);
        CHECK(text.find("Vào sổ vàng số: 127") != std::string::npos);
        CHECK(text.find("Quyết định số: 05/QĐ-UBND") != std::string::npos);
        checkFontsEmbedded(out);
        std::string info = run("pdfinfo " + shellQuote(out.string()));
        CHECK(std::regex_search(info, std::regex("Page size:\\s+841\\.8\\d* x 595\\.2\\d* pts")));
        // The red colour operator for the issuer line and the form title is in the content.
        std::string qdf =
            run("qpdf --qdf --object-streams=disable " + shellQuote(out.string()) + " -");
        CHECK(countOf(qdf, "0.75294 0 0 rg") == 2); // issuer line and form title
    }
}

TEST_CASE("certificate: a long name shrinks to fit and stays whole", "[render]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "certificate-giay-khen");
    REQUIRE(renderer.ok());
    const std::string longName =
        "Tôn Nữ Hoàng Thị Phương Thảo Minh Châu Ngọc Bích Tuyết Nhung Khánh Linh";
    TempDir tmp;
    fs::path out = tmp.path / "gk.pdf";
    auto doc = renderer->render(certificateContext(longName, "Hoàn thành xuất sắc nhiệm vụ."), out);
    REQUIRE(doc.ok());
    std::string text = run("pdftotext " + shellQuote(out.string()) + " -");
    CHECK(text.find("Bà " + longName) != std::string::npos);
    // Word boxes of the name line stay inside the text box (x 30..267 mm).
    std::string bbox = run("pdftotext -bbox " + shellQuote(out.string()) + " -");
    std::regex word("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                    "yMax=\"[0-9.]+\">(Bà|Tôn|Linh)</word>");
    int seen = 0;
    double yMin = 0;
    for (std::sregex_iterator it(bbox.begin(), bbox.end(), word), end; it != end; ++it) {
        double x0 = std::stod((*it)[1]);
        double x1 = std::stod((*it)[3]);
        yMin = std::stod((*it)[2]);
        CHECK(x0 >= 30 * 72 / 25.4 - 0.5);
        CHECK(x1 <= 267 * 72 / 25.4 + 0.5);
        ++seen;
    }
    CHECK(seen == 3);
    CHECK(yMin > 80 * 72 / 25.4); // it is the name line, not something else

    // Too long even for the minimum size: a clear error, not an overflow.
    std::string absurd;
    for (int i = 0; i < 12; ++i) {
        absurd += longName + " ";
    }
    auto bad = renderer->renderToBytes(certificateContext(absurd, "x"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "R002");
    CHECK(bad.error().kind == core::ErrorKind::InputRejected);
}

TEST_CASE("certificate: an over-long achievement is an R001 error", "[render]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "certificate-bang-khen");
    REQUIRE(renderer.ok());
    std::string achievement;
    for (int i = 0; i < 20; ++i) {
        achievement +=
            "Đã có thành tích xuất sắc trong công tác chuyên môn và phong trào thi đua. ";
    }
    TempDir tmp;
    fs::path out = tmp.path / "bk.pdf";
    auto doc = renderer->render(certificateContext("Phạm Quốc Hưng", achievement), out);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().code == "R001");
    CHECK(doc.error().kind == core::ErrorKind::InputRejected);
    CHECK(doc.error().message.find("thành tích quá dài") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    // Four lines are allowed.
    std::string four = achievement.substr(0, achievement.find("thi đua. ") + 8) + " " +
                       achievement.substr(0, achievement.find("thi đua. ") + 8);
    CHECK(renderer->render(certificateContext("Phạm Quốc Hưng", four), out).ok());
}

TEST_CASE("broken templates are Config errors with file and line", "[render]") {
    TempDir tmp;
    fs::path data = copyDataDir(tmp, "certificate-giay-khen");
    core::Environment env = testEnv();
    env.dataDir = data;
    const fs::path file = data / "templates" / "certificate-giay-khen" / "template.xml";
    const std::string original = core::readFile(file).value();

    auto lineOf = [&](const std::string& needle) {
        auto at = original.find(needle);
        REQUIRE(at != std::string::npos);
        return 1 + static_cast<int>(std::count(original.begin(), original.begin() + at, '\n'));
    };

    SECTION("malformed XML") {
        int line = lineOf("<text x=\"20\" y=\"53\"");
        writeText(file, replaceOnce(original, "size=\"18\">Tặng</text>", "size=\"18\">Tặng</txt>"));
        auto r = render::DocumentRenderer::load(env, "certificate-giay-khen");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(core::exitCodeFor(r.error().kind) == 78);
        CHECK(r.error().code == "R011");
        CHECK(r.error().where.file == "templates/certificate-giay-khen/template.xml");
        CHECK(r.error().where.line == line);
        CHECK(core::format(r.error()).find("template.xml:" + std::to_string(line) + ":") !=
              std::string::npos);
    }
    SECTION("schema violation") {
        int line = lineOf("<text x=\"20\" y=\"53\"");
        writeText(file, replaceOnce(original, "<text x=\"20\" y=\"53\"",
                                    "<text x=\"20\" y=\"53\" colour=\"red\""));
        auto r = render::DocumentRenderer::load(env, "certificate-giay-khen");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(r.error().code == "R011");
        REQUIRE_FALSE(r.error().details.empty());
        CHECK(r.error().details.front().where.line == line);
        CHECK(r.error().details.front().field.find("colour") != std::string::npos);
    }
    SECTION("template syntax error inside an element") {
        int line = lineOf("{{recipient.unit}}");
        writeText(file, replaceOnce(original, "{{recipient.unit}}", "{{#if recipient.unit}}x"));
        auto r = render::DocumentRenderer::load(env, "certificate-giay-khen");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ErrorKind::Config);
        CHECK(r.error().code == "T003");
        CHECK(r.error().where.file == "templates/certificate-giay-khen/template.xml");
        CHECK(r.error().where.line == line);
    }
    SECTION("unknown font") {
        writeText(file, replaceOnce(original, "font=\"italic\" size=\"18\"",
                                    "font=\"nghieng\" size=\"18\""));
        auto r = render::DocumentRenderer::load(env, "certificate-giay-khen");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "R014");
        CHECK(r.error().where.line == lineOf("<text x=\"20\" y=\"53\""));
    }
    SECTION("missing font file") {
        writeText(file, replaceOnce(original, "LiberationSerif-Italic.ttf", "KhongCo-Italic.ttf"));
        auto r = render::DocumentRenderer::load(env, "certificate-giay-khen");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "R013");
        CHECK(r.error().kind == core::ErrorKind::Config);
    }
    SECTION("missing template") {
        auto r = render::DocumentRenderer::load(env, "khong-co");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "R010");
        CHECK(r.error().kind == core::ErrorKind::Config);
        auto traversal = render::DocumentRenderer::load(env, "../templates");
        REQUIRE_FALSE(traversal.ok());
        CHECK(traversal.error().code == "R010");
    }
}

TEST_CASE("a clerk changes wording and positions by editing template files only", "[render]") {
    TempDir tmp;
    fs::path data = copyDataDir(tmp, "decision");
    core::Environment env = testEnv();
    env.dataDir = data;
    writeText(data / "templates" / "decision" / "dieu2.txt",
              "Mỗi cá nhân được tặng {{decision.formName}} kèm theo tiền thưởng theo quy định.\n");
    auto renderer = render::DocumentRenderer::load(env, "decision");
    REQUIRE(renderer.ok());
    std::vector<std::string> names;
    auto pdf = renderer->render(decisionContext(1, 2, names), tmp.path / "qd.pdf");
    REQUIRE(pdf.ok());
    std::string text = run("pdftotext " + shellQuote((tmp.path / "qd.pdf").string()) + " -");
    CHECK(text.find("Điều 2. Mỗi cá nhân được tặng Giấy khen kèm theo tiền thưởng") !=
          std::string::npos);

    // Moving the name 2 mm down moves it 2 mm (5.67 pt) in the PDF.
    fs::path cdata = copyDataDir(tmp, "certificate-giay-khen");
    env.dataDir = cdata;
    auto yOfName = [&]() {
        auto r = render::DocumentRenderer::load(env, "certificate-giay-khen");
        REQUIRE(r.ok());
        fs::path out = tmp.path / "c.pdf";
        REQUIRE(r->render(certificateContext("Nguyễn Thị Đào", "Tốt."), out).ok());
        std::string bbox = run("pdftotext -bbox " + shellQuote(out.string()) + " -");
        std::smatch m;
        REQUIRE(std::regex_search(
            bbox, m, std::regex("yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"[0-9.]+\">Đào<")));
        return std::stod(m[1]);
    };
    double before = yOfName();
    fs::path file = cdata / "templates" / "certificate-giay-khen" / "template.xml";
    writeText(file, replaceOnce(core::readFile(file).value(), "<text x=\"30\" y=\"82\"",
                                "<text x=\"30\" y=\"84\""));
    double after = yOfName();
    CHECK(after - before == Approx(2 * 72 / 25.4).margin(0.05));
}

TEST_CASE("bench: 200 certificates", "[.bench]") {
    auto renderer = render::DocumentRenderer::load(testEnv(), "certificate-giay-khen");
    REQUIRE(renderer.ok());
    TempDir tmp;
    const int n = 200;
    std::uint64_t bytes = 0;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        auto doc = renderer->render(
            certificateContext(std::string(kFamily[i % 10]) + " Thị " + kGiven[i % 13],
                               "Đã hoàn thành xuất sắc nhiệm vụ năm học 2024 - 2025."),
            tmp.path / ("gk-" + std::to_string(i) + ".pdf"));
        REQUIRE(doc.ok());
        bytes += doc->bytes;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto memStart = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        REQUIRE(renderer->renderToBytes(certificateContext("Lê Thị Hằng", "Tốt.")).ok());
    }
    double mem = std::chrono::duration<double>(std::chrono::steady_clock::now() - memStart).count();
    WARN("in memory only: " << mem * 1000 / n << " ms each");
    WARN("certificates: " << n << " in " << secs << " s = " << secs * 1000 / n << " ms each, "
                          << n / secs << "/s, " << bytes / n << " bytes each");
}

// Writes sample PDFs for eyeballing: TDKT_SAMPLE_DIR=/tmp/x ./test_render "[.samples]"
TEST_CASE("samples", "[.samples]") {
    const char* dir = std::getenv("TDKT_SAMPLE_DIR");
    REQUIRE(dir != nullptr);
    fs::path out(dir);
    fs::create_directories(out);
    std::vector<std::string> names;
    auto decision = render::DocumentRenderer::load(testEnv(), "decision");
    REQUIRE(decision.ok());
    REQUIRE(decision->render(decisionContext(3, 40, names), out / "decision.pdf").ok());
    for (const char* name : {"certificate-giay-khen", "certificate-bang-khen"}) {
        auto r = render::DocumentRenderer::load(testEnv(), name);
        REQUIRE(r.ok());
        Value ctx =
            certificateContext("Nguyễn Thị Đào", "Đã hoàn thành xuất sắc nhiệm vụ năm học 2024 - "
                                                 "2025, có sáng kiến được công nhận cấp cơ sở.");
        if (std::string(name) == "certificate-bang-khen") {
            ctx.set("formTitle", "BẰNG KHEN");
        }
        // Twice with one renderer: the second file is drawn with warm width caches, which
        // must not lose glyphs from the embedded subset.
        REQUIRE(r->render(ctx, out / (std::string(name) + ".pdf")).ok());
        REQUIRE(r->render(ctx, out / (std::string(name) + ".pdf")).ok());
    }
}

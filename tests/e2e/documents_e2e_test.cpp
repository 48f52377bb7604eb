// The documents as a clerk holds them: every Decree 30/2020 element of the decision in its place
// and order, the date rule, amounts and totals, a 300-row list across pages, certificates in
// both print modes, `tdkt preview` and the alignment sheet — checked on the real binary with
// poppler (pdftotext -layout / -bbox, pdffonts). One page of each document kind is compared
// with a golden file of word positions (tests/golden/README.md).
#include "e2e_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using e2e::runTdkt;
namespace fs = tdkt::fs;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

struct Word {
    std::string text;
    double x = 0, y = 0, x2 = 0, y2 = 0; // pt, from the page's top-left corner
};

std::string unescape(std::string word) {
    for (auto [from, to] : {std::pair<const char*, const char*>{"&amp;", "&"},
                            {"&lt;", "<"},
                            {"&gt;", ">"},
                            {"&quot;", "\""},
                            {"&apos;", "'"}}) {
        std::size_t at;
        while ((at = word.find(from)) != std::string::npos) {
            word.replace(at, std::strlen(from), to);
        }
    }
    return word;
}

double attrNumber(const std::string& tag, const char* name) {
    const std::string key = std::string(name) + "=\"";
    const auto at = tag.find(key);
    REQUIRE(at != std::string::npos);
    return std::stod(tag.substr(at + key.size()));
}

// Every word of one page (1-based) with its box, in poppler's reading order.
std::vector<Word> pageWords(const fs::path& pdf, int page) {
    const std::string p = std::to_string(page);
    const std::string xhtml = e2e::shell("pdftotext -bbox -enc UTF-8 -f " + p + " -l " + p + " " +
                                         e2e::quote(pdf.string()) + " - 2>/dev/null");
    std::vector<Word> words;
    std::size_t pos = 0;
    while ((pos = xhtml.find("<word ", pos)) != std::string::npos) {
        const std::size_t open = xhtml.find('>', pos);
        const std::size_t close = xhtml.find("</word>", open);
        const std::string tag = xhtml.substr(pos, open - pos);
        Word w;
        w.text = unescape(xhtml.substr(open + 1, close - open - 1));
        w.x = attrNumber(tag, "xMin");
        w.y = attrNumber(tag, "yMin");
        w.x2 = attrNumber(tag, "xMax");
        w.y2 = attrNumber(tag, "yMax");
        words.push_back(w);
        pos = close;
    }
    return words;
}

const Word* findWord(const std::vector<Word>& words, const std::string& text,
                     std::size_t from = 0) {
    for (std::size_t i = from; i < words.size(); ++i) {
        if (words[i].text == text) {
            return &words[i];
        }
    }
    return nullptr;
}

// `word` on page 1 of `shifted` sits where it is on page 1 of `plain`, moved by the calibration
// of vp-tdkt-1 in config/printers.xml: offset-x 1.5 mm (right), offset-y -2 mm (up).
void checkPrinterOffset(const fs::path& plain, const fs::path& shifted, const std::string& word) {
    const auto plainWords = pageWords(plain, 1);
    const auto shiftedWords = pageWords(shifted, 1);
    const Word* a = findWord(plainWords, word);
    const Word* b = findWord(shiftedWords, word);
    INFO(word);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(b->x - a->x == Approx(1.5 * kPtPerMm).margin(0.2));
    CHECK(b->y - a->y == Approx(-2 * kPtPerMm).margin(0.2));
}

double half(double v) {
    return std::round(v * 2) / 2;
}

std::string fixed1(double v) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(1);
    s << v;
    return s.str();
}

// Golden files: "x y word" per line (pt, rounded to 0.5), in reading order. TDKT_ACCEPT=1
// rewrites them; otherwise the words are aligned by text (longest common subsequence) and every
// missing, unexpected or moved word (more than kTolerance in x or y) is listed.
constexpr double kTolerance = 1.0;

void checkGolden(const std::string& name, const std::vector<Word>& actual) {
    const fs::path file = fs::path(TDKT_SOURCE_DIR) / "tests" / "golden" / (name + ".txt");
    const char* accept = std::getenv("TDKT_ACCEPT");
    if (accept && std::string(accept) == "1") {
        std::ofstream out(file.string(), std::ios::binary);
        out << "# " << name << ": words of the page and their top-left corner in pt (pdftotext "
            << "-bbox, rounded to 0.5).\n# Rewritten by TDKT_ACCEPT=1; see README.md.\n";
        for (const auto& w : actual) {
            out << fixed1(half(w.x)) << ' ' << fixed1(half(w.y)) << ' ' << w.text << '\n';
        }
        WARN("golden file rewritten: " << file.string());
        return;
    }
    std::ifstream in(file.string());
    INFO("golden file " << file.string() << " (create it with TDKT_ACCEPT=1)");
    REQUIRE(in.good());
    std::vector<Word> expected;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream row(line);
        Word w;
        row >> w.x >> w.y;
        std::getline(row >> std::ws, w.text);
        expected.push_back(w);
    }
    const std::size_t n = expected.size(), m = actual.size();
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            lcs[i][j] = expected[i].text == actual[j].text ? lcs[i + 1][j + 1] + 1
                                                           : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::ostringstream diff;
    int problems = 0;
    auto at = [](const Word& w) { return "(" + fixed1(w.x) + ", " + fixed1(w.y) + ")"; };
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && expected[i].text == actual[j].text) {
            if (std::fabs(expected[i].x - actual[j].x) > kTolerance ||
                std::fabs(expected[i].y - actual[j].y) > kTolerance) {
                diff << "  moved    «" << expected[i].text << "» expected " << at(expected[i])
                     << ", actual " << at(actual[j]) << '\n';
                ++problems;
            }
            ++i;
            ++j;
        } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
            diff << "  extra    «" << actual[j].text << "» at " << at(actual[j]) << '\n';
            ++problems;
            ++j;
        } else {
            diff << "  missing  «" << expected[i].text << "» expected at " << at(expected[i])
                 << '\n';
            ++problems;
            ++i;
        }
    }
    INFO(name << ": " << problems << " differences (tolerance " << kTolerance
              << " pt; TDKT_ACCEPT=1 accepts the new layout)\n"
              << diff.str());
    CHECK(problems == 0);
}

// Issues `dossiers` into a fresh archive and returns the bag folder of each decision in order.
struct Issued {
    e2e::Run run;
    std::vector<fs::path> bags;
};

Issued issue(const fs::path& archive, const std::vector<std::string>& dossiers,
             const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"issue"};
    args.insert(args.end(), dossiers.begin(), dossiers.end());
    args.insert(args.end(), {"--archive", archive.string()});
    args.insert(args.end(), extra.begin(), extra.end());
    Issued out;
    out.run = runTdkt(args);
    for (const auto& pdf : e2e::findFiles(archive, "decision.pdf")) {
        out.bags.push_back(pdf.parent_path().parent_path());
    }
    std::sort(out.bags.begin(), out.bags.end());
    return out;
}

// Position of `needle` in `text` at or after `from`; fails the test when absent.
std::size_t expectAfter(const std::string& text, const std::string& needle, std::size_t from) {
    const std::size_t at = text.find(needle, from);
    INFO("«" << needle << "» after offset " << from);
    REQUIRE(at != std::string::npos);
    return at + needle.size();
}

// The end of the first list row numbered `ordinal` (its STT cell) at or after `from`.
std::size_t expectRowAfter(const std::string& text, int ordinal, std::size_t from,
                           const std::string& name = {}) {
    std::smatch m;
    const std::regex row("\\n *" + std::to_string(ordinal) + " +" + name);
    INFO("row " << ordinal << " " << name << " after offset " << from);
    REQUIRE(std::regex_search(text.begin() + static_cast<long>(from), text.end(), m, row));
    return from + static_cast<std::size_t>(m.position(0) + m.length(0));
}

std::vector<std::string> pagesOf(const std::string& layoutText) {
    std::vector<std::string> pages;
    std::stringstream all(layoutText);
    for (std::string page; std::getline(all, page, '\f');) {
        pages.push_back(page);
    }
    return pages;
}

int listPage(const fs::path& pdf) {
    const auto pages = pagesOf(e2e::pdfText(pdf));
    for (std::size_t p = 0; p < pages.size(); ++p) {
        if (pages[p].find("DANH SÁCH") != std::string::npos) {
            return static_cast<int>(p) + 1;
        }
    }
    FAIL("no page with DANH SÁCH");
    return 0;
}

const std::string kBangKhen = "tests/data/documents/bang-khen-2026-03-05.xml";
const std::string kGiayKhen = "tests/data/documents/giay-khen-2026-12-15.xml";

} // namespace

TEST_CASE("documents: the decision has every Decree 30 element in place and order",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    auto issued = issue(tmp.path / "archive", {kBangKhen});
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    REQUIRE(issued.bags.size() == 1);
    const fs::path pdf = issued.bags[0] / "data" / "decision.pdf";
    const std::string text = e2e::pdfText(pdf);
    const auto pages = pagesOf(text);
    REQUIRE(pages.size() >= 2);

    SECTION("header: issuer left, national motto right, number and the date rule") {
        std::istringstream lines(pages[0]);
        std::vector<std::string> head;
        for (std::string line; std::getline(lines, line) && head.size() < 3;) {
            if (line.find_first_not_of(' ') != std::string::npos) {
                head.push_back(line);
            }
        }
        REQUIRE(head.size() == 3);
        // Left column first on each line, right column after it.
        CHECK(head[0].find("ỦY BAN NHÂN DÂN") < head[0].find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        CHECK(head[1].find("THÀNH PHỐ HÀ NỘI") < head[1].find("Độc lập - Tự do - Hạnh phúc"));
        const auto words = pageWords(pdf, 1);
        const double middle = 210 * kPtPerMm / 2 + 7.5 * kPtPerMm; // centre of the text area
        const Word* uy = findWord(words, "ỦY");
        const Word* cong = findWord(words, "CỘNG");
        const Word* so = findWord(words, "Số:");
        const Word* place = findWord(words, "Hà");
        REQUIRE(uy);
        REQUIRE(cong);
        REQUIRE(so);
        REQUIRE(place);
        CHECK(uy->x2 < middle);
        CHECK(cong->x > uy->x2);
        CHECK(so->x2 < middle);
        // The place-and-date line is in the right column, on the line of "Số:".
        CHECK(place->x > middle - 20);
        CHECK(std::fabs(place->y - so->y) < 3);
        // Decree 30 rule: leading zero for days 1–9, none for months 3–12.
        CHECK(text.find("Số: 01/QĐ-UBND") != std::string::npos);
        CHECK(text.find("Hà Nội, ngày 05 tháng 3 năm 2026") != std::string::npos);
        CHECK(text.find("tháng 03") == std::string::npos);
        // Margins: left 30 mm, top 20 mm.
        CHECK(uy->x >= 30 * kPtPerMm - 1);
        CHECK(uy->y >= 20 * kPtPerMm - 1);
    }

    SECTION("the body in Decree 30 order") {
        const std::string flow = e2e::pdfFlowText(pdf);
        std::size_t at = 0;
        for (const char* element :
             {"ỦY BAN NHÂN DÂN",
              "Số: 01/QĐ-UBND",
              "QUYẾT ĐỊNH",
              "Về việc",
              "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
              "Căn cứ Luật Tổ chức chính quyền",
              "năm 2025;",
              "Căn cứ Luật Thi đua, khen thưởng",
              "Căn cứ Nghị định số 152/2025/NĐ-CP",
              "Xét đề nghị của Sở Giáo dục và Đào tạo tại Tờ trình số 15/TTr-SGDĐT ngày 20 tháng "
              "02 năm 2026.",
              "QUYẾT ĐỊNH:",
              "Điều 1.",
              "Tặng Bằng khen cho 01 tập thể và 02 cá nhân",
              "Điều 2.",
              "Điều 3.",
              "Quyết định này có hiệu lực kể từ ngày ký",
              "Nơi nhận:",
              "- Như Điều 3;",
              "- Lưu: VT, TĐKT.",
              "DANH SÁCH"}) {
            at = expectAfter(flow, element, at);
        }
        // The list, as laid out: collectives and individuals in their own numbered sections.
        const std::string list = text.substr(text.find("DANH SÁCH"));
        at = 0;
        for (const char* element :
             {"Được tặng Bằng khen", "(Kèm theo Quyết định số 01/QĐ-UBND ngày 05 tháng 3 năm 2026",
              "STT", "I. TẬP THỂ", "1   Tổ Toán - Tin", "II. CÁ NHÂN", "1   Trần Thị Bích Ngọc",
              "2   Lê Hoàng Nam", "Tổng cộng: 01 tập thể và 02 cá nhân"}) {
            at = expectAfter(list, element, at);
        }
        // The signature block: capacity, title, the space for signature and seal, the name.
        const std::string block = flow.substr(flow.find("Nơi nhận:"));
        const std::size_t tm = block.find("TM. ỦY BAN NHÂN DÂN");
        REQUIRE(tm != std::string::npos);
        CHECK(block.find("CHỦ TỊCH", tm) < block.find("Trần Quốc Khánh", tm));
        const auto words = pageWords(pdf, listPage(pdf) - 1);
        const Word* title = findWord(words, "TM.");
        const Word* name = findWord(words, "Trần");
        REQUIRE(title);
        REQUIRE(name);
        CHECK(name->y - title->y > 25 * kPtPerMm); // room to sign and seal
    }

    SECTION("fonts: Liberation Serif embedded, with bold and italic faces") {
        const std::string fonts = e2e::shell("pdffonts " + e2e::quote(pdf.string()));
        for (const char* face : {"LiberationSerif-Bold", "LiberationSerif-Italic",
                                 "LiberationSerif-BoldItalic", "LiberationSerif"}) {
            CHECK(fonts.find(face) != std::string::npos);
        }
        std::istringstream rows(fonts);
        std::string row;
        std::getline(rows, row);
        std::getline(rows, row);
        while (std::getline(rows, row)) {
            INFO(row);
            CHECK(row.find(" yes ") != std::string::npos); // emb column
        }
    }

    SECTION("amounts in figures, the total in figures and words") {
        const std::string flow = e2e::pdfFlowText(pdf);
        std::smatch m;
        const std::regex each("Mỗi tập thể được thưởng ([0-9.]+) đồng, mỗi cá nhân được thưởng "
                              "([0-9.]+) đồng; tổng số tiền thưởng là ([0-9.]+) đồng \\(bằng chữ: "
                              "([^)]+)\\)");
        REQUIRE(std::regex_search(flow, m, each));
        auto value = [](std::string figures) {
            figures.erase(std::remove(figures.begin(), figures.end(), '.'), figures.end());
            return std::stoll(figures);
        };
        const long long collective = value(m[1]), individual = value(m[2]);
        CHECK(value(m[3]) == collective + 2 * individual);
        // config/award-money.xml on 05/03/2026: Bằng khen of the city chairman, 1.5 × the base
        // salary 2.340.000 for an individual, twice that for a collective (worked by hand).
        CHECK(m[1] == "7.020.000");
        CHECK(m[2] == "3.510.000");
        CHECK(m[3] == "14.040.000");
        const std::string words = m[4];
        CHECK(words == "Mười bốn triệu không trăm bốn mươi nghìn đồng");
        // The list shows each row's figures and the same total in figures and words.
        CHECK(flow.find("tổng số tiền thưởng: " + std::string(m[3]) + " đồng.") !=
              std::string::npos);
        CHECK(flow.find("(Bằng chữ: " + words + ")./.") != std::string::npos);
        CHECK(flow.find("Số tiền (đồng)") != std::string::npos);
        CHECK(flow.find(std::string(m[1]) + " ") != std::string::npos);
    }

    SECTION("golden pages: decision page 1, the list page, the Bằng khen") {
        checkGolden("decision-page1", pageWords(pdf, 1));
        checkGolden("decision-list", pageWords(pdf, listPage(pdf)));
        checkGolden("certificate-bang-khen",
                    pageWords(issued.bags[0] / "data" / "certificates" / "0001.pdf", 1));
    }
}

TEST_CASE("documents: the date rule without leading zeros (15/12) and the Giấy khen",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    auto issued = issue(tmp.path / "archive", {kGiayKhen});
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    REQUIRE(issued.bags.size() == 1);
    const std::string text = e2e::pdfText(issued.bags[0] / "data" / "decision.pdf");
    CHECK(text.find("ngày 15 tháng 12 năm 2026") != std::string::npos);
    // Individuals only: one section, numbered I.
    CHECK(text.find("I. CÁ NHÂN") != std::string::npos);
    CHECK(text.find("TẬP THỂ") == std::string::npos);
    const fs::path cert = issued.bags[0] / "data" / "certificates" / "0001.pdf";
    const std::string certText = e2e::pdfFlowText(cert);
    CHECK(certText.find("GIẤY KHEN") != std::string::npos);
    CHECK(certText.find("ngày 15 tháng 12 năm 2026") != std::string::npos);
    checkGolden("certificate-giay-khen", pageWords(cert, 1));
}

TEST_CASE("documents: a 300-row list breaks across pages with the header row repeated",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    const fs::path dossier = tmp.path / "300.xml";
    {
        // 20 collectives and 280 individuals, every name distinct.
        const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"};
        const char* middle[] = {"Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh"};
        const char* given[] = {"An", "Bình", "Chi", "Dũng", "Giang"};
        std::ofstream out(dossier.string());
        out << R"(<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="urn:tdkt:dossier:1.0" schemaVersion="1.0">
  <proposingUnit code="HN-SO-YTE"><name>Sở Y tế</name></proposingUnit>
  <round><name>Tổng kết năm 2025</name><year>2025</year><movement>Thi đua yêu nước</movement></round>
  <awards><award id="bk" form="BangKhen" issuer="ubnd-tp-hanoi" decisionDate="2026-02-09">
    <reason>đã có thành tích xuất sắc trong năm 2025</reason></award></awards>
  <submission><number>30/TTr-SYT</number><date>2026-01-25</date></submission>
  <reviewMinutes><date>2026-01-20</date></reviewMinutes>
  <nominees>
)";
        int n = 0;
        for (const char* f : family) {
            for (const char* mid : middle) {
                for (const char* g : given) {
                    out << "    <individual id=\"cn" << n << "\" award=\"bk\"><fullName>" << f
                        << ' ' << mid << ' ' << g << "</fullName><gender>"
                        << (n % 2 ? "female" : "male")
                        << "</gender><birthYear>1980</birthYear><position>Bác sĩ</position>"
                           "<workplace>Bệnh viện số "
                        << n % 9 + 1
                        << "</workplace><achievement>Hoàn thành xuất sắc nhiệm vụ năm 2025"
                           "</achievement><category>directWorker</category></individual>\n";
                    ++n;
                }
            }
        }
        REQUIRE(n == 280);
        for (int c = 1; c <= 20; ++c) {
            out << "    <collective id=\"tt" << c << "\" award=\"bk\"><name>Khoa số " << c
                << "</name><parentUnit>Bệnh viện Đa khoa Hà Đông</parentUnit><achievement>Tập "
                   "thể lao động xuất sắc năm 2025</achievement></collective>\n";
        }
        out << "  </nominees>\n</dossier>\n";
    }
    auto issued = issue(tmp.path / "archive", {dossier.string()});
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    REQUIRE(issued.bags.size() == 1);
    const fs::path pdf = issued.bags[0] / "data" / "decision.pdf";
    const auto pages = pagesOf(e2e::pdfText(pdf));
    const int first = listPage(pdf);
    REQUIRE(static_cast<int>(pages.size()) >= first + 5);
    CHECK(pages[0].find("ngày 09 tháng 02 năm 2026") != std::string::npos);
    // Every list page starts its table with the header row.
    const std::regex header("STT +Họ và tên +Chức vụ, đơn vị +Thành tích");
    for (std::size_t p = static_cast<std::size_t>(first) - 1; p < pages.size(); ++p) {
        if (pages[p].find("Bệnh viện") == std::string::npos) {
            continue; // no table row (e.g. only the totals after the last row)
        }
        INFO("page " << p + 1);
        CHECK(std::regex_search(pages[p], header));
        // Page numbers from page 2, centred in the top margin.
        const auto words = pageWords(pdf, static_cast<int>(p) + 1);
        REQUIRE(!words.empty());
        CHECK(words.front().text == std::to_string(p + 1));
        CHECK(words.front().y < 20 * kPtPerMm);
        CHECK(std::fabs((words.front().x + words.front().x2) / 2 - 112.5 * kPtPerMm) < 3);
    }
    // Collectives then individuals, each in its own section, all 300 rows, then the totals.
    // Rows are numbered within their section: 1–20 collectives, 1–280 individuals.
    const std::string flow = e2e::pdfText(pdf);
    std::size_t at = expectAfter(flow, "I. TẬP THỂ", flow.find("DANH SÁCH"));
    at = expectRowAfter(flow, 20, expectRowAfter(flow, 1, at, "Khoa số 1 "), "Khoa số 20");
    at = expectAfter(flow, "II. CÁ NHÂN", at);
    CHECK(flow.find("Khoa số", at) == std::string::npos);
    const std::size_t individuals = at;
    for (int ordinal : {1, 150, 280}) {
        at = expectRowAfter(flow, ordinal, at);
    }
    CHECK(flow.find("\n281 ", at) == std::string::npos);
    const std::string tail = e2e::pdfFlowText(pdf);
    CHECK(tail.find("Tổng cộng: 20 tập thể và 280 cá nhân; tổng số tiền thưởng:") !=
          std::string::npos);
    CHECK(tail.find("(Bằng chữ:") != std::string::npos);
    CHECK(flow.find("Nguyễn Văn An", individuals) != std::string::npos);
}

TEST_CASE("documents: tdkt preview renders each template with its sample data",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    for (const char* name : {"decision", "certificate-bang-khen", "certificate-giay-khen"}) {
        const fs::path out = tmp.path / (std::string(name) + ".pdf");
        auto r = runTdkt({"preview", name, "--sample", "--out", out.string()});
        INFO(name << ": " << r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK(r.out.find("Đã ghi " + out.string()) != std::string::npos);
        CHECK(r.out.find(std::to_string(e2e::pdfPages(out)) + " trang") != std::string::npos);
    }
    CHECK(e2e::pdfFlowText(tmp.path / "decision.pdf").find("Nguyễn Văn Mẫu") != std::string::npos);

    SECTION("default output preview-<name>.pdf in the current folder") {
        int rc = 0;
        const std::string out =
            e2e::shell("cd " + e2e::quote(tmp.path.string()) + " && " + e2e::quote(TDKT_BINARY) +
                           " preview certificate-giay-khen --sample 2>&1",
                       &rc);
        INFO(out);
        CHECK(rc == 0);
        CHECK(out.find("preview-certificate-giay-khen.pdf (1 trang, toàn bộ mẫu)") !=
              std::string::npos);
        CHECK(fs::exists(tmp.path / "preview-certificate-giay-khen.pdf"));
    }
    SECTION("blank mode leaves the pre-printed parts out and shifts the fields") {
        const fs::path design = tmp.path / "certificate-bang-khen.pdf";
        const fs::path blank = tmp.path / "blank.pdf";
        auto r = runTdkt({"preview", "certificate-bang-khen", "--sample", "--mode", "blank",
                          "--printer", "vp-tdkt-1", "--out", blank.string()});
        INFO(r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK(r.out.find("in lên phôi") != std::string::npos);
        const std::string text = e2e::pdfFlowText(blank);
        CHECK(text.find("CỘNG HÒA") == std::string::npos);
        CHECK(text.find("BẰNG KHEN") == std::string::npos);
        CHECK(text.find("Trần Thị Bích Ngọc") != std::string::npos);
        checkPrinterOffset(design, blank, "Ngọc");
    }
    SECTION("errors: missing sample, unknown printer, bad mode") {
        auto r = runTdkt({"preview", "alignment-sheet", "--printer", "khong-co", "--out",
                          (tmp.path / "x.pdf").string()});
        CHECK(r.exitCode == 78);
        CHECK(r.err.find("R017") != std::string::npos);
        r = runTdkt({"preview", "decision", "--sample=" + (tmp.path / "none.xml").string()});
        CHECK(r.exitCode == 66);
        r = runTdkt({"preview", "decision", "--sample", "--mode", "phoi"});
        CHECK(r.exitCode == 64);
        const fs::path bad = tmp.path / "bad.xml";
        std::ofstream(bad.string())
            << "<sample xmlns=\"urn:tdkt:sample:1.0\" version=\"1.0\"><list name=\"x\">"
               "<value name=\"y\">z</value></list></sample>\n";
        r = runTdkt({"preview", "decision", "--sample=" + bad.string(), "--out",
                     (tmp.path / "y.pdf").string()});
        CHECK(r.exitCode == 78);
        CHECK(r.err.find("T022") != std::string::npos);
    }
}

TEST_CASE("documents: the alignment sheet marks the certificate fields with the printer offset",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    const fs::path plain = tmp.path / "plain.pdf";
    const fs::path shifted = tmp.path / "shifted.pdf";
    auto r =
        runTdkt({"preview", "alignment-sheet", "--printer", "mac-dinh", "--out", plain.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("1 trang, in lên phôi") != std::string::npos);
    r = runTdkt(
        {"preview", "alignment-sheet", "--printer", "vp-tdkt-1", "--out", shifted.string()});
    REQUIRE(r.exitCode == 0);
    const std::string text = e2e::pdfFlowText(shifted);
    CHECK(text.find("độ lệch hiện tại: x = 1,5 mm, y = -2 mm") != std::string::npos);
    CHECK(text.find("config/printers.xml") != std::string::npos);

    // Every variable field of the certificate templates has its crosshair label with the same
    // x / y (the sheet is only useful while the two agree).
    for (const char* cert : {"certificate-bang-khen", "certificate-giay-khen",
                             "certificate-chien-si-thi-dua", "certificate-chung-nhan"}) {
        const std::string xml =
            e2e::readAll(e2e::repo(std::string("templates/") + cert + "/template.xml"));
        const std::regex field(R"re(<text x="([0-9.]+)" y="([0-9.]+)" (?!mode="design"))re");
        int fields = 0;
        for (auto it = std::sregex_iterator(xml.begin(), xml.end(), field);
             it != std::sregex_iterator(); ++it) {
            std::string x = (*it)[1], y = (*it)[2];
            std::replace(x.begin(), x.end(), '.', ',');
            std::replace(y.begin(), y.end(), '.', ',');
            INFO(cert << ": field at x = " << x << ", y = " << y);
            CHECK(text.find("x = " + x + ", y = " + y + " mm") != std::string::npos);
            ++fields;
        }
        CHECK(fields >= 8);
    }
    // The offset moves every mark: 1.5 mm right, 2 mm up.
    checkPrinterOffset(plain, shifted, "người");
    checkGolden("alignment-sheet", pageWords(plain, 1));
}

TEST_CASE(
    "documents: issue --print-mode blank prints the fields only; the archive keeps the design",
    "[e2e][documents]") {
    e2e::TempDir tmp;
    auto issued = issue(tmp.path / "archive", {kBangKhen},
                        {"--print-mode", "blank", "--printer", "vp-tdkt-1"});
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    REQUIRE(issued.bags.size() == 1);
    CHECK(issued.run.out.find("Bản in: ") != std::string::npos);
    CHECK(issued.run.out.find("(in lên phôi, máy in HP LaserJet") != std::string::npos);
    const fs::path print = issued.bags[0] / "data" / "print" / "certificates-print.pdf";
    const fs::path archived = issued.bags[0] / "data" / "certificates" / "0001.pdf";
    CHECK(e2e::pdfPages(print) == 3);
    const std::string printed = e2e::pdfFlowText(print);
    CHECK(printed.find("CỘNG HÒA") == std::string::npos);
    CHECK(printed.find("Tặng") == std::string::npos);
    CHECK(printed.find("Vào sổ vàng số") != std::string::npos);
    CHECK(e2e::pdfFlowText(archived).find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") !=
          std::string::npos);
    // The printer's offset applies to the print file only.
    checkPrinterOffset(archived, print, "Quyết");
    // The archive still verifies with the print file in the bag.
    auto verified = runTdkt({"verify", "--archive", (tmp.path / "archive").string()});
    CHECK(verified.exitCode == 0);

    SECTION("usage and configuration errors write nothing") {
        auto r = runTdkt(
            {"issue", kGiayKhen, "--archive", (tmp.path / "b").string(), "--print-mode", "phoi"});
        CHECK(r.exitCode == 64);
        r = runTdkt({"issue", kGiayKhen, "--archive", (tmp.path / "b").string(), "--print-mode",
                     "blank", "--printer", "khong-co"});
        CHECK(r.exitCode == 78);
        CHECK(r.err.find("R017") != std::string::npos);
        CHECK(e2e::findFiles(tmp.path / "b", "decision.pdf").empty());
    }
}

TEST_CASE("documents: unverified award-money inputs are shown to the clerk as warnings",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    // config/award-money.xml marks the base salary from 01/07/2026 (NĐ 161/2026/NĐ-CP)
    // unverified (facts.md §4): a decision of 15/12/2026 uses it.
    auto issued = issue(tmp.path / "archive", {kGiayKhen});
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    // Once per run, one line per code by default.
    const std::string& out = issued.run.out;
    CHECK(out.find("cảnh báo [M020] tiền thưởng: ") != std::string::npos);
    CHECK(out.find("cần kiểm tra trước khi trình ký") != std::string::npos);
    CHECK(out.find("tdkt config check") != std::string::npos);
    // The shipped retention rows (config/retention.xml) are unverified too: one A070 fact per
    // document kind of the decision.
    CHECK(out.find("cảnh báo [A070] thời hạn bảo quản: 3 quy định chưa xác minh, dùng trong 1 "
                   "quyết định") != std::string::npos);
    // --verbose names each fact once, with the decisions using it.
    auto verbose = issue(tmp.path / "archive-2", {kGiayKhen}, {"--verbose"}).run;
    REQUIRE(verbose.exitCode == 0);
    const std::size_t at = verbose.out.find("cảnh báo [M020] tiền thưởng: ");
    REQUIRE(at != std::string::npos);
    const std::string line = verbose.out.substr(at, verbose.out.find('\n', at) - at);
    CHECK(line.find("NĐ 161/2026/NĐ-CP") != std::string::npos);
    CHECK(line.find("(1 quyết định)") != std::string::npos);
    std::size_t lines = 0;
    for (auto pos = verbose.out.find("cảnh báo [A070] thời hạn bảo quản: thời hạn bảo quản");
         pos != std::string::npos; pos = verbose.out.find("cảnh báo [A070]", pos + 1)) {
        ++lines;
    }
    CHECK(lines == 3);
    // Never printed on the decision.
    CHECK(e2e::pdfFlowText(issued.bags[0] / "data" / "decision.pdf").find("chưa xác minh") ==
          std::string::npos);
}

TEST_CASE("documents: a unit already named in the position is not printed twice",
          "[e2e][documents]") {
    e2e::TempDir tmp;
    auto issued =
        issue(tmp.path / "archive", {"examples/so-y-te.xml", "examples/phuong-cau-giay.xml"});
    INFO(issued.run.out << issued.run.err);
    REQUIRE(issued.run.exitCode == 0);
    std::string lists;
    std::string certificates;
    for (const auto& bag : issued.bags) {
        lists += e2e::pdfFlowText(bag / "data" / "decision.pdf") + "\n";
        boost::system::error_code ec;
        for (fs::directory_iterator it(bag / "data" / "certificates", ec), end; !ec && it != end;
             it.increment(ec)) {
            certificates += e2e::pdfFlowText(it->path()) + "\n";
        }
    }
    // Certificates read as prose.
    CHECK(certificates.find("Phó Giám đốc Sở Y tế Hà Nội") != std::string::npos);
    CHECK(certificates.find("Tổ trưởng Tổ dân phố số 12, phường Cầu Giấy") != std::string::npos);
    CHECK(certificates.find("Sở, Sở") == std::string::npos);
    CHECK(certificates.find("số 12, Tổ dân phố số 12") == std::string::npos);
    // The list's cells wrap and pdftotext interleaves its columns.
    CHECK(lists.find("Sở, Sở") == std::string::npos);
}

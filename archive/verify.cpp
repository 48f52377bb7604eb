#include "archive/archive.hpp"
#include "archive/bag.hpp"
#include "archive/digest.hpp"
#include "archive/history.hpp"
#include "archive/index.hpp"
#include "archive/metadata.hpp"
#include "archive/register.hpp"
#include "archive/sqlite.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/text/normalize.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <iconv.h>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

namespace tdkt::archive {

core::Diagnostic finding(core::Severity severity, std::string code, std::string path,
                         std::string message) {
    return {severity, std::move(code), {std::move(path), 0, 0}, {}, std::move(message)};
}
namespace {

std::string algorithmLabel(const std::string& alg) {
    if (alg == "md5") {
        return "MD5";
    }
    if (alg == "sha1") {
        return "SHA-1";
    }
    if (alg == "sha256") {
        return "SHA-256";
    }
    if (alg == "sha512") {
        return "SHA-512";
    }
    return alg;
}

bool escapesBag(const std::string& path) {
    if (path.empty() || path[0] == '/') {
        return true;
    }
    for (const auto& part : fs::path(path)) {
        if (part == "..") {
            return true;
        }
    }
    return false;
}

// Manifests of one kind ("manifest-" or "tagmanifest-") in the bag folder, by algorithm.
std::map<std::string, fs::path> manifestsIn(const fs::path& bagDir, const std::string& prefix) {
    std::map<std::string, fs::path> out;
    boost::system::error_code ec;
    for (fs::directory_iterator it(bagDir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() > prefix.size() + 4 && name.compare(0, prefix.size(), prefix) == 0 &&
            name.compare(name.size() - 4, 4, ".txt") == 0) {
            out[name.substr(prefix.size(), name.size() - prefix.size() - 4)] = it->path();
        }
    }
    return out;
}

// Tag files in the encoding bagit.txt declares (UTF-8 in every bag tdkt writes; ISO-8859-1
// and UTF-16 occur in older bags). glibc's iconv does the conversion.
core::Result<std::string> toUtf8(const std::string& bytes, const std::string& encoding) {
    std::string upper = encoding;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (upper == "UTF-8" || upper == "UTF8") {
        return bytes;
    }
    iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        return core::makeError(core::ErrorKind::InputRejected, "A219",
                               "bảng mã «" + encoding + "» không được hỗ trợ");
    }
    std::string in = bytes;
    std::string out(in.size() * 2 + 16, '\0');
    char* inPtr = in.data();
    std::size_t inLeft = in.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    const std::size_t rc = ::iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft);
    ::iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) {
        return core::makeError(core::ErrorKind::InputRejected, "A219",
                               "nội dung không đúng bảng mã «" + encoding + "»");
    }
    out.resize(out.size() - outLeft);
    return out;
}

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Files that operating systems drop into folders by themselves (Finder, Explorer).
bool isSystemFile(const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    return name == ".DS_Store" || name == "Thumbs.db" || name == "desktop.ini" ||
           name.compare(0, 2, "._") == 0;
}

class BagChecker {
public:
    BagChecker(const fs::path& bagDir, std::string prefix, VerifyReport& report)
        : m_bag(bagDir), m_prefix(std::move(prefix)), m_report(report) {}

    void run() {
        ++m_report.bagsChecked;
        checkBagitTxt();
        auto payload = listPayload(m_bag, &m_payloadBytes);
        if (!payload) {
            problem("A207", "data", "không đọc được thư mục dữ liệu của gói");
            return;
        }
        m_payload = payload.value();
        m_report.filesChecked += static_cast<int>(m_payload.size());
        checkFetch();
        auto manifests = manifestsIn(m_bag, "manifest-");
        if (manifests.empty()) {
            problem("A207", "", "gói không có tệp manifest (manifest-<thuật toán>.txt)");
        }
        for (const auto& [alg, file] : manifests) {
            checkManifest(alg, file, false);
        }
        for (const auto& [alg, file] : manifestsIn(m_bag, "tagmanifest-")) {
            checkManifest(alg, file, true);
        }
        checkBagInfo();
    }

private:
    void problem(const char* code, const std::string& path, std::string message) {
        m_report.problems.push_back(
            finding(core::Severity::Error, code, m_prefix + path, std::move(message)));
    }
    void warning(const char* code, const std::string& path, std::string message) {
        m_report.warnings.push_back(
            finding(core::Severity::Warning, code, m_prefix + path, std::move(message)));
    }

    // A tag file read and converted to UTF-8; std::nullopt (after reporting) when unreadable.
    std::optional<std::string> readTag(const std::string& name) {
        auto bytes = core::readFile(m_bag / name);
        if (!bytes) {
            return std::nullopt;
        }
        auto text = toUtf8(bytes.value(), m_encoding);
        if (!text) {
            problem("A219", name, text.error().message);
            return std::nullopt;
        }
        return text.value();
    }

    void checkBagitTxt() {
        auto text = core::readFile(m_bag / "bagit.txt");
        if (!text) {
            problem("A200", "bagit.txt", "thiếu tệp bagit.txt (không phải gói BagIt)");
            return;
        }
        // RFC 8493 §2.1.1: bagit.txt is UTF-8 without a byte-order mark; a BOM makes the first
        // label unreadable, which the shape check below reports.
        TagFile t = parseTagFile(text.value());
        static const std::regex version("[0-9]+\\.[0-9]+");
        const bool shape =
            t.badLines.empty() && t.fields.size() == 2 && t.fields[0].first == "BagIt-Version" &&
            std::regex_match(t.fields[0].second, version) &&
            t.fields[1].first == "Tag-File-Character-Encoding" && !t.fields[1].second.empty();
        if (!shape) {
            problem("A200", "bagit.txt",
                    "tệp bagit.txt sai định dạng (cần đúng hai dòng «BagIt-Version: M.N» và "
                    "«Tag-File-Character-Encoding: …», không có khoảng trắng trước dấu hai chấm, "
                    "không có BOM)");
            return;
        }
        m_encoding = t.fields[1].second;
        const std::string& v = t.fields[0].second;
        m_major = std::stoi(v.substr(0, v.find('.')));
    }

    void checkBagInfo() {
        auto text = readTag("bag-info.txt");
        if (!text) {
            return; // optional in BagIt; when a tag manifest lists it, its absence is reported
        }
        TagFile t = parseTagFile(text.value(), false);
        for (int line : t.badLines) {
            problem("A206", "bag-info.txt",
                    "dòng " + std::to_string(line) + " sai định dạng «Nhãn: giá trị»");
        }
        if (const std::string* oxum = t.get("Payload-Oxum")) {
            const std::string actual =
                std::to_string(m_payloadBytes) + "." + std::to_string(m_payload.size());
            // Missing OS litter (warned about above) is not counted against the bag.
            const std::string withLitter = std::to_string(m_payloadBytes) + "." +
                                           std::to_string(m_payload.size() + m_litter.size());
            if (*oxum == withLitter && !m_litter.empty()) {
                warning("A254", "bag-info.txt",
                        "Payload-Oxum «" + *oxum + "» tính cả tệp hệ thống không tồn tại");
            } else if (*oxum != actual && m_fetched.empty()) {
                problem("A206", "bag-info.txt",
                        "Payload-Oxum «" + *oxum + "» không khớp dữ liệu thực tế «" + actual +
                            "» (số byte.số tệp)");
            }
        }
    }

    // fetch.txt (RFC 8493 §2.2.3): "URL LENGTH PATH" lines; files it names may be absent
    // (a "holey" bag) but every path must stay inside data/.
    void checkFetch() {
        if (!fs::exists(m_bag / "fetch.txt")) {
            return;
        }
        auto text = readTag("fetch.txt");
        if (!text) {
            return;
        }
        std::istringstream in(text.value());
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            if (line.empty()) {
                continue;
            }
            const auto a = line.find_first_of(" \t");
            const auto b = a == std::string::npos ? a : line.find_first_of(" \t", a + 1);
            if (b == std::string::npos) {
                problem("A217", "fetch.txt",
                        "dòng " + std::to_string(lineNo) + " sai định dạng «URL ĐỘ-DÀI ĐƯỜNG-DẪN»");
                continue;
            }
            std::string path = decodeManifestPath(line.substr(b + 1));
            if (escapesBag(path) || path.compare(0, 5, "data/") != 0) {
                problem("A217", "fetch.txt",
                        "dòng " + std::to_string(lineNo) + ": đường dẫn «" + path +
                            "» nằm ngoài thư mục data/ của gói");
                continue;
            }
            m_fetched.insert(path);
        }
    }

    void checkManifest(const std::string& alg, const fs::path& file, bool tags) {
        const std::string name = file.filename().string();
        if (!digestSupported(alg)) {
            problem("A207", name, "thuật toán băm «" + alg + "» không được hỗ trợ");
            return;
        }
        if (alg == "md5" || alg == "sha1") {
            warning("A250", name,
                    "thuật toán băm " + algorithmLabel(alg) +
                        " đã lỗi thời; nên dùng SHA-256 hoặc SHA-512");
        }
        auto text = readTag(name);
        if (!text) {
            if (!fs::exists(file)) {
                return;
            }
            problem("A207", name, "không đọc được tệp manifest");
            return;
        }
        Manifest m = parseManifest(text.value());
        for (int line : m.badLines) {
            problem("A207", name,
                    "dòng " + std::to_string(line) + " sai định dạng «mã băm  đường dẫn»");
        }
        std::map<std::string, std::string> listed; // path -> digest
        std::vector<const ManifestLine*> missing;
        for (const auto& entry : m.entries) {
            std::string path = entry.path;
            // "*path": md5sum's binary-mode marker, written by checksum tools, not BagIt.
            if (!path.empty() && path[0] == '*') {
                path.erase(0, 1);
                warning("A251", name,
                        "dòng " + std::to_string(entry.line) +
                            ": dấu «*» của công cụ md5sum trước đường dẫn (không theo BagIt)");
            }
            if (path.compare(0, 2, "./") == 0) {
                path.erase(0, 2);
                warning("A252", name,
                        "dòng " + std::to_string(entry.line) + ": đường dẫn «" + entry.path +
                            "» có tiền tố «./» (không theo BagIt)");
            }
            if (escapesBag(path) || (!tags && path.compare(0, 5, "data/") != 0)) {
                problem("A215", name,
                        "dòng " + std::to_string(entry.line) + ": đường dẫn «" + entry.path +
                            "» nằm ngoài vùng cho phép của gói");
                continue;
            }
            auto [it, fresh] = listed.emplace(path, entry.digest);
            if (!fresh) {
                // RFC 8493 §2.1.3 (1.0): each payload file listed once. Earlier drafts
                // tolerated a repeat with the same digest.
                if (it->second == entry.digest && m_major < 1) {
                    warning("A208", path, "tệp được liệt kê hai lần (cùng mã băm) trong " + name);
                } else {
                    problem("A208", path, "tệp được liệt kê nhiều lần trong " + name);
                }
                continue;
            }
            boost::system::error_code ec;
            if (!fs::is_regular_file(m_bag / path, ec)) {
                missing.push_back(&entry);
                continue;
            }
            auto digest = hash(path, alg);
            if (!digest) {
                problem("A207", path, "không đọc được tệp để tính mã băm");
            } else if (digest.value() != entry.digest) {
                problem(tags ? "A204" : "A201", path,
                        "mã băm " + algorithmLabel(alg) + " không khớp");
            }
        }
        // A listed file that is not on disk: an error, unless fetch.txt says where to get it,
        // or it is the same name as a listed file that is (differing only in case or in
        // Unicode normalisation: one file on macOS/Windows), or OS litter.
        std::map<std::string, std::string> folded;
        for (const auto& [path, digest] : listed) {
            if (fs::is_regular_file(m_bag / path)) {
                folded[lowerAscii(text::toNfc(path))] = path;
            }
        }
        for (const ManifestLine* entry : missing) {
            std::string path = entry->path;
            if (!path.empty() && path[0] == '*') {
                path.erase(0, 1);
            }
            if (path.compare(0, 2, "./") == 0) {
                path.erase(0, 2);
            }
            if (!tags && m_fetched.count(path)) {
                m_report.notes.push_back(finding(core::Severity::Note, "A291", m_prefix + path,
                                                 "tệp chưa được tải về (có trong fetch.txt)"));
                continue;
            }
            auto twin = folded.find(lowerAscii(text::toNfc(path)));
            if (twin != folded.end()) {
                warning("A253", path,
                        "tên tệp chỉ khác «" + twin->second +
                            "» ở chữ hoa/thường hoặc cách chuẩn hóa Unicode");
                continue;
            }
            if (isSystemFile(path)) {
                m_litter.insert(path);
                warning("A254", path,
                        "tệp hệ thống (" + fs::path(path).filename().string() + ") có trong " +
                            name + " nhưng không tồn tại");
                continue;
            }
            problem(tags ? "A205" : "A202", path, "tệp có trong " + name + " nhưng không tồn tại");
        }
        if (!tags) {
            for (const auto& p : m_payload) {
                if (listed.count(p) == 0) {
                    problem("A203", p, "tệp thừa: không có trong " + name);
                } else if (isSystemFile(p)) {
                    warning("A254", p, "tệp hệ thống trong dữ liệu của gói");
                }
            }
        }
    }

    core::Result<std::string> hash(const std::string& rel, const std::string& alg) {
        auto key = alg + '\n' + rel;
        auto it = m_hashes.find(key);
        if (it != m_hashes.end()) {
            return it->second;
        }
        auto digest = digestFile(m_bag / rel, alg);
        if (digest) {
            m_hashes[key] = digest.value();
        }
        return digest;
    }

    fs::path m_bag;
    std::string m_prefix;
    VerifyReport& m_report;
    std::string m_encoding = "UTF-8";
    int m_major = 1;
    std::uintmax_t m_payloadBytes = 0;
    std::vector<std::string> m_payload;
    std::set<std::string> m_fetched;
    std::set<std::string> m_litter; // listed OS files that are not on disk
    std::map<std::string, std::string> m_hashes;
};

std::string firstDetail(const core::Diagnostics& diags) {
    for (const auto& d : diags.items()) {
        std::string s = d.field.empty() ? d.message : d.field + ": " + d.message;
        if (d.where.line > 0) {
            s = "dòng " + std::to_string(d.where.line) + ", " + s;
        }
        return s;
    }
    return {};
}

// Bags filed on or after `since` according to the journal (relative dirs), and every dir the
// journal mentions at all.
std::pair<std::set<std::string>, std::set<std::string>> journalSince(const fs::path& root,
                                                                     const std::string& since) {
    std::set<std::string> recent;
    std::set<std::string> known;
    std::ifstream in((root / "journal").string());
    std::string line;
    Poco::JSON::Parser parser;
    while (std::getline(in, line)) {
        parser.reset();
        try {
            auto obj = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
            const std::string dir = obj->optValue<std::string>("dir", "");
            const std::string time = obj->optValue<std::string>("time", "");
            known.insert(dir);
            // ISO 8601 times compare as text; "2026-01-05T.." >= "2026-01-05".
            if (time >= since) {
                recent.insert(dir);
            }
        } catch (const Poco::Exception&) {
            // A torn last line from a crash: verify of the whole archive reports nothing for
            // it either; the tree is the truth.
        }
    }
    return {recent, known};
}

// Every decision of the index has its row of decision-level keys (award form, issuer, number;
// rowid = year and decision id, as IndexWriter writes it) and no such row is left without its
// decision: otherwise a query mixing an awardee's words with its decision's misses it.
void checkDecisionKeys(const Database& db, VerifyReport& report) {
    const std::string keysRowid =
        "((d.year << " + std::to_string(kYearShift - kRowidShift) + ") | d.id)";
    const std::string mask = std::to_string((1LL << (kYearShift - kRowidShift)) - 1);
    auto missing = db.prepare("SELECT d.rel_dir FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM "
                              "decision_keys k WHERE k.rowid = " +
                              keysRowid + ") ORDER BY d.rel_dir");
    auto orphans = db.prepare("SELECT count(*) FROM decision_keys k WHERE (k.rowid & " + mask +
                              ") NOT IN (SELECT id FROM decisions)");
    if (!missing || !orphans) {
        report.problems.push_back(finding(core::Severity::Error, "A223", "index.sqlite",
                                          "không đọc được khóa tìm kiếm của quyết định; "
                                          "hãy chạy «tdkt reindex»"));
        return;
    }
    for (auto row = missing->step(); row && row.value(); row = missing->step()) {
        report.problems.push_back(
            finding(core::Severity::Error, "A223", missing->text(0),
                    "chỉ mục tìm kiếm thiếu khóa tìm kiếm (hình thức, cơ quan, số) "
                    "của quyết định; hãy chạy «tdkt reindex»"));
    }
    if (auto row = orphans->step(); row && row.value() && orphans->integer(0) > 0) {
        report.problems.push_back(finding(core::Severity::Error, "A223", "index.sqlite",
                                          "chỉ mục tìm kiếm có " +
                                              std::to_string(orphans->integer(0)) +
                                              " dòng khóa tìm kiếm không thuộc quyết định nào; "
                                              "hãy chạy «tdkt reindex»"));
    }
}

// index.sqlite against the tree: same bags, same number of awardees per bag.
void checkIndex(const fs::path& root, const std::map<std::string, int>& awardeesByBag,
                VerifyReport& report) {
    const fs::path file = root / "index.sqlite";
    if (!fs::exists(file)) {
        report.notes.push_back(finding(core::Severity::Note, "A292", "index.sqlite",
                                       "chưa có chỉ mục tìm kiếm (tạo lại bằng «tdkt reindex»)"));
        return;
    }
    if (!indexIsCurrent(file)) {
        report.problems.push_back(
            finding(core::Severity::Error, "A220", "index.sqlite",
                    "chỉ mục tìm kiếm thuộc phiên bản cũ hoặc không đọc được; "
                    "hãy chạy «tdkt reindex»"));
        return;
    }
    auto db = Database::open(file, true);
    // One pass over the FTS rowids (awardeeDecisionSql), not one scan of the
    // FTS table per decision.
    auto stmt = db ? db->prepare("SELECT d.rel_dir, coalesce(c.n, 0) FROM decisions d LEFT JOIN "
                                 "(SELECT " +
                                 awardeeDecisionSql("awardees") +
                                 " AS id, count(*) AS n FROM awardees GROUP BY 1) c ON c.id = d.id")
                   : core::Result<Statement>(db.error());
    if (!stmt) {
        report.problems.push_back(finding(core::Severity::Error, "A220", "index.sqlite",
                                          "không đọc được chỉ mục tìm kiếm (" +
                                              stmt.error().message + "); hãy chạy «tdkt reindex»"));
        return;
    }
    std::map<std::string, int> indexed;
    for (;;) {
        auto row = stmt->step();
        if (!row || !row.value()) {
            break;
        }
        indexed[stmt->text(0)] = static_cast<int>(stmt->integer(1));
    }
    for (const auto& [rel, n] : awardeesByBag) {
        auto it = indexed.find(rel);
        if (it == indexed.end()) {
            report.problems.push_back(
                finding(core::Severity::Error, "A221", rel,
                        "quyết định có trong kho nhưng thiếu trong chỉ mục tìm kiếm; "
                        "hãy chạy «tdkt reindex»"));
        } else if (it->second != n) {
            report.problems.push_back(finding(core::Severity::Error, "A221", rel,
                                              "chỉ mục tìm kiếm có " + std::to_string(it->second) +
                                                  " người/tập thể, siêu dữ liệu có " +
                                                  std::to_string(n) + "; hãy chạy «tdkt reindex»"));
        }
    }
    for (const auto& [rel, n] : indexed) {
        if (awardeesByBag.count(rel) == 0) {
            report.problems.push_back(finding(core::Severity::Error, "A222", rel,
                                              "chỉ mục tìm kiếm có quyết định không còn trong kho; "
                                              "hãy chạy «tdkt reindex»"));
        }
    }
    checkDecisionKeys(db.value(), report);
}

} // namespace

VerifyReport verifyBag(const fs::path& bagDir, const std::string& displayPrefix) {
    VerifyReport report;
    BagChecker(bagDir, displayPrefix, report).run();
    return report;
}

// What verify keeps of one bag for the archive-wide checks (registers, golden books, version
// chains, index): small, so that verifying a large archive stays flat in memory.
struct BagSummary {
    std::string issuerCode;
    int year = 0;
    int number = 0;
    std::string supersedesDir;
    int awardees = 0;
    std::string goldenBookRegister;
    std::vector<int> goldenBook;
};

struct BagResult {
    VerifyReport report;               // this bag's problems, warnings and counts
    std::optional<BagSummary> summary; // when its decision.xml was readable
};

// Everything verify checks inside one bag: BagIt (manifests, completeness), the decision,
// dossier and certificate metadata against the schema, the folder against the number.
BagResult checkBag(const fs::path& root, const std::string& rel, const Metadata* metadata) {
    BagResult out;
    VerifyReport& report = out.report;
    const fs::path bag = root / rel;
    boost::system::error_code ec;
    {
        BagChecker(bag, rel + "/", report).run();

        const std::string xmlRel = rel + "/data/decision.xml";
        core::Diagnostics diags;
        if (!fs::exists(bag / "data" / "decision.xml", ec)) {
            report.problems.push_back(
                finding(core::Severity::Error, "A209", xmlRel, "thiếu siêu dữ liệu quyết định"));
            return out;
        }
        auto record = metadata->readDecision(bag / "data" / "decision.xml", xmlRel, diags);
        if (!record) {
            std::string detail = firstDetail(diags);
            report.problems.push_back(
                finding(core::Severity::Error, "A209", xmlRel,
                        "siêu dữ liệu quyết định không đúng lược đồ" +
                            (detail.empty() ? std::string() : " (" + detail + ")")));
            return out;
        }
        const DecisionRecord& r = record.value();
        const std::string expected =
            std::to_string(r.year) + "/" + r.issuerCode + "/" + slugify(r.numberText);
        if (expected != rel) {
            report.problems.push_back(
                finding(core::Severity::Error, "A216", xmlRel,
                        "vị trí lưu không khớp siêu dữ liệu (theo số, ký hiệu «" + r.numberText +
                            "» phải là " + expected + ")"));
        }
        BagSummary& sum = out.summary.emplace();
        sum.issuerCode = r.issuerCode;
        sum.year = r.year;
        sum.number = r.number;
        sum.supersedesDir = r.supersedesDir;
        sum.awardees = static_cast<int>(r.awardees.size());
        sum.goldenBookRegister = r.goldenBookRegister;
        for (const auto& a : r.awardees) {
            if (a.goldenBook > 0) {
                sum.goldenBook.push_back(a.goldenBook);
            }
        }

        std::set<std::string> described;
        for (const auto& a : r.awardees) {
            if (a.certificateFile.empty()) {
                return out;
            }
            const std::string metaRel = certificateMetadataPath(a.certificateFile);
            described.insert("data/" + metaRel);
            if (!fs::exists(bag / "data" / metaRel, ec)) {
                report.problems.push_back(finding(core::Severity::Error, "A210",
                                                  rel + "/data/" + metaRel,
                                                  "thiếu siêu dữ liệu của bằng/giấy khen"));
            }
        }
        // The dossier-level metadata: valid when present; bags filed before it was introduced
        // lack it, which is worth a note but not a fault.
        const fs::path dossierMeta = bag / "data" / kDossierMetadataFile;
        const std::string dossierMetaRel = rel + "/data/" + kDossierMetadataFile;
        if (fs::exists(dossierMeta, ec)) {
            core::Diagnostics metaDiags;
            auto bytes = core::readFile(dossierMeta);
            if (!bytes || !metadata->check(bytes.value(), dossierMetaRel, metaDiags) ||
                bytes->find("<dossierMetadata") == std::string::npos) {
                std::string detail = firstDetail(metaDiags);
                report.problems.push_back(
                    finding(core::Severity::Error, "A227", dossierMetaRel,
                            "siêu dữ liệu hồ sơ không đúng lược đồ" +
                                (detail.empty() ? std::string() : " (" + detail + ")")));
            }
        } else {
            report.warnings.push_back(
                finding(core::Severity::Warning, "A255", dossierMetaRel,
                        "gói chưa có siêu dữ liệu hồ sơ (gói lưu trước phiên bản này)"));
        }
        // Every certificate metadata file present must be valid.
        auto payload = listPayload(bag);
        for (const auto& p : payload ? payload.value() : std::vector<std::string>()) {
            if (p.compare(0, 18, "data/certificates/") != 0 || fs::path(p).extension() != ".xml") {
                return out;
            }
            core::Diagnostics certDiags;
            auto bytes = core::readFile(bag / p);
            if (!bytes || !metadata->check(bytes.value(), rel + "/" + p, certDiags)) {
                std::string detail = firstDetail(certDiags);
                report.problems.push_back(
                    finding(core::Severity::Error, "A210", rel + "/" + p,
                            "siêu dữ liệu bằng/giấy khen không đúng lược đồ" +
                                (detail.empty() ? std::string() : " (" + detail + ")")));
            }
        }
    }
    return out;
}

core::Result<VerifyReport> verify(const fs::path& root, const fs::path& schemasDir,
                                  const VerifyOptions& options) {
    auto metadata = Metadata::load(schemasDir);
    if (!metadata) {
        return metadata.error();
    }
    boost::system::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return core::makeError(core::ErrorKind::InputMissing, "A606",
                               "không tìm thấy thư mục kho lưu trữ", {root.string()});
    }
    VerifyReport report;
    const TreeListing tree = listTree(root);
    for (const auto& rel : tree.unexpected) {
        report.problems.push_back(
            finding(core::Severity::Error, "A214", rel,
                    "mục lạ trong cây lưu trữ (không phải thư mục năm/cơ quan/quyết định)"));
    }

    // issuer code -> year -> number -> bag folders holding it
    std::map<std::pair<std::string, int>, std::map<int, std::vector<std::string>>> filed;
    std::map<std::string, int> awardeesByBag;
    // golden-book register key -> number -> bags holding it
    std::map<std::string, std::map<int, std::vector<std::string>>> golden;
    // replaced bag -> bags naming it in <supersedes>; replacing bag -> its issuer code
    std::map<std::string, std::vector<std::string>> supersededBy;
    std::map<std::string, std::string> supersedesIssuer;
    std::set<std::string> recent;
    std::set<std::string> known;
    // A bag renamed into place by a commit that was cut short (a kill, a power cut) before it
    // advanced the registers, journal and index: the bag itself is checked like any other;
    // what the next lock completes (Archive::lock) is a note, not a problem.
    std::set<std::string> pending;
    for (const auto& rel : pendingCommits(root)) {
        if (std::find(tree.bags.begin(), tree.bags.end(), rel) != tree.bags.end()) {
            pending.insert(rel);
            report.notes.push_back(
                finding(core::Severity::Note, "A293", rel,
                        "lần lưu quyết định này bị dừng sau khi gói đã vào kho; sổ "
                        "đăng ký số, nhật ký và chỉ mục sẽ được hoàn tất ở lần khóa "
                        "kho tiếp theo (lệnh tdkt issue hoặc tdkt reindex)"));
        }
    }
    // The highest number of `numbers` that a bag not pending holds (0: none).
    auto highestSettled = [&](const std::map<int, std::vector<std::string>>& numbers) {
        for (auto it = numbers.rbegin(); it != numbers.rend(); ++it) {
            if (it->second.size() != 1 || pending.count(it->second.front()) == 0) {
                return it->first;
            }
        }
        return 0;
    };
    if (options.since) {
        std::tie(recent, known) = journalSince(root, *options.since);
    }
    // The bags are checked two at a time (hashing and schema validation are most of the
    // work) and their results merged in tree order.
    std::vector<std::string> toCheck;
    for (const auto& rel : tree.bags) {
        if (options.since && recent.count(rel) == 0 && known.count(rel) > 0) {
            continue; // unchanged since the date: checked by an earlier run
        }
        toCheck.push_back(rel);
    }
    std::vector<BagResult> results(toCheck.size());
    {
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t i = next++; i < toCheck.size(); i = next++) {
                results[i] = checkBag(root, toCheck[i], &metadata.value());
            }
        };
        std::thread helper;
        if (toCheck.size() > 1 && std::thread::hardware_concurrency() > 1) {
            helper = std::thread(work);
        }
        work();
        if (helper.joinable()) {
            helper.join();
        }
    }
    for (std::size_t i = 0; i < toCheck.size(); ++i) {
        const std::string& rel = toCheck[i];
        BagResult& result = results[i];
        report.bagsChecked += result.report.bagsChecked;
        report.filesChecked += result.report.filesChecked;
        auto move = [](std::vector<core::Diagnostic>& from, std::vector<core::Diagnostic>& to) {
            to.insert(to.end(), std::make_move_iterator(from.begin()),
                      std::make_move_iterator(from.end()));
        };
        move(result.report.problems, report.problems);
        move(result.report.notes, report.notes);
        move(result.report.warnings, report.warnings);
        if (!result.summary) {
            continue;
        }
        const BagSummary& r = *result.summary;
        filed[{r.issuerCode, r.year}][r.number].push_back(rel);
        if (!r.supersedesDir.empty()) {
            supersededBy[r.supersedesDir].push_back(rel);
            supersedesIssuer[rel] = r.issuerCode;
        }
        awardeesByBag[rel] = r.awardees;
        for (int n : r.goldenBook) {
            golden[r.goldenBookRegister][n].push_back(rel);
        }
        results[i] = BagResult(); // merged: free it
    }

    // Version chains: a <supersedes> link names a filed bag of the same issuer, and a bag is
    // replaced at most once (a correction of a correction replaces the newest version). With
    // --since only the links of the bags checked are seen; the target still must exist.
    const std::set<std::string> allBags(tree.bags.begin(), tree.bags.end());
    for (const auto& [target, by] : supersededBy) {
        for (const auto& rel : by) {
            const std::string xmlRel = rel + "/data/decision.xml";
            if (allBags.count(target) == 0) {
                report.problems.push_back(
                    finding(core::Severity::Error, "A225", xmlRel,
                            "quyết định được thay thế «" + target + "» không có trong kho"));
                continue;
            }
            // rel is <year>/<issuer>/<slug>: the issuer is the second segment of the target.
            const auto first = target.find('/');
            const auto second = first == std::string::npos ? first : target.find('/', first + 1);
            const std::string targetIssuer = second == std::string::npos
                                                 ? std::string()
                                                 : target.substr(first + 1, second - first - 1);
            if (targetIssuer != supersedesIssuer[rel]) {
                report.problems.push_back(finding(core::Severity::Error, "A225", xmlRel,
                                                  "quyết định được thay thế «" + target +
                                                      "» thuộc cơ quan ban hành khác"));
            }
        }
        if (by.size() > 1) {
            std::string all;
            for (const auto& d : by) {
                all += (all.empty() ? "" : ", ") + d;
            }
            report.problems.push_back(finding(core::Severity::Error, "A226", target,
                                              "quyết định bị thay thế nhiều lần: " + all));
        }
    }

    // The register must be ahead of (or equal to) every number filed, and numbers unique.
    std::map<std::pair<std::string, int>, RegisterEntry> registers;
    for (const auto& e : listRegisters(root)) {
        if (e.last < 0 || e.issuerCode.empty() ||
            e.file != "registers/" + e.issuerCode + "." + std::to_string(e.year) + ".txt") {
            report.problems.push_back(
                finding(core::Severity::Error, "A213", e.file, "sổ đăng ký số quyết định bị hỏng"));
            continue;
        }
        registers[{e.issuerCode, e.year}] = e;
    }
    for (const auto& [key, numbers] : filed) {
        const auto& [issuer, year] = key;
        const std::string regRel = "registers/" + issuer + "." + std::to_string(year) + ".txt";
        for (const auto& [number, dirs] : numbers) {
            if (dirs.size() > 1) {
                std::string all;
                for (const auto& d : dirs) {
                    all += (all.empty() ? "" : ", ") + d;
                }
                report.problems.push_back(finding(core::Severity::Error, "A212", dirs.front(),
                                                  "số quyết định " + std::to_string(number) +
                                                      " bị dùng nhiều lần: " + all));
            }
        }
        auto it = registers.find(key);
        const int maxFiled = highestSettled(numbers);
        if (maxFiled == 0) {
            continue; // only the pending bag: its register is written when the commit completes
        }
        if (it == registers.end()) {
            report.problems.push_back(finding(core::Severity::Error, "A213", regRel,
                                              "thiếu sổ đăng ký số cho " + issuer + " năm " +
                                                  std::to_string(year) + " (đã lưu đến số " +
                                                  std::to_string(maxFiled) + ")"));
        } else if (it->second.last < maxFiled) {
            report.problems.push_back(
                finding(core::Severity::Error, "A211", regRel,
                        "sổ đăng ký số ghi số cuối là " + std::to_string(it->second.last) +
                            " nhưng đã lưu quyết định số " + std::to_string(maxFiled)));
        }
    }

    std::map<std::string, int> goldenLast;
    for (const auto& e : listGoldenBooks(root)) {
        if (e.last < 0 || e.file != "registers/golden-book/" + e.issuerCode + ".txt") {
            report.problems.push_back(
                finding(core::Severity::Error, "A213", e.file, "sổ vàng bị hỏng"));
            continue;
        }
        goldenLast[e.issuerCode] = e.last;
    }
    for (const auto& [key, numbers] : golden) {
        const std::string regRel = "registers/golden-book/" + key + ".txt";
        for (const auto& [number, dirs] : numbers) {
            if (dirs.size() > 1) {
                std::string all;
                for (const auto& d : dirs) {
                    all += (all.empty() ? "" : ", ") + d;
                }
                report.problems.push_back(finding(core::Severity::Error, "A228", dirs.front(),
                                                  "số sổ vàng " + std::to_string(number) + " của " +
                                                      key + " bị dùng nhiều lần: " + all));
            }
        }
        const int maxFiled = highestSettled(numbers);
        auto it = goldenLast.find(key);
        if (maxFiled > 0 && (it == goldenLast.end() || it->second < maxFiled)) {
            report.problems.push_back(
                finding(core::Severity::Error, "A224", regRel,
                        "sổ vàng " + key + " ghi số cuối là " +
                            std::to_string(it == goldenLast.end() ? 0 : it->second) +
                            " nhưng đã lưu số " + std::to_string(maxFiled)));
        }
    }

    // The imported awards of before tdkt: each copy's SHA-256, each record; the index holds
    // them as decisions named after the copy.
    for (const auto& import : verifyHistory(root, report)) {
        for (const auto& d : historyDecisions(import)) {
            awardeesByBag[d.rel] = static_cast<int>(d.record.awardees.size());
        }
    }
    if (options.searchKey && !options.since) {
        for (const auto& rel : pending) {
            awardeesByBag.erase(rel); // indexed when the commit completes
        }
        checkIndex(root, awardeesByBag, report);
    }
    for (const auto& s : stagingFolders(root)) {
        report.notes.push_back(
            finding(core::Severity::Note, "A290", s,
                    "thư mục tạm còn sót lại (sẽ được dọn ở lần khóa kho tiếp theo)"));
    }
    return report;
}

} // namespace tdkt::archive

#include "archive/archive.hpp"
#include "archive/bag.hpp"
#include "archive/digest.hpp"
#include "archive/metadata.hpp"
#include "archive/register.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace tdkt::archive {
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
        m_report.problems.push_back({code, m_prefix + path, std::move(message)});
    }

    void checkBagitTxt() {
        auto text = core::readFile(m_bag / "bagit.txt");
        if (!text) {
            problem("A200", "bagit.txt", "thiếu tệp bagit.txt (không phải gói BagIt)");
            return;
        }
        TagFile t = parseTagFile(text.value());
        static const std::regex version("[0-9]+\\.[0-9]+");
        const bool shape =
            t.badLines.empty() && t.fields.size() == 2 && t.fields[0].first == "BagIt-Version" &&
            std::regex_match(t.fields[0].second, version) &&
            t.fields[1].first == "Tag-File-Character-Encoding" && !t.fields[1].second.empty();
        if (!shape) {
            problem("A200", "bagit.txt",
                    "tệp bagit.txt sai định dạng (cần đúng hai dòng «BagIt-Version: M.N» và "
                    "«Tag-File-Character-Encoding: …»)");
        }
    }

    void checkBagInfo() {
        auto text = core::readFile(m_bag / "bag-info.txt");
        if (!text) {
            return; // optional in BagIt; tdkt bags list it in the tag manifest
        }
        TagFile t = parseTagFile(text.value());
        for (int line : t.badLines) {
            problem("A206", "bag-info.txt",
                    "dòng " + std::to_string(line) + " sai định dạng «Nhãn: giá trị»");
        }
        if (const std::string* oxum = t.get("Payload-Oxum")) {
            const std::string actual =
                std::to_string(m_payloadBytes) + "." + std::to_string(m_payload.size());
            if (*oxum != actual) {
                problem("A206", "bag-info.txt",
                        "Payload-Oxum «" + *oxum + "» không khớp dữ liệu thực tế «" + actual +
                            "» (số byte.số tệp)");
            }
        }
    }

    void checkManifest(const std::string& alg, const fs::path& file, bool tags) {
        const std::string name = file.filename().string();
        if (!digestSupported(alg)) {
            problem("A207", name, "thuật toán băm «" + alg + "» không được hỗ trợ");
            return;
        }
        auto text = core::readFile(file);
        if (!text) {
            problem("A207", name, "không đọc được tệp manifest");
            return;
        }
        Manifest m = parseManifest(text.value());
        for (int line : m.badLines) {
            problem("A207", name,
                    "dòng " + std::to_string(line) + " sai định dạng «mã băm  đường dẫn»");
        }
        std::set<std::string> listed;
        for (const auto& e : m.entries) {
            if (escapesBag(e.path) || (!tags && e.path.compare(0, 5, "data/") != 0)) {
                problem("A215", name,
                        "dòng " + std::to_string(e.line) + ": đường dẫn «" + e.path +
                            "» nằm ngoài vùng cho phép của gói");
                continue;
            }
            if (!listed.insert(e.path).second) {
                problem("A208", e.path, "tệp được liệt kê nhiều lần trong " + name);
                continue;
            }
            boost::system::error_code ec;
            if (!fs::is_regular_file(m_bag / e.path, ec)) {
                problem(tags ? "A205" : "A202", e.path,
                        "tệp có trong " + name + " nhưng không tồn tại");
                continue;
            }
            auto digest = hash(e.path, alg);
            if (!digest) {
                problem("A207", e.path, "không đọc được tệp để tính mã băm");
            } else if (digest.value() != e.digest) {
                problem(tags ? "A204" : "A201", e.path,
                        "mã băm " + algorithmLabel(alg) + " không khớp");
            }
        }
        if (!tags) {
            for (const auto& p : m_payload) {
                if (listed.count(p) == 0) {
                    problem("A203", p, "tệp thừa: không có trong " + name);
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
    std::uintmax_t m_payloadBytes = 0;
    std::vector<std::string> m_payload;
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

} // namespace

VerifyReport verifyBag(const fs::path& bagDir, const std::string& displayPrefix) {
    VerifyReport report;
    BagChecker(bagDir, displayPrefix, report).run();
    return report;
}

core::Result<VerifyReport> verify(const fs::path& root, const fs::path& schemasDir) {
    auto metadata = Metadata::load(schemasDir);
    if (!metadata) {
        return metadata.error();
    }
    boost::system::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return core::makeError(core::ErrorKind::InputMissing, "A018",
                               "không tìm thấy thư mục kho lưu trữ", {root.string()});
    }
    VerifyReport report;
    const TreeListing tree = listTree(root);
    for (const auto& rel : tree.unexpected) {
        report.problems.push_back(
            {"A214", rel, "mục lạ trong cây lưu trữ (không phải thư mục năm/cơ quan/quyết định)"});
    }

    // issuer code -> year -> number -> bag folders holding it
    std::map<std::pair<std::string, int>, std::map<int, std::vector<std::string>>> filed;
    for (const auto& rel : tree.bags) {
        const fs::path bag = root / rel;
        BagChecker(bag, rel + "/", report).run();

        const std::string xmlRel = rel + "/data/decision.xml";
        core::Diagnostics diags;
        if (!fs::exists(bag / "data" / "decision.xml", ec)) {
            report.problems.push_back({"A209", xmlRel, "thiếu siêu dữ liệu quyết định"});
            continue;
        }
        auto record = metadata->readDecision(bag / "data" / "decision.xml", xmlRel, diags);
        if (!record) {
            std::string detail = firstDetail(diags);
            report.problems.push_back({"A209", xmlRel,
                                       "siêu dữ liệu quyết định không đúng lược đồ" +
                                           (detail.empty() ? std::string() : " (" + detail + ")")});
            continue;
        }
        const DecisionRecord& r = record.value();
        const std::string expected =
            std::to_string(r.year) + "/" + r.issuerCode + "/" + slugify(r.numberText);
        if (expected != rel) {
            report.problems.push_back({"A216", xmlRel,
                                       "vị trí lưu không khớp siêu dữ liệu (theo số, ký hiệu «" +
                                           r.numberText + "» phải là " + expected + ")"});
        }
        filed[{r.issuerCode, r.year}][r.number].push_back(rel);

        std::set<std::string> described;
        for (const auto& a : r.awardees) {
            if (a.certificateFile.empty()) {
                continue;
            }
            const std::string metaRel = certificateMetadataPath(a.certificateFile);
            described.insert("data/" + metaRel);
            if (!fs::exists(bag / "data" / metaRel, ec)) {
                report.problems.push_back(
                    {"A210", rel + "/data/" + metaRel, "thiếu siêu dữ liệu của bằng/giấy khen"});
            }
        }
        // Every certificate metadata file present must be valid.
        auto payload = listPayload(bag);
        for (const auto& p : payload ? payload.value() : std::vector<std::string>()) {
            if (p.compare(0, 18, "data/certificates/") != 0 || fs::path(p).extension() != ".xml") {
                continue;
            }
            core::Diagnostics certDiags;
            auto bytes = core::readFile(bag / p);
            if (!bytes || !metadata->check(bytes.value(), rel + "/" + p, certDiags)) {
                std::string detail = firstDetail(certDiags);
                report.problems.push_back(
                    {"A210", rel + "/" + p,
                     "siêu dữ liệu bằng/giấy khen không đúng lược đồ" +
                         (detail.empty() ? std::string() : " (" + detail + ")")});
            }
        }
    }

    // The register must be ahead of (or equal to) every number filed, and numbers unique.
    std::map<std::pair<std::string, int>, RegisterEntry> registers;
    for (const auto& e : listRegisters(root)) {
        if (e.last < 0 || e.issuerCode.empty() ||
            e.file != "registers/" + e.issuerCode + "." + std::to_string(e.year) + ".txt") {
            report.problems.push_back({"A213", e.file, "sổ đăng ký số quyết định bị hỏng"});
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
                report.problems.push_back(
                    {"A212", dirs.front(),
                     "số quyết định " + std::to_string(number) + " bị dùng nhiều lần: " + all});
            }
        }
        auto it = registers.find(key);
        const int maxFiled = numbers.rbegin()->first;
        if (it == registers.end()) {
            report.problems.push_back({"A213", regRel,
                                       "thiếu sổ đăng ký số cho " + issuer + " năm " +
                                           std::to_string(year) + " (đã lưu đến số " +
                                           std::to_string(maxFiled) + ")"});
        } else if (it->second.last < maxFiled) {
            report.problems.push_back(
                {"A211", regRel,
                 "sổ đăng ký số ghi số cuối là " + std::to_string(it->second.last) +
                     " nhưng đã lưu quyết định số " + std::to_string(maxFiled)});
        }
    }

    for (const auto& s : stagingFolders(root)) {
        report.notes.push_back(
            {"A290", s, "thư mục tạm còn sót lại (sẽ được dọn ở lần khóa kho tiếp theo)"});
    }
    return report;
}

} // namespace tdkt::archive

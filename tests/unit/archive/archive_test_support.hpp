#pragma once
// Shared fixtures for the archive tests: a temporary archive root, a sample decision and a
// small search-key fold written here (the tests link without the normalise stage).
#include "archive/archive.hpp"
#include "archive/metadata.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/sha256.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <string_view>

namespace tdkt::archive::test {

inline fs::path schemasDir() {
    return fs::path(TDKT_SOURCE_DIR) / "schemas";
}

// Lower-case, diacritics dropped, đ -> d; a table of the Vietnamese letters is enough here.
inline std::string foldKey(const std::string& s) {
    static const std::pair<std::string_view, char> table[] = {
        {"àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'a'},
        {"èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 'e'},
        {"ìíỉĩịÌÍỈĨỊ", 'i'},
        {"òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 'o'},
        {"ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 'u'},
        {"ỳýỷỹỵỲÝỶỸỴ", 'y'},
        {"đĐ", 'd'},
    };
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        std::string_view ch(s.data() + i, std::min(n, s.size() - i));
        i += n;
        if (n == 1) {
            out.push_back(static_cast<char>(std::tolower(c)));
            continue;
        }
        char folded = ' ';
        for (const auto& [letters, ascii] : table) {
            for (std::size_t k = 0; k < letters.size();) {
                unsigned char lead = static_cast<unsigned char>(letters[k]);
                std::size_t len = (lead & 0xF0) == 0xE0 ? 3 : 2; // 2- or 3-byte letters only
                if (letters.substr(k, len) == ch) {
                    folded = ascii;
                }
                k += len;
            }
        }
        out.push_back(folded);
    }
    return out;
}

class TempDir {
public:
    TempDir() : m_path(fs::temp_directory_path() / fs::unique_path("tdkt-archive-%%%%-%%%%")) {
        fs::create_directories(m_path);
    }
    ~TempDir() {
        boost::system::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

inline void writeFile(const fs::path& file, const std::string& bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file.string(), std::ios::binary);
    out << bytes;
}

inline std::string readText(const fs::path& file) {
    auto r = core::readFile(file);
    REQUIRE(r.ok());
    return r.value();
}

inline std::string twoDigits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

// One award (kind) for the whole decision, with the id the 1.0 dossiers used ("bk").
inline void setAward(DecisionRecord& r, const std::string& kind, const std::string& name,
                     const std::string& id = "bk") {
    r.awards.clear();
    AwardRecord a;
    a.id = id;
    a.kind = kind;
    a.name = name;
    a.artefactName = name;
    r.awards.push_back(a);
    joinAwards(r);
}

inline DecisionRecord sampleRecord(int number, int year = 2026,
                                   const std::string& issuerCode = "UBND-TP-HANOI") {
    DecisionRecord r;
    r.issuerId = "ubnd-tp-hanoi";
    r.issuerCode = issuerCode;
    r.issuerName = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI";
    r.issuerLevel = "province";
    r.notation = "UBND";
    r.year = year;
    r.number = number;
    r.numberText = twoDigits(number) + "/QĐ-UBND";
    r.date = std::to_string(year) + "-01-05";
    r.subject = "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố";
    r.signerTitle = "CHỦ TỊCH";
    r.signerName = "Trần Sỹ Thanh";
    setAward(r, "bang-khen-tinh", "Bằng khen");
    r.dossierFile = "ho-so-thcs-nguyen-trai.xml";
    r.dossierSha256 = core::sha256Hex("dossier " + std::to_string(number) + issuerCode);
    r.unitCode = "HN-THCS-NGUYENTRAI";
    r.unitName = "Trường THCS Nguyễn Trãi";
    r.roundName = "Tổng kết năm học 2025-2026";
    r.pageCount = 2;
    AwardeeRecord a;
    a.kind = model::NomineeKind::Individual;
    a.ordinal = 1;
    a.name = "Nguyễn Thị Đào";
    a.position = "Giáo viên";
    a.unit = "Trường THCS Nguyễn Trãi";
    a.achievement = "Đã có thành tích xuất sắc trong công tác giảng dạy";
    a.category = model::PersonCategory::DirectWorker;
    a.gender = model::Gender::Female;
    a.birthYear = 1980;
    a.certificateFile = "certificates/0001.pdf";
    r.awardees.push_back(a);
    AwardeeRecord b;
    b.kind = model::NomineeKind::Individual;
    b.ordinal = 2;
    b.name = "Lê Văn Dao";
    b.position = "Hiệu trưởng";
    b.unit = "Trường THCS Nguyễn Trãi";
    b.achievement = "Đã có thành tích xuất sắc";
    b.category = model::PersonCategory::OtherLeader;
    b.gender = model::Gender::Male;
    b.birthYear = 1975;
    b.certificateFile = "certificates/0002.pdf";
    r.awardees.push_back(b);
    return r;
}

// Stages the payload the pipeline would write (fake PDFs + the dossier copy) and commits.
inline core::Result<FiledDecision> fileDecision(Archive& archive, const Lock& lock,
                                                const DecisionRecord& r,
                                                RoundCommit* round = nullptr) {
    auto staging = archive.stage();
    REQUIRE(staging.ok());
    writeFile(staging->data() / r.decisionFile, "%PDF-1.4\n% quyết định " + r.numberText + "\n");
    writeFile(staging->data() / "dossier.xml", "<hoSo>" + r.dossierSha256 + "</hoSo>\n");
    for (const auto& a : r.awardees) {
        writeFile(staging->data() / a.certificateFile, "%PDF-1.4\n% " + a.name + "\n");
    }
    return archive.commit(std::move(staging.value()), r, lock, round);
}

// The shipped config/retention.xml (tests that need other periods build their own table).
inline RetentionTable shippedRetention() {
    auto t = RetentionTable::load(fs::path(TDKT_SOURCE_DIR) / "config" / kRetentionConfigFile,
                                  schemasDir());
    INFO((t.ok() ? std::string() : core::format(t.error())));
    REQUIRE(t.ok());
    return std::move(t.value());
}

inline Archive openArchive(const fs::path& root, RetentionTable retention = shippedRetention()) {
    auto a = Archive::open(root, schemasDir(), foldKey, std::move(retention));
    INFO((a.ok() ? std::string() : core::format(a.error())));
    REQUIRE(a.ok());
    a->setClock(1767225600); // 2026-01-01T07:00:00+07:00
    return std::move(a.value());
}

} // namespace tdkt::archive::test

#include "archive/archive.hpp"

#include "archive/bag.hpp"
#include "archive/history.hpp"
#include "archive/index.hpp"
#include "archive/journal.hpp"
#include "archive/metadata.hpp"
#include "archive/register.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/sha256.hpp"
#include "pipeline/model/date.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace tdkt::archive {

struct Archive::Impl {
    Metadata metadata;
};

namespace {

using core::ErrorKind;
using core::makeError;

constexpr const char* kPendingFile = kPendingCommitFile; // tree.hpp

bool safeCode(const std::string& code) {
    return !code.empty() && code.size() <= 64 && code[0] != '.' &&
           std::all_of(code.begin(), code.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                      c == '.';
           });
}

bool safeDataPath(const std::string& rel) {
    if (rel.empty() || rel[0] == '/') {
        return false;
    }
    for (const auto& part : fs::path(rel)) {
        if (part == ".." || part == ".") {
            return false;
        }
    }
    return true;
}

std::string relDirOf(const DecisionRecord& r) {
    return std::to_string(r.year) + "/" + r.issuerCode + "/" + slugify(r.numberText);
}

int maxGoldenBook(const DecisionRecord& r) {
    int m = 0;
    for (const auto& a : r.awardees) {
        m = std::max(m, a.goldenBook);
    }
    return m;
}

core::Status checkRecord(const DecisionRecord& r) {
    auto reject = [](std::string message) -> core::Status {
        return makeError(ErrorKind::InputRejected, "A014", std::move(message));
    };
    if (!safeCode(r.issuerCode)) {
        return reject("mã cơ quan ban hành «" + r.issuerCode +
                      "» không hợp lệ (chỉ gồm chữ, số, «-», «_», «.»)");
    }
    if (r.year < 1945 || r.year > 9999 || r.date.size() != 10 ||
        r.date.compare(0, 4, std::to_string(r.year)) != 0) {
        return reject("năm lưu trữ " + std::to_string(r.year) + " không khớp ngày quyết định «" +
                      r.date + "»");
    }
    if (r.number <= 0) {
        return reject("số quyết định phải lớn hơn 0");
    }
    if (slugify(r.numberText).empty()) {
        return reject("số, ký hiệu quyết định «" + r.numberText + "» không hợp lệ");
    }
    if (!safeDataPath(r.decisionFile)) {
        return reject("tên tệp quyết định «" + r.decisionFile + "» không hợp lệ");
    }
    if (maxGoldenBook(r) > 0 && !safeCode(r.goldenBookRegister)) {
        return reject("thiếu hoặc sai mã sổ vàng «" + r.goldenBookRegister + "»");
    }
    for (const auto& a : r.awardees) {
        if (!a.certificateFile.empty() && !safeDataPath(a.certificateFile)) {
            return reject("tên tệp bằng/giấy khen «" + a.certificateFile + "» không hợp lệ");
        }
    }
    return {};
}

// create_directories that also fsyncs the parent of every folder it creates.
core::Status makeDirsDurable(const fs::path& dir) {
    boost::system::error_code ec;
    if (fs::is_directory(dir, ec)) {
        return {};
    }
    if (auto st = makeDirsDurable(dir.parent_path()); !st) {
        return st;
    }
    fs::create_directory(dir, ec);
    if (ec) {
        return makeError(ErrorKind::CannotCreate, "A001",
                         "không tạo được thư mục lưu trữ: " + core::systemErrorText(ec),
                         {dir.string()});
    }
    return core::fsyncPath(dir.parent_path());
}

bool sameFile(int fd, const fs::path& path) {
    struct stat a {};
    struct stat b {};
    return fd >= 0 && ::fstat(fd, &a) == 0 && ::stat(path.c_str(), &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Brings the registers, journal and index in line with filed bags: each register written
// once (at the highest number filed), the journal lines in one append, the index in one
// transaction. Idempotent when `recovering` (an interrupted commit may have done part of it);
// a normal commit skips the journal scan, which would grow with the archive.
core::Status publish(const fs::path& root, const std::vector<PublishedBag>& bags,
                     const Metadata& metadata, const SearchKeyFn& key, bool recovering) {
    std::map<std::pair<std::string, int>, int> numbers; // issuer, year -> highest filed
    std::map<std::string, int> golden;                  // register key -> highest filed
    for (const auto& b : bags) {
        int& n = numbers[{b.record.issuerCode, b.record.year}];
        n = std::max(n, b.record.number);
        if (int g = maxGoldenBook(b.record); g > 0) {
            int& m = golden[b.record.goldenBookRegister];
            m = std::max(m, g);
        }
    }
    for (const auto& [issuerYear, number] : numbers) {
        auto last = readRegister(root, issuerYear.first, issuerYear.second);
        if (!last) {
            return last.error();
        }
        if (last.value() < number) {
            if (auto st = writeRegister(root, issuerYear.first, issuerYear.second, number); !st) {
                return st;
            }
        }
    }
    for (const auto& [registerKey, number] : golden) {
        auto last = readGoldenBook(root, registerKey);
        if (!last) {
            return last.error();
        }
        if (last.value() < number) {
            if (auto st = writeGoldenBook(root, registerKey, number); !st) {
                return st;
            }
        }
    }
    std::vector<JournalEntry> journal;
    for (const auto& b : bags) {
        const DecisionRecord& r = b.record;
        if (!recovering || !journalHasDir(root, b.dir)) {
            JournalEntry entry{b.time,          "file",        b.dir,     r.numberText,
                               r.dossierSha256, r.dossierFile, r.awardId, ""};
            for (const auto& a : r.accepted) {
                entry.accepted.push_back(
                    a.code + (a.subject.empty() ? "" : " «" + a.subject + "»") + ": " + a.reason);
            }
            journal.push_back(std::move(entry));
        }
        if (!r.supersedesDir.empty() && (!recovering || !journalHasDir(root, b.dir, "supersede"))) {
            journal.push_back({b.time, "supersede", b.dir, r.numberText, r.dossierSha256,
                               r.dossierFile, r.awardId, r.supersedesDir});
        }
    }
    if (auto st = appendJournal(root, journal); !st) {
        return st;
    }
    if (!indexIsCurrent(indexFile(root))) {
        // A fresh index holding only these decisions would hide the rest of the tree; an
        // index of an older schema is rebuilt rather than migrated (the tree is the truth).
        auto n = rebuildIndex(root, metadata, key);
        return n ? core::Status() : core::Status(n.error());
    }
    auto writer = IndexWriter::begin(indexFile(root));
    if (!writer) {
        return writer.error();
    }
    for (const auto& b : bags) {
        if (auto st = writer->add(b.dir, b.record, key); !st) {
            return st;
        }
    }
    return writer->commit();
}

// The pending marker: the bags renamed into place whose publishing is not done, one per line.
core::Status writePending(const fs::path& root, const std::vector<std::string>& dirs) {
    std::string text;
    for (const auto& d : dirs) {
        text += d + "\n";
    }
    return core::writeFileAtomic(root / kPendingFile, text);
}

core::Status clearPending(const fs::path& root) {
    boost::system::error_code ec;
    fs::remove(root / kPendingFile, ec);
    if (ec) {
        return makeError(ErrorKind::Io, "A016", "không xóa được dấu giao dịch dở dang",
                         {(root / kPendingFile).string()});
    }
    return core::fsyncPath(root);
}

} // namespace

core::Result<Archive> Archive::open(const fs::path& root, const fs::path& schemasDir,
                                    SearchKeyFn searchKey, RetentionTable retention) {
    boost::system::error_code ec;
    fs::create_directories(root / ".staging", ec);
    if (ec) {
        return makeError(ErrorKind::CannotCreate, "A001",
                         "không tạo được thư mục kho lưu trữ: " + core::systemErrorText(ec),
                         {root.string()});
    }
    int fd = ::open((root / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(ErrorKind::CannotCreate, "A011",
                         std::string("không tạo được tệp khóa của kho lưu trữ: ") +
                             core::systemErrorText(errno),
                         {(root / ".lock").string()});
    }
    ::close(fd);
    auto metadata = Metadata::load(schemasDir, std::move(retention));
    if (!metadata) {
        return metadata.error();
    }
    if (!searchKey) {
        return makeError(ErrorKind::Internal, "A017", "thiếu hàm tạo khóa tìm kiếm");
    }
    cleanStaging(root);
    Archive a;
    a.m_root = fs::absolute(root);
    a.m_schemasDir = schemasDir;
    a.m_searchKey = std::move(searchKey);
    a.m_impl = std::make_shared<Impl>(Impl{std::move(metadata.value())});
    return a;
}

core::Result<Lock> Archive::lock(int waitSeconds) const {
    const fs::path lockPath = m_root / ".lock";
    int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(ErrorKind::CannotCreate, "A011",
                         std::string("không mở được tệp khóa của kho lưu trữ: ") +
                             core::systemErrorText(errno),
                         {lockPath.string()});
    }
    Lock held(fd);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(waitSeconds);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            return makeError(ErrorKind::Io, "A011",
                             std::string("không khóa được kho lưu trữ: ") +
                                 core::systemErrorText(errno),
                             {lockPath.string()});
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return makeError(ErrorKind::Locked, "A010",
                             "kho lưu trữ đang được một tiến trình khác sử dụng (đã chờ " +
                                 std::to_string(waitSeconds) +
                                 " giây); hãy chờ tiến trình đó xong rồi chạy lại",
                             {lockPath.string()});
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    cleanStaging(m_root);
    cleanInterruptedJournalWrites(m_root);
    // Finish a commit that was interrupted after its rename.
    boost::system::error_code ec;
    if (fs::exists(m_root / kPendingFile, ec)) {
        std::vector<PublishedBag> bags;
        for (const auto& rel : pendingCommits(m_root)) {
            const fs::path xml = m_root / rel / "data" / "decision.xml";
            if (!fs::exists(xml, ec)) {
                continue; // the marker was written, the rename never happened
            }
            core::Diagnostics diags;
            auto record = m_impl->metadata.readDecision(xml, rel + "/data/decision.xml", diags);
            if (!record) {
                core::Error e = record.error();
                e.code = "A016";
                e.message = "không hoàn tất được lần lưu trữ bị gián đoạn (" + rel +
                            "): siêu dữ liệu quyết định không đọc được";
                return e;
            }
            const std::string time = m_clock ? model::vietnamDateTime(m_clock).iso() : record->date;
            bags.push_back(PublishedBag{rel, std::move(record).value(), time});
        }
        if (!bags.empty()) {
            if (auto st = publish(m_root, bags, m_impl->metadata, m_searchKey, true); !st) {
                return st.error();
            }
        }
        if (auto st = clearPending(m_root); !st) {
            return st.error();
        }
    }
    return held;
}

std::optional<FiledDecision> Archive::findFiled(const std::string& dossierSha256,
                                                const std::string& awardId) const {
    boost::system::error_code ec;
    if (!fs::exists(m_root / kPendingFile, ec)) {
        auto found = findInIndex(m_root, dossierSha256, awardId);
        if (found) {
            return found.value();
        }
    }
    // No usable index: the tree is the truth.
    for (const auto& rel : listTree(m_root).bags) {
        core::Diagnostics diags;
        auto record = m_impl->metadata.readDecision(m_root / rel / "data" / "decision.xml",
                                                    rel + "/data/decision.xml", diags);
        if (record && record->dossierSha256 == dossierSha256 && record->awardId == awardId) {
            return FiledDecision{m_root / rel, rel, record->number, record->numberText, true};
        }
    }
    return std::nullopt;
}

RoundKey roundKeyOf(const DecisionRecord& r) {
    if (r.sources.empty()) {
        return RoundKey{r.issuerCode, r.unitCode, r.roundName, r.roundYear, r.awardId, r.awardKind};
    }
    // A consolidated decision is a version of another when the same units' round of the same
    // kinds is decided again: the units stand for the one proposing unit.
    std::vector<std::string> units;
    for (const auto& s : r.sources) {
        units.push_back(s.unitCode);
    }
    std::sort(units.begin(), units.end());
    std::string all;
    for (const auto& u : units) {
        all += u + "\n";
    }
    return RoundKey{r.issuerCode, "units:" + core::sha256Hex(all).substr(0, 16),
                    r.roundName,  r.roundYear,
                    r.awardId,    r.awardKind};
}

const std::string& unitCodeOf(const DecisionRecord& r, const AwardeeRecord& a) {
    if (a.source >= 0 && static_cast<std::size_t>(a.source) < r.sources.size()) {
        return r.sources[static_cast<std::size_t>(a.source)].unitCode;
    }
    return r.unitCode;
}

const std::string& unitNameOf(const DecisionRecord& r, const AwardeeRecord& a) {
    if (a.source >= 0 && static_cast<std::size_t>(a.source) < r.sources.size()) {
        return r.sources[static_cast<std::size_t>(a.source)].unitName;
    }
    return r.unitName;
}

const std::string& dossierOf(const DecisionRecord& r, const AwardeeRecord& a) {
    if (a.source >= 0 && static_cast<std::size_t>(a.source) < r.sources.size()) {
        return r.sources[static_cast<std::size_t>(a.source)].sha256;
    }
    return r.dossierSha256;
}

std::string awardRoundKey(const DecisionRecord& r, const AwardeeRecord& a) {
    const bool source = a.source >= 0 && static_cast<std::size_t>(a.source) < r.sources.size();
    const SourceRecord* s = source ? &r.sources[static_cast<std::size_t>(a.source)] : nullptr;
    const AwardRecord* award = awardOf(r, a);
    return model::awardRoundKey(s ? s->unitCode : r.unitCode, s ? s->roundName : r.roundName,
                                s ? s->roundYear : r.roundYear, award ? award->kind : r.awardKind);
}

std::optional<FiledDecision> Archive::findCurrentVersion(const RoundKey& key) const {
    if (!key.usable()) {
        return std::nullopt; // no round identity: nothing to be a version of
    }
    boost::system::error_code ec;
    if (!fs::exists(m_root / kPendingFile, ec)) {
        auto found = findCurrentInIndex(m_root, key);
        if (found) {
            return found.value();
        }
    }
    // No usable index: the tree is the truth. A decision is current when no other bag of the
    // tree names it in <supersedes>.
    std::vector<std::pair<std::string, DecisionRecord>> matches;
    std::set<std::string> superseded;
    for (const auto& rel : listTree(m_root).bags) {
        core::Diagnostics diags;
        auto record = m_impl->metadata.readDecision(m_root / rel / "data" / "decision.xml",
                                                    rel + "/data/decision.xml", diags);
        if (!record) {
            continue;
        }
        if (!record->supersedesDir.empty()) {
            superseded.insert(record->supersedesDir);
        }
        if (roundKeyOf(record.value()) == key) {
            matches.emplace_back(rel, std::move(record.value()));
        }
    }
    const std::pair<std::string, DecisionRecord>* best = nullptr;
    for (const auto& m : matches) {
        if (superseded.count(m.first) == 0 &&
            (!best || std::make_pair(m.second.year, m.second.number) >
                          std::make_pair(best->second.year, best->second.number))) {
            best = &m;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    return FiledDecision{m_root / best->first, best->first, best->second.number,
                         best->second.numberText, false};
}

core::Result<int> Archive::nextNumber(const std::string& issuerCode, int year) const {
    if (!safeCode(issuerCode)) {
        return makeError(ErrorKind::InputRejected, "A014",
                         "mã cơ quan ban hành «" + issuerCode + "» không hợp lệ");
    }
    auto last = readRegister(m_root, issuerCode, year);
    if (!last) {
        return last.error();
    }
    return last.value() + 1;
}

core::Result<GoldenBookNumbers> Archive::nextGoldenBook(const std::string& issuerCode, int year,
                                                        int count) const {
    if (!safeCode(issuerCode) || count < 0) {
        return makeError(ErrorKind::InputRejected, "A014",
                         "mã cơ quan ban hành «" + issuerCode + "» không hợp lệ");
    }
    GoldenBookNumbers out;
    out.registerKey = goldenBookKey(issuerCode, year, m_goldenBookYearly);
    auto last = readGoldenBook(m_root, out.registerKey);
    if (!last) {
        return last.error();
    }
    for (int i = 1; i <= count; ++i) {
        out.numbers.push_back(last.value() + i);
    }
    return out;
}

core::Result<Staging> Archive::stage() const {
    for (int attempt = 0; attempt < 5; ++attempt) {
        const fs::path dir = m_root / ".staging" / fs::unique_path("%%%%%%%%-%%%%%%%%");
        // The folder is created empty, then locked, then filled: a cleaner in another process
        // takes any unlocked staging folder, so until our flock holds, the folder may vanish
        // (CI once saw data/ fail with ENOENT when it was created before the lock).
        if (::mkdir(dir.c_str(), 0755) != 0) {
            if (errno == EEXIST) {
                continue;
            }
            return makeError(ErrorKind::CannotCreate, "A003",
                             "không tạo được thư mục tạm để lưu trữ: " +
                                 core::systemErrorText(errno),
                             {dir.string()});
        }
        int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        ::flock(fd, LOCK_EX);
        // The cleaner may have taken the folder between its creation and our flock; then it
        // is gone and we try a new one.
        if (!sameFile(fd, dir)) {
            ::close(fd);
            continue;
        }
        if (::mkdirat(fd, "data", 0755) != 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorKind::CannotCreate, "A003",
                             "không tạo được thư mục tạm để lưu trữ: " + core::systemErrorText(err),
                             {(dir / "data").string()});
        }
        return Staging(dir, fd);
    }
    return makeError(ErrorKind::CannotCreate, "A003", "không tạo được thư mục tạm để lưu trữ",
                     {(m_root / ".staging").string()});
}

core::Status Archive::prepareBag(Staging& staging, const DecisionRecord& record) const {
    if (auto st = checkRecord(record); !st) {
        return st;
    }
    boost::system::error_code ec;
    const fs::path data = staging.data();
    auto missing = [&](const std::string& file) -> core::Error {
        return makeError(ErrorKind::Internal, "A005",
                         "thiếu tệp «" + file + "» trong thư mục tạm khi lưu trữ " +
                             record.numberText,
                         {(data / file).string()});
    };
    if (!fs::is_regular_file(data / record.decisionFile, ec)) {
        return missing(record.decisionFile);
    }
    for (const auto& a : record.awardees) {
        if (!a.certificateFile.empty() && !fs::is_regular_file(data / a.certificateFile, ec)) {
            return missing(a.certificateFile);
        }
    }

    // Metadata: written only after it validates (a record that does not fit the schema is a
    // bug upstream and must not reach the archive).
    const Metadata& meta = m_impl->metadata;
    // Each kind's thời hạn bảo quản, before anything is written: a table without a rule for
    // this level and date is a configuration problem, not a schema error of the metadata.
    const bool certificates =
        std::any_of(record.awardees.begin(), record.awardees.end(),
                    [](const AwardeeRecord& a) { return !a.certificateFile.empty(); });
    for (const std::string kind : {kKindDecision, kKindCertificate, kKindAwardDossier}) {
        if ((kind == kKindDecision && !record.retention.empty()) ||
            (kind == kKindCertificate && !certificates)) {
            continue;
        }
        if (auto rule = meta.retention(kind, record); !rule) {
            return rule.error();
        }
    }
    auto writeXml = [&](const std::string& relFile, const std::string& xml) -> core::Status {
        core::Diagnostics diags;
        if (auto st = meta.check(xml, relFile, diags); !st) {
            core::Error e = makeError(ErrorKind::Internal, "A004",
                                      "siêu dữ liệu lưu trữ không đúng lược đồ " +
                                          std::string(kMetadataSchemaFile) + ": " + relFile);
            e.details = diags.items();
            return e;
        }
        const fs::path file = data / relFile;
        boost::system::error_code mkEc;
        fs::create_directories(file.parent_path(), mkEc);
        return writeNewFile(file, xml, false);
    };
    if (auto st = writeXml("decision.xml", meta.decisionXml(record)); !st) {
        return st;
    }
    if (auto st = writeXml(kDossierMetadataFile, meta.dossierXml(record)); !st) {
        return st;
    }
    for (const auto& a : record.awardees) {
        if (a.certificateFile.empty()) {
            continue;
        }
        if (auto st = writeXml(certificateMetadataPath(a.certificateFile),
                               meta.certificateXml(record, a));
            !st) {
            return st;
        }
    }

    const std::string time = m_clock ? model::vietnamDateTime(m_clock).iso() : record.date;
    BagInfo info{time.substr(0, 10), record.numberText, record.issuerName};
    if (auto st = writeBagFiles(staging.dir(), info); !st) {
        return st;
    }
    staging.m_preparedFor = relDirOf(record);
    return {};
}

core::Result<FiledDecision> Archive::commit(Staging staging, const DecisionRecord& record,
                                            const Lock& held, RoundCommit* round) {
    if (!sameFile(held.fd(), m_root / ".lock")) {
        return makeError(ErrorKind::Internal, "A008",
                         "lưu trữ quyết định khi chưa giữ khóa của kho lưu trữ này");
    }
    if (staging.dir().empty() || staging.dir().parent_path() != m_root / ".staging") {
        return makeError(ErrorKind::Internal, "A003", "thư mục tạm không thuộc kho lưu trữ này");
    }
    if (auto st = checkRecord(record); !st) {
        return st.error();
    }
    const std::string rel = relDirOf(record);
    const fs::path target = m_root / rel;

    auto last = readRegister(m_root, record.issuerCode, record.year);
    if (!last) {
        return last.error();
    }
    if (record.number <= last.value()) {
        return makeError(ErrorKind::InputRejected, "A006",
                         "số quyết định " + std::to_string(record.number) + " năm " +
                             std::to_string(record.year) + " của " + record.issuerCode +
                             " đã được dùng; số tiếp theo là " + std::to_string(last.value() + 1));
    }
    if (maxGoldenBook(record) > 0) {
        auto lastGolden = readGoldenBook(m_root, record.goldenBookRegister);
        if (!lastGolden) {
            return lastGolden.error();
        }
        for (const auto& a : record.awardees) {
            if (a.goldenBook > 0 && a.goldenBook <= lastGolden.value()) {
                return makeError(ErrorKind::InputRejected, "A006",
                                 "số sổ vàng " + std::to_string(a.goldenBook) + " của " +
                                     record.goldenBookRegister + " đã được dùng; số tiếp theo là " +
                                     std::to_string(lastGolden.value() + 1));
            }
        }
    }
    boost::system::error_code ec;
    if (!record.supersedesDir.empty()) {
        // The replaced decision must be a filed bag of the same issuer (verify checks the same).
        const std::string prefix = "/" + record.issuerCode + "/";
        if (!safeDataPath(record.supersedesDir) ||
            record.supersedesDir.find(prefix) == std::string::npos ||
            !fs::is_regular_file(m_root / record.supersedesDir / "data" / "decision.xml", ec)) {
            return makeError(ErrorKind::Internal, "A019",
                             "quyết định được thay thế «" + record.supersedesDir +
                                 "» không có trong kho của " + record.issuerCode);
        }
    }
    if (fs::exists(target, ec)) {
        return makeError(ErrorKind::InputRejected, "A007", "đã có quyết định lưu trữ tại " + rel,
                         {target.string()});
    }

    if (staging.m_preparedFor.empty()) {
        if (auto st = prepareBag(staging, record); !st) {
            return st.error();
        }
    } else if (staging.m_preparedFor != rel) {
        return makeError(ErrorKind::Internal, "A005",
                         "thư mục tạm đã được chuẩn bị cho " + staging.m_preparedFor +
                             ", không phải " + rel);
    }
    if (auto st = syncStagingTree(staging.dir()); !st) {
        return st.error();
    }
    if (auto st = makeDirsDurable(target.parent_path()); !st) {
        return st.error();
    }
    // The marker names this bag (and, in a round, the bags committed before it whose
    // publishing is deferred to publishRound) before the rename makes it visible.
    std::vector<std::string> pendingDirs = round ? round->dirs() : std::vector<std::string>{};
    pendingDirs.push_back(rel);
    if (auto st = writePending(m_root, pendingDirs); !st) {
        return st.error();
    }
    if (auto st = core::renameDurable(staging.dir(), target); !st) {
        pendingDirs.pop_back();
        (void)(pendingDirs.empty() ? clearPending(m_root) : writePending(m_root, pendingDirs));
        return st.error();
    }
    staging.release();

    const std::string time = m_clock ? model::vietnamDateTime(m_clock).iso() : record.date;
    if (round) {
        round->m_bags.push_back({rel, record, time});
        return FiledDecision{target, rel, record.number, record.numberText, false};
    }
    if (auto st = publish(m_root, {{rel, record, time}}, m_impl->metadata, m_searchKey, false);
        !st) {
        // The bag is filed; the marker stays so that the next lock() finishes the job.
        core::Error e = st.error();
        e.message = "quyết định " + record.numberText + " đã được lưu vào " + rel +
                    " nhưng chưa cập nhật xong sổ đăng ký/nhật ký/chỉ mục (" + e.message +
                    "); lần khóa kho tiếp theo sẽ tự hoàn tất";
        return e;
    }
    if (auto st = clearPending(m_root); !st) {
        return st.error();
    }
    return FiledDecision{target, rel, record.number, record.numberText, false};
}

std::vector<std::string> RoundCommit::dirs() const {
    std::vector<std::string> out;
    for (const auto& b : m_bags) {
        out.push_back(b.dir);
    }
    return out;
}

core::Status Archive::publishRound(RoundCommit& round, const Lock& held) {
    if (round.m_bags.empty()) {
        return {};
    }
    if (!sameFile(held.fd(), m_root / ".lock")) {
        return makeError(ErrorKind::Internal, "A008",
                         "lưu trữ quyết định khi chưa giữ khóa của kho lưu trữ này");
    }
    if (auto st = publish(m_root, round.m_bags, m_impl->metadata, m_searchKey, false); !st) {
        core::Error e = st.error();
        e.message = std::to_string(round.m_bags.size()) +
                    " quyết định đã được lưu vào kho nhưng chưa cập nhật xong sổ đăng "
                    "ký/nhật ký/chỉ mục (" +
                    e.message + "); lần khóa kho tiếp theo sẽ tự hoàn tất";
        return e;
    }
    round.m_bags.clear();
    return clearPending(m_root);
}

core::Result<StoredImport> Archive::importHistory(HistoryImport import, const std::string& bytes,
                                                  const Lock& held) {
    if (!sameFile(held.fd(), m_root / ".lock")) {
        return makeError(ErrorKind::Internal, "A008",
                         "nhập lịch sử khen thưởng khi chưa giữ khóa của kho lưu trữ này");
    }
    StoredImport out;
    out.sha256 = import.sha256 = core::sha256Hex(bytes);
    out.copy = historyCopyPath(import.sha256);
    out.awards = static_cast<int>(import.awards.size());
    if (m_clock) {
        import.importedAt = model::vietnamDateTime(m_clock).iso();
    }
    const fs::path recordFile = m_root / historyRecordPath(import.sha256);
    boost::system::error_code ec;
    if (fs::exists(recordFile, ec)) {
        auto text = core::readFile(recordFile);
        auto stored = text ? parseHistoryRecord(text.value(), historyRecordPath(import.sha256))
                           : core::Result<HistoryImport>(text.error());
        if (!stored) {
            return stored.error();
        }
        out.alreadyImported = true;
        out.awards = static_cast<int>(stored->awards.size());
        import = std::move(stored.value());
    } else if (auto st = storeHistoryImport(m_root, import, bytes); !st) {
        return st.error();
    }
    // Journal and index: each skipped when done already (an import run again after a kill).
    if (!out.alreadyImported || !journalHasDir(m_root, out.copy, "import")) {
        JournalEntry entry{import.importedAt, "import",        out.copy, "",
                           import.sha256,     import.fileName, "",       ""};
        if (auto st = appendJournal(m_root, entry); !st) {
            return st.error();
        }
    }
    if (!indexIsCurrent(indexFile(m_root))) {
        auto n = rebuildIndex(m_root, m_impl->metadata, m_searchKey);
        if (!n) {
            return n.error();
        }
        return out;
    }
    const std::vector<HistoryDecision> decisions = historyDecisions(import);
    if (decisions.empty() ||
        (out.alreadyImported && indexHasDecision(m_root, decisions.front().rel))) {
        return out;
    }
    auto writer = IndexWriter::begin(indexFile(m_root));
    if (!writer) {
        return writer.error();
    }
    if (auto st = writer->addHistory(import, m_searchKey); !st) {
        return st.error();
    }
    if (auto st = writer->commit(); !st) {
        return st.error();
    }
    return out;
}

core::Result<int> reindex(const fs::path& root, const fs::path& schemasDir,
                          const SearchKeyFn& searchKey) {
    auto archive = Archive::open(root, schemasDir, searchKey);
    if (!archive) {
        return archive.error();
    }
    auto held = archive->lock();
    if (!held) {
        return held.error();
    }
    auto metadata = Metadata::load(schemasDir);
    if (!metadata) {
        return metadata.error();
    }
    return rebuildIndex(archive->root(), metadata.value(), searchKey);
}

} // namespace tdkt::archive

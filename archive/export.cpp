#include "archive/export.hpp"

#include "archive/bag.hpp"
#include "archive/metadata.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/excel_csv.hpp"
#include "pipeline/core/sha256.hpp"
#include "pipeline/core/xml.hpp"
#include "pipeline/model/date.hpp"
#include "pipeline/model/date_display.hpp"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <locale.h>
#include <map>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace tdkt::archive {
namespace {

constexpr std::size_t kBlock = 64 * 1024;

// The list is dated in Vietnam's time.
std::string isoDate(std::int64_t epochSeconds) {
    return model::vietnamDateTime(epochSeconds).date.iso();
}

int toInt(const std::string& s) {
    try {
        return s.empty() ? 0 : std::stoi(s);
    } catch (const std::exception&) {
        return 0;
    }
}

std::string firstDetail(const core::Diagnostics& diags) {
    for (const auto& d : diags.items()) {
        std::string s = d.field.empty() ? d.message : d.field + ": " + d.message;
        return d.where.line > 0 ? "dòng " + std::to_string(d.where.line) + ", " + s : s;
    }
    return {};
}

std::string withDetail(std::string message, const core::Diagnostics& diags) {
    const std::string detail = firstDetail(diags);
    return detail.empty() ? message : message + " (" + detail + ")";
}

// "2026/UBND-TP-HANOI/05-qd-ubnd" -> "UBND-TP-HANOI".
std::string issuerOfBag(const std::string& bag) {
    const auto a = bag.find('/');
    const auto b = a == std::string::npos ? a : bag.find('/', a + 1);
    return b == std::string::npos ? std::string() : bag.substr(a + 1, b - a - 1);
}

bool inYear(const std::string& bag, int year) {
    const std::string prefix = std::to_string(year) + "/";
    return bag.compare(0, prefix.size(), prefix) == 0;
}

// The dossier-level fields of one bag: data/dossier-meta.xml when the bag has it (validated),
// otherwise the same document derived from decision.xml (bags filed before it existed).
struct DossierFields {
    std::string fileCode, title, retention, mode, startDate, endDate;
    int documents = 0;
    int pages = 0;
    bool derived = false;
};

core::Result<DossierFields> dossierFields(const Metadata& metadata, const fs::path& bagDir,
                                          const std::string& bag, const DecisionRecord& record) {
    const fs::path file = bagDir / "data" / kDossierMetadataFile;
    const std::string display = bag + "/data/" + kDossierMetadataFile;
    DossierFields f;
    std::string bytes;
    boost::system::error_code ec;
    if (fs::exists(file, ec)) {
        auto read = core::readFile(file);
        if (!read) {
            return read.error();
        }
        bytes = std::move(read).value();
        core::Diagnostics diags;
        if (!metadata.check(bytes, display, diags)) {
            return core::makeError(core::ErrorKind::VerifyFailed, "A227",
                                   withDetail("siêu dữ liệu hồ sơ không đúng lược đồ", diags),
                                   {display});
        }
    } else {
        bytes = metadata.dossierXml(record);
        f.derived = true;
    }
    core::Diagnostics diags;
    auto doc = core::parseXml(bytes, display, diags);
    if (!doc || core::xml::name(doc->root()) != "dossierMetadata") {
        return core::makeError(core::ErrorKind::VerifyFailed, "A227",
                               "tệp không phải siêu dữ liệu hồ sơ", {display});
    }
    namespace x = core::xml;
    const xmlNode* root = doc->root();
    f.fileCode = x::childText(root, "fileCode");
    f.title = x::childText(root, "title");
    f.retention = x::childText(root, "maintenance");
    f.mode = x::childText(root, "mode");
    f.startDate = x::childText(root, "startDate");
    f.endDate = x::childText(root, "endDate");
    f.documents = toInt(x::childText(root, "docTotal"));
    f.pages = toInt(x::childText(root, "pageTotal"));
    return f;
}

// One entry of the package, relative to its base folder ("data/2026/…").
struct Entry {
    std::string path;
    bool dir = false;
    fs::path source;                    // a file on disk (bag files, extra files given as files)
    const std::string* bytes = nullptr; // generated content
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
    std::string bag;   // the tree bag the file belongs to ("" for generated entries)
    std::string inBag; // its path inside that bag ("data/decision.pdf")
};

core::Error ioError(const char* code, const std::string& message, const fs::path& where,
                    core::ErrorKind kind = core::ErrorKind::Io) {
    return core::makeError(kind, code, message, {where.string()});
}

// Removes the temporary output unless released (after the rename).
class TempFile {
public:
    explicit TempFile(fs::path path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    ~TempFile() {
        closeFd();
        if (!m_path.empty()) {
            ::unlink(m_path.c_str());
        }
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    int fd() const { return m_fd; }
    const fs::path& path() const { return m_path; }
    int closeFd() {
        int rc = 0;
        if (m_fd >= 0) {
            rc = ::close(m_fd);
            m_fd = -1;
        }
        return rc;
    }
    void release() { m_path.clear(); }

private:
    fs::path m_path;
    int m_fd;
};

// libarchive converts names through the thread's locale (nl_langinfo, mbrtowc); in the "C"
// locale a UTF-8 name cannot be converted and its pax writer fails on it (3.6 even crashes).
// C.UTF-8 for this thread only, while the tar is written: the rest of the process keeps its
// locale.
class ScopedUtf8Locale {
public:
    ScopedUtf8Locale() : m_locale(::newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr)) {
        if (m_locale) {
            m_previous = ::uselocale(m_locale);
        }
    }
    ~ScopedUtf8Locale() {
        if (m_locale) {
            ::uselocale(m_previous);
            ::freelocale(m_locale);
        }
    }
    ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
    ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;
    bool active() const { return m_locale != nullptr; }

private:
    locale_t m_locale;
    locale_t m_previous = LC_GLOBAL_LOCALE;
};

struct ArchiveWriter {
    struct archive* a = nullptr;
    ArchiveWriter() : a(archive_write_new()) {}
    ~ArchiveWriter() { archive_write_free(a); } // also closes when still open
    ArchiveWriter(const ArchiveWriter&) = delete;
    ArchiveWriter& operator=(const ArchiveWriter&) = delete;
};

// sha256 manifests of a bag in the tree (payload and tag), path -> digest.
std::map<std::string, std::string> bagDigests(const fs::path& bagDir) {
    std::map<std::string, std::string> out;
    for (const char* name : {"manifest-sha256.txt", "tagmanifest-sha256.txt"}) {
        auto text = core::readFile(bagDir / name);
        if (!text) {
            continue;
        }
        for (const auto& line : parseManifest(text.value()).entries) {
            out[line.path] = line.digest;
        }
    }
    return out;
}

} // namespace

int TransferList::documents() const {
    int n = 0;
    for (const auto& r : rows) {
        n += r.documents;
    }
    return n;
}

int TransferList::pages() const {
    int n = 0;
    for (const auto& r : rows) {
        n += r.pages;
    }
    return n;
}

core::Result<ExportPlan> planExport(const fs::path& root, const fs::path& schemasDir,
                                    const ExportOptions& options, std::int64_t clock) {
    auto metadata = Metadata::load(schemasDir);
    if (!metadata) {
        return metadata.error();
    }
    boost::system::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return core::makeError(core::ErrorKind::InputMissing, "A606",
                               "không tìm thấy thư mục kho lưu trữ", {root.string()});
    }
    ExportPlan plan;
    plan.root = root;
    plan.list.year = options.year;
    plan.list.unit = options.unit;
    plan.list.issuer = options.issuer;
    plan.list.date = isoDate(clock);

    // Year Y holds the bags to export; year Y+1 is read too, only for corrections filed the
    // next year whose <supersedes> names a bag of Y (the list notes the replacement).
    std::map<std::string, std::vector<core::Diagnostic>> damaged;
    std::map<std::string, std::string> replacedBy; // bag -> number of the replacing decision
    std::vector<std::pair<std::string, DecisionRecord>> candidates;
    for (const std::string& bag : listTree(root).bags) {
        const bool thisYear = inYear(bag, options.year);
        if (!thisYear && !inYear(bag, options.year + 1)) {
            continue;
        }
        const bool wanted = thisYear && (!options.issuer || issuerOfBag(bag) == *options.issuer);
        const std::string xmlRel = bag + "/data/decision.xml";
        core::Diagnostics diags;
        auto record = metadata->readDecision(root / bag / "data" / "decision.xml", xmlRel, diags);
        if (!record) {
            // Without its metadata a bag's unit is unknown: with --unit it may be one of
            // those asked for, so it refuses the export like any other damage.
            if (wanted) {
                std::vector<core::Diagnostic>& problems = damaged[bag];
                problems.push_back(finding(
                    core::Severity::Error, "A209", xmlRel,
                    withDetail("siêu dữ liệu quyết định thiếu hoặc không đúng lược đồ", diags)));
                VerifyReport report = verifyBag(root / bag, bag + "/");
                problems.insert(problems.end(), report.problems.begin(), report.problems.end());
            }
            continue;
        }
        if (!record->supersedesDir.empty()) {
            // The same number may come back in another year: then the year says which.
            replacedBy[record->supersedesDir] =
                record->numberText + (record->year != options.year
                                          ? " năm " + std::to_string(record->year)
                                          : std::string());
        }
        // A consolidated decision belongs to each of its units.
        const bool ofUnit =
            !options.unit || record->unitCode == *options.unit ||
            std::any_of(record->sources.begin(), record->sources.end(),
                        [&](const SourceRecord& s) { return s.unitCode == *options.unit; });
        if (wanted && ofUnit) {
            candidates.emplace_back(bag, std::move(record).value());
        }
    }

    for (auto& [bag, record] : candidates) {
        const fs::path bagDir = root / bag;
        std::vector<core::Diagnostic>& problems = damaged[bag];
        VerifyReport report = verifyBag(bagDir, bag + "/");
        problems.insert(problems.end(), report.problems.begin(), report.problems.end());
        const std::string expected = std::to_string(record.year) + "/" + record.issuerCode + "/" +
                                     slugify(record.numberText);
        if (expected != bag) {
            problems.push_back(finding(core::Severity::Error, "A216", bag + "/data/decision.xml",
                                       "vị trí lưu không khớp siêu dữ liệu (theo số, ký hiệu «" +
                                           record.numberText + "» phải là " + expected + ")"));
        }
        auto fields = dossierFields(metadata.value(), bagDir, bag, record);
        if (!fields) {
            problems.push_back(finding(core::Severity::Error, fields.error().code,
                                       fields.error().where.file, fields.error().message));
        }
        if (!problems.empty()) {
            continue;
        }
        damaged.erase(bag);
        TransferListRow row;
        row.bag = bag;
        row.fileCode = fields->fileCode;
        row.title = fields->title;
        row.startDate = fields->startDate;
        row.endDate = fields->endDate;
        row.documents = fields->documents;
        row.retention = fields->retention;
        row.accessMode = fields->mode;
        row.issuerCode = record.issuerCode;
        row.issuerName = record.issuerName;
        // A name printed on two lines in the heading is one line in the list.
        std::replace(row.issuerName.begin(), row.issuerName.end(), '\n', ' ');
        row.unitCode = record.unitCode;
        row.numberText = record.numberText;
        row.number = record.number;
        std::vector<std::string> notes;
        if (auto it = replacedBy.find(bag); it != replacedBy.end()) {
            notes.push_back("Bị thay thế bởi Quyết định số " + it->second);
        }
        if (!record.supersedesNumberText.empty()) {
            notes.push_back("Thay thế Quyết định số " + record.supersedesNumberText);
        }
        if (fields->pages > 0) {
            row.pages = fields->pages;
        } else {
            // Bags filed before the certificates' pages were counted: the decision's pages
            // are known, the certificates' are not; say so rather than guess.
            row.pages = record.pageCount;
            notes.push_back(record.pageCount > 0 ? "Số trang chưa gồm bằng/giấy khen"
                                                 : "Chưa rõ số trang");
        }
        for (const auto& n : notes) {
            row.note += (row.note.empty() ? "" : "; ") + n;
        }
        plan.list.rows.push_back(std::move(row));
    }

    if (!damaged.empty()) {
        std::string names;
        core::Error e = core::makeError(core::ErrorKind::VerifyFailed, "A601", "");
        for (const auto& [bag, problems] : damaged) {
            names += (names.empty() ? "" : ", ") + bag;
            e.details.insert(e.details.end(), problems.begin(), problems.end());
        }
        e.message = "không xuất được: " + std::to_string(damaged.size()) + " gói hồ sơ bị hỏng (" +
                    names +
                    "); hãy kiểm tra bằng «tdkt verify» và khôi phục từ bản sao trước khi nộp lưu";
        return e;
    }
    if (plan.list.rows.empty()) {
        std::string what = "năm " + std::to_string(options.year);
        if (options.issuer) {
            what += ", cơ quan ban hành " + *options.issuer;
        }
        if (options.unit) {
            what += ", đơn vị đề nghị " + *options.unit;
        }
        return core::makeError(core::ErrorKind::InputMissing, "A605",
                               "kho không có hồ sơ nào để xuất (" + what + ")", {root.string()});
    }

    std::sort(plan.list.rows.begin(), plan.list.rows.end(),
              [](const TransferListRow& a, const TransferListRow& b) {
                  return std::tie(a.issuerCode, a.number, a.bag) <
                         std::tie(b.issuerCode, b.number, b.bag);
              });
    std::set<std::string> seenFonds;
    int ordinal = 0;
    for (auto& row : plan.list.rows) {
        row.ordinal = ++ordinal;
        if (seenFonds.insert(row.issuerName).second) {
            plan.list.fonds.push_back(row.issuerName);
        }
        plan.bags.push_back(row.bag);
    }
    std::sort(plan.bags.begin(), plan.bags.end());
    return plan;
}

std::string transferListCsv(const TransferList& list) {
    core::ExcelCsv csv({"STT", "Mã hồ sơ", "Tiêu đề hồ sơ", "Thời gian bắt đầu",
                        "Thời gian kết thúc", "Số lượng văn bản", "Số trang", "Thời hạn bảo quản",
                        "Chế độ sử dụng", "Ghi chú", "Thư mục"});
    for (const auto& r : list.rows) {
        csv.row({std::to_string(r.ordinal), r.fileCode, r.title, model::dateShort(r.startDate),
                 model::dateShort(r.endDate), std::to_string(r.documents),
                 r.pages > 0 ? std::to_string(r.pages) : "", r.retention, r.accessMode, r.note,
                 r.bag});
    }
    return csv.text();
}

core::Result<PackageSummary> writePackage(const ExportPlan& plan,
                                          const std::vector<ExtraFile>& extras,
                                          const fs::path& outFile, const PackageOptions& options) {
    boost::system::error_code ec;
    if (!options.force && fs::exists(fs::symlink_status(outFile, ec))) {
        return ioError("A602", "tệp xuất đã tồn tại (dùng --force để ghi đè)", outFile,
                       core::ErrorKind::CannotCreate);
    }
    std::string base = outFile.filename().string();
    if (base.size() > 4 && base.compare(base.size() - 4, 4, ".tar") == 0) {
        base.erase(base.size() - 4);
    }
    if (base.empty() || base == "." || base == "..") {
        base = "nop-luu-" + std::to_string(plan.list.year);
    }

    // Every entry first (paths, sizes, mtimes: Payload-Oxum goes before the payload), then
    // the tar in one streaming pass.
    std::vector<Entry> entries;
    std::set<std::string> dirs = {"data"};
    auto addParents = [&](const std::string& path) {
        for (auto slash = path.find('/'); slash != std::string::npos;
             slash = path.find('/', slash + 1)) {
            dirs.insert(path.substr(0, slash));
        }
    };
    for (const std::string& bag : plan.bags) {
        const std::string prefix = "data/" + bag;
        addParents(prefix);
        dirs.insert(prefix);
        const fs::path bagDir = plan.root / bag;
        for (fs::recursive_directory_iterator it(bagDir, ec), end; !ec && it != end;
             it.increment(ec)) {
            const std::string inBag =
                it->path().generic_string().substr(bagDir.generic_string().size() + 1);
            struct stat st {};
            if (::lstat(it->path().c_str(), &st) != 0) {
                return ioError("A603", "không đọc được tệp của gói", it->path());
            }
            if (S_ISDIR(st.st_mode)) {
                dirs.insert(prefix + "/" + inBag);
            } else if (S_ISREG(st.st_mode)) {
                Entry e;
                e.path = prefix + "/" + inBag;
                e.source = it->path();
                e.size = static_cast<std::uintmax_t>(st.st_size);
                e.mtime = static_cast<std::int64_t>(st.st_mtime);
                e.bag = bag;
                e.inBag = inBag;
                entries.push_back(std::move(e));
            } else {
                return ioError("A607",
                               "gói có mục không phải tệp thường hay thư mục (liên kết, thiết "
                               "bị…): không đóng gói được",
                               it->path(), core::ErrorKind::VerifyFailed);
            }
        }
        if (ec) {
            return ioError("A603", "không đọc được thư mục gói: " + core::systemErrorText(ec),
                           bagDir);
        }
    }
    for (const ExtraFile& x : extras) {
        Entry e;
        e.path = "data/" + x.name;
        addParents(e.path);
        e.mtime = options.clock;
        if (!x.file.empty()) {
            struct stat st {};
            if (::stat(x.file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
                return ioError("A603", "không đọc được tệp", x.file);
            }
            e.source = x.file;
            e.size = static_cast<std::uintmax_t>(st.st_size);
        } else {
            e.bytes = &x.bytes;
            e.size = x.bytes.size();
        }
        entries.push_back(std::move(e));
    }
    PackageSummary summary;
    summary.bags = static_cast<int>(plan.bags.size());
    summary.payloadFiles = static_cast<int>(entries.size());
    for (const auto& e : entries) {
        summary.payloadBytes += e.size;
    }
    for (const auto& d : dirs) {
        Entry e;
        e.path = d;
        e.dir = true;
        e.mtime = options.clock;
        entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.path < b.path; });
    for (std::size_t i = 1; i < entries.size(); ++i) {
        if (entries[i].path == entries[i - 1].path) {
            return core::makeError(core::ErrorKind::Internal, "A603",
                                   "hai mục trùng tên trong gói xuất: " + entries[i].path);
        }
    }

    const std::string bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
    std::string fonds;
    for (const auto& f : plan.list.fonds) {
        fonds += (fonds.empty() ? "" : "; ") + f;
    }
    std::replace(fonds.begin(), fonds.end(), '\n', ' ');
    std::string bagInfo;
    bagInfo += "Bag-Software-Agent: tdkt\n";
    bagInfo += "Bagging-Date: " + isoDate(options.clock) + "\n";
    bagInfo += "External-Identifier: " + base + "\n";
    bagInfo += "External-Description: Nộp lưu hồ sơ khen thưởng năm " +
               std::to_string(plan.list.year) + ": " + std::to_string(plan.list.rows.size()) +
               " hồ sơ, " + std::to_string(plan.list.documents()) + " văn bản, " +
               std::to_string(plan.list.pages()) + " trang\n";
    bagInfo += "Payload-Oxum: " + std::to_string(summary.payloadBytes) + "." +
               std::to_string(summary.payloadFiles) + "\n";
    bagInfo += "Source-Organization: " + fonds + "\n";

    // mkstemp in the output's folder: same filesystem, so the final rename is atomic.
    const fs::path parent = outFile.parent_path().empty() ? fs::path(".") : outFile.parent_path();
    std::string tmpl = (parent / (outFile.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) {
        return ioError("A603",
                       std::string("không tạo được tệp xuất: ") + core::systemErrorText(errno),
                       outFile, core::ErrorKind::CannotCreate);
    }
    TempFile tmp(tmpl, fd);
    ::fchmod(fd, 0644); // mkstemp makes 0600; a transfer package is meant to be shared

    const ScopedUtf8Locale utf8; // declared before the writer: outlives it
    if (!utf8.active()) {
        auto nonAscii = [](const std::string& t) {
            return std::any_of(t.begin(), t.end(),
                               [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        };
        for (const Entry& e : entries) {
            if (nonAscii(base) || nonAscii(e.path)) {
                return ioError("A603",
                               "hệ thống thiếu locale C.UTF-8, không ghi được tên tệp tiếng "
                               "Việt vào tệp tar",
                               e.path, core::ErrorKind::Config);
            }
        }
    }
    ArchiveWriter writer;
    struct archive* a = writer.a;
    auto archiveError = [&](const fs::path& where) {
        const char* msg = archive_error_string(a);
        return ioError("A603",
                       std::string("lỗi ghi tệp tar: ") +
                           (archive_errno(a) > 0 ? core::systemErrorText(archive_errno(a))
                            : msg                ? msg
                                                 : core::systemErrorText(errno)),
                       where);
    };
    // pax restricted: plain ustar headers, plus a pax header only where ustar cannot hold the
    // entry (a long or non-ASCII name, written as UTF-8).
    if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
        archive_write_open_fd(a, fd) != ARCHIVE_OK) {
        return archiveError(outFile);
    }
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> header(archive_entry_new(),
                                                                    archive_entry_free);
    auto writeHeader = [&](const std::string& path, bool dir, std::uintmax_t size,
                           std::int64_t mtime) {
        archive_entry_clear(header.get());
        archive_entry_set_pathname_utf8(header.get(), (base + "/" + path).c_str());
        archive_entry_set_filetype(header.get(), dir ? AE_IFDIR : AE_IFREG);
        archive_entry_set_perm(header.get(), dir ? 0755 : 0644);
        archive_entry_set_size(header.get(), dir ? 0 : static_cast<la_int64_t>(size));
        archive_entry_set_mtime(header.get(), static_cast<time_t>(mtime), 0);
        archive_entry_set_uid(header.get(), 0);
        archive_entry_set_gid(header.get(), 0);
        return archive_write_header(a, header.get()) == ARCHIVE_OK;
    };
    auto writeBytes = [&](const std::string& path, const std::string& bytes) {
        return writeHeader(path, false, bytes.size(), options.clock) &&
               (bytes.empty() || archive_write_data(a, bytes.data(), bytes.size()) ==
                                     static_cast<la_ssize_t>(bytes.size())) &&
               archive_write_finish_entry(a) == ARCHIVE_OK;
    };

    if (!writeHeader("", true, 0, options.clock) || !writeBytes("bagit.txt", bagit) ||
        !writeBytes("bag-info.txt", bagInfo)) {
        return archiveError(outFile);
    }
    std::string manifest;
    std::map<std::string, std::map<std::string, std::string>> digestsByBag;
    std::vector<char> buffer(kBlock);
    for (const Entry& e : entries) {
        if (e.dir) {
            if (!writeHeader(e.path, true, 0, e.mtime) ||
                archive_write_finish_entry(a) != ARCHIVE_OK) {
                return archiveError(outFile);
            }
            continue;
        }
        if (!writeHeader(e.path, false, e.size, e.mtime)) {
            return archiveError(e.source.empty() ? outFile : e.source);
        }
        core::Digest hash = core::Digest::sha256();
        if (e.bytes) {
            hash.update(e.bytes->data(), e.bytes->size());
            if (!e.bytes->empty() && archive_write_data(a, e.bytes->data(), e.bytes->size()) !=
                                         static_cast<la_ssize_t>(e.bytes->size())) {
                return archiveError(outFile);
            }
        } else {
            const int in = ::open(e.source.c_str(), O_RDONLY | O_CLOEXEC);
            if (in < 0) {
                return ioError("A603", "không mở được tệp để đóng gói", e.source);
            }
            std::uintmax_t total = 0;
            bool failed = false;
            for (;;) {
                const ssize_t n = ::read(in, buffer.data(), buffer.size());
                if (n < 0 && errno == EINTR) {
                    continue;
                }
                if (n <= 0) {
                    failed = n < 0;
                    break;
                }
                total += static_cast<std::uintmax_t>(n);
                if (total > e.size) {
                    break; // grew since it was listed: caught below
                }
                hash.update(buffer.data(), static_cast<std::size_t>(n));
                if (archive_write_data(a, buffer.data(), static_cast<std::size_t>(n)) != n) {
                    ::close(in);
                    return archiveError(outFile);
                }
            }
            ::close(in);
            if (failed) {
                return ioError("A603", "lỗi đọc tệp khi đóng gói", e.source);
            }
            if (total != e.size) {
                return ioError("A604",
                               "tệp thay đổi kích thước trong khi đóng gói (có tiến trình khác "
                               "đang ghi vào kho?)",
                               e.source, core::ErrorKind::VerifyFailed);
            }
        }
        if (archive_write_finish_entry(a) != ARCHIVE_OK) {
            return archiveError(outFile);
        }
        const std::string digest = hash.finishHex();
        if (!e.bag.empty()) {
            // The bag was verified by planExport; the bytes packed must still be the ones its
            // own manifest lists (a change in between would otherwise travel unnoticed).
            auto found = digestsByBag.find(e.bag);
            if (found == digestsByBag.end()) {
                found = digestsByBag.emplace(e.bag, bagDigests(plan.root / e.bag)).first;
            }
            auto listed = found->second.find(e.inBag);
            if (listed != found->second.end() && listed->second != digest) {
                return ioError("A604",
                               "tệp thay đổi sau khi kiểm tra (mã băm SHA-256 không còn khớp "
                               "manifest của gói)",
                               e.source, core::ErrorKind::VerifyFailed);
            }
        }
        manifest += digest + "  " + encodeManifestPath(e.path) + "\n";
    }
    const std::string tagManifest = core::sha256Hex(bagInfo) + "  bag-info.txt\n" +
                                    core::sha256Hex(bagit) + "  bagit.txt\n" +
                                    core::sha256Hex(manifest) + "  manifest-sha256.txt\n";
    if (!writeBytes("manifest-sha256.txt", manifest) ||
        !writeBytes("tagmanifest-sha256.txt", tagManifest) ||
        archive_write_close(a) != ARCHIVE_OK) {
        return archiveError(outFile);
    }
    if (::fsync(tmp.fd()) != 0 || tmp.closeFd() != 0) {
        return ioError("A603", "không ghi được tệp xuất xuống đĩa", outFile);
    }
    // Without --force the rename must not replace a file that appeared meanwhile.
    const unsigned flags = options.force ? 0 : RENAME_NOREPLACE;
    int renamed = ::renameat2(AT_FDCWD, tmp.path().c_str(), AT_FDCWD, outFile.c_str(), flags);
    if (renamed != 0 && errno == EINVAL && flags != 0) {
        // A filesystem without RENAME_NOREPLACE: the check made before packing has to do.
        errno = fs::exists(fs::symlink_status(outFile, ec)) ? EEXIST : 0;
        renamed = errno == 0 ? std::rename(tmp.path().c_str(), outFile.c_str()) : -1;
    }
    if (renamed != 0) {
        if (errno == EEXIST) {
            return ioError("A602", "tệp xuất đã tồn tại (dùng --force để ghi đè)", outFile,
                           core::ErrorKind::CannotCreate);
        }
        return ioError("A603",
                       std::string("không đổi tên được tệp xuất: ") + core::systemErrorText(errno),
                       outFile, core::ErrorKind::CannotCreate);
    }
    tmp.release();
    if (auto st = core::fsyncPath(parent); !st) {
        return st.error();
    }
    summary.file = outFile;
    return summary;
}

} // namespace tdkt::archive

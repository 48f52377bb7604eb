#pragma once
// The archive subsystem: the tree under a root folder is the source of truth; the number
// register, journal and the SQLite FTS5 index are beside it. Layout of one filed decision:
//
//   <root>/<year>/<issuer-code>/<decision-slug>/      a BagIt 1.0 bag
//       bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
//       data/decision.pdf  data/decision.xml  data/certificates/NNNN.pdf data/certificates/NNNN.xml
//       data/dossier.xml (a copy of the source dossier, as received)
//       data/dossier-meta.xml (the dossier-level archive metadata)
//
// Every change is made in a staging folder under <root>/.staging (same filesystem), fsynced and
// renamed into place while the archive lock is held, so the tree only ever holds complete bags.
#include "archive/retention.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/model/award_kind.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/model/known_history.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::archive {

// Folds text into the diacritic-free, lower-case search key (injected by the caller so the
// archive does not depend on the normalise stage).
using SearchKeyFn = std::function<std::string(const std::string&)>;

struct AwardeeRecord {
    model::NomineeKind kind = model::NomineeKind::Individual;
    int part = 0;   // index into DecisionRecord::awards (the award kind)
    int source = 0; // index into DecisionRecord::sources (a consolidated decision's dossier)
    int ordinal = 0;
    std::string name;
    std::string position;
    std::string unit;
    std::string achievement;
    std::string honorific;                         // "Ông", "Bà", a rank; "" for collectives
    std::optional<model::PersonCategory> category; // individuals
    std::optional<model::Gender> gender;           // individuals, household heads
    int birthYear = 0;
    std::string birthDate; // ISO, when the dossier gave the full date
    bool enterprise = false;
    std::string headName; // households
    std::string address;  // households (and collectives without a parent unit)
    model::Representative representative;
    std::string nomineeId;
    std::vector<std::string> initiatives; // ids of the history's initiatives this award used
    model::History history;
    std::string inscription;     // a flag's inscription, lines joined by "\n"
    std::string certificateFile; // relative to the bag's data/ folder; "" when no artefact
    int goldenBook = 0; // số vào sổ vàng (0: not entered); see Archive::nextGoldenBook
    std::optional<long long> amount; // tiền thưởng in đồng, when the job computed it
};

// One award kind of a decision (a decision may grant several, in sections).
struct AwardRecord {
    std::string id;   // the proposals it grants, joined by "+" ("bk")
    std::string kind; // catalogue id ("bang-khen-tinh"); older bags' "BangKhen" is mapped
    std::string name; // as printed ("Chiến sĩ thi đua Thành phố")
    model::AwardClass awardClass = model::AwardClass::Form;
    int rank = 0;
    model::AwardMode mode = model::AwardMode::Regular;
    std::string period;         // "năm 2025"
    std::string artefactName;   // "Bằng khen", "Giấy chứng nhận"; "" when none
    std::string statisticsForm; // "0603"; "" when the kind is not on a statistics form
    int statisticsColumn = 0;
};

// A rule finding the office accepted when issuing (`tdkt issue --accept … --reason …`).
struct AcceptedRecord {
    std::string code;    // "L012"
    std::string subject; // whom it is about
    std::string field;   // where in the dossier
    std::string dossier; // the dossier file, as named by the clerk
    std::string reason;
};

// One dossier a consolidated decision was made from (a decision of one dossier has none: its
// dossier, unit and round are DecisionRecord's own fields).
struct SourceRecord {
    std::string file;   // as named by the clerk
    std::string sha256; // of its bytes
    std::string copy;   // its copy inside data/ ("dossiers/001-….xml")
    std::string unitCode;
    std::string unitName;
    std::string roundName;
    int roundYear = 0;
    std::string submissionNumber; // the tờ trình the decision cites
    std::string submissionDate;   // ISO
};

// A document of the proposal dossier, as filed (its PDF copied into data/documents/).
struct DocumentRecord {
    int source = 0; // index into DecisionRecord::sources (consolidated decisions)
    model::DocumentKind kind = model::DocumentKind::Other;
    std::string number;
    std::string date; // ISO
    std::string signer;
    std::string title;
    std::string file;   // relative to data/, "" when none was attached
    std::string sha256; // of the file
};

// Everything the archive records about one decision (written as data/decision.xml, validated
// by schemas/archive-metadata-1.0.xsd, and read back by reindex/verify).
struct DecisionRecord {
    std::string issuerId;
    std::string issuerCode;
    std::string issuerName;
    std::string notation; // "UBND"
    int year = 0;
    int number = 0;
    std::string numberText; // "05/QĐ-UBND"
    std::string date;       // ISO "2026-01-05"
    std::string subject;    // trích yếu
    std::string signerTitle;
    std::string signerName;
    // The award kinds: one for most decisions, several in sections where the issuer combines
    // them. awardId, awardKind and awardKindName are the parts' ids, kinds and names joined
    // (by "+", "+" and ", "): the decision's identity for idempotent issuing and versions.
    std::vector<AwardRecord> awards;
    std::string awardId;
    std::string awardKind;
    std::string awardKindName;
    std::string dossierFile; // as named by the clerk
    std::string dossierSha256;
    std::string unitCode; // proposing unit
    std::string unitName;
    std::string roundName;
    int roundYear = 0;        // of the round (đợt); 0 = unknown (older records)
    int pageCount = 0;        // of the decision PDF
    int certificatePages = 0; // of all certificate PDFs together (0 = unknown)
    std::vector<AwardeeRecord> awardees;
    std::vector<DocumentRecord> documents; // of the proposal dossier(s)
    // A consolidated decision: the dossiers it was made from, in the order of its list. Then
    // dossierFile, unitCode, unitName are empty, dossierSha256 is the decision's identity (a
    // SHA-256 over the dossiers' and proposals') and roundName the common round name (or the
    // period when the dossiers name their rounds differently).
    std::vector<SourceRecord> sources;
    std::vector<AcceptedRecord> accepted; // rule findings accepted when issuing
    // Added for the archive metadata (Circular 02/2019 fields):
    std::string issuerLevel; // "province" / "department" / "commune" (decides the retention)
    std::string retention;   // the decision's "20 năm"; empty = config/retention.xml's
    std::string accessMode;  // chế độ sử dụng; empty = "Công khai"
    std::string decisionFile = "decision.pdf"; // relative to data/; must be in the staging
    // The golden-book register the awardees' goldenBook numbers come from (GoldenBookNumbers::
    // registerKey); empty when no awardee has one. Commit advances that register.
    std::string goldenBookRegister;
    // A corrected dossier is filed as a new decision that replaces (supersedes) the current
    // one of the same round (Archive::findCurrentVersion): the replaced bag's folder relative
    // to root and its number. Empty when this decision replaces nothing.
    std::string supersedesDir;
    std::string supersedesNumberText;
};

// Golden-book numbers reserved (not yet consumed) for one decision.
struct GoldenBookNumbers {
    std::string registerKey;  // "UBND-TP-HANOI" or "UBND-TP-HANOI.2026"
    std::vector<int> numbers; // consecutive, register + 1 ...
};

struct FiledDecision {
    fs::path bagDir;         // absolute
    std::string relativeDir; // "2026/UBND-TP-HANOI/05-qd-ubnd"
    int number = 0;
    std::string numberText;
    bool alreadyFiled = false; // true when the same dossier+award was found in the archive
};

// What makes two decisions versions of one another: the same round (đợt) of the same
// proposing unit, the same award (id and form) and the same issuer.
struct RoundKey {
    std::string issuerCode;
    std::string unitCode;
    std::string roundName;
    int roundYear = 0;
    std::string awardId;
    std::string awardKind; // "bang-khen-tinh"
    bool usable() const { return !unitCode.empty() && !roundName.empty(); }
    bool operator==(const RoundKey& o) const {
        return issuerCode == o.issuerCode && unitCode == o.unitCode && roundName == o.roundName &&
               roundYear == o.roundYear && awardId == o.awardId && awardKind == o.awardKind;
    }
};
RoundKey roundKeyOf(const DecisionRecord& record);
// The proposing unit of an awardee: its dossier's in a consolidated decision, else the
// decision's.
const std::string& unitCodeOf(const DecisionRecord& record, const AwardeeRecord& awardee);
const std::string& unitNameOf(const DecisionRecord& record, const AwardeeRecord& awardee);
// model::awardRoundKey of an awardee: its unit's round and its award kind.
std::string awardRoundKey(const DecisionRecord& record, const AwardeeRecord& awardee);
// The SHA-256 of the dossier an awardee was proposed in (a consolidated decision's source).
const std::string& dossierOf(const DecisionRecord& record, const AwardeeRecord& awardee);

// A staging folder: the caller writes the payload files into data() (PDFs, the dossier copy)
// and then hands it to Archive::commit. Destroying an uncommitted staging removes it.
class Staging {
public:
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;
    Staging(Staging&&) noexcept;
    Staging& operator=(Staging&&) noexcept;
    ~Staging();
    const fs::path& dir() const { return m_dir; }
    fs::path data() const { return m_dir / "data"; }

private:
    friend class Archive;
    // `fd` holds a flock on the staging folder for its lifetime, so a cleaner can tell a live
    // staging (lock busy) from a crash leftover (lock free).
    Staging(fs::path dir, int fd) : m_dir(std::move(dir)), m_fd(fd) {}
    void release(); // after commit: the folder is no longer ours to remove
    fs::path m_dir;
    int m_fd = -1;
    std::string m_preparedFor; // Archive::prepareBag: the bag folder it was prepared as
};

class Archive;
struct HistoryImport; // archive/history.hpp

// What Archive::importHistory did.
struct StoredImport {
    std::string copy; // "history/<sha256>.csv", relative to root
    std::string sha256;
    int awards = 0;               // rows imported
    bool alreadyImported = false; // the same bytes were imported before: nothing new written
};

// A bag renamed into place whose registers, journal and index entries are still to be written.
struct PublishedBag {
    std::string dir; // relative to root
    DecisionRecord record;
    std::string time; // of the journal line
};

// The decisions of one round committed under one lock: each bag is renamed into place when
// Archive::commit is given the round (the pending marker lists every bag of the round so
// far), and the registers, journal and index are brought up to date once for all of them by
// Archive::publishRound — one durable write of each instead of one per decision. A run killed
// in between leaves the marker; the next lock() publishes the bags it lists, and verify
// reports them as notes (A293) meanwhile.
class RoundCommit {
public:
    bool empty() const { return m_bags.empty(); }
    std::vector<std::string> dirs() const;

private:
    friend class Archive;
    std::vector<PublishedBag> m_bags;
};

// Exclusive lock on the archive (flock on <root>/.lock). Released on destruction.
class Lock {
public:
    Lock(Lock&&) noexcept;
    Lock& operator=(Lock&&) noexcept;
    Lock(const Lock&) = delete;
    ~Lock();

    int fd() const { return m_fd; }

private:
    friend class Archive;
    explicit Lock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

class Archive {
public:
    // Opens (creating the root and its housekeeping files when missing). The schemas folder
    // holds archive-metadata-1.0.xsd. `retention` (RetentionTable::load of config/retention.xml)
    // gives the thời hạn bảo quản written when filing; without one, commit fails with A066.
    static core::Result<Archive> open(const fs::path& root, const fs::path& schemasDir,
                                      SearchKeyFn searchKey, RetentionTable retention = {});

    const fs::path& root() const { return m_root; }

    // The run's clock (seconds since the epoch, UTC; core::Environment::now). When set it
    // gives the journal time and the Bagging-Date; otherwise both come from the record date.
    // Never the wall clock, so that filing is reproducible.
    void setClock(std::int64_t epochSeconds) { m_clock = epochSeconds; }

    // Takes the archive lock, waiting up to `waitSeconds`; ErrorKind::Locked after that.
    // With the lock taken it also tidies up after a crashed run: removes abandoned staging
    // folders and, when a commit was interrupted after its rename, brings the register,
    // journal and index up to date with the tree.
    core::Result<Lock> lock(int waitSeconds = 30) const;

    // Idempotency: the filed decision for this dossier content and award id, if any. Uses the
    // index; scans the tree's decision.xml files when the index is missing or out of date.
    std::optional<FiledDecision> findFiled(const std::string& dossierSha256,
                                           const std::string& awardId) const;

    // The current (not superseded) filed decision of this round, if any: a dossier with other
    // content for the same round is a correction and its decision supersedes this one. Uses
    // the index; scans the tree when the index is missing or out of date.
    std::optional<FiledDecision> findCurrentVersion(const RoundKey& key) const;

    // The number the next decision of this issuer in this year will get (register + 1).
    // Call with the lock held; nothing is consumed until commit.
    core::Result<int> nextNumber(const std::string& issuerCode, int year) const;

    // Whether golden-book numbers restart every year (default: never; the book runs on).
    void setGoldenBookYearly(bool yearly) { m_goldenBookYearly = yearly; }

    // The next `count` golden-book numbers of this issuer (register + 1 ...). Call with the
    // lock held, before rendering the certificates; nothing is consumed until commit, which
    // advances the register past the numbers the record's awardees carry.
    core::Result<GoldenBookNumbers> nextGoldenBook(const std::string& issuerCode, int year,
                                                   int count) const;

    // A new empty staging folder (with data/ created).
    core::Result<Staging> stage() const;

    // Makes a staging folder a complete bag for `record`: checks the record and the payload,
    // writes data/decision.xml, the dossier and per-certificate metadata (each validated
    // against the schema), the BagIt tag files and manifests. Needs no lock and touches
    // nothing outside the staging folder, so the drawing threads of a round run it; commit
    // does it itself for a staging that was not prepared.
    core::Status prepareBag(Staging& staging, const DecisionRecord& record) const;

    // With the lock held: prepare the bag (unless prepareBag did), fsync it, rename it into
    // <year>/<issuerCode>/<slug>, then advance the register, append to the journal and update
    // the index. If anything fails before the rename, the tree and the register are unchanged.
    // With `round`, the register, journal and index are left to publishRound (RoundCommit).
    core::Result<FiledDecision> commit(Staging staging, const DecisionRecord& record,
                                       const Lock& held, RoundCommit* round = nullptr);
    // Publishes the bags committed with `round` (registers, journal, index) and clears the
    // pending marker. On failure the bags stay filed and the next lock() completes the job.
    core::Status publishRound(RoundCommit& round, const Lock& held);

    // With the lock held: keeps awards granted before tdkt was used (`tdkt history import`,
    // read by archive/history_csv.hpp) under <root>/history — the file's bytes as received and
    // a record of the import (archive/history.hpp) — then journals it ("import") and indexes
    // its awards for search and model::KnownHistory. The file is known by its SHA-256: the
    // same bytes imported again change nothing (and complete an import a kill cut short).
    // `import.importedAt` is used when the archive has no clock.
    core::Result<StoredImport> importHistory(HistoryImport import, const std::string& bytes,
                                             const Lock& held);

private:
    Archive() = default;
    fs::path m_root;
    fs::path m_schemasDir;
    SearchKeyFn m_searchKey;
    std::int64_t m_clock = 0;
    bool m_goldenBookYearly = false;
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

// Search ------------------------------------------------------------------------------------

struct SearchQuery {
    std::string text; // free text: name, unit, award; diacritics optional
    std::optional<int> year;
    std::optional<std::string> unit; // proposing unit code or issuer code
    int limit = 50;
    std::optional<std::string> issuer; // issuer code only
    // Award kind ids ("lao-dong-tien-tien"): the caller resolves what the clerk typed ("LĐTT",
    // "Lao động tiên tiến") through the award catalogue; a decision matches when it grants one.
    std::vector<std::string> awardKinds;
    std::optional<std::string> numberText; // "05/QĐ-UBND" (diacritics optional)
    bool allVersions = false;              // include decisions superseded by a corrected one
};

struct SearchHit {
    std::string name;
    std::string kind;
    std::string position;
    std::string unit;
    std::string awardKindName;
    std::string awardKind; // catalogue id of the awardee's award
    std::string numberText;
    std::string date;
    int year = 0;
    std::string issuerName;
    std::string unitCode;
    std::string decisionPath;    // relative to root, the decision PDF
    std::string certificatePath; // relative to root
    std::string supersededBy;    // number of the decision that replaced this one ("" = current)
    double rank = 0;
};

// One query: Searcher::open, then search (what `tdkt search` does).
core::Result<std::vector<SearchHit>> search(const fs::path& root, const SearchQuery& query,
                                            const SearchKeyFn& searchKey);

// <root>/index.sqlite opened read-only once for many queries (the benchmark, a web front end):
// the connection, its SQL functions and the prepared statements are kept, so a query costs
// only its own SQLite work (opening, checking and preparing cost about as much as a typical
// query). Holds no read transaction between queries, so commits are never blocked; an index
// renamed into place by reindex is noticed and reopened. Not thread-safe: one per thread.
class Searcher {
public:
    // A015 when there is no index or it has another schema version (run `tdkt reindex`).
    static core::Result<Searcher> open(const fs::path& root, SearchKeyFn searchKey);
    core::Result<std::vector<SearchHit>> search(const SearchQuery& query);

    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;
    ~Searcher();

private:
    Searcher();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Rebuild <root>/index.sqlite from the tree (the tree is the truth) into a temporary database
// renamed over the old one. Takes the archive lock itself (do not call it while holding one).
// Returns the number of awardees indexed.
core::Result<int> reindex(const fs::path& root, const fs::path& schemasDir,
                          const SearchKeyFn& searchKey);

// Verify --------------------------------------------------------------------------------------

// A finding of verify (the one diagnostic type, core::Diagnostic): its location is the path
// relative to the archive root, or to the bag for `verify --bag`; no line.
core::Diagnostic finding(core::Severity severity, std::string code, std::string path,
                         std::string message);

struct VerifyReport {
    int bagsChecked = 0;
    int filesChecked = 0;
    std::vector<core::Diagnostic> problems; // errors
    std::vector<core::Diagnostic> notes;    // information only (e.g. A290 staging leftovers)
    // Valid but worth a look (BagIt "SHOULD" rules: md5 manifests, duplicate entries with the
    // same digest, names that differ only in case or Unicode normalisation, OS litter files).
    std::vector<core::Diagnostic> warnings;
    bool ok() const { return problems.empty(); }
};

struct VerifyOptions {
    // ISO date "YYYY-MM-DD": check only bags the journal records as filed on or after it, plus
    // any bag the journal does not know (an unrecorded change is always checked). Registers
    // are then checked against the numbers of the bags checked.
    std::optional<std::string> since;
    // When set, index.sqlite is compared with the tree (every bag indexed, with all its
    // awardees; nothing indexed that is not in the tree).
    SearchKeyFn searchKey;
};

// Checks every bag's manifests and tag manifests, the metadata against its schema, and that
// the register agrees with the filed decisions.
core::Result<VerifyReport> verify(const fs::path& root, const fs::path& schemasDir,
                                  const VerifyOptions& options = {});

// Checks one BagIt bag on its own (RFC 8493: bagit.txt, every manifest-<alg>.txt and
// tagmanifest-<alg>.txt for md5/sha1/sha256/sha512, completeness, Payload-Oxum), without any
// tdkt metadata checks. Problem paths are `displayPrefix` + the path inside the bag.
VerifyReport verifyBag(const fs::path& bagDir, const std::string& displayPrefix = {});

// "05/QĐ-UBND" -> "05-qd-ubnd": lower-case ASCII, diacritics dropped, đ -> d, every run of
// other characters -> "-". Used for the decision folder name.
std::string slugify(const std::string& text);

} // namespace tdkt::archive

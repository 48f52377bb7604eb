#pragma once
// `tdkt export`: one year's bags packed for transfer to a historical archive (nộp lưu), with
// the transfer list (mục lục hồ sơ) of Circular 02/2019.
//
// The package is itself a BagIt 1.0 bag serialised as one POSIX tar (pax, UTF-8 names), so the
// receiving archive checks the whole transfer with any BagIt validator, not only with tdkt:
//
//   <base>/bagit.txt  <base>/bag-info.txt
//   <base>/data/<year>/<issuer>/<decision>/...     every bag exactly as in the tree
//   <base>/data/muc-luc-ho-so.csv  <base>/data/muc-luc-ho-so.pdf
//   <base>/manifest-sha256.txt  <base>/tagmanifest-sha256.txt
//
// <base> is the tar's name without ".tar" (RFC 8493 §4.2: a serialised bag unpacks to one base
// folder of the same name). The manifest lines are "<sha256>  data/<path>", so `sha256sum -c
// manifest-sha256.txt` inside <base> checks every payload file as well.
#include "archive/archive.hpp"
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tdkt::archive {

struct ExportOptions {
    int year = 0;                      // the tree's year folder
    std::optional<std::string> unit;   // proposing unit code only
    std::optional<std::string> issuer; // issuing body code only
};

// One line of the mục lục hồ sơ: one hồ sơ (dossier) = one filed decision's bag. The fields
// come from data/dossier-meta.xml (or, in bags filed before it existed, are derived from
// decision.xml the same way).
struct TransferListRow {
    int ordinal = 0;        // STT
    std::string bag;        // "2026/UBND-TP-HANOI/05-qd-ubnd", relative to the archive root
    std::string fileCode;   // mã hồ sơ
    std::string title;      // tiêu đề hồ sơ
    std::string startDate;  // ISO, thời gian bắt đầu
    std::string endDate;    // ISO, thời gian kết thúc
    int documents = 0;      // số lượng văn bản
    int pages = 0;          // số trang (0: unknown)
    std::string retention;  // thời hạn bảo quản
    std::string accessMode; // chế độ sử dụng
    std::string note;       // ghi chú (versions: "Bị thay thế bởi Quyết định số …")
    std::string issuerCode;
    std::string issuerName;
    std::string unitCode;
    std::string numberText; // "05/QĐ-UBND"
    int number = 0;
};

struct TransferList {
    int year = 0;
    std::optional<std::string> unit;
    std::optional<std::string> issuer;
    std::vector<std::string> fonds;    // phông: the issuing bodies' names, in row order
    std::string date;                  // ISO date the list was made (the run's clock)
    std::vector<TransferListRow> rows; // by issuer code, then decision number
    int documents() const;
    int pages() const;
};

struct ExportPlan {
    fs::path root;
    TransferList list;
    std::vector<std::string> bags; // the rows' bags, sorted bytewise (tar order)
};

// Lists the bags of year folder `options.year` in the tree (the truth; the index is not
// read), keeps those of the unit / issuer asked for, and verifies each one: every BagIt
// manifest and tag manifest (verifyBag), decision.xml and dossier-meta.xml against the
// metadata schema, and the folder matching the metadata. Any damaged bag refuses the whole
// export: A601 (VerifyFailed, exit 65) naming each damaged bag, one detail per problem.
// Errors: A606 no archive folder, A605 no bag matches (InputMissing).
core::Result<ExportPlan> planExport(const fs::path& root, const fs::path& schemasDir,
                                    const ExportOptions& options, std::int64_t clock);

// The list as CSV for Excel, like `tdkt report`'s: UTF-8 with a BOM, ';' separators, CRLF,
// dates dd/mm/yyyy; one heading line, then one line per hồ sơ.
std::string transferListCsv(const TransferList& list);

// A payload file of the package beside the bags (the list's CSV and PDF): given as bytes, or
// as a file streamed from disk when `file` is set.
struct ExtraFile {
    std::string name; // relative to the package's data/, e.g. "muc-luc-ho-so.pdf"
    std::string bytes;
    fs::path file;
};

struct PackageOptions {
    bool force = false;     // replace an existing output file
    std::int64_t clock = 0; // the run's clock: Bagging-Date, mtime of generated entries
};

struct PackageSummary {
    fs::path file;
    int bags = 0;
    int payloadFiles = 0;
    std::uintmax_t payloadBytes = 0;
};

// Writes the package to `outFile`: entries in a fixed order (bagit.txt, bag-info.txt, the
// payload sorted bytewise, manifest-sha256.txt, tagmanifest-sha256.txt), owner 0:0, modes
// 0755/0644, mtimes of the tree's files (the run's clock for everything generated), so two
// exports of the same tree at the same clock are byte-identical. Files are streamed in blocks
// and hashed on the way (each bag file is also checked against its own bag's manifest, so a
// file changed after planExport is caught: A604). Written to "<out>.tmp-XXXXXX" in the same
// folder, fsynced and renamed into place; on any error nothing is left behind.
// Errors: A602 output exists (CannotCreate, unless force), A603 cannot write (CannotCreate/Io),
// A604 a bag changed while being packed (VerifyFailed), A607 unsupported entry in a bag.
core::Result<PackageSummary> writePackage(const ExportPlan& plan,
                                          const std::vector<ExtraFile>& extras,
                                          const fs::path& outFile, const PackageOptions& options);

} // namespace tdkt::archive

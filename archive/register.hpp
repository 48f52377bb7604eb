#pragma once
// The decision-number register (sổ đăng ký số văn bản): per issuer code and year, the last
// number used. One small text file per issuer-year, <root>/registers/<ISSUER>.<year>.txt:
//
//   issuer: UBND-TP-HANOI
//   year: 2026
//   last: 5
//
// written with core::writeFileAtomic. Numbers run from 01 each year (Decree 30/2020 Art. 15),
// so a year without a file starts at 1.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <string>
#include <vector>

namespace tdkt::archive {

struct RegisterEntry {
    std::string issuerCode;
    int year = 0;
    int last = 0;
    std::string file; // relative to root
};

fs::path registerFile(const fs::path& root, const std::string& issuerCode, int year);

// The last number used; 0 when the issuer has no register for that year.
core::Result<int> readRegister(const fs::path& root, const std::string& issuerCode, int year);
core::Status writeRegister(const fs::path& root, const std::string& issuerCode, int year, int last);

// Every register file; a file that cannot be read or parsed is returned with last = -1.
std::vector<RegisterEntry> listRegisters(const fs::path& root);

// The golden-book register (sổ vàng) of an issuer: one file per register key,
// <root>/registers/golden-book/<key>.txt ("register: <key>" / "last: N"). The key is the issuer
// code when numbers never restart, "<issuer code>.<year>" when they restart every year.
std::string goldenBookKey(const std::string& issuerCode, int year, bool yearly);
fs::path goldenBookFile(const fs::path& root, const std::string& key);
core::Result<int> readGoldenBook(const fs::path& root, const std::string& key);
core::Status writeGoldenBook(const fs::path& root, const std::string& key, int last);
// Every golden-book register (RegisterEntry.issuerCode holds the key, year = 0).
std::vector<RegisterEntry> listGoldenBooks(const fs::path& root);

} // namespace tdkt::archive

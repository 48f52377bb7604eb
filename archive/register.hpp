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

} // namespace tdkt::archive

#pragma once
#include "error.hpp"
#include "fs.hpp"

#include <string>
#include <string_view>

namespace tdkt::core {

// Lower-case hex SHA-256 (OpenSSL through Poco::Crypto, so it runs at sha256sum speed).
std::string sha256Hex(std::string_view bytes);
Result<std::string> sha256File(const fs::path& file);

} // namespace tdkt::core

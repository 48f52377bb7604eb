#pragma once
#include "error.hpp"
#include "fs.hpp"

#include <string>
#include <string_view>

namespace tdkt::core {

// Lower-case hex SHA-256 (OpenSSL through Poco::Crypto, so it runs at sha256sum speed).
std::string sha256Hex(std::string_view bytes);
Result<std::string> sha256File(const fs::path& file);
// Lower-case hex digest of a file with any OpenSSL digest named as OpenSSL names it ("md5",
// "sha1", "sha256", "sha512" ...): streamed in 64 KiB blocks.
Result<std::string> digestFileHex(const fs::path& file, const std::string& algorithm);

} // namespace tdkt::core

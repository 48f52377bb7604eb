#pragma once
#include "error.hpp"
#include "fs.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace tdkt::core {

// An incremental digest (OpenSSL EVP), for bytes that are hashed while they go elsewhere (a file
// packed into a tar is read once, hashed on the way).
class Digest {
public:
    // "sha256", "sha512", "md5" ... as OpenSSL names them; C005 when unknown.
    static Result<Digest> create(const std::string& algorithm);
    static Digest sha256();
    void update(const void* data, std::size_t size);
    // Lower-case hex; the digest cannot be updated afterwards.
    std::string finishHex();

    ~Digest();
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;

private:
    Digest();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Lower-case hex SHA-256 (OpenSSL through Poco::Crypto, so it runs at sha256sum speed).
std::string sha256Hex(std::string_view bytes);
Result<std::string> sha256File(const fs::path& file);
// Lower-case hex digest of a file with any OpenSSL digest named as OpenSSL names it ("md5",
// "sha1", "sha256", "sha512" ...): streamed in 64 KiB blocks.
Result<std::string> digestFileHex(const fs::path& file, const std::string& algorithm);

} // namespace tdkt::core

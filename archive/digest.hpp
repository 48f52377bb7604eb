#pragma once
// File digests for BagIt manifests. SHA-256 goes through core::sha256File; the other
// algorithms a bag may carry (RFC 8493 §2.4: md5, sha1, sha256, sha512) go through OpenSSL EVP.
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"

#include <string>

namespace tdkt::archive {

// `algorithm` as in the manifest file name ("sha256" of manifest-sha256.txt).
bool digestSupported(const std::string& algorithm);
core::Result<std::string> digestFile(const fs::path& file, const std::string& algorithm);

} // namespace tdkt::archive

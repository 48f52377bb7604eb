#include "archive/digest.hpp"

#include "pipeline/core/sha256.hpp"

#include <openssl/evp.h>

namespace tdkt::archive {
namespace {

const EVP_MD* mdFor(const std::string& algorithm) {
    if (algorithm == "md5") {
        return EVP_md5();
    }
    if (algorithm == "sha1") {
        return EVP_sha1();
    }
    if (algorithm == "sha256") {
        return EVP_sha256();
    }
    if (algorithm == "sha512") {
        return EVP_sha512();
    }
    // Not in RFC 8493's list but written by bagit-python and found in real bags.
    if (algorithm == "sha224") {
        return EVP_sha224();
    }
    if (algorithm == "sha384") {
        return EVP_sha384();
    }
    return nullptr;
}

} // namespace

bool digestSupported(const std::string& algorithm) {
    return mdFor(algorithm) != nullptr;
}

core::Result<std::string> digestFile(const fs::path& file, const std::string& algorithm) {
    // Only the algorithms a bag may name (mdFor), whatever else OpenSSL knows.
    if (!digestSupported(algorithm)) {
        return core::makeError(core::ErrorKind::Internal, "A020",
                               "thuật toán băm không được hỗ trợ: " + algorithm, {file.string()});
    }
    return core::digestFileHex(file, algorithm);
}

} // namespace tdkt::archive

#include "archive/digest.hpp"

#include "pipeline/core/sha256.hpp"

#include <array>
#include <cstdio>
#include <memory>
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

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

} // namespace

bool digestSupported(const std::string& algorithm) {
    return mdFor(algorithm) != nullptr;
}

core::Result<std::string> digestFile(const fs::path& file, const std::string& algorithm) {
    if (algorithm == "sha256") {
        return core::sha256File(file);
    }
    const EVP_MD* md = mdFor(algorithm);
    if (!md) {
        return core::makeError(core::ErrorKind::Internal, "A020",
                               "thuật toán băm không được hỗ trợ: " + algorithm, {file.string()});
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"),
                                                       &std::fclose);
    if (!in) {
        return core::makeError(core::ErrorKind::InputMissing, "A021",
                               "không mở được tệp để tính mã băm", {file.string()});
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    EVP_DigestInit_ex(ctx.get(), md, nullptr);
    std::array<char, 1 << 16> buf;
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), in.get())) > 0) {
        EVP_DigestUpdate(ctx.get(), buf.data(), n);
    }
    if (std::ferror(in.get())) {
        return core::makeError(core::ErrorKind::Io, "A022", "lỗi đọc tệp khi tính mã băm",
                               {file.string()});
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &len);
    static const char* digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        hex.push_back(digits[digest[i] >> 4]);
        hex.push_back(digits[digest[i] & 0xF]);
    }
    return hex;
}

} // namespace tdkt::archive

#include "sha256.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <openssl/evp.h>

namespace tdkt::core {
namespace {

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::string toHex(const unsigned char* digest, unsigned int len) {
    static const char* digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        hex.push_back(digits[digest[i] >> 4]);
        hex.push_back(digits[digest[i] & 0xF]);
    }
    return hex;
}

} // namespace

struct Digest::Impl {
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx{EVP_MD_CTX_new()};
};

Digest::Digest() : m_impl(std::make_unique<Impl>()) {}
Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

Result<Digest> Digest::create(const std::string& algorithm) {
    const EVP_MD* md = EVP_get_digestbyname(algorithm.c_str());
    if (!md) {
        return makeError(ErrorKind::Internal, "C005",
                         "thuật toán băm không được hỗ trợ: " + algorithm);
    }
    Digest d;
    EVP_DigestInit_ex(d.m_impl->ctx.get(), md, nullptr);
    return d;
}

Digest Digest::sha256() {
    Digest d;
    EVP_DigestInit_ex(d.m_impl->ctx.get(), EVP_sha256(), nullptr);
    return d;
}

void Digest::update(const void* data, std::size_t size) {
    EVP_DigestUpdate(m_impl->ctx.get(), data, size);
}

std::string Digest::finishHex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_impl->ctx.get(), digest, &len);
    return toHex(digest, len);
}

std::string sha256Hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
    return toHex(digest, len);
}

Result<std::string> sha256File(const fs::path& file) {
    return digestFileHex(file, "sha256");
}

Result<std::string> digestFileHex(const fs::path& file, const std::string& algorithm) {
    auto digest = Digest::create(algorithm);
    if (!digest) {
        core::Error e = digest.error();
        e.where = {file.string()};
        return e;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"),
                                                       &std::fclose);
    if (!in) {
        return makeError(ErrorKind::InputMissing, "C001", "không mở được tệp để tính mã băm",
                         {file.string()});
    }
    std::array<char, 1 << 16> buf;
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), in.get())) > 0) {
        digest->update(buf.data(), n);
    }
    if (std::ferror(in.get())) {
        return makeError(ErrorKind::Io, "C002", "lỗi đọc tệp khi tính mã băm", {file.string()});
    }
    return digest->finishHex();
}

} // namespace tdkt::core

#include "atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tdkt::core {
namespace {

Error ioError(const char* code, const std::string& what, const fs::path& p) {
    return makeError(ErrorKind::Io, code, what + ": " + systemErrorText(errno), {p.string()});
}

} // namespace

Status fsyncPath(const fs::path& p) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return ioError("C010", "không mở được để đồng bộ xuống đĩa", p);
    }
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        return ioError("C011", "không đồng bộ được xuống đĩa", p);
    }
    return {};
}

namespace {

// Creates (or truncates) `file` and writes every byte; the descriptor stays open for the
// caller (fsync, close). On error the descriptor is closed.
Result<int> createAndWrite(const fs::path& file, std::string_view bytes, const fs::path& named) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(ErrorKind::CannotCreate, "C012",
                         "không tạo được tệp: " + systemErrorText(errno), {named.string()});
    }
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            Error e = ioError("C013", "lỗi ghi tệp", named);
            ::close(fd);
            return e;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    return fd;
}

} // namespace

Status writeFileUnsynced(const fs::path& target, std::string_view bytes) {
    auto fd = createAndWrite(target, bytes, target);
    if (!fd) {
        return fd.error();
    }
    if (::close(fd.value()) != 0) {
        return ioError("C013", "lỗi ghi tệp", target);
    }
    return {};
}

Status writeFileAtomic(const fs::path& target, std::string_view bytes) {
    fs::path tmp = target.parent_path() /
                   ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    auto fd = createAndWrite(tmp, bytes, target);
    if (!fd) {
        ::unlink(tmp.c_str());
        return fd.error();
    }
    if (::fsync(fd.value()) != 0) {
        Error e = ioError("C011", "không đồng bộ được xuống đĩa", target);
        ::close(fd.value());
        ::unlink(tmp.c_str());
        return e;
    }
    ::close(fd.value());
    return renameDurable(tmp, target);
}

Status renameDurable(const fs::path& from, const fs::path& to) {
    if (std::rename(from.c_str(), to.c_str()) != 0) {
        return ioError("C014", "không đổi tên được thành " + to.string(), from);
    }
    fs::path parent = to.parent_path().empty() ? fs::path(".") : to.parent_path();
    return fsyncPath(parent);
}

std::string megabytes(std::uintmax_t bytes) {
    // Rounded up to a tenth, so a file just over a limit never reads as equal to it.
    const std::uintmax_t tenths = (bytes * 10 + kMegabyte - 1) / kMegabyte;
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10 != 0) {
        out += ',' + std::to_string(tenths % 10);
    }
    return out + " MB";
}

Result<std::string> readFile(const fs::path& file, std::uintmax_t maxBytes) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return makeError(ErrorKind::InputMissing, "C003",
                         "không mở được tệp: " + systemErrorText(errno), {file.string()});
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        const int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
        ::close(fd);
        return makeError(ErrorKind::InputMissing, "C003",
                         "không mở được tệp: " + systemErrorText(err), {file.string()});
    }
    auto tooLarge = [&](std::uintmax_t size) {
        ::close(fd);
        return makeError(ErrorKind::InputRejected, "C006",
                         "tệp lớn " + megabytes(size) + ", quá giới hạn " + megabytes(maxBytes),
                         {file.string()});
    };
    const std::uintmax_t size = S_ISREG(st.st_mode) ? static_cast<std::uintmax_t>(st.st_size) : 0;
    if (size > maxBytes) {
        return tooLarge(size);
    }
    // The size is checked again while reading: a file may grow, and a device or pipe has none.
    std::string out;
    out.reserve(static_cast<std::size_t>(size));
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorKind::Io, "C004", "lỗi đọc tệp: " + systemErrorText(err),
                             {file.string()});
        }
        if (n == 0) {
            break;
        }
        if (out.size() + static_cast<std::size_t>(n) > maxBytes) {
            return tooLarge(out.size() + static_cast<std::size_t>(n));
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

} // namespace tdkt::core

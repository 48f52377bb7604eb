#include "atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace tdkt::core {
namespace {

Error ioError(const char* code, const std::string& what, const fs::path& p) {
    return makeError(ErrorKind::Io, code, what + ": " + std::strerror(errno), {p.string()});
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

Status writeFileAtomic(const fs::path& target, std::string_view bytes) {
    fs::path tmp = target.parent_path() /
                   ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return makeError(ErrorKind::CannotCreate, "C012",
                         std::string("không tạo được tệp: ") + std::strerror(errno),
                         {target.string()});
    }
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            Error e = ioError("C013", "lỗi ghi tệp", target);
            ::close(fd);
            ::unlink(tmp.c_str());
            return e;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        Error e = ioError("C011", "không đồng bộ được xuống đĩa", target);
        ::close(fd);
        ::unlink(tmp.c_str());
        return e;
    }
    ::close(fd);
    return renameDurable(tmp, target);
}

Status renameDurable(const fs::path& from, const fs::path& to) {
    if (std::rename(from.c_str(), to.c_str()) != 0) {
        return ioError("C014", "không đổi tên được thành " + to.string(), from);
    }
    fs::path parent = to.parent_path().empty() ? fs::path(".") : to.parent_path();
    return fsyncPath(parent);
}

Result<std::string> readFile(const fs::path& file) {
    std::ifstream in(file.string(), std::ios::binary);
    if (!in) {
        return makeError(ErrorKind::InputMissing, "C003", "không mở được tệp", {file.string()});
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        return makeError(ErrorKind::Io, "C004", "lỗi đọc tệp", {file.string()});
    }
    return ss.str();
}

} // namespace tdkt::core

#include "error.hpp"

#include <cerrno>
#include <cstring>

namespace tdkt::core {

Error makeError(ErrorKind kind, std::string code, std::string message, SourceLocation where) {
    Error e;
    e.kind = kind;
    e.code = std::move(code);
    e.message = std::move(message);
    e.where = std::move(where);
    return e;
}

std::string format(const Error& e) {
    std::string out = format(Diagnostic{Severity::Error, e.code, e.where, {}, e.message});
    for (const auto& d : e.details) {
        out += '\n' + format(d);
    }
    return out;
}

namespace {

// The errno values a clerk's machine can meet when tdkt reads a dossier, writes PDFs or files
// into the archive; the wording says what to do about it where that is not obvious.
const char* errnoWording(int errnum) {
    switch (errnum) {
    case ENOSPC:
        return "ổ đĩa đã hết chỗ trống";
    case EDQUOT:
        return "đã vượt hạn mức dung lượng đĩa dành cho người dùng này";
    case EACCES:
        return "không có quyền truy cập (quyền đọc/ghi của tệp hoặc thư mục)";
    case EPERM:
        return "hệ thống không cho phép thao tác này";
    case EROFS:
        return "ổ đĩa chỉ cho phép đọc, không ghi được";
    case ENOENT:
        return "không có tệp hoặc thư mục này";
    case EEXIST:
        return "tệp hoặc thư mục đã tồn tại";
    case EISDIR:
        return "đây là một thư mục, không phải tệp";
    case ENOTDIR:
        return "một phần của đường dẫn không phải là thư mục";
    case ENOTEMPTY:
        return "thư mục không rỗng";
    case EMFILE:
        return "tiến trình đang mở quá nhiều tệp cùng lúc";
    case ENFILE:
        return "hệ thống đang mở quá nhiều tệp cùng lúc";
    case ENAMETOOLONG:
        return "tên tệp hoặc đường dẫn quá dài";
    case ELOOP:
        return "đường dẫn có vòng lặp liên kết tượng trưng (symlink)";
    case EIO:
        return "lỗi vào/ra của thiết bị (ổ đĩa có thể bị hỏng hoặc đã bị rút ra)";
    case EXDEV:
        return "không chuyển được giữa hai ổ đĩa (hệ thống tệp) khác nhau";
    case EFBIG:
        return "tệp vượt kích thước tối đa mà hệ thống tệp cho phép";
    case ENOMEM:
        return "không đủ bộ nhớ";
    case EBUSY:
        return "tệp hoặc thiết bị đang được dùng";
    case ETXTBSY:
        return "tệp đang được một chương trình khác dùng";
    case EAGAIN:
        return "tài nguyên tạm thời chưa sẵn sàng, hãy thử lại";
    case EINTR:
        return "thao tác bị ngắt giữa chừng";
    case EINVAL:
        return "tham số không hợp lệ";
    case ESTALE:
        return "tệp trên ổ mạng không còn hợp lệ (đã bị xóa hoặc ổ mạng bị ngắt)";
    case ETIMEDOUT:
        return "hết thời gian chờ";
    case ENOLCK:
        return "hệ thống không còn khóa tệp nào để cấp";
    case ENODEV:
    case ENXIO:
        return "không có thiết bị này";
    case EOPNOTSUPP:
        return "hệ thống tệp không hỗ trợ thao tác này";
    case EBADF:
        return "tệp không còn mở";
    default:
        return nullptr;
    }
}

} // namespace

std::string systemErrorText(int errnum) {
    if (errnum == 0) {
        return "lỗi không rõ nguyên nhân";
    }
    if (const char* wording = errnoWording(errnum)) {
        return wording;
    }
    // strerrorname_np gives the symbol ("ENOLINK"), never English prose; NULL when unknown.
    const char* symbol = ::strerrorname_np(errnum);
    return "lỗi hệ thống " + (symbol ? std::string(symbol) : "số " + std::to_string(errnum));
}

std::string systemErrorText(const boost::system::error_code& ec) {
    if (ec.category() == boost::system::system_category() ||
        ec.category() == boost::system::generic_category()) {
        return systemErrorText(ec.value());
    }
    return "lỗi hệ thống " + std::string(ec.category().name()) + " số " +
           std::to_string(ec.value());
}

} // namespace tdkt::core

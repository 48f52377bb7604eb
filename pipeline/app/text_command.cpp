// `tdkt text normalize|search-key|title-case|upper`: a line filter over the shared text layer,
// a stable interface for other tools. One output line per input line, in order.
#include "command.hpp"
#include "pipeline/core/exit_code.hpp"
#include "pipeline/text/case_mapping.hpp"
#include "pipeline/text/normalize.hpp"
#include "pipeline/text/search_key.hpp"

#include <functional>
#include <iostream>
#include <string>

namespace tdkt::app {
namespace {

using Poco::Util::Option;

int runText(Invocation& inv) {
    if (inv.positional.size() != 1) {
        return usageError(inv.err, "text",
                          "cần đúng một thao tác: normalize, search-key, title-case hoặc upper");
    }
    const std::string& action = inv.positional[0];
    text::Options options;
    if (inv.has("tone-style")) {
        const std::string style = inv.get("tone-style");
        if (action != "normalize") {
            return usageError(inv.err, "text", "--tone-style chỉ dùng với «normalize»");
        }
        if (style == "classic") {
            options.toneStyle = text::ToneStyle::Classic;
        } else if (style == "new") {
            options.toneStyle = text::ToneStyle::New;
        } else {
            return usageError(inv.err, "text",
                              "--tone-style phải là «classic» hoặc «new», không phải «" + style +
                                  "»");
        }
    }
    std::function<std::string(const std::string&)> transform;
    if (action == "normalize") {
        transform = [options](const std::string& s) { return text::normalize(s, options); };
    } else if (action == "search-key") {
        transform = [](const std::string& s) { return text::searchKey(s); };
    } else if (action == "title-case") {
        transform = [](const std::string& s) { return text::titleCase(s); };
    } else if (action == "upper") {
        transform = [](const std::string& s) { return text::upper(s); };
    } else {
        return usageError(inv.err, "text", "thao tác không hợp lệ «" + action + "»");
    }

    // A filter reads nothing but stdin and writes nothing but stdout, so the C++ streams need not
    // stay in step with C stdio; unsynchronised they are several times faster on large input.
    std::ios::sync_with_stdio(false);
    std::istream& in = std::cin;
    std::string line;
    long long number = 0;
    // Line by line: the input may be far larger than memory; output is flushed once, at the end.
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back(); // CRLF input: the CR belongs to the line end, not the text
        }
        int replaced = 0;
        std::string valid = text::repairUtf8(line, &replaced);
        if (replaced > 0) {
            inv.err << "dòng " << number << ": UTF-8 không hợp lệ, " << replaced
                    << " chuỗi byte đã được thay bằng U+FFFD\n";
        }
        inv.out << transform(valid) << '\n';
    }
    inv.out.flush();
    if (in.bad() || !inv.out) {
        inv.err << "tdkt text: lỗi đọc/ghi [U011]\n";
        return core::ExitIoErr;
    }
    return core::ExitOk;
}

} // namespace

const Command& textCommand() {
    static const Command c{
        "text", "chuẩn hóa văn bản tiếng Việt theo dòng (bộ lọc stdin → stdout)",
        "tdkt text normalize [--tone-style=classic|new]\n"
        "       tdkt text search-key | title-case | upper\n\n"
        "Đọc từng dòng UTF-8 từ đầu vào chuẩn, ghi đúng một dòng kết quả cho mỗi dòng, theo thứ "
        "tự.\n"
        "  normalize    sửa bảng mã cũ (TCVN3, VNI, VIQR, Windows-1258), bỏ ký tự ẩn và khoảng\n"
        "               trắng thừa, chuẩn hóa NFC, đặt dấu thanh; giữ nguyên chữ hoa/thường\n"
        "  search-key   khóa tìm kiếm: bỏ dấu, đ → d, chữ thường\n"
        "  title-case   viết hoa chữ cái đầu mỗi từ (họ tên)\n"
        "  upper        viết hoa toàn bộ, giữ nguyên dấu\n\n"
        "  --tone-style=classic  dấu thanh kiểu cũ: hòa, khỏe, thủy (mặc định)\n"
        "  --tone-style=new      dấu thanh kiểu mới: hoà, khoẻ, thuỷ\n\n"
        "Dòng có byte UTF-8 không hợp lệ được báo ở đầu ra lỗi («dòng N: ...») và vẫn được xử lý,\n"
        "với ký tự thay thế U+FFFD. Mã thoát 0.\n",
        [](Poco::Util::OptionSet& set) {
            set.addOption(Option("tone-style", "", "kiểu đặt dấu thanh: classic hoặc new")
                              .required(false)
                              .repeatable(false)
                              .argument("STYLE"));
        },
        runText};
    return c;
}

} // namespace tdkt::app

// `tdkt codes`: every diagnostic code tdkt reports, from the one registry (core/codes.hpp).
#include "command.hpp"
#include "pipeline/core/codes.hpp"
#include "pipeline/core/exit_code.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Util/Option.h>
#include <ostream>
#include <string>

namespace tdkt::app {
namespace {

int runCodes(Invocation& inv) {
    if (inv.positional.size() > 1) {
        return usageError(inv.err, "codes", "chỉ nhận một mã (ví dụ L010) hoặc không có");
    }
    const std::string only = inv.positional.empty() ? std::string() : inv.positional[0];
    if (!only.empty() && !core::findCode(only)) {
        inv.err << "tdkt codes: không có mã «" << only << "»\n";
        return core::ExitDataErr;
    }
    Poco::JSON::Array all(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& c : core::codeRegistry()) {
        if (!only.empty() && c.code != only) {
            continue;
        }
        if (inv.has("json")) {
            Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
            o.set("code", std::string(c.code));
            o.set("stage", std::string(c.stage));
            o.set("severity", core::severityId(c.severity));
            o.set("meaning", std::string(c.meaning));
            all.add(o);
        } else {
            inv.out << c.code << "  " << core::severityWord(c.severity) << "  " << c.meaning
                    << '\n';
        }
    }
    if (inv.has("json")) {
        all.stringify(inv.out, 2);
        inv.out << '\n';
    }
    return core::ExitOk;
}

} // namespace

const Command& codesCommand() {
    static const Command c{
        "codes", "danh sách mã lỗi, cảnh báo, ghi chú và ý nghĩa",
        "tdkt codes [MÃ] [--json]\n\n"
        "Mỗi phát hiện mà tdkt báo (lỗi, cảnh báo, ghi chú) có một mã cố định: chữ cái chỉ bước\n"
        "(A kho lưu trữ, C tệp và thiết lập, J ban hành, K danh mục khen thưởng, M tiền thưởng,\n"
        "N chuẩn hóa, R dàn trang, T mẫu, U dòng lệnh, V kiểm tra hồ sơ, X cú pháp XML) và ba\n"
        "chữ số. Lệnh này in mọi mã với mức độ và ý nghĩa, hoặc chỉ mã MÃ.\n\n"
        "  --json   in dạng JSON\n",
        [](Poco::Util::OptionSet& set) {
            set.addOption(Poco::Util::Option("json", "", "JSON").required(false));
        },
        runCodes};
    return c;
}

} // namespace tdkt::app

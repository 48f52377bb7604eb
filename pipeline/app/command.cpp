#include "command.hpp"

#include "pipeline/core/exit_code.hpp"

#include <ostream>

namespace tdkt::app {

using Poco::Util::Option;

int fail(std::ostream& err, const core::Error& e) {
    err << "tdkt: " << core::format(e) << '\n';
    return core::exitCodeFor(e.kind);
}

int usageError(std::ostream& err, const std::string& command, const std::string& message) {
    err << "tdkt " << command << ": " << message << "\n"
        << "Xem hướng dẫn: tdkt " << command << " --help\n";
    return core::ExitUsage;
}

void addArchiveOption(Poco::Util::OptionSet& set) {
    set.addOption(Option("archive", "a", "thư mục kho lưu trữ")
                      .required(false)
                      .repeatable(false)
                      .argument("DIR"));
}

core::Result<fs::path> archiveRoot(const Invocation& inv, const std::string& command) {
    if (!inv.has("archive")) {
        return core::makeError(core::ErrorKind::Usage, "U003",
                               "lệnh «" + command + "» cần tùy chọn --archive DIR");
    }
    return fs::path(inv.get("archive"));
}

int checkInputsExist(const Invocation& inv) {
    for (const auto& f : inv.positional) {
        boost::system::error_code ec;
        if (!fs::is_regular_file(f, ec)) {
            return fail(inv.err, core::makeError(core::ErrorKind::InputMissing, "U010",
                                                 "không tìm thấy tệp hồ sơ", {f}));
        }
    }
    return 0;
}

void addToneStyleOption(Poco::Util::OptionSet& set) {
    set.addOption(Option("tone-style", "", "kiểu đặt dấu thanh").required(false).argument("STYLE"));
}

bool toneStyleOption(const Invocation& inv, const std::string& command, text::Options& options,
                     int* exitCode) {
    if (!inv.has("tone-style")) {
        return true;
    }
    const std::string style = inv.get("tone-style");
    if (style == "classic") {
        options.toneStyle = text::ToneStyle::Classic;
        return true;
    }
    if (style == "new") {
        options.toneStyle = text::ToneStyle::New;
        return true;
    }
    *exitCode = usageError(inv.err, command,
                           "--tone-style chỉ nhận «classic» (hòa, thủy) hoặc «new» (hoà, thuỷ), "
                           "không nhận «" +
                               style + "»");
    return false;
}

bool intOption(const Invocation& inv, const std::string& command, const std::string& name,
               int& value, int* exitCode) {
    const std::string text = inv.get(name);
    try {
        std::size_t used = 0;
        value = std::stoi(text, &used);
        if (used == text.size()) {
            return true;
        }
    } catch (const std::exception&) {
    }
    *exitCode = usageError(inv.err, command,
                           "giá trị «" + text + "» của --" + name + " không phải là số nguyên");
    return false;
}

} // namespace tdkt::app

#include "environment.hpp"

#include <cerrno>
#include <cstdlib>
#include <ctime>

#ifndef TDKT_DEFAULT_DATA_DIR
#define TDKT_DEFAULT_DATA_DIR "."
#endif

namespace tdkt::core {
namespace {

void readMaxDossierSize(Environment& env) {
    const char* value = std::getenv("TDKT_MAX_DOSSIER_MB");
    if (!value || !*value) {
        return;
    }
    char* end = nullptr;
    errno = 0;
    const unsigned long long mb = std::strtoull(value, &end, 10);
    if (errno != 0 || *end != '\0' || *value == '-' || mb < 1 || mb > kLargestMaxDossierMb) {
        env.settingProblem = "biến môi trường TDKT_MAX_DOSSIER_MB=«" + std::string(value) +
                             "» không dùng được: cần một số nguyên MB từ 1 đến " +
                             std::to_string(kLargestMaxDossierMb) + " (mặc định " +
                             std::to_string(kDefaultMaxDossierMb) + ")";
        return;
    }
    env.maxDossierBytes = static_cast<std::uintmax_t>(mb) * 1024u * 1024u;
}

// TDKT_AS_OF: an ISO date (the model's parser is checked again by the job; here the shape).
void readAsOf(Environment& env) {
    const char* value = std::getenv("TDKT_AS_OF");
    if (!value || !*value) {
        return;
    }
    const std::string v(value);
    bool shaped = v.size() == 10 && v[4] == '-' && v[7] == '-';
    for (std::size_t i = 0; shaped && i < v.size(); ++i) {
        shaped = i == 4 || i == 7 || (v[i] >= '0' && v[i] <= '9');
    }
    if (!shaped) {
        env.settingProblem =
            "biến môi trường TDKT_AS_OF=«" + v + "» không dùng được: cần một ngày dạng YYYY-MM-DD";
        return;
    }
    env.asOf = v;
}

} // namespace

Environment Environment::fromProcess() {
    Environment env;
    const char* data = std::getenv("TDKT_DATA_DIR");
    env.dataDir = data && *data ? fs::path(data) : fs::path(TDKT_DEFAULT_DATA_DIR);

    if (const char* fonts = std::getenv("TDKT_FONT_DIRS"); fonts && *fonts) {
        std::string all(fonts);
        std::size_t start = 0;
        while (start <= all.size()) {
            std::size_t end = all.find(':', start);
            if (end == std::string::npos) {
                end = all.size();
            }
            if (end > start) {
                env.fontDirs.emplace_back(all.substr(start, end - start));
            }
            start = end + 1;
        }
    }
    env.fontDirs.emplace_back(env.dataDir / "templates" / "fonts");
    env.fontDirs.emplace_back("/usr/share/fonts/truetype/liberation2");
    env.fontDirs.emplace_back("/usr/share/fonts/truetype/liberation");

    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    env.now = epoch && *epoch ? std::strtoll(epoch, nullptr, 10)
                              : static_cast<std::int64_t>(std::time(nullptr));
    readMaxDossierSize(env);
    readAsOf(env);
    return env;
}

fs::path findFont(const Environment& env, const std::string& fileName) {
    for (const auto& dir : env.fontDirs) {
        boost::system::error_code ec;
        fs::path candidate = dir / fileName;
        if (fs::is_regular_file(candidate, ec)) {
            return candidate;
        }
    }
    return {};
}

} // namespace tdkt::core

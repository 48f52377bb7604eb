// normalize() throughput: prints MB/s over a generated mixed corpus (mostly clean NFC
// Vietnamese, some NFD, some legacy-encoded, some ASCII), and over its clean and ASCII parts
// alone (the fast path). Numbers only; no assertions.
//   bench_normalize [MEGABYTES]   (default 50)
#include "pipeline/text/normalize.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

const char* const kFamily[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                               "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
const char* const kMiddle[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang"};
const char* const kGiven[] = {"An",  "Bình", "Cường", "Dũng",  "Hòa",  "Thủy", "Khỏe",
                              "Tâm", "Tuấn", "Hương", "Lan",   "Quý",  "Huệ",  "Nguyệt",
                              "Đào", "Yến",  "Hùng",  "Trang", "Xuân", "Khang"};
const char* const kPhrases[] = {
    "Hoàn thành xuất sắc nhiệm vụ năm học 2025-2026",
    "Tập thể lao động xuất sắc, Ủy ban nhân dân phường Cầu Giấy",
    "Đã có thành tích xuất sắc trong phong trào thi đua “Toàn dân đoàn kết xây dựng đời sống văn "
    "hóa”",
    "Giáo viên Tổ Toán, Trường THCS Nguyễn Trãi",
    "Điều dưỡng Khoa Cấp cứu, Bệnh viện Đa khoa Hà Nội",
};
// Decomposed (NFD) and legacy-encoded lines, as they arrive from old machines.
const char* const kNfd[] = {"Nguye\u0302\u0303n Thi\u0323 \u0110a\u0300o",
                            "Pha\u0323m \u0110u\u031B\u0301c Toa\u0300n"};
const char* const kLegacy[] = {"NguyÔn V\u00A8n An", "Tr\u00ADêng THCS NguyÔn Tr\u00B7i",
                               "Nguyeãn Vaên An", "Nguye^~n Va(n An", "Hoà  Bình\u200B"};
const char* const kAscii[] = {"15/TTr-THCSNT", "Nguyen Van An", "ISO 9001:2015",
                              "HN-THCS-NGUYENTRAI"};

unsigned next(unsigned& state) {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
}

template <std::size_t N> const char* pick(const char* const (&a)[N], unsigned& state) {
    return a[next(state) % N];
}

enum Mix { Mixed, CleanOnly, AsciiOnly };

std::vector<std::string> corpus(std::size_t bytes, Mix mix) {
    std::vector<std::string> lines;
    std::size_t total = 0;
    unsigned state = 2026;
    while (total < bytes) {
        const unsigned roll = next(state) % 100;
        std::string line;
        if (mix == AsciiOnly || (mix == Mixed && roll < 5)) {
            line = pick(kAscii, state);
        } else if (mix == Mixed && roll < 10) {
            line = pick(kNfd, state);
        } else if (mix == Mixed && roll < 13) {
            line = pick(kLegacy, state);
        } else if (roll % 3 == 0) {
            line = pick(kPhrases, state);
        } else {
            line = std::string(pick(kFamily, state)) + " " + pick(kMiddle, state) + " " +
                   pick(kGiven, state);
        }
        total += line.size();
        lines.push_back(std::move(line));
    }
    return lines;
}

void run(const char* name, const std::vector<std::string>& lines) {
    std::size_t bytes = 0;
    for (const auto& l : lines) {
        bytes += l.size();
    }
    std::size_t changed = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& l : lines) {
        tdkt::text::Change change;
        const std::string out = tdkt::text::normalize(l, &change);
        changed += change.changed;
    }
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("%-34s %7.1f MB %9zu lines %8zu changed %7.2f s %8.1f MB/s\n", name, mb,
                lines.size(), changed, seconds.count(), mb / seconds.count());
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t megabytes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
    const std::size_t bytes = megabytes * 1000 * 1000;
    std::printf("normalize() on one core, %zu MB per corpus\n", megabytes);
    run("mixed (85% clean, 5% NFD, 3% legacy)", corpus(bytes, Mixed));
    run("clean NFC Vietnamese", corpus(bytes, CleanOnly));
    run("ASCII", corpus(bytes, AsciiOnly));
    return 0;
}

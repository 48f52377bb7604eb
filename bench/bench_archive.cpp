// Archive index benchmark: fills an FTS5 index with synthetic award records (10,000 decisions
// of 100 awardees by default) through the same IndexWriter that commit and reindex use, then
// times diacritic-insensitive name queries with filters. Prints numbers; asserts nothing.
//   bench_archive [records] [queries]
#include "archive/archive.hpp"
#include "archive/index.hpp"
#include "pipeline/normalize/normalizer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace tdkt;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int records = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
    const int queries = argc > 2 ? std::atoi(argv[2]) : 2'000;
    const int perDecision = 100;
    const fs::path root = fs::temp_directory_path() / fs::unique_path("tdkt-bench-%%%%%%%%");
    fs::create_directories(root);
    archive::SearchKeyFn key = [](const std::string& s) { return normalize::searchKey(s); };

    const std::vector<std::string> family = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                             "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                             "Hồ",     "Ngô",  "Dương", "Lý",   "Đào",   "Đinh"};
    const std::vector<std::string> middle = {"Thị",  "Văn", "Đức",   "Ngọc", "Thanh",
                                             "Minh", "Hữu", "Quang", "Thu",  "Hồng"};
    const std::vector<std::string> given = {"Anh",  "Bình", "Cường", "Dũng",  "Đào",    "Giang",
                                            "Hà",   "Hải",  "Hạnh",  "Hùng",  "Khánh",  "Lan",
                                            "Linh", "Mai",  "Nam",   "Nga",   "Phương", "Quân",
                                            "Sơn",  "Tâm",  "Thảo",  "Trang", "Tuấn",   "Yến"};
    std::mt19937 rng(42);
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };

    auto start = Clock::now();
    // Fresh: as reindex writes its temporary database (no journal, no deletes).
    auto writer =
        archive::IndexWriter::begin(archive::indexFile(root), archive::IndexWriter::Mode::Fresh);
    if (!writer) {
        std::fprintf(stderr, "%s\n", writer.error().message.c_str());
        return 1;
    }
    int written = 0;
    for (int d = 0; written < records; ++d) {
        archive::DecisionRecord r;
        r.year = 2015 + d % 12;
        r.issuerCode = d % 3 == 0 ? "UBND-TP-HANOI" : d % 3 == 1 ? "SYT-HANOI" : "UBND-P-BADINH";
        r.issuerName = "Ủy ban nhân dân " + r.issuerCode;
        r.number = d + 1;
        r.numberText = std::to_string(d + 1) + "/QĐ-UBND";
        r.date = std::to_string(r.year) + "-05-01";
        r.awardId = "bk";
        r.awardFormName = d % 2 ? "Bằng khen" : "Giấy khen";
        r.dossierSha256 = std::string(64, 'a');
        r.unitCode = "HN-UNIT-" + std::to_string(d % 500);
        r.unitName = "Đơn vị " + std::to_string(d % 500);
        for (int i = 0; i < perDecision && written < records; ++i, ++written) {
            archive::AwardeeRecord a;
            a.kind = "individual";
            a.ordinal = i + 1;
            a.name = pick(family) + " " + pick(middle) + " " + pick(given);
            a.position = "Giáo viên";
            a.unit = r.unitName;
            a.certificateFile = "certificates/" + std::to_string(i + 1) + ".pdf";
            r.awardees.push_back(std::move(a));
        }
        const std::string rel =
            std::to_string(r.year) + "/" + r.issuerCode + "/" + std::to_string(d + 1);
        if (auto st = writer->add(rel, r, key); !st) {
            std::fprintf(stderr, "%s\n", st.error().message.c_str());
            return 1;
        }
    }
    if (auto st = writer->commit(); !st) {
        std::fprintf(stderr, "%s\n", st.error().message.c_str());
        return 1;
    }
    const double buildSec = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("index build: %d records in %.2f s = %.0f records/s (target >= 100000)\n", written,
                buildSec, written / buildSec);

    std::vector<double> ms;
    const std::vector<std::string> forms = {"Bằng khen", "Giấy khen"};
    for (int q = 0; q < queries; ++q) {
        archive::SearchQuery query;
        // Typed without diacritics, as clerks search: "nguyen thi dao".
        query.text = normalize::searchKey(pick(family) + " " + pick(given));
        query.year = 2015 + static_cast<int>(rng() % 12);
        if (q % 2) {
            query.awardForm = pick(forms);
        }
        query.limit = 20;
        auto t0 = Clock::now();
        auto hits = archive::search(root, query, key);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (std::getenv("TDKT_BENCH_SLOW") && ms.back() > 10) {
            std::printf("slow %.1f ms: %s %d %s -> %zu\n", ms.back(), query.text.c_str(),
                        *query.year, query.awardForm.value_or("").c_str(), hits ? hits->size() : 0);
        }
        if (!hits) {
            std::fprintf(stderr, "%s\n", hits.error().message.c_str());
            return 1;
        }
    }
    if (ms.empty()) {
        return 0;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("query (name without diacritics + year [+ form], limit 20): %d queries, "
                "p50 %.2f ms, p99 %.2f ms (targets < 2 ms, < 20 ms)\n",
                queries, ms[ms.size() / 2], ms[ms.size() * 99 / 100]);
    if (std::getenv("TDKT_BENCH_KEEP")) { // for looking at query plans with sqlite3
        std::printf("kept %s\n", archive::indexFile(root).c_str());
    } else {
        fs::remove_all(root);
    }
    return 0;
}

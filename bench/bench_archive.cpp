// Archive index benchmark: fills an FTS5 index with synthetic award records (10,000 decisions
// of 100 awardees by default) through the same IndexWriter that commit and reindex use, then
// times diacritic-insensitive name queries with filters, in this process and, when
// TDKT_BENCH_TDKT names the tdkt program, as `tdkt search` processes (start-up included).
// Prints numbers; asserts nothing.
//   bench_archive [records] [queries]
#include "archive/archive.hpp"
#include "archive/index.hpp"
#include "archive/metadata.hpp"
#include "pipeline/text/search_key.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <random>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

using namespace tdkt;
using Clock = std::chrono::steady_clock;

namespace {

// (catalogue id, name) of the kind of decision number `d`, in the shares of a city round: of
// every 100 decisions 54 Lao động tiên tiến, 14 Giấy khen, 12 Bằng khen, 5 Gia đình văn hóa,
// 5 CSTĐ cơ sở, 5 Tập thể LĐTT, 3 Tập thể LĐXS, 2 CSTĐ Thành phố.
const std::pair<std::string, std::string>& kindOf(int d) {
    static const std::vector<std::pair<int, std::pair<std::string, std::string>>> shares = {
        {54, {"lao-dong-tien-tien", "Lao động tiên tiến"}},
        {14, {"giay-khen", "Giấy khen"}},
        {12, {"bang-khen-tinh", "Bằng khen"}},
        {5, {"gia-dinh-van-hoa", "Gia đình văn hóa"}},
        {5, {"chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở"}},
        {5, {"tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến"}},
        {3, {"tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc"}},
        {2, {"chien-si-thi-dua-tinh", "Chiến sĩ thi đua Thành phố"}},
    };
    int slot = d % 100;
    for (const auto& [share, kind] : shares) {
        if (slot < share) {
            return kind;
        }
        slot -= share;
    }
    return shares.front().second;
}

// One run of a program, its output thrown away: wall time, CPU time (user + system) and page
// faults, as wait4 reports them. False when it could not run or did not exit with 0.
struct ProcessRun {
    double wallMs = 0;
    double cpuMs = 0;
    long faults = 0;
};
bool runProcess(const std::vector<std::string>& args, ProcessRun& run) {
    std::vector<char*> argv;
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const auto t0 = Clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        return false;
    }
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) != pid) {
        return false;
    }
    run.wallMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    run.cpuMs = ms(usage.ru_utime) + ms(usage.ru_stime);
    run.faults = usage.ru_minflt + usage.ru_majflt;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

int main(int argc, char** argv) {
    const int records = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
    const int queries = argc > 2 ? std::atoi(argv[2]) : 2'000;
    const int perDecision = 100;
    // TDKT_BENCH_ROOT: query the index a run with TDKT_BENCH_KEEP left there (built from the
    // same seed) instead of building one.
    const char* reuse = std::getenv("TDKT_BENCH_ROOT");
    const fs::path root = reuse
                              ? fs::path(reuse)
                              : fs::temp_directory_path() / fs::unique_path("tdkt-bench-%%%%%%%%");
    fs::create_directories(root);
    archive::SearchKeyFn key = [](const std::string& s) { return text::searchKey(s); };

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
    if (!reuse) {
        // Fresh: as reindex writes its temporary database (no journal, no deletes).
        auto writer = archive::IndexWriter::begin(archive::indexFile(root),
                                                  archive::IndexWriter::Mode::Fresh);
        if (!writer) {
            std::fprintf(stderr, "%s\n", writer.error().message.c_str());
            return 1;
        }
        // Through IndexWriter::addAll, as reindex: the records are made (and their keys folded)
        // on its worker thread while this thread inserts.
        int written = 0;
        int d = -1;
        auto next =
            [&]() -> core::Result<std::optional<std::pair<std::string, archive::DecisionRecord>>> {
            using Item = std::optional<std::pair<std::string, archive::DecisionRecord>>;
            if (written >= records) {
                return Item();
            }
            ++d;
            archive::DecisionRecord r;
            r.year = 2015 + d % 12;
            r.issuerCode = d % 3 == 0   ? "UBND-TP-HANOI"
                           : d % 3 == 1 ? "SYT-HANOI"
                                        : "UBND-P-BADINH";
            r.issuerName = "Ủy ban nhân dân " + r.issuerCode;
            r.number = d + 1;
            r.numberText = std::to_string(d + 1) + "/QĐ-UBND";
            r.date = std::to_string(r.year) + "-05-01";
            // The kinds of a city round in roughly its shares (issue 9's 10,000-nominee round):
            // most decisions are Lao động tiên tiến.
            const auto& kind = kindOf(d);
            archive::AwardRecord award;
            award.id = "p1";
            award.kind = kind.first;
            award.name = kind.second;
            r.awards = {award};
            archive::joinAwards(r);
            r.dossierSha256 = std::string(64, 'a');
            r.unitCode = "HN-UNIT-" + std::to_string(d % 500);
            r.unitName = "Đơn vị " + std::to_string(d % 500);
            for (int i = 0; i < perDecision && written < records; ++i, ++written) {
                archive::AwardeeRecord a;
                a.kind = kind.first == "gia-dinh-van-hoa" ? model::NomineeKind::Household
                                                          : model::NomineeKind::Individual;
                a.ordinal = i + 1;
                a.name = pick(family) + " " + pick(middle) + " " + pick(given);
                a.position = "Giáo viên";
                a.unit = r.unitName;
                a.certificateFile = "certificates/" + std::to_string(i + 1) + ".pdf";
                r.awardees.push_back(std::move(a));
            }
            std::string rel =
                std::to_string(r.year) + "/" + r.issuerCode + "/" + std::to_string(d + 1);
            return Item(std::make_pair(std::move(rel), std::move(r)));
        };
        timespec insertCpu0{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &insertCpu0);
        if (auto added = writer->addAll(next, key); !added) {
            std::fprintf(stderr, "%s\n", added.error().message.c_str());
            return 1;
        }
        timespec insertCpu1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &insertCpu1);
        const double insertCpu = static_cast<double>(insertCpu1.tv_sec - insertCpu0.tv_sec) +
                                 static_cast<double>(insertCpu1.tv_nsec - insertCpu0.tv_nsec) / 1e9;
        const double addCpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
        const double addSec = std::chrono::duration<double>(Clock::now() - start).count();
        if (auto st = writer->commit(); !st) {
            std::fprintf(stderr, "%s\n", st.error().message.c_str());
            return 1;
        }
        const double buildSec = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("index build: %d records in %.2f s = %.0f records/s (target >= 100000)\n",
                    written, buildSec, written / buildSec);
        // CPU time as well: the machine is shared, and wall time then says more about the others.
        const double buildCpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
        std::printf("index build CPU: %.2f s = %.0f records per CPU second (adding %.2f s wall, "
                    "%.2f s CPU; commit %.2f s wall, %.2f s CPU)\n",
                    buildCpu, written / buildCpu, addSec, addCpu, buildSec - addSec,
                    buildCpu - addCpu);
        // The inserting thread alone: the build's critical path, so its wall time on two idle
        // cores (the other thread makes the records and folds their keys meanwhile).
        std::printf("  inserting thread CPU: %.2f s (+ commit %.2f s) = %.0f records/s on two idle "
                    "cores\n",
                    insertCpu, buildCpu - addCpu, written / (insertCpu + buildCpu - addCpu));
    } else {
        // The same random draws as a build, so the queries are the same.
        for (int i = 0; i < records; ++i) {
            pick(family), pick(middle), pick(given);
        }
    }

    const std::vector<std::string> forms = {"lao-dong-tien-tien", "giay-khen", "bang-khen-tinh"};
    // Typed without diacritics, as clerks search: "nguyen dao", with a year and (every second
    // query) an award form.
    auto randomQuery = [&](int q) {
        archive::SearchQuery query;
        query.text = text::searchKey(pick(family) + " " + pick(given));
        query.year = 2015 + static_cast<int>(rng() % 12);
        if (q % 2) {
            query.awardKinds = {pick(forms)};
        }
        query.limit = 20;
        return query;
    };
    // The most frequent family name alone (1 in 18 awardees: ~4,600 matches in a year of the
    // 1M-record index): the ranking of many hits is what costs.
    auto frequentQuery = [&](int q) {
        archive::SearchQuery query = randomQuery(q);
        query.text = "nguyen";
        return query;
    };
    // Latencies in ms, sorted, of `count` queries through `run`; `cpu` receives the CPU time
    // of each, sorted (on a shared machine wall time also counts waiting for a core).
    std::vector<double> cpu;
    auto threadCpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    };
    auto measure = [&](int count, auto makeQuery, auto run) -> std::vector<double> {
        std::vector<double> ms;
        cpu.clear();
        for (int q = 0; q < count; ++q) {
            const archive::SearchQuery query = makeQuery(q);
            const double c0 = threadCpuMs();
            auto t0 = Clock::now();
            auto hits = run(query);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            cpu.push_back(threadCpuMs() - c0);
            if (std::getenv("TDKT_BENCH_SLOW") && ms.back() > 10) {
                std::printf("slow %.1f ms: %s %d %s -> %zu\n", ms.back(), query.text.c_str(),
                            *query.year,
                            query.awardKinds.empty() ? "" : query.awardKinds.front().c_str(),
                            hits ? hits->size() : 0);
            }
            if (!hits) {
                std::fprintf(stderr, "%s\n", hits.error().message.c_str());
                std::exit(1);
            }
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpu.begin(), cpu.end());
        return ms;
    };
    auto finish = [&] {
        if (reuse || std::getenv("TDKT_BENCH_KEEP")) { // for query plans with sqlite3
            std::printf("kept %s\n", archive::indexFile(root).c_str());
        } else {
            fs::remove_all(root);
        }
        return 0;
    };
    if (queries <= 0) {
        return finish();
    }
    // One Searcher for every query, as a front end keeps it open.
    auto searcher = archive::Searcher::open(root, key);
    if (!searcher) {
        std::fprintf(stderr, "%s\n", searcher.error().message.c_str());
        return 1;
    }
    auto viaSearcher = [&](const archive::SearchQuery& q) { return searcher->search(q); };
    auto ms = measure(queries, randomQuery, viaSearcher);
    std::printf("query (name without diacritics + year [+ form], limit 20): %d queries, "
                "p50 %.2f ms, p99 %.2f ms (targets < 2 ms, < 20 ms)\n",
                queries, ms[ms.size() / 2], ms[ms.size() * 99 / 100]);
    std::printf("  CPU time of those queries: p50 %.2f ms, p99 %.2f ms\n", cpu[cpu.size() / 2],
                cpu[cpu.size() * 99 / 100]);
    ms = measure(std::max(queries / 4, 1), frequentQuery, viaSearcher);
    std::printf("query \"nguyen\" + year [+ form] (frequent name), limit 20: %zu queries, "
                "p50 %.2f ms, p99 %.2f ms\n",
                ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100]);
    std::printf("  CPU time of those queries: p50 %.2f ms, p99 %.2f ms\n", cpu[cpu.size() / 2],
                cpu[cpu.size() * 99 / 100]);
    // Decision-level words only (award form and issuer, stored once per decision): every
    // awardee row of the year is a candidate.
    auto decisionWordsQuery = [&](int q) {
        archive::SearchQuery query = randomQuery(q);
        query.text = q % 2 ? "bang khen" : "ubnd tp hanoi";
        query.awardKinds.clear();
        return query;
    };
    ms = measure(std::max(queries / 20, 1), decisionWordsQuery, viaSearcher);
    std::printf("query \"bang khen\" or \"ubnd tp hanoi\" + year (decision-level words only), "
                "limit 20: %zu queries, p50 %.2f ms, p99 %.2f ms\n",
                ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100]);
    std::printf("  CPU time of those queries: p50 %.2f ms, p99 %.2f ms\n", cpu[cpu.size() / 2],
                cpu[cpu.size() * 99 / 100]);
    // archive::search opens the index per query, as the one search of `tdkt search` does.
    ms = measure(std::max(queries / 4, 1), randomQuery,
                 [&](const archive::SearchQuery& q) { return archive::search(root, q, key); });
    std::printf("query as above through archive::search (index opened per query): %zu queries, "
                "p50 %.2f ms, p99 %.2f ms\n",
                ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100]);

    // `tdkt search` as a clerk or a script runs it: one process per query, start-up included.
    if (const char* tdkt = std::getenv("TDKT_BENCH_TDKT")) {
        // Each line: wall time p50/p99, and the p50 of CPU time and page faults (on a shared
        // machine wall time also counts waiting for a core).
        auto processes = [&](const char* what, int count, auto makeArgs) {
            std::vector<double> wall;
            std::vector<double> cpuMs;
            std::vector<long> faults;
            for (int i = 0; i < count; ++i) {
                const std::vector<std::string> args = makeArgs(i);
                ProcessRun run;
                if (!runProcess(args, run)) {
                    std::fprintf(stderr, "%s failed:", tdkt);
                    for (const auto& a : args) {
                        std::fprintf(stderr, " %s", a.c_str());
                    }
                    std::fprintf(stderr, "\n");
                    std::exit(1);
                }
                wall.push_back(run.wallMs);
                cpuMs.push_back(run.cpuMs);
                faults.push_back(run.faults);
            }
            std::sort(wall.begin(), wall.end());
            std::sort(cpuMs.begin(), cpuMs.end());
            std::sort(faults.begin(), faults.end());
            std::printf("%s: %d calls, p50 %.1f ms, p99 %.1f ms per call; CPU p50 %.1f ms, page "
                        "faults p50 %ld\n",
                        what, count, wall[wall.size() / 2], wall[wall.size() * 99 / 100],
                        cpuMs[cpuMs.size() / 2], faults[faults.size() / 2]);
        };
        auto searchArgs = [&](int q, bool award) {
            const archive::SearchQuery query = randomQuery(q);
            std::vector<std::string> args = {
                tdkt,      "search", query.text,  "--year",     std::to_string(*query.year),
                "--limit", "20",     "--archive", root.string()};
            if (award) {
                args.push_back("--award");
                args.push_back(pick(forms));
            }
            return args;
        };
        const int calls = std::max(queries / 10, 1);
        processes("tdkt search (name without diacritics + year, limit 20), a process per query "
                  "(target < 20 ms)",
                  calls, [&](int q) { return searchArgs(q, false); });
        processes("tdkt search as above + --award (tdkt-full, reads the award catalogue)",
                  std::max(calls / 4, 1), [&](int q) { return searchArgs(q, true); });
        processes("tdkt --version", calls, [&](int) {
            return std::vector<std::string>{tdkt, "--version"};
        });
    }
    return finish();
}

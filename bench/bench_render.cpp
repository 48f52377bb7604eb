// Rendering benchmark for a round of N awardees (default 10,000): for each output it prints
// items per second, bytes per item and the peak memory (VmHWM) of the process that made it.
// Each measurement runs in its own forked process, so every peak is that output's alone; each
// output is measured at N/10 and at N to show whether memory stays flat in N.
//
//   bench_render [N] [OUT_DIR]     (TDKT_DATA_DIR: the folder holding templates/ and schemas/)
#include "pipeline/core/environment.hpp"
#include "pipeline/render/renderer.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace tdkt;
using tmpl::Value;

namespace {

const char* const kFamily[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng",
                               "Huỳnh",  "Vũ",   "Đặng", "Bùi",  "Đỗ"};
const char* const kMiddle[] = {"Thị", "Văn", "Quốc", "Thùy", "Minh", "Đức", "Ngọc", "Hữu"};
const char* const kGiven[] = {"Đào", "Hưng", "Dương", "Hằng", "Tuấn", "Thảo", "Nghĩa",
                              "Yến", "Khoa", "Lực",   "Ánh",  "Sơn",  "Trâm"};
const char* const kUnits[] = {"Trường THCS Nguyễn Trãi", "Trường Tiểu học Kim Đồng",
                              "Bệnh viện Đa khoa Đống Đa", "Công an phường Ba Đình",
                              "Trung tâm Y tế quận Hoàn Kiếm"};

std::string personName(std::size_t i) {
    return std::string(kFamily[i % 10]) + " " + kMiddle[(i / 10) % 8] + " " +
           kGiven[(i / 80 + i) % 13];
}

Value baseContext() {
    Value ctx = Value::map();
    Value& meta = ctx.set("meta", Value::map());
    meta.set("title", "Quyết định số 05/QĐ-UBND về việc tặng Giấy khen");
    meta.set("author", "Ủy ban nhân dân thành phố Hà Nội");
    meta.set("subject", "Về việc tặng Bằng khen");
    meta.set("keywords", "thi đua, khen thưởng, Bằng khen");
    Value& issuer = ctx.set("issuer", Value::map());
    issuer.set("parentBody", "");
    Value& nameLines = issuer.set("nameLines", Value::list());
    nameLines.push("ỦY BAN NHÂN DÂN");
    nameLines.push("THÀNH PHỐ HÀ NỘI");
    issuer.set("notation", "UBND");
    issuer.set("authority", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    issuer.set("authorityText", "Chủ tịch Ủy ban nhân dân thành phố Hà Nội");
    issuer.set("place", "Hà Nội");
    Value& decision = ctx.set("decision", Value::map());
    decision.set("numberText", "05/QĐ-UBND");
    decision.set("dateLine", "Hà Nội, ngày 05 tháng 01 năm 2026");
    decision.set("dateText", "ngày 05 tháng 01 năm 2026");
    decision.set("formName", "Bằng khen");
    decision.set("subject", "Về việc tặng Bằng khen");
    decision.set("reason", "đã có thành tích xuất sắc trong phong trào thi đua năm 2025");
    Value& signer = ctx.set("signer", Value::map());
    signer.set("capacityLine", "KT. CHỦ TỊCH");
    signer.set("title", "PHÓ CHỦ TỊCH");
    signer.set("name", "Nguyễn Văn Bình");
    return ctx;
}

Value certificateContext(const Value& base, std::size_t i) {
    Value ctx = base;
    ctx.set("formTitle", "BẰNG KHEN");
    Value& r = ctx.set("recipient", Value::map());
    r.set("salutation", i % 2 ? "Ông" : "Bà");
    r.set("name", personName(i));
    r.set("nameUpper", personName(i));
    r.set("unit", std::string("Giáo viên, ") + kUnits[i % 5]);
    r.set("achievement", "Đã hoàn thành xuất sắc nhiệm vụ năm 2025, góp phần vào sự nghiệp xây "
                         "dựng và bảo vệ Tổ quốc.");
    ctx.set("goldenBook", std::to_string(1000 + i));
    Value meta = *ctx.find("meta");
    meta.set("title", "Bằng khen tặng " + personName(i));
    ctx.set("meta", std::move(meta));
    return ctx;
}

Value decisionContext(const Value& base, std::size_t n) {
    Value ctx = base;
    Value& bases = ctx.set("legalBases", Value::list());
    bases.push("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;");
    bases.push("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;");
    bases.push("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ.");
    ctx.set("proposal", "Xét đề nghị của Trưởng Ban Thi đua - Khen thưởng thành phố.");
    Value& counts = ctx.set("counts", Value::map());
    counts.set("text", std::to_string(n) + " cá nhân");
    counts.set("individuals", std::to_string(n));
    counts.set("total", std::to_string(n));
    ctx.set("proposingUnit", Value::map()).set("name", "Ban Thi đua - Khen thưởng");
    Value& recipients = ctx.set("recipients", Value::list());
    recipients.push("- Như Điều 3;");
    ctx.set("archiveLine", "- Lưu: VT, TĐKT.");
    // The job numbers the list's sections; one here, of individuals.
    Value& section = ctx.set("listSections", Value::list()).push(Value::map());
    section.set("title", "I. CÁ NHÂN");
    Value& inds = section.set("rows", Value::list());
    for (std::size_t i = 0; i < n; ++i) {
        Value p = Value::map();
        p.set("ordinal", std::to_string(i + 1));
        p.set("name", personName(i));
        p.set("positionUnit", std::string("Giáo viên, ") + kUnits[i % 5]);
        p.set("achievement", "Hoàn thành xuất sắc nhiệm vụ năm 2025.");
        p.set("amountFigures", "3.510.000");
        inds.push(std::move(p));
    }
    ctx.set("hasAchievements", "1");
    Value decision = *ctx.find("decision");
    decision.set("article1", "Tặng Bằng khen cho " + std::to_string(n) +
                                 " cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc.");
    decision.set("listTitle", "Được tặng Bằng khen");
    ctx.set("decision", std::move(decision));
    Value& money = ctx.set("money", Value::map());
    money.set("eachText", "Mỗi cá nhân được thưởng 3.510.000 đồng");
    money.set("total", std::to_string(3510000ULL * n) + " đồng");
    return ctx;
}

long peakKb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::strtol(line.c_str() + 6, nullptr, 10);
        }
    }
    return -1;
}

// CPU seconds (user + system, every thread) used so far by this process: on a machine shared
// with other work the wall-clock rate varies from run to run, the CPU cost much less.
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void fail(const core::Error& e) {
    std::fprintf(stderr, "%s\n", core::format(e).c_str());
    std::_Exit(1);
}

// Runs one measurement in a child process (its own peak memory) and waits for it.
template <class F> void measured(F&& f) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        f();
        std::fflush(stdout);
        std::_Exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::printf("  (failed)\n");
    }
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
    const fs::path out = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "tdkt-bench";
    core::Environment env = core::Environment::fromProcess();
    env.now = 1767225600;
    fs::create_directories(out);
    const Value base = baseContext();
    std::printf("tdkt render benchmark: %zu awardees, %u cores, output in %s\n", n,
                std::thread::hardware_concurrency(), out.c_str());
    std::printf("%-34s %8s %12s %12s %12s %10s\n", "output", "items", "items/s", "bytes/item",
                "peak KB", "CPU s");

    auto row = [](const char* what, std::size_t items, double secs, double bytes) {
        std::printf("%-34s %8zu %12.0f %12.0f %12ld %10.2f\n", what, items, items / secs,
                    bytes / static_cast<double>(items), peakKb(), cpuSeconds());
    };

    // TDKT_BENCH_ONLY=combined|each|decision measures one output (e.g. under a profiler).
    const char* only = std::getenv("TDKT_BENCH_ONLY");
    auto wanted = [&](const char* what) { return !only || std::string(only) == what; };

    for (std::size_t count : {n / 10, n}) {
        if (!wanted("combined")) {
            break;
        }
        measured([&] {
            auto r = render::DocumentRenderer::load(env, "certificate-bang-khen");
            if (!r) {
                fail(r.error());
            }
            render::ContextSource source = [&](std::size_t i) -> core::Result<Value> {
                return certificateContext(base, i);
            };
            render::PdfInfo info;
            info.title = "Bản in Bằng khen kèm Quyết định số 05/QĐ-UBND";
            info.author = "Ủy ban nhân dân thành phố Hà Nội";
            auto start = std::chrono::steady_clock::now();
            auto doc = r->renderCombined(count, source, info, out / "certificates-print.pdf");
            if (!doc) {
                fail(doc.error());
            }
            row("combined print file", count, seconds(start), static_cast<double>(doc->bytes));
        });
    }
    for (std::size_t count : {n / 10, n}) {
        if (!wanted("each")) {
            break;
        }
        measured([&] {
            auto r = render::DocumentRenderer::load(env, "certificate-bang-khen");
            if (!r) {
                fail(r.error());
            }
            fs::path dir = out / "each";
            fs::remove_all(dir);
            fs::create_directories(dir);
            render::ContextSource source = [&](std::size_t i) -> core::Result<Value> {
                return certificateContext(base, i);
            };
            render::OutputPath path = [&](std::size_t i) {
                return dir / (std::to_string(i + 1) + ".pdf");
            };
            auto start = std::chrono::steady_clock::now();
            render::EachOptions each;
            if (const char* b = std::getenv("TDKT_BENCH_BATCH")) {
                each.batchSize = std::strtoul(b, nullptr, 10);
            }
            auto docs = r->renderEach(count, source, path, each);
            if (!docs) {
                fail(docs.error());
            }
            double secs = seconds(start);
            double bytes = 0;
            for (const auto& d : docs.value()) {
                bytes += static_cast<double>(d.bytes);
            }
            row("one PDF per certificate (all cores)", count, secs, bytes);
        });
    }
    for (std::size_t count : {n / 10, n}) {
        if (!wanted("decision")) {
            break;
        }
        measured([&] {
            auto r = render::DocumentRenderer::load(env, "decision");
            if (!r) {
                fail(r.error());
            }
            auto start = std::chrono::steady_clock::now();
            Value ctx = decisionContext(base, count);
            auto doc = r->render(ctx, out / "decision.pdf");
            if (!doc) {
                fail(doc.error());
            }
            double secs = seconds(start);
            std::printf("%-34s %8zu %12.0f %12.0f %12ld   (%d pages, %.2f s)\n",
                        "decision with its list (rows)", count, count / secs,
                        static_cast<double>(doc->bytes) / static_cast<double>(count), peakKb(),
                        doc->pageCount, secs);
        });
    }
    return 0;
}

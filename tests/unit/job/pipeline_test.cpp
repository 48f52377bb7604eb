// The job API driven directly, as the CLI and a future web server do.
#include "pipeline/job/pipeline.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace tdkt;

namespace {

const std::vector<std::string> kExamples = {TDKT_SOURCE_DIR "/examples/truong-thcs-nguyen-trai.xml",
                                            TDKT_SOURCE_DIR "/examples/phuong-cau-giay.xml",
                                            TDKT_SOURCE_DIR "/examples/so-y-te.xml"};

job::Pipeline loadPipeline() {
    auto p = job::Pipeline::load(core::Environment::fromProcess());
    if (!p) {
        FAIL(core::format(p.error()));
    }
    return std::move(p).value();
}

struct TempDir {
    TempDir() : path(fs::temp_directory_path() / fs::unique_path("tdkt-job-%%%%%%")) {}
    ~TempDir() {
        boost::system::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path path;
};

} // namespace

TEST_CASE("checking the examples gives normalised dossiers and lists what changed") {
    auto pipeline = loadPipeline();
    auto report = pipeline.check(kExamples);
    for (const auto& d : report.diagnostics.items()) {
        INFO(core::format(d));
    }
    CHECK(report.ok());
    REQUIRE(report.dossiers.size() == 3);
    std::size_t nominees = 0;
    std::size_t changes = 0;
    for (const auto& d : report.dossiers) {
        nominees += d.nominees.size();
        changes += d.changes.size();
        CHECK(d.sha256.size() == 64);
    }
    CHECK(nominees >= 60);
    CHECK(changes > 0);
}

TEST_CASE("issuing twice files once, and a held lock makes issuing wait and then fail") {
    auto pipeline = loadPipeline();
    TempDir tmp;
    job::IssueOptions options;
    options.files = {kExamples[0]};
    options.archiveRoot = tmp.path;
    options.date = model::Date{2026, 1, 15};
    int progressCalls = 0;
    options.progress = [&](int, int, const std::string&) { ++progressCalls; };

    auto first = pipeline.issue(options);
    REQUIRE(first.ok());
    REQUIRE_FALSE(first.decisions.empty());
    CHECK_FALSE(first.decisions[0].alreadyFiled);
    CHECK(first.decisions[0].numberText.rfind("01/QĐ-", 0) == 0);
    CHECK(fs::exists(first.decisions[0].decisionPdf));
    CHECK(progressCalls > 1);

    auto second = pipeline.issue(options);
    REQUIRE(second.ok());
    CHECK(second.decisions[0].alreadyFiled);
    CHECK(second.decisions[0].numberText == first.decisions[0].numberText);

    int fd = ::open((tmp.path / ".lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    options.files = {kExamples[1]};
    options.lockWaitSeconds = 0;
    auto locked = pipeline.issue(options);
    ::close(fd);
    REQUIRE_FALSE(locked.ok());
    REQUIRE(locked.error);
    CHECK(locked.error->kind == core::ErrorKind::Locked);
    CHECK(locked.decisions.empty());
}

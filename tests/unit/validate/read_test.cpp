// Reading a dossier: model fields and lines, and every way the bytes themselves can be wrong
// (syntax, schema, encodings, DOCTYPE/external entities).
#include "pipeline/core/exit_code.hpp"
#include "pipeline/core/sha256.hpp"
#include "pipeline/validate/codes.hpp"
#include "validate_test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace tdkt;
using namespace tdkt::validate;
using namespace tdkt::validate::test;

TEST_CASE("a valid dossier becomes the model, fields and lines intact", "[read]") {
    const std::string bytes = dataFile("valid.xml");
    core::Diagnostics diags;
    auto result = validator().read(std::string_view(bytes), "hs/valid.xml", diags);
    INFO(dump(diags));
    REQUIRE(result.ok());
    CHECK(diags.empty());
    const model::Dossier& d = result.value();

    CHECK(d.sourceFile == "hs/valid.xml");
    CHECK(d.sha256 == core::sha256Hex(bytes));
    CHECK(d.sha256.size() == 64);
    CHECK(d.schemaVersion == "1.0");
    CHECK(d.proposingUnit.code == "HN-THCS-THUNGHIEM");
    CHECK(d.proposingUnit.name == "Trường THCS Thử Nghiệm");
    CHECK(d.round.name == "Tổng kết năm học 2025-2026");
    CHECK(d.round.year == 2026);
    CHECK(d.round.movement == "Thi đua “Dạy tốt, học tốt”");
    // The 1.0 tờ trình and biên bản xét become the dossier's documents.
    const model::DossierDocument* tt = d.firstDocument(model::DocumentKind::Submission);
    REQUIRE(tt);
    CHECK(tt->number == "15/TTr-THCSTN");
    CHECK(tt->date == model::Date{2026, 5, 25});
    const model::DossierDocument* bb = d.firstDocument(model::DocumentKind::ReviewMinutes);
    REQUIRE(bb);
    CHECK(bb->date == model::Date{2026, 5, 20});

    // Each 1.0 award is a proposal of the catalogue kind its form stands for.
    REQUIRE(d.proposals.size() == 2);
    CHECK(d.proposals[0].id == "gk");
    CHECK(d.proposals[0].kindId == "giay-khen");
    CHECK(d.proposals[0].issuerId == "ubnd-p-badinh");
    CHECK(d.proposals[0].reason == "đã có thành tích xuất sắc trong năm học 2025-2026");
    CHECK(d.proposals[0].decisionDate == model::Date{2026, 6, 5});
    CHECK(d.proposals[0].mode == model::AwardMode::Regular);
    CHECK(d.proposals[0].period.text() == "năm 2026");
    CHECK(d.proposals[0].where.file == "hs/valid.xml");
    CHECK(d.proposals[0].where.line == 12);
    CHECK(d.proposals[1].id == "bk");
    CHECK(d.proposals[1].kindId == "bang-khen-tinh");
    CHECK(d.proposals[1].where.line == 15);

    REQUIRE(d.nominees.size() == 3);
    const model::Nominee& dao = d.nominees[0];
    CHECK(dao.kind == model::NomineeKind::Individual);
    CHECK(dao.id == "n1");
    REQUIRE(dao.nominations.size() == 1);
    CHECK(dao.nominations[0].proposalId == "gk");
    CHECK(dao.name == "Nguyễn Thị Đào");
    CHECK(dao.gender == model::Gender::Female);
    CHECK(dao.birthYear == 1985);
    CHECK(dao.position == "Giáo viên Ngữ văn");
    CHECK(dao.workplace == "Trường THCS Thử Nghiệm");
    CHECK(dao.nominations[0].achievement ==
          "Có học sinh đạt giải Nhất kỳ thi học sinh giỏi cấp Thành phố");
    CHECK(dao.category == model::PersonCategory::DirectWorker);
    CHECK(dao.where.file == "hs/valid.xml");
    CHECK(dao.where.line == 27);

    const model::Nominee& minh = d.nominees[1];
    // Text is kept exactly as typed; cleaning it is the normalise stage's job.
    CHECK(minh.name == "Trần  Văn Minh ");
    CHECK(minh.gender == model::Gender::Male);
    CHECK(minh.category == model::PersonCategory::OtherLeader);
    CHECK(minh.nominations.at(0).proposalId == "bk");
    CHECK(minh.where.line == 36);

    const model::Nominee& team = d.nominees[2];
    CHECK(team.kind == model::NomineeKind::Collective);
    CHECK(team.name == "Tổ Khoa học Tự nhiên");
    CHECK(team.parentUnit == "Trường THCS Thử Nghiệm");
    CHECK(team.where.line == 45);
    CHECK(d.changes.empty());
}

TEST_CASE("reading from a path gives the same dossier as reading the bytes", "[read]") {
    core::Diagnostics diags;
    auto fromFile = validator().read(dataPath("valid.xml"), "valid.xml", diags);
    auto fromBytes = validator().read(std::string_view(dataFile("valid.xml")), "valid.xml", diags);
    REQUIRE(fromFile.ok());
    REQUIRE(fromBytes.ok());
    CHECK(fromFile->sha256 == fromBytes->sha256);
    CHECK(fromFile->nominees.size() == fromBytes->nominees.size());
    CHECK(diags.empty());
}

TEST_CASE("a missing dossier file is 'no input', not 'bad data'", "[read]") {
    core::Diagnostics diags;
    auto result = validator().read(dataPath("no-such-file.xml"), "no-such-file.xml", diags);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == core::ErrorKind::InputMissing);
    CHECK(core::exitCodeFor(result.error().kind) == 66);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].where.file == "no-such-file.xml");
}

TEST_CASE("malformed XML is rejected with the line of the fault", "[read]") {
    const std::string bytes = edit(
        dataFile("valid.xml"),
        "</position>\n      <workplace>Trường THCS Thử Nghiệm</workplace>\n      <achievement>Có",
        "</positio>\n      <workplace>Trường THCS Thử Nghiệm</workplace>\n      <achievement>Có");
    core::Diagnostics diags;
    auto result = validator().read(std::string_view(bytes), "hong.xml", diags);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == core::ErrorKind::InputRejected);
    CHECK(core::exitCodeFor(result.error().kind) == 65);
    INFO(dump(diags));
    REQUIRE(diags.errorCount() == 1);
    const core::Diagnostic& d = diags.items()[0];
    CHECK(d.code == "X001");
    CHECK(d.where.file == "hong.xml");
    CHECK(d.where.line == 31);
    CHECK(d.field == "position");
    CHECK(d.message == "XML không đúng cú pháp: thẻ đóng </positio> không khớp với thẻ mở "
                       "<position> ở dòng 31");
    // The error carries the same diagnostics for callers that keep only the error.
    REQUIRE(result.error().details.size() == 1);
    CHECK(result.error().details[0].where.line == 31);
}

TEST_CASE("every schema violation is reported, each with its line", "[read][schema]") {
    core::Diagnostics diags;
    auto result = validator().read(dataPath("schema-errors.xml"), "schema-errors.xml", diags);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == core::ErrorKind::InputRejected);
    INFO(dump(diags));
    const auto& items = diags.items();
    REQUIRE(items.size() == 3);
    for (const auto& d : items) {
        CHECK(d.code == "X010");
        CHECK(d.where.file == "schema-errors.xml");
        CHECK(d.severity == core::Severity::Error);
    }
    // Missing <fullName>: libxml2 reports it at the element found in its place.
    CHECK(items[0].where.line == 25);
    CHECK(items[0].field == "gender");
    CHECK_THAT(items[0].message, Catch::Contains("fullName"));
    // Bad enumeration value.
    CHECK(items[1].where.line == 35);
    CHECK(items[1].field == "gender");
    CHECK_THAT(items[1].message, Catch::Contains("không thuộc danh sách"));
    // Reference to an award that the dossier does not declare (xs:keyref).
    CHECK(items[2].where.line == 43);
    CHECK(items[2].field == "collective");
    CHECK(items[2].message == "tham chiếu tới mã không tồn tại: 'bk'");
    CHECK(result.error().details.size() == 3);
}

TEST_CASE("schema details: version, root, keys, types", "[read][schema]") {
    const std::string valid = dataFile("valid.xml");
    struct Case {
        const char* what;
        std::string bytes;
        int line;
    };
    const Case cases[] = {
        {"unknown schema version", edit(valid, "schemaVersion=\"1.0\"", "schemaVersion=\"2.0\""),
         2},
        {"duplicate nominee id", edit(valid, "<individual id=\"n2\"", "<individual id=\"n1\""), 36},
        {"duplicate award id", edit(valid, "<award id=\"bk\"", "<award id=\"gk\""), 15},
        {"bad unit code", edit(valid, "code=\"HN-THCS-THUNGHIEM\"", "code=\"hn thcs\""), 3},
        {"bad date", edit(valid, "decisionDate=\"2026-06-05\"", "decisionDate=\"05/06/2026\""), 12},
        {"date with a time zone",
         edit(valid, "decisionDate=\"2026-06-05\"", "decisionDate=\"2026-06-05Z\""), 12},
        {"impossible date", edit(valid, "<date>2026-05-25</date>", "<date>2026-02-30</date>"), 21},
        {"round year out of range", edit(valid, "<year>2026</year>", "<year>1999</year>"), 8},
        {"empty name",
         edit(valid, "<fullName>Nguyễn Thị Đào</fullName>", "<fullName>   </fullName>"), 28},
        {"name too long",
         edit(valid, "<fullName>Nguyễn Thị Đào</fullName>",
              "<fullName>" + std::string(201, 'a') + "</fullName>"),
         28},
        {"unknown award form", edit(valid, "form=\"GiayKhen\"", "form=\"HuanChuong\""), 12},
        {"unknown category",
         edit(valid, "<category>directWorker</category>", "<category>worker</category>"), 34},
        {"unexpected element",
         edit(valid, "<category>directWorker</category>",
              "<category>directWorker</category><note>x</note>"),
         34},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(c.bytes), "x.xml", diags);
        INFO(dump(diags));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == core::ErrorKind::InputRejected);
        REQUIRE(diags.errorCount() >= 1);
        CHECK(diags.items()[0].code == "X010");
        CHECK(diags.items()[0].where.line == c.line);
    }
}

TEST_CASE("a document of another vocabulary is not a tdkt dossier (V029)", "[read][schema]") {
    const std::string bytes =
        edit(dataFile("valid.xml"), "urn:tdkt:dossier:1.0", "urn:tdkt:dossier:9.9");
    core::Diagnostics diags;
    auto result = validator().read(std::string_view(bytes), "x.xml", diags);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == core::ErrorKind::InputRejected);
    REQUIRE(diags.errorCount() == 1);
    CHECK(diags.items()[0].code == codes::kNotADossier);
    CHECK(diags.items()[0].where.line == 2);
    CHECK_THAT(diags.items()[0].message, Catch::Contains("urn:tdkt:dossier:9.9"));
    CHECK_THAT(diags.items()[0].message, Catch::Contains("urn:tdkt:dossier:2.0"));
}

TEST_CASE("clerk spacing is not a schema error", "[read][schema]") {
    // Double, leading and trailing spaces and spaces around typed values are all accepted.
    std::string bytes = edit(dataFile("valid.xml"), "<fullName>Nguyễn Thị Đào</fullName>",
                             "<fullName>  Nguyễn   Thị Đào  </fullName>");
    bytes = edit(bytes, "<birthYear>1985</birthYear>", "<birthYear> 1985 </birthYear>");
    bytes = edit(bytes, "<date>2026-05-25</date>", "<date> 2026-05-25\n</date>");
    core::Diagnostics diags;
    auto result = validator().read(std::string_view(bytes), "x.xml", diags);
    INFO(dump(diags));
    REQUIRE(result.ok());
    CHECK(result->nominees[0].name == "  Nguyễn   Thị Đào  ");
    CHECK(result->nominees[0].birthYear == 1985);
    CHECK(result->firstDocument(model::DocumentKind::Submission)->date == model::Date{2026, 5, 25});
}

namespace {

// A local TCP listener: if the parser ever tried to fetch an external entity or schema over
// HTTP from it, the connection would be waiting in its backlog.
class Listener {
public:
    Listener() {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        REQUIRE(::listen(m_fd, 8) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        m_port = ntohs(addr.sin_port);
    }
    ~Listener() { ::close(m_fd); }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    bool contacted() const {
        pollfd p{m_fd, POLLIN, 0};
        return ::poll(&p, 1, 200) > 0;
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

const std::string kHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

} // namespace

TEST_CASE("XXE: a DOCTYPE with an external entity is refused and nothing is read",
          "[read][security]") {
    const std::string valid = dataFile("valid.xml");
    const std::string body = valid.substr(valid.find("<dossier"));
    Listener server;

    SECTION("SYSTEM entity pointing at /etc/passwd") {
        const std::string bytes =
            kHeader + "<!DOCTYPE dossier [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n" +
            edit(body, "Nguyễn Thị Đào", "&xxe;");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "xxe.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == core::ErrorKind::InputRejected);
        REQUIRE(diags.items().size() == 1);
        CHECK(diags.items()[0].code == "X004");
        CHECK(diags.items()[0].where.line == 2);
        CHECK(dump(diags).find("root:") == std::string::npos);
    }
    SECTION("SYSTEM entity and external DTD over HTTP") {
        const std::string bytes = kHeader + "<!DOCTYPE dossier SYSTEM \"" + server.url("/x.dtd") +
                                  "\" [\n  <!ENTITY xxe SYSTEM \"" + server.url("/secret") +
                                  "\">\n]>\n" + edit(body, "Nguyễn Thị Đào", "&xxe;");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "xxe-http.xml", diags);
        REQUIRE_FALSE(result.ok());
        REQUIRE(diags.items().size() == 1);
        CHECK(diags.items()[0].code == "X004");
        CHECK_FALSE(server.contacted());
    }
    SECTION("parameter entity") {
        const std::string bytes = kHeader + "<!DOCTYPE dossier [\n  <!ENTITY % p SYSTEM \"" +
                                  server.url("/p.dtd") + "\">\n  %p;\n]>\n" + body;
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "pe.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(diags.items()[0].code == "X004");
        CHECK_FALSE(server.contacted());
    }
    SECTION("an undeclared entity reference without a DOCTYPE") {
        const std::string bytes = kHeader + edit(body, "Nguyễn Thị Đào", "&xxe;");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "ent.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(diags.items()[0].code == "X001");
        CHECK(diags.items()[0].where.line == 28);
    }
    SECTION("XInclude is not processed; the element is a schema error") {
        const std::string bytes =
            kHeader + edit(body, "<fullName>Nguyễn Thị Đào</fullName>",
                           "<fullName><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                           "href=\"/etc/passwd\" parse=\"text\"/></fullName>");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "xi.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(diags.items()[0].code == "X010");
        CHECK(dump(diags).find("root:") == std::string::npos);
    }
    SECTION("an xsi:schemaLocation hint is never fetched") {
        const std::string bytes =
            kHeader + edit(body, "schemaVersion=\"1.0\"",
                           "schemaVersion=\"1.0\" "
                           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                           "xsi:schemaLocation=\"urn:tdkt:dossier:1.0 " +
                               server.url("/evil.xsd") + "\"");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "hint.xml", diags);
        INFO(dump(diags));
        CHECK(result.ok());
        CHECK_FALSE(server.contacted());
    }
}

TEST_CASE("encodings: only UTF-8 is accepted", "[read][encoding]") {
    const std::string valid = dataFile("valid.xml");

    SECTION("Latin-1 bytes are rejected with their line") {
        // "Nguyễn Thị Đào" typed on a machine saving Windows-1252/Latin-1: Ð = 0xD0, à = 0xE0.
        const std::string bytes = edit(valid, "<fullName>Nguyễn Thị Đào</fullName>",
                                       "<fullName>Nguyen Thi \xD0\xE0o</fullName>");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "latin1.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == core::ErrorKind::InputRejected);
        REQUIRE(diags.items().size() == 1);
        CHECK(diags.items()[0].code == "X002");
        CHECK(diags.items()[0].where.line == 28);
        CHECK_THAT(diags.items()[0].message, Catch::Contains("UTF-8"));
    }
    SECTION("UTF-16 with a byte-order mark is rejected") {
        for (bool littleEndian : {true, false}) {
            std::string bytes = littleEndian ? "\xFF\xFE" : "\xFE\xFF";
            for (char c : std::string("<?xml version=\"1.0\" encoding=\"UTF-16\"?><dossier/>")) {
                bytes += littleEndian ? std::string{c, '\0'} : std::string{'\0', c};
            }
            core::Diagnostics diags;
            auto result = validator().read(std::string_view(bytes), "utf16.xml", diags);
            REQUIRE_FALSE(result.ok());
            REQUIRE(diags.items().size() == 1);
            CHECK(diags.items()[0].code == "X002");
            CHECK(diags.items()[0].where.line == 1);
            CHECK_THAT(diags.items()[0].message, Catch::Contains("UTF-16"));
        }
    }
    SECTION("UTF-16 without a byte-order mark is rejected too") {
        std::string bytes;
        for (char c : std::string("<?xml version=\"1.0\"?><dossier/>")) {
            bytes += std::string{c, '\0'};
        }
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "utf16.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == core::ErrorKind::InputRejected);
        CHECK(diags.hasErrors());
    }
    SECTION("a declared non-UTF-8 encoding is rejected") {
        const std::string bytes = edit(valid, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "decl.xml", diags);
        REQUIRE_FALSE(result.ok());
        CHECK(diags.items()[0].code == "X003");
    }
    SECTION("a UTF-8 byte-order mark is accepted and hashed as received") {
        const std::string bytes = "\xEF\xBB\xBF" + valid;
        core::Diagnostics diags;
        auto result = validator().read(std::string_view(bytes), "bom.xml", diags);
        REQUIRE(result.ok());
        CHECK(result->sha256 == core::sha256Hex(bytes));
        CHECK(result->sha256 != core::sha256Hex(valid));
    }
}

TEST_CASE("one validator serves many threads", "[read][threads]") {
    const std::string bytes = dataFile("valid.xml");
    const std::string bad = dataFile("schema-errors.xml");
    const DossierValidator& v = validator();
    std::vector<int> okCounts(4, 0);
    std::vector<int> errorCounts(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                core::Diagnostics diags;
                okCounts[t] += v.read(std::string_view(bytes), "a.xml", diags).ok() ? 1 : 0;
                core::Diagnostics badDiags;
                (void)v.read(std::string_view(bad), "b.xml", badDiags);
                errorCounts[t] += static_cast<int>(badDiags.errorCount());
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    for (int t = 0; t < 4; ++t) {
        CHECK(okCounts[t] == 25);
        CHECK(errorCounts[t] == 25 * 3);
    }
}

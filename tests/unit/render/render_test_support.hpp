#pragma once
// Helpers shared by the render test programs: a pinned environment, a temporary folder and a
// certificate's context. Running tools and counting matches come from pdfa_check.hpp.
#include "pipeline/core/environment.hpp"
#include "pipeline/template/value.hpp"
#include "tests/unit/render/pdfa_check.hpp"

#include <string>

namespace rendertest {

// The repository's data files and a fixed clock (2026-01-01T00:00:00Z), so output is
// reproducible.
inline tdkt::core::Environment testEnv() {
    tdkt::core::Environment env = tdkt::core::Environment::fromProcess();
    env.dataDir = TDKT_SOURCE_DIR;
    env.now = 1767225600;
    return env;
}

struct TempDir {
    tdkt::fs::path path;
    explicit TempDir(const std::string& prefix = "tdkt-render") {
        path = tdkt::fs::temp_directory_path() / tdkt::fs::unique_path(prefix + "-%%%%-%%%%-%%%%");
        tdkt::fs::create_directories(path);
    }
    ~TempDir() {
        boost::system::error_code ec;
        tdkt::fs::remove_all(path, ec);
    }
};

// The fields a test varies in a Bằng khen of the city's chairman.
struct CertificateFields {
    std::string title; // the document title (Info and XMP)
    std::string name = "Nguyễn Thị Đào";
    std::string achievement = "Hoàn thành xuất sắc nhiệm vụ năm 2025.";
    std::string salutation = "Bà";
};

inline const char* const kCertificateAuthor = "Ủy ban nhân dân thành phố Hà Nội";

// The context the certificate templates render, as the job builds it.
inline tdkt::tmpl::Value certificateContext(const CertificateFields& f) {
    using tdkt::tmpl::Value;
    Value ctx = Value::map();
    Value& meta = ctx.set("meta", Value::map());
    meta.set("title", f.title);
    meta.set("author", kCertificateAuthor);
    meta.set("subject", "Về việc tặng Bằng khen");
    meta.set("keywords", "thi đua, khen thưởng, Bằng khen");
    Value& issuer = ctx.set("issuer", Value::map());
    issuer.set("authority", "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    issuer.set("place", "Hà Nội");
    Value& decision = ctx.set("decision", Value::map());
    decision.set("numberText", "05/QĐ-UBND");
    decision.set("dateLine", "Hà Nội, ngày 05 tháng 01 năm 2026");
    decision.set("dateText", "ngày 05 tháng 01 năm 2026");
    Value& signer = ctx.set("signer", Value::map());
    signer.set("title", "CHỦ TỊCH");
    signer.set("name", "Trần Sỹ Thanh");
    ctx.set("formTitle", "BẰNG KHEN");
    Value& r = ctx.set("recipient", Value::map());
    r.set("salutation", f.salutation);
    r.set("name", f.name);
    r.set("unit", "Giáo viên, Trường THCS Nguyễn Trãi");
    r.set("achievement", f.achievement);
    return ctx;
}

using pdfa::countOf;
using pdfa::run;

} // namespace rendertest

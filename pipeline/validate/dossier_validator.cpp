#include "dossier_validator.hpp"

#include "codes.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/sha256.hpp"

#include <fstream>

namespace tdkt::validate {

using core::Diagnostics;
using core::Error;
using core::ErrorKind;

namespace {

// Adds the diagnostics of this call to a rejection error, so that a caller who only keeps the
// error still has every problem with its line.
Error rejection(Error e, const Diagnostics& diags, std::size_t firstNew) {
    const auto& items = diags.items();
    e.details.assign(items.begin() + static_cast<std::ptrdiff_t>(firstNew), items.end());
    return e;
}

std::size_t errorsSince(const Diagnostics& diags, std::size_t firstNew) {
    std::size_t n = 0;
    for (std::size_t i = firstNew; i < diags.items().size(); ++i) {
        n += diags.items()[i].severity == core::Severity::Error ? 1 : 0;
    }
    return n;
}

// The first bytes of a file (for the "%PDF-" signature).
std::string head(const fs::path& file, std::size_t n) {
    std::ifstream in(file.string(), std::ios::binary);
    std::string out(n, '\0');
    in.read(out.data(), static_cast<std::streamsize>(n));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return out;
}

// Whether `file` lies inside `dir` once symbolic links are resolved: a dossier may only attach
// what is beside it.
bool inside(const fs::path& file, const fs::path& dir) {
    boost::system::error_code ec;
    const fs::path f = fs::weakly_canonical(file, ec);
    if (ec) {
        return false;
    }
    const fs::path d = fs::weakly_canonical(dir, ec);
    if (ec) {
        return false;
    }
    auto fi = f.begin();
    for (auto di = d.begin(); di != d.end(); ++di, ++fi) {
        if (fi == f.end() || *fi != *di) {
            return false;
        }
    }
    return true;
}

} // namespace

core::Result<DossierValidator> DossierValidator::load(const core::Environment& env) {
    auto issuers = IssuerRegistry::load(env);
    if (!issuers) {
        return issuers.error();
    }
    auto catalogue = AwardCatalogue::load(env);
    if (!catalogue) {
        return catalogue.error();
    }
    return load(env, std::make_shared<const IssuerRegistry>(std::move(issuers).value()),
                std::make_shared<const AwardCatalogue>(std::move(catalogue).value()));
}

core::Result<DossierValidator>
DossierValidator::load(const core::Environment& env, std::shared_ptr<const IssuerRegistry> issuers,
                       std::shared_ptr<const AwardCatalogue> catalogue) {
    if (!issuers || !catalogue) {
        return core::makeError(ErrorKind::Internal, codes::kIssuersUnreadable,
                               "thiếu danh mục cơ quan ban hành hoặc danh mục khen thưởng");
    }
    if (!env.settingProblem.empty()) {
        return core::makeError(ErrorKind::Config, core::kSettingUnusable, env.settingProblem);
    }
    DossierValidator v;
    v.m_maxBytes = env.maxDossierBytes;
    auto schema10 = core::XmlSchema::load(env.schemasDir() / "dossier-1.0.xsd");
    if (!schema10) {
        return schema10.error();
    }
    auto schema20 = core::XmlSchema::load(env.schemasDir() / "dossier-2.0.xsd");
    if (!schema20) {
        return schema20.error();
    }
    v.m_schema10 = std::move(schema10).value();
    v.m_schema20 = std::move(schema20).value();
    v.m_issuers = std::move(issuers);
    auto rules = RuleBook::load(env, *catalogue);
    if (!rules) {
        return rules.error();
    }
    v.m_rules = std::make_shared<const RuleBook>(std::move(rules).value());
    v.m_catalogue = std::move(catalogue);
    v.m_runDate = model::vietnamDateTime(env.now).date;
    return v;
}

core::Error DossierValidator::tooLarge(std::uintmax_t size, const std::string& displayName,
                                       Diagnostics& diags) const {
    const std::string message =
        "tệp hồ sơ «" + displayName + "» lớn " + core::megabytes(size) + ", quá giới hạn " +
        core::megabytes(m_maxBytes) +
        " cho một hồ sơ; hãy tách thành nhiều hồ sơ, hoặc (nếu đúng là hồ sơ hợp lệ) nâng giới "
        "hạn bằng biến môi trường TDKT_MAX_DOSSIER_MB";
    diags.error(core::kXmlFileTooLarge, {displayName, 0, 0}, {}, message);
    return core::makeError(ErrorKind::InputRejected, core::kXmlFileTooLarge, message,
                           {displayName});
}

core::Result<model::Dossier>
DossierValidator::read(const fs::path& file, const std::string& displayName, Diagnostics& diags,
                       std::optional<model::Dossier>* rejectedModel) const {
    // The size is judged before a byte is read: a 100 MB file would otherwise be read whole,
    // parsed into 600 MB and yield 40,000 copies of one error.
    boost::system::error_code ec;
    if (const std::uintmax_t size = fs::file_size(file, ec); !ec && size > m_maxBytes) {
        return tooLarge(size, displayName, diags);
    }
    auto bytes = core::readFile(file, m_maxBytes);
    if (!bytes) {
        Error e = bytes.error();
        e.where.file = displayName;
        diags.error(e.code, e.where, {}, e.message);
        return e;
    }
    fs::path base = file.parent_path();
    if (base.empty()) {
        base = ".";
    }
    return read(std::string_view(bytes.value()), displayName, diags, base, rejectedModel);
}

core::Result<model::Dossier>
DossierValidator::read(std::string_view bytes, const std::string& displayName, Diagnostics& diags,
                       const fs::path& baseDir,
                       std::optional<model::Dossier>* rejectedModel) const {
    if (bytes.size() > m_maxBytes) {
        return tooLarge(bytes.size(), displayName, diags);
    }
    const std::size_t firstNew = diags.items().size();
    auto doc = core::parseXml(bytes, displayName, diags);
    if (!doc) {
        return rejection(doc.error(), diags, firstNew);
    }
    // The namespace names the version; anything else is not a tdkt dossier at all.
    const std::string ns = rootNamespace(doc.value());
    const bool v20 = ns == kDossierNamespace20;
    if (!v20 && ns != kDossierNamespace10) {
        diags.error(codes::kNotADossier, {displayName, core::xml::line(doc->root()), 0}, {},
                    "không phải hồ sơ đề nghị khen thưởng của tdkt: phần tử gốc phải là "
                    "<dossier> trong namespace " +
                        std::string(kDossierNamespace20) + " (hoặc " + kDossierNamespace10 + ")" +
                        (ns.empty() ? std::string() : ", tệp dùng «" + ns + "»"));
        return rejection(core::makeError(ErrorKind::InputRejected, codes::kNotADossier,
                                         "không phải hồ sơ tdkt", {displayName}),
                         diags, firstNew);
    }
    const core::XmlSchema& schema = v20 ? m_schema20 : m_schema10;
    if (!schema.validate(doc.value(), diags)) {
        return rejection(
            core::makeError(ErrorKind::InputRejected, codes::kRejected,
                            "hồ sơ không đúng lược đồ " +
                                std::string(v20 ? "dossier-2.0.xsd" : "dossier-1.0.xsd"),
                            {displayName}),
            diags, firstNew);
    }
    DossierLines lines;
    model::Dossier dossier = v20 ? readDossier20(doc.value(), displayName, lines)
                                 : readDossier10(doc.value(), displayName, lines);
    dossier.sha256 = core::sha256Hex(bytes);
    checkAttachments(dossier, baseDir, diags);
    checkRules(dossier, diags, lines);
    if (const std::size_t errors = errorsSince(diags, firstNew); errors > 0) {
        if (rejectedModel) {
            *rejectedModel = std::move(dossier);
        }
        return rejection(
            core::makeError(ErrorKind::InputRejected, codes::kRejected,
                            "hồ sơ không hợp lệ: có " + std::to_string(errors) + " lỗi cần sửa",
                            {displayName}),
            diags, firstNew);
    }
    return dossier;
}

void checkAttachments(model::Dossier& dossier, const fs::path& baseDir, Diagnostics& diags) {
    for (auto& doc : dossier.documents) {
        if (doc.file.empty()) {
            continue;
        }
        const std::string field = "document[@id=\"" + doc.id + "\"]/file";
        const fs::path path = baseDir / fs::path(doc.file);
        boost::system::error_code ec;
        if (baseDir.empty() || !fs::is_regular_file(path, ec) || !inside(path, baseDir)) {
            diags.error(codes::kAttachmentMissing, doc.where, field,
                        "không tìm thấy tệp đính kèm «" + doc.file +
                            "» (đường dẫn tính từ thư mục chứa hồ sơ)");
            continue;
        }
        const std::uintmax_t size = fs::file_size(path, ec);
        if (ec || size > kMaxAttachmentBytes) {
            diags.error(codes::kAttachmentTooLarge, doc.where, field,
                        "tệp đính kèm «" + doc.file + "» lớn hơn " +
                            std::to_string(kMaxAttachmentBytes / (1024 * 1024)) + " MB");
            continue;
        }
        if (head(path, 5) != "%PDF-") {
            diags.error(codes::kAttachmentNotPdf, doc.where, field,
                        "tệp đính kèm «" + doc.file + "» không phải tệp PDF");
            continue;
        }
        auto digest = core::digestFileHex(path, "sha256");
        if (!digest) {
            diags.error(codes::kAttachmentMissing, doc.where, field,
                        "không đọc được tệp đính kèm «" + doc.file + "»");
            continue;
        }
        if (!doc.fileSha256.empty() && doc.fileSha256 != digest.value()) {
            diags.error(codes::kAttachmentChecksum, doc.where, field + "/@sha256",
                        "mã SHA-256 của tệp «" + doc.file +
                            "» không khớp với mã ghi trong hồ sơ: tệp đã bị thay đổi sau khi "
                            "lập hồ sơ, hoặc đính kèm nhầm tệp");
            continue;
        }
        doc.fileSha256 = digest.value();
    }
}

} // namespace tdkt::validate

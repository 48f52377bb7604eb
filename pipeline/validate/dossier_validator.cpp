#include "dossier_validator.hpp"

#include "codes.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/sha256.hpp"
#include "pipeline/model/date_display.hpp"
#include "pipeline/text/name_key.hpp"

#include <cstdlib>
#include <unordered_map>

namespace tdkt::validate {

using core::Diagnostics;
using core::Error;
using core::ErrorKind;
using core::SourceLocation;
namespace xml = core::xml;

namespace {

// Certificates have room for about this many characters of achievement text.
constexpr std::size_t kCertificateAchievementMax = 200;
constexpr int kMinAge = 16;
constexpr int kMaxAge = 100;

// Values of date/int/enum types may carry surrounding XML whitespace and still be
// schema-valid; the typed model wants the bare token.
std::string trimmed(std::string s) {
    const char* ws = " \t\r\n";
    std::size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos) {
        return {};
    }
    std::size_t e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

model::Date dateOf(const std::string& text) {
    return model::Date::parseIso(trimmed(text)).value_or(model::Date{});
}

int intOf(const std::string& text) {
    return static_cast<int>(std::strtol(trimmed(text).c_str(), nullptr, 10));
}

model::PersonCategory categoryOf(const std::string& token) {
    using C = model::PersonCategory;
    static const std::pair<const char*, C> table[] = {
        {"provincialLeader", C::ProvincialLeader}, {"departmentLeader", C::DepartmentLeader},
        {"entrepreneur", C::Entrepreneur},         {"otherLeader", C::OtherLeader},
        {"directWorker", C::DirectWorker},
    };
    for (const auto& [name, value] : table) {
        if (token == name) {
            return value;
        }
    }
    return C::DirectWorker;
}

model::Nominee readIndividual(const xmlNode* n) {
    model::Nominee p;
    p.kind = model::NomineeKind::Individual;
    p.name = xml::childText(n, "fullName");
    p.gender = trimmed(xml::childText(n, "gender")) == "female" ? model::Gender::Female
                                                                : model::Gender::Male;
    p.birthYear = intOf(xml::childText(n, "birthYear"));
    p.position = xml::childText(n, "position");
    p.workplace = xml::childText(n, "workplace");
    p.achievement = xml::childText(n, "achievement");
    p.category = categoryOf(trimmed(xml::childText(n, "category")));
    return p;
}

model::Nominee readCollective(const xmlNode* n) {
    model::Nominee c;
    c.kind = model::NomineeKind::Collective;
    c.name = xml::childText(n, "name");
    c.parentUnit = xml::childText(n, "parentUnit");
    c.achievement = xml::childText(n, "achievement");
    return c;
}

int lineOfChild(const xmlNode* parent, const char* name) {
    const xmlNode* c = xml::firstChild(parent, name);
    return c ? xml::line(c) : xml::line(parent);
}

// The schema has been checked, so every required element is present.
model::Dossier buildDossier(const core::XmlDocument& doc, const std::string& displayName,
                            DossierLines& lines) {
    model::Dossier d;
    const xmlNode* root = doc.root();
    d.sourceFile = displayName;
    d.schemaVersion = xml::attr(root, "schemaVersion");

    const xmlNode* unit = xml::firstChild(root, "proposingUnit");
    d.proposingUnit.code = trimmed(xml::attr(unit, "code"));
    d.proposingUnit.name = xml::childText(unit, "name");

    const xmlNode* round = xml::firstChild(root, "round");
    d.round.name = xml::childText(round, "name");
    d.round.year = intOf(xml::childText(round, "year"));
    d.round.movement = xml::childText(round, "movement");
    lines.roundYear = lineOfChild(round, "year");

    const xmlNode* awards = xml::firstChild(root, "awards");
    for (xmlNode* a = xml::firstChild(awards, "award"); a; a = xml::nextSibling(a, "award")) {
        model::AwardRequest r;
        r.id = trimmed(xml::attr(a, "id"));
        r.form = trimmed(xml::attr(a, "form")) == "BangKhen" ? model::AwardFormKind::BangKhen
                                                             : model::AwardFormKind::GiayKhen;
        r.issuerId = trimmed(xml::attr(a, "issuer"));
        r.reason = xml::childText(a, "reason");
        r.decisionDate = dateOf(xml::attr(a, "decisionDate"));
        r.where = {displayName, xml::line(a), 0};
        d.awards.push_back(std::move(r));
    }

    const xmlNode* submission = xml::firstChild(root, "submission");
    d.submission.number = xml::childText(submission, "number");
    d.submission.date = dateOf(xml::childText(submission, "date"));
    lines.submissionDate = lineOfChild(submission, "date");

    const xmlNode* review = xml::firstChild(root, "reviewMinutes");
    d.reviewMinutesDate = dateOf(xml::childText(review, "date"));
    lines.reviewMinutesDate = lineOfChild(review, "date");

    const xmlNode* nominees = xml::firstChild(root, "nominees");
    for (xmlNode* n = xml::firstChild(nominees); n; n = xml::nextSibling(n)) {
        const bool individual = xml::name(n) == "individual";
        model::Nominee m = individual ? readIndividual(n) : readCollective(n);
        m.id = trimmed(xml::attr(n, "id"));
        m.awardId = trimmed(xml::attr(n, "award"));
        m.where = {displayName, xml::line(n), 0};
        d.nominees.push_back(std::move(m));
    }
    return d;
}

std::string oneLine(std::string s) {
    for (char& c : s) {
        c = c == '\n' ? ' ' : c;
    }
    return s;
}

std::string awardField(const model::AwardRequest& a) {
    return "award[@id=\"" + a.id + "\"]";
}

std::string nomineeField(const model::Nominee& n) {
    return std::string(n.kind == model::NomineeKind::Individual ? "individual" : "collective") +
           "[@id=\"" + n.id + "\"]";
}

std::string grantsText(const IssuerEntry& e) {
    std::string out;
    for (const Grant& g : e.grants) {
        out += out.empty() ? "" : "; ";
        out += std::string(model::displayName(g.form)) + " từ ngày " +
               model::dateShort(g.from.value_or(e.issuer.validFrom));
        if (g.to) {
            out += " đến trước ngày " + model::dateShort(*g.to);
        }
    }
    return out;
}

// Adds the diagnostics of this call to a rejection error, so that a caller who only keeps the
// error still has every problem with its line.
Error rejection(Error e, const Diagnostics& diags, std::size_t firstNew) {
    const auto& items = diags.items();
    e.details.assign(items.begin() + static_cast<std::ptrdiff_t>(firstNew), items.end());
    return e;
}

} // namespace

core::Result<DossierValidator> DossierValidator::load(const core::Environment& env) {
    auto issuers = IssuerRegistry::load(env);
    if (!issuers) {
        return issuers.error();
    }
    return load(env, std::make_shared<const IssuerRegistry>(std::move(issuers).value()));
}

core::Result<DossierValidator>
DossierValidator::load(const core::Environment& env,
                       std::shared_ptr<const IssuerRegistry> issuers) {
    if (!issuers) {
        return core::makeError(ErrorKind::Internal, codes::kIssuersUnreadable,
                               "thiếu danh mục cơ quan ban hành");
    }
    auto schema = core::XmlSchema::load(env.schemasDir() / "dossier-1.0.xsd");
    if (!schema) {
        return schema.error();
    }
    return DossierValidator(std::move(schema).value(), std::move(issuers),
                            model::vietnamDateTime(env.now).date);
}

core::Result<model::Dossier> DossierValidator::read(const fs::path& file,
                                                    const std::string& displayName,
                                                    Diagnostics& diags) const {
    auto bytes = core::readFile(file);
    if (!bytes) {
        Error e = bytes.error();
        e.where.file = displayName;
        diags.error(e.code, e.where, {}, e.message);
        return e;
    }
    return read(std::string_view(bytes.value()), displayName, diags);
}

core::Result<model::Dossier> DossierValidator::read(std::string_view bytes,
                                                    const std::string& displayName,
                                                    Diagnostics& diags) const {
    const std::size_t firstNew = diags.items().size();
    auto doc = m_schema.parseAndValidate(bytes, displayName, diags);
    if (!doc) {
        return rejection(doc.error(), diags, firstNew);
    }
    DossierLines lines;
    model::Dossier dossier = buildDossier(doc.value(), displayName, lines);
    dossier.sha256 = core::sha256Hex(bytes);
    if (!checkRules(dossier, diags, lines)) {
        const std::size_t errors = [&] {
            std::size_t n = 0;
            for (std::size_t i = firstNew; i < diags.items().size(); ++i) {
                n += diags.items()[i].severity == core::Severity::Error ? 1 : 0;
            }
            return n;
        }();
        return rejection(
            core::makeError(ErrorKind::InputRejected, codes::kRejected,
                            "hồ sơ không hợp lệ: có " + std::to_string(errors) + " lỗi cần sửa",
                            {displayName}),
            diags, firstNew);
    }
    return dossier;
}

bool DossierValidator::checkRules(const model::Dossier& d, Diagnostics& diags,
                                  const DossierLines& lines) const {
    const std::size_t errorsBefore = diags.errorCount();
    const std::string& file = d.sourceFile;

    auto requireVisible = [&](const std::string& value, const SourceLocation& where,
                              const std::string& field) {
        if (!value.empty() && !text::hasVisibleText(value)) {
            diags.error(codes::kInvisibleText, where, field,
                        "chỉ có ký tự vô hình (ví dụ khoảng trắng độ rộng 0), không có nội dung "
                        "đọc được");
        }
    };
    requireVisible(d.proposingUnit.name, {file}, "proposingUnit/name");
    requireVisible(d.round.name, {file}, "round/name");
    requireVisible(d.round.movement, {file}, "round/movement");

    std::unordered_map<std::string, int> nomineesPerAward;
    for (const auto& n : d.nominees) {
        ++nomineesPerAward[n.awardId];
    }

    // Award rules: the issuer by decision date, what it may grant, dates and counts.
    for (const auto& a : d.awards) {
        const std::string field = awardField(a);
        requireVisible(a.reason, a.where, field + "/reason");
        const bool dated = a.decisionDate.valid();
        const model::Date on = dated ? a.decisionDate : m_runDate;
        const std::string onText = dated ? "ngày quyết định " + model::dateShort(on)
                                         : "ngày " + model::dateShort(on) +
                                               " (ngày lập quyết định, vì hồ sơ không ghi "
                                               "decisionDate)";
        if (!m_issuers->contains(a.issuerId)) {
            diags.error(codes::kUnknownIssuer, a.where, field + "/@issuer",
                        "không có cơ quan ban hành «" + a.issuerId +
                            "» trong cấu hình cơ quan ban hành (config/issuers.xml)");
        } else if (const model::Issuer* is = m_issuers->find(a.issuerId, on); !is) {
            const auto periods = m_issuers->periods(a.issuerId);
            const IssuerEntry& last = *periods.back();
            std::string valid;
            for (const IssuerEntry* p : periods) {
                valid += (valid.empty() ? "" : "; ") + validityText(p->issuer);
            }
            std::string message = "«" + oneLine(last.issuer.name) + "» chỉ ban hành quyết định " +
                                  valid + "; " + onText + " nằm ngoài thời gian này";
            if (!last.note.empty()) {
                message += ". " + last.note;
            }
            diags.error(codes::kIssuerNotValid, a.where, field + "/@issuer", message);
        } else if (!m_issuers->grants(*is, a.form, on)) {
            const IssuerEntry* e = m_issuers->entry(*is);
            diags.error(codes::kFormNotGranted, a.where, field + "/@form",
                        "«" + is->authority + "» không có thẩm quyền tặng " +
                            model::displayName(a.form) + " vào " + onText +
                            " (theo cấu hình chỉ được tặng: " + (e ? grantsText(*e) : "") + ")");
        }
        if (nomineesPerAward[a.id] == 0) {
            diags.error(codes::kAwardWithoutNominee, a.where, field,
                        std::string("không có cá nhân hay tập thể nào được đề nghị tặng ") +
                            model::displayName(a.form) + " này");
        }
        if (d.submission.date.valid() && on < d.submission.date) {
            diags.error(codes::kSubmissionAfterDecision, a.where, field + "/@decisionDate",
                        "ngày tờ trình (" + model::dateShort(d.submission.date) + ") sau " +
                            onText + "; quyết định phải ban hành sau khi có tờ trình");
        }
        if (d.round.year > 0) {
            const int gap = on.year - d.round.year;
            if (gap < 0 || gap > 1) {
                diags.warning(codes::kRoundYearMismatch, a.where, field + "/@decisionDate",
                              "năm của đợt khen thưởng (" + std::to_string(d.round.year) +
                                  ") không khớp với " + onText +
                                  "; thường quyết định ban hành trong năm đó hoặc năm sau");
            }
        }
    }

    if (d.reviewMinutesDate.valid() && d.submission.date.valid() &&
        d.submission.date < d.reviewMinutesDate) {
        diags.warning(codes::kReviewAfterSubmission, {file, lines.reviewMinutesDate},
                      "reviewMinutes/date",
                      "ngày biên bản xét (" + model::dateShort(d.reviewMinutesDate) +
                          ") sau ngày tờ trình (" + model::dateShort(d.submission.date) +
                          "); thông thường Hội đồng xét trước rồi mới lập tờ trình");
    }

    // Nominee rules. Keys ignore the ways one name gets typed differently (nameKey), so a
    // name entered twice by two clerks is still caught.
    std::unordered_map<std::string, const model::Nominee*> sameAward;
    std::unordered_map<std::string, const model::Nominee*> samePerson;
    for (const auto& n : d.nominees) {
        const std::string field = nomineeField(n);
        const bool individual = n.kind == model::NomineeKind::Individual;
        const char* nameField = individual ? "/fullName" : "/name";
        requireVisible(n.name, n.where, field + nameField);
        requireVisible(n.achievement, n.where, field + "/achievement");
        if (individual) {
            requireVisible(n.position, n.where, field + "/position");
            requireVisible(n.workplace, n.where, field + "/workplace");
            if (d.round.year > 0) {
                const int age = d.round.year - n.birthYear;
                if (age < kMinAge || age > kMaxAge) {
                    diags.error(codes::kImplausibleAge, n.where, field + "/birthYear",
                                "năm sinh " + std::to_string(n.birthYear) + " cho tuổi " +
                                    std::to_string(age) + " trong năm " +
                                    std::to_string(d.round.year) + ", ngoài khoảng hợp lý " +
                                    std::to_string(kMinAge) + "–" + std::to_string(kMaxAge));
                }
            }
        } else {
            requireVisible(n.parentUnit, n.where, field + "/parentUnit");
        }
        // A text of at most N bytes has at most N characters: skip ICU for the usual case.
        const std::size_t len = n.achievement.size() > kCertificateAchievementMax
                                    ? text::visibleLength(n.achievement)
                                    : n.achievement.size();
        if (len > kCertificateAchievementMax) {
            diags.warning(codes::kAchievementTooLong, n.where, field + "/achievement",
                          "thành tích dài " + std::to_string(len) + " ký tự, quá " +
                              std::to_string(kCertificateAchievementMax) +
                              " ký tự in được trên Bằng khen/Giấy khen; hãy rút gọn");
        }

        const std::string person = std::string(toString(n.kind)) + '\x1f' + text::nameKey(n.name) +
                                   '\x1f' + std::to_string(individual ? n.birthYear : 0);
        auto [dup, fresh] = sameAward.emplace(person + '\x1f' + n.awardId, &n);
        if (!fresh) {
            diags.error(codes::kDuplicateNominee, n.where, field,
                        "trùng với «" + dup->second->name + "» (id " + dup->second->id + ", dòng " +
                            std::to_string(dup->second->where.line) + "): cùng " +
                            (individual ? "họ tên, năm sinh" : "tên tập thể") +
                            " và cùng hình thức khen thưởng");
            continue;
        }
        auto [other, first] = samePerson.emplace(person, &n);
        if (!first && other->second->awardId != n.awardId) {
            diags.warning(codes::kSameNomineeTwoAwards, n.where, field,
                          "«" + n.name + "» cũng được đề nghị ở dòng " +
                              std::to_string(other->second->where.line) +
                              " với hình thức khác; một thành tích chỉ được khen thưởng một "
                              "hình thức (Luật Thi đua, khen thưởng, Điều 6)");
        }
    }
    return diags.errorCount() == errorsBefore;
}

} // namespace tdkt::validate

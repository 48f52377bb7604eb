#pragma once
// An award kind of the catalogue (config/award-catalogue.xml) as it stands on one decision
// date: a form (hình thức khen thưởng: Bằng khen, Giấy khen) or an emulation title (danh hiệu thi
// đua: Lao động tiên tiến, Cờ thi đua, Gia đình văn hóa, …) with the rule in force that day.
// A value: decisions carry it into rendering and the archive.
#include "date.hpp"
#include "dossier.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tdkt::model {

enum class AwardClass { Form, Title }; // hình thức khen thưởng / danh hiệu thi đua

enum class ArtefactKind {
    Certificate, // a printed certificate (Bằng khen, Giấy khen, Bằng/Giấy chứng nhận)
    Flag,        // a flag made by a flag maker: tdkt prints its inscription sheet
    None,        // money only (Lao động tiên tiến)
};

struct AwardKind {
    std::string id; // "lao-dong-tien-tien"
    AwardClass awardClass = AwardClass::Form;
    std::string name;     // as printed by this issuer ("Chiến sĩ thi đua Thành phố")
    std::string fullName; // "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"

    // The rule in force on the date the kind was resolved for.
    Date ruleFrom;
    std::optional<Date> ruleTo;
    std::string basis;
    bool verified = true;
    std::string note;
    std::vector<NomineeKind> recipients;
    int rank = 0; // 1 = highest
    bool achievementRequired = false;

    // Wording (template-language patterns; empty for kinds tdkt does not issue).
    std::string verb; // "tặng" / "công nhận"
    std::string subjectPattern;
    std::string article1Pattern;
    std::string clausePattern;
    std::string listTitlePattern;

    ArtefactKind artefact = ArtefactKind::None;
    std::string artefactName;       // "Bằng khen", "Bằng chứng nhận", "Cờ thi đua"
    std::string artefactTemplate;   // folder of templates/, empty when none
    bool goldenBook = false;        // takes a sổ vàng number
    std::string inscriptionPattern; // flags: "|" separates lines

    std::string moneyForm; // config/award-money.xml form id; empty when no money
    std::string moneyBasis;
    bool moneyVerified = true;

    std::string statisticsForm; // "0602" / "0603" / "" (not counted there)
    int statisticsColumn = 0;
    std::string statisticsLabel;

    bool hasMoney() const { return !moneyForm.empty(); }
    bool hasArtefactFile() const { return artefact != ArtefactKind::None; }
    bool accepts(NomineeKind k) const;
};

const char* toString(AwardClass c);    // "form" / "title"
const char* toString(ArtefactKind k);  // "certificate" / "flag" / "none"
const char* displayName(AwardClass c); // "hình thức khen thưởng" / "danh hiệu thi đua"

} // namespace tdkt::model

#pragma once
// Issuing bodies (cơ quan ban hành) are configuration data (config/issuers.xml, validated by
// schemas/issuers-2.0.xsd), never literals in code and never retyped in dossiers.
#include "date.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tdkt::model {

struct Signer {
    std::string capacity;     // "TM." / "KT." / "" (signing in own right)
    std::string capacityBody; // "ỦY BAN NHÂN DÂN" (after TM.) or "CHỦ TỊCH" (after KT.)
    std::string title;        // "CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / "GIÁM ĐỐC"
    std::string name;         // "Nguyễn Văn A"
};

// How an issuer groups the proposals of one decision date into decisions.
enum class DecisionGrouping {
    PerKind, // one decision per award kind ("… công nhận danh hiệu Lao động tiên tiến …")
    Combined, // one decision with a section per kind
};

struct Issuer {
    std::string id;         // "ubnd-tp-hanoi"
    std::string code;       // archive folder and register key, e.g. "UBND-TP-HANOI"
    std::string parentBody; // printed above the name, may be empty ("UBND THÀNH PHỐ HÀ NỘI")
    std::string name;       // "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" (header, may hold "\n")
    std::string notation;   // "UBND" (Số: 05/QĐ-UBND)
    std::string place;      // "Hà Nội" for the date line
    std::string authority;  // "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    std::string authorityText; // "Chủ tịch Ủy ban nhân dân Thành phố Hà Nội" (running text)
    std::string level;         // "province" / "commune" / "department"
    Date validFrom;            // the body exists / has this wording from ...
    std::optional<Date> validTo; // ... until (exclusive); e.g. district bodies end 2025-07-01
    Signer signer;
    std::vector<std::string> legalBases; // căn cứ, one per line, without the trailing ;/.
    std::vector<std::string> recipients; // nơi nhận, without "- " and ";"
    std::string archiveNote;             // "VT, TĐKT" for "- Lưu: VT, TĐKT."
    DecisionGrouping decisionGrouping = DecisionGrouping::PerKind;
    // Local names of catalogue kinds (kind id, name): Hà Nội prints "Chiến sĩ thi đua Thành phố"
    // for the catalogue's "Chiến sĩ thi đua cấp tỉnh".
    std::vector<std::pair<std::string, std::string>> awardNames;

    // This issuer's name for a kind, or nullptr when it uses the catalogue's.
    const std::string* awardName(const std::string& kindId) const {
        for (const auto& entry : awardNames) {
            if (entry.first == kindId) {
                return &entry.second;
            }
        }
        return nullptr;
    }
};

} // namespace tdkt::model

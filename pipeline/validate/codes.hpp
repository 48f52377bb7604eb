#pragma once
// Stable diagnostic codes of the validate stage. A code keeps its meaning forever: a retired
// rule leaves a gap, it is never reused. (X0xx codes come from core::xml: syntax, encoding,
// DOCTYPE and XSD violations.)
namespace tdkt::validate::codes {

// Dossier business rules (V001–V049).
inline constexpr const char* kRejected = "V000";       // summary error of a rejected dossier
inline constexpr const char* kUnknownIssuer = "V001";  // award/@issuer not configured
inline constexpr const char* kIssuerNotValid = "V002"; // issuer does not exist on that date
inline constexpr const char* kFormNotGranted = "V003"; // issuer may not grant that form then
inline constexpr const char* kAwardWithoutNominee = "V004";
// V005 (age), V006 (tờ trình after the decision), V007 (biên bản after the tờ trình) and V008
// (one recipient twice) are retired: the rules file checks them as L032/L033, L005, L004 and
// L023 (config/rules.xml, law_checks.cpp), by decision date and with their legal basis.
inline constexpr const char* kRoundYearMismatch = "V009"; // warning
// V011 is retired (an achievement over 200 characters): how much a certificate holds is
// measured at validation with its template and fonts (R001, job/drawing_check.cpp), and the
// schemas' Achievement type holds the largest box.
inline constexpr const char* kInvisibleText = "V012";        // only invisible characters
inline constexpr const char* kSameNomineeTwoAwards = "V013"; // warning
inline constexpr const char* kUnknownAwardKind = "V014";     // not in the award catalogue
inline constexpr const char* kKindNotInForce = "V015";       // the kind has no rule on the date
inline constexpr const char* kRecipientNotAccepted = "V016"; // e.g. a household for LĐTT
inline constexpr const char* kAchievementMissing = "V017";   // the kind prints it
inline constexpr const char* kUnknownInitiative = "V018";    // not in the nominee's history
inline constexpr const char* kUnknownReference = "V019";     // a document names no such id
inline constexpr const char* kAttachmentMissing = "V020";
inline constexpr const char* kAttachmentNotPdf = "V021";
inline constexpr const char* kAttachmentChecksum = "V022";
inline constexpr const char* kAttachmentTooLarge = "V023";
inline constexpr const char* kNominatedTwice = "V024";    // one nominee twice in one proposal
inline constexpr const char* kNoSubmission = "V025";      // no tờ trình, or one without number
inline constexpr const char* kBadPeriod = "V026";         // a range that ends before it starts
inline constexpr const char* kPriorAwardUnnamed = "V027"; // neither kind nor name
inline constexpr const char* kUnknownPriorKind = "V028";  // priorAward/@kind not in catalogue
inline constexpr const char* kNotADossier = "V029";       // another XML vocabulary

// Issuer configuration (V080–V099); all are configuration errors (exit 78).
inline constexpr const char* kIssuersUnreadable = "V090";
inline constexpr const char* kIssuersInvalid = "V091";
inline constexpr const char* kIssuerPeriodsOverlap = "V092";
inline constexpr const char* kIssuerBadPeriod = "V093";
// V094 (a <grants> window outside the body's period) retired with issuers 1.0.
inline constexpr const char* kIssuerCodeShared = "V095";
inline constexpr const char* kIssuersOldVersion = "V096";
inline constexpr const char* kIssuerUnknownKind = "V097"; // awardName of a kind not in catalogue

// Award catalogue configuration (K001–K019); configuration errors (exit 78).
inline constexpr const char* kCatalogueUnreadable = "K001";
inline constexpr const char* kCatalogueInvalid = "K002";
inline constexpr const char* kCatalogueBadPeriod = "K003";
inline constexpr const char* kCatalogueRulesOverlap = "K004";
inline constexpr const char* kCatalogueBadRule = "K005";
inline constexpr const char* kCatalogueNotIssuable = "K006";
inline constexpr const char* kCatalogueAliasShared = "K007";
inline constexpr const char* kCataloguePattern = "K010"; // a wording pattern that does not parse
// Rules file (config/rules.xml, K030–K039); configuration errors (exit 78).
inline constexpr const char* kRulesUnreadable = "K030";
inline constexpr const char* kRulesInvalid = "K031";
inline constexpr const char* kRulesBadPeriod = "K032";
inline constexpr const char* kRulesOverlap = "K033";
inline constexpr const char* kRulesCodeShared = "K034";
inline constexpr const char* kRulesUnknownKind = "K035";
// K020 (warning when issuing): a fact of the catalogue marked verified="false".

} // namespace tdkt::validate::codes

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
inline constexpr const char* kImplausibleAge = "V005"; // age in the round year not 16–100
inline constexpr const char* kSubmissionAfterDecision = "V006";
inline constexpr const char* kReviewAfterSubmission = "V007"; // warning
inline constexpr const char* kDuplicateNominee = "V008";
inline constexpr const char* kRoundYearMismatch = "V009";    // warning
inline constexpr const char* kAchievementTooLong = "V011";   // warning
inline constexpr const char* kInvisibleText = "V012";        // only invisible characters
inline constexpr const char* kSameNomineeTwoAwards = "V013"; // warning

// Issuer configuration (V080–V099); all are configuration errors (exit 78).
inline constexpr const char* kIssuersUnreadable = "V090";
inline constexpr const char* kIssuersInvalid = "V091";
inline constexpr const char* kIssuerPeriodsOverlap = "V092";
inline constexpr const char* kIssuerBadPeriod = "V093";
inline constexpr const char* kIssuerBadGrant = "V094";
inline constexpr const char* kIssuerCodeShared = "V095";

} // namespace tdkt::validate::codes

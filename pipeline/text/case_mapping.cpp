// titleCase and upper: ICU case mapping with the "vi" locale, straight on UTF-8.
#include "pipeline/text/case_mapping.hpp"

#include "pipeline/text/unicode_text.hpp"

#include <memory>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/rbbi.h>

namespace tdkt::text {

namespace {

constexpr const char* kLocale = "vi";

// Words for titleCase are space-separated. ICU's own word-break rules would also start a word
// after "-" ("Nguyễn-thị" → "Nguyễn-Thị"), which is not what a clerk typed. These rules split
// runs of White_Space from runs of anything else.
std::unique_ptr<icu::BreakIterator> compileSpaceWords() {
    UParseError where;
    UErrorCode status = U_ZERO_ERROR;
    auto iterator = std::make_unique<icu::RuleBasedBreakIterator>(
        icu::UnicodeString(u"$Space = [\\p{White_Space}]; $Space+; [^$Space]+;"), where, status);
    if (U_FAILURE(status)) {
        return nullptr;
    }
    return iterator;
}

// A break iterator holds the text it is working on, so each thread gets its own clone of the
// prototype compiled once. nullptr only if ICU cannot compile the constant rules; utf8ToTitle
// then falls back to ICU's word breaks.
icu::BreakIterator* spaceWords() {
    static const std::unique_ptr<icu::BreakIterator> prototype = compileSpaceWords();
    thread_local const std::unique_ptr<icu::BreakIterator> mine(prototype ? prototype->clone()
                                                                          : nullptr);
    return mine.get();
}

template <class Map> std::string mapCase(std::string_view text, Map map) {
    std::string storage;
    const std::string_view valid = detail::validUtf8(text, storage);
    std::string out;
    out.reserve(valid.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    map(icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())), sink, status);
    return U_SUCCESS(status) ? out : std::string(valid);
}

} // namespace

std::string titleCase(std::string_view text) {
    return mapCase(text, [](icu::StringPiece src, icu::ByteSink& sink, UErrorCode& status) {
        icu::CaseMap::utf8ToTitle(kLocale, 0, spaceWords(), src, sink, nullptr, status);
    });
}

std::string upper(std::string_view text) {
    return mapCase(text, [](icu::StringPiece src, icu::ByteSink& sink, UErrorCode& status) {
        icu::CaseMap::utf8ToUpper(kLocale, 0, src, sink, nullptr, status);
    });
}

std::string lower(std::string_view text) {
    return mapCase(text, [](icu::StringPiece src, icu::ByteSink& sink, UErrorCode& status) {
        icu::CaseMap::utf8ToLower(kLocale, 0, src, sink, nullptr, status);
    });
}

} // namespace tdkt::text

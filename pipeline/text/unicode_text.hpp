#pragma once
// Internal to the text module: the UTF-8 <-> ICU glue the public functions share.
#include <string>
#include <string_view>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace tdkt::text::detail {

// ICU's singletons; their data is compiled into libicuuc, so they are always available.
const icu::Normalizer2& nfc();
const icu::Normalizer2& nfd();

// Decodes UTF-8; every ill-formed sequence becomes U+FFFD. `substitutions` (optional) receives
// how many were replaced.
icu::UnicodeString fromUtf8(std::string_view text, int* substitutions = nullptr);
std::string toUtf8(const icu::UnicodeString& text);

// Characters normalize() removes: format characters (zero-width space and joiners, word joiner,
// BOM, soft hyphen, bidi controls), control characters other than white space, U+034F.
bool isInvisible(UChar32 c);

bool isValidUtf8(std::string_view text);
// `text` itself when it is valid UTF-8, otherwise a copy in `storage` with U+FFFD replacements.
std::string_view validUtf8(std::string_view text, std::string& storage);

} // namespace tdkt::text::detail

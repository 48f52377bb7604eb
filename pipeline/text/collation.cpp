// Vietnamese collation: ICU's "vi" tailoring (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư;
// tones differ at the secondary level).
#include "pipeline/text/collation.hpp"

#include "pipeline/text/unicode_text.hpp"

#include <memory>
#include <unicode/coll.h>
#include <unicode/uchar.h>
#include <vector>

namespace tdkt::text {

namespace {

// One collator shared by every thread, created on first use. Only its const methods are called
// (getSortKey), and ICU documents const APIs of service objects such as Collator as thread-safe
// ("Thread-safe const APIs", ICU design guide), so there is no per-thread clone and no lock.
const icu::Collator* vietnameseCollator() {
    static const std::unique_ptr<const icu::Collator> collator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
        if (U_FAILURE(status) || !c) {
            return std::unique_ptr<const icu::Collator>();
        }
        // The "vi" tailoring already turns this on; set it so NFD and NFC input always sort
        // alike, whatever the ICU version.
        c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
        return std::unique_ptr<const icu::Collator>(std::move(c));
    }();
    return collator.get();
}

// ICU sort keys end in a zero byte and contain no other; it is dropped, so a key never contains
// a zero byte and nameSortKey can use one as its separator.
std::string sortKey(const icu::UnicodeString& text) {
    const icu::Collator* collator = vietnameseCollator();
    if (collator == nullptr) {
        // ICU's data library is missing (a broken installation): code point order keeps sorting
        // deterministic instead of failing every list.
        return detail::toUtf8(text);
    }
    std::string key(static_cast<std::size_t>(text.length()) * 4 + 16, '\0');
    auto fill = [&] {
        return collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()),
                                    static_cast<int32_t>(key.size()));
    };
    int32_t length = fill();
    if (length > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(length));
        length = fill();
    }
    key.resize(length > 0 ? static_cast<std::size_t>(length) - 1 : 0);
    return key;
}

} // namespace

std::string collationKey(std::string_view text) {
    return sortKey(detail::fromUtf8(text));
}

std::string nameSortKey(std::string_view fullName) {
    const icu::UnicodeString name = detail::fromUtf8(fullName);
    std::vector<icu::UnicodeString> words;
    for (int32_t i = 0; i < name.length();) {
        while (i < name.length() && u_isUWhiteSpace(name.charAt(i))) {
            ++i;
        }
        const int32_t start = i;
        while (i < name.length() && !u_isUWhiteSpace(name.charAt(i))) {
            ++i;
        }
        if (i > start) {
            words.emplace_back(name, start, i - start);
        }
    }
    // Vietnamese lists order by the given name (last word), then the middle name, then the
    // family name (first word): "Nguyễn Văn An" before "Trần Thị Bình".
    icu::UnicodeString given;
    icu::UnicodeString middle;
    icu::UnicodeString family;
    if (!words.empty()) {
        given = words.back();
    }
    if (words.size() >= 2) {
        family = words.front();
        for (std::size_t i = 1; i + 1 < words.size(); ++i) {
            if (!middle.isEmpty()) {
                middle.append(u' ');
            }
            middle.append(words[i]);
        }
    }
    // Parts are joined by a zero byte, which sorts below every key byte; an empty part adds no
    // bytes, so "Trần An" sorts before "Nguyễn Văn An".
    auto part = [](const icu::UnicodeString& p) {
        return p.isEmpty() ? std::string() : sortKey(p);
    };
    std::string key = part(given);
    key += '\0';
    key += part(middle);
    key += '\0';
    key += part(family);
    return key;
}

} // namespace tdkt::text

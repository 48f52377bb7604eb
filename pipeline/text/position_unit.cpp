#include "pipeline/text/position_unit.hpp"

#include "pipeline/text/name_key.hpp"

#include <vector>

namespace tdkt::text {
namespace {

// A word of a text: where its letters are (without the punctuation that may follow it, such
// as the comma ending a unit's first part) and its key.
struct Word {
    std::size_t begin = 0;
    std::size_t end = 0; // after the word's own characters
    std::string key;
};

bool isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

bool isTrailingPunctuation(char c) {
    return c == ',' || c == ';' || c == ':' || c == '.';
}

std::vector<Word> wordsOf(std::string_view s) {
    std::vector<Word> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && isSeparator(s[i])) {
            ++i;
        }
        const std::size_t begin = i;
        while (i < s.size() && !isSeparator(s[i])) {
            ++i;
        }
        std::size_t end = i;
        while (end > begin && isTrailingPunctuation(s[end - 1])) {
            --end;
        }
        if (end > begin) {
            out.push_back({begin, end, nameKey(s.substr(begin, end - begin))});
        }
    }
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && isSeparator(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && isSeparator(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::string joinPositionUnit(std::string_view position, std::string_view unit) {
    position = trimmed(position);
    unit = trimmed(unit);
    if (position.empty()) {
        return std::string(unit);
    }
    if (unit.empty()) {
        return std::string(position);
    }
    const std::vector<Word> p = wordsOf(position);
    const std::vector<Word> u = wordsOf(unit);
    // The longest k: the last k words of the position are the first k of the unit.
    for (std::size_t k = std::min(p.size(), u.size()); k > 0; --k) {
        bool same = true;
        for (std::size_t j = 0; j < k && same; ++j) {
            same = p[p.size() - k + j].key == u[j].key;
        }
        if (same) {
            // The position as typed (its trailing punctuation aside), then the rest of the unit.
            return std::string(position.substr(0, p.back().end)) +
                   std::string(unit.substr(u[k - 1].end));
        }
    }
    return std::string(position) + ", " + std::string(unit);
}

} // namespace tdkt::text

#pragma once
// The choices normalize() leaves to its caller. Kept apart from normalize.hpp: the normalise
// stage and the command line pass them along without needing the functions.
#include <cstdint>

namespace tdkt::text {

// Where the tone mark goes in the open syllables "oa", "oe", "uy".
enum class ToneStyle : std::uint8_t {
    // On the first vowel: "hòa", "khỏe", "thủy", "Ủy ban" — the style of government document
    // titles ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Luật Thủy lợi").
    Classic,
    // On the second vowel: "hoà", "khoẻ", "thuỷ" — the 2018 school-textbook style.
    New,
};

struct Options {
    ToneStyle toneStyle = ToneStyle::Classic;
};

} // namespace tdkt::text

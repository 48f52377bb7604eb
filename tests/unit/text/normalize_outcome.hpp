#pragma once
// What normalize() made of one input: the text and the change it recorded (shared by the
// normalise test programs).
#include "pipeline/text/normalize.hpp"

#include <string>
#include <string_view>

namespace normalizetest {

struct Outcome {
    std::string text;
    tdkt::text::Change change;
};

inline Outcome run(std::string_view input) {
    Outcome o;
    o.text = tdkt::text::normalize(input, &o.change);
    return o;
}

} // namespace normalizetest

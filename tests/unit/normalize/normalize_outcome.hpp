#pragma once
// What normalize() made of one input: the text and the change it recorded (shared by the
// normalise test programs).
#include "pipeline/normalize/normalizer.hpp"

#include <string>
#include <string_view>

namespace normalizetest {

struct Outcome {
    std::string text;
    tdkt::normalize::Change change;
};

inline Outcome run(std::string_view input) {
    Outcome o;
    o.text = tdkt::normalize::normalize(input, &o.change);
    return o;
}

} // namespace normalizetest

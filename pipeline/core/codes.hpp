#pragma once
// The one registry of diagnostic codes: every code tdkt reports ("V012", "A201", "X001", …),
// the stage that reports it, the severity it is reported with and what it means, in
// Vietnamese. The first letter names the stage: A archive, C core I/O, J job, K award
// catalogue, M award money, N normalisation note, R render, T template, U command line,
// V validate, X XML input.
//
// A code keeps its meaning forever: a retired code leaves a gap and is never reused, and a
// new finding gets a new code here first. tests/unit/core/codes_test.cpp checks that every
// code literal in pipeline/ and archive/ is registered and that every registered code is used.
#include "diagnostic.hpp"

#include <string_view>
#include <vector>

namespace tdkt::core {

struct CodeInfo {
    std::string_view code;    // "V006"
    std::string_view stage;   // in English: "archive", "validate", …
    Severity severity;        // as reported; Error for the code of a core::Error
    std::string_view meaning; // short, Vietnamese
};

// Every code, sorted by code, each once.
const std::vector<CodeInfo>& codeRegistry();

// The entry of `code`, or nullptr when no such code is registered.
const CodeInfo* findCode(std::string_view code);

} // namespace tdkt::core

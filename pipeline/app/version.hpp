#pragma once
// What `tdkt --version` prints (both programs: cli.cpp and the quick main.cpp).
namespace tdkt::app {
inline constexpr const char* kVersionLine = "tdkt 0.1.0\n";
} // namespace tdkt::app

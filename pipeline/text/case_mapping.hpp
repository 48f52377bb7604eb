#pragma once
// Vietnamese letter case (ICU, "vi" locale) for titles and names on documents.
#include <string>
#include <string_view>

namespace tdkt::text {

// "NGUYỄN văn a" → "Nguyễn Văn A" (words are space-separated: "nguyễn-thị" → "Nguyễn-thị").
std::string titleCase(std::string_view text);
// "Nguyễn Thị Đào" → "NGUYỄN THỊ ĐÀO" (every mark kept).
std::string upper(std::string_view text);
// "NGUYỄN Thị Đào" → "nguyễn thị đào" (full Unicode case mapping, every mark kept).
std::string lower(std::string_view text);

} // namespace tdkt::text

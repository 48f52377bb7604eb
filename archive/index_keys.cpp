// The index's keys and names that queries need as well as writers (search.cpp, index.cpp),
// apart from the writer: a program that only searches (the quick `tdkt`) links this file
// without index.cpp and so without the metadata, XML and hashing code a writer needs.
#include "archive/index.hpp"

#include <cctype>

namespace tdkt::archive {

std::string facetToken(char kind, const std::string& value) {
    static const char* hex = "0123456789abcdef";
    std::string out(1, kind);
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            out.push_back(hex[u >> 4]);
            out.push_back(hex[u & 15]);
        } else if (std::isalnum(u)) {
            out.push_back(static_cast<char>(std::tolower(u)));
        }
    }
    return out;
}

long long awardeeRowid(int year, long long decisionId, long long ordinal) {
    return (static_cast<long long>(year) << kYearShift) | (decisionId << kRowidShift) | ordinal;
}

std::string awardeeDecisionSql(const std::string& alias) {
    return "((" + alias + ".rowid >> " + std::to_string(kRowidShift) + ") & " +
           std::to_string((1LL << (kYearShift - kRowidShift)) - 1) + ")";
}

fs::path indexFile(const fs::path& root) {
    return root / "index.sqlite";
}

} // namespace tdkt::archive

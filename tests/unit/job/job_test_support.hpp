#pragma once
// Shared helpers of the job tests: the shipped award catalogue and a sample issuer.
#include "pipeline/core/environment.hpp"
#include "pipeline/model/award_kind.hpp"
#include "pipeline/model/issuer.hpp"
#include "pipeline/validate/award_catalogue.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace tdkt::job::test {

inline const validate::AwardCatalogue& catalogue() {
    static const validate::AwardCatalogue instance = [] {
        core::Environment env;
        env.dataDir = TDKT_SOURCE_DIR;
        auto c = validate::AwardCatalogue::load(env);
        if (!c) {
            FAIL(core::format(c.error()));
        }
        return std::move(c).value();
    }();
    return instance;
}

// The shipped catalogue's kind as in force on the date.
inline model::AwardKind kindAt(const std::string& id, const model::Date& on = {2026, 1, 5}) {
    auto k = catalogue().at(id, on);
    REQUIRE(k);
    return *k;
}

inline model::Issuer wardIssuer() {
    model::Issuer i;
    i.id = "ubnd-ba-dinh";
    i.code = "UBND-BA-DINH";
    i.notation = "UBND";
    i.name = "ỦY BAN NHÂN DÂN\nPHƯỜNG BA ĐÌNH";
    i.place = "Hà Nội";
    i.level = "commune";
    i.authority = "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH";
    i.authorityText = "Chủ tịch Ủy ban nhân dân phường Ba Đình";
    return i;
}

} // namespace tdkt::job::test

#include "archive/report.hpp"

#include "archive/metadata.hpp"
#include "archive/tree.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/diagnostic.hpp"
#include "pipeline/text/collation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace tdkt::archive {
namespace {

void add(ReportRow& row, const AwardeeRecord& a, bool small) {
    switch (a.kind) {
    case model::NomineeKind::Collective:
        ++row.collectives;
        row.smallCollectives += small ? 1 : 0;
        row.enterprises += a.enterprise ? 1 : 0;
        break;
    case model::NomineeKind::Household:
        ++row.households;
        break;
    case model::NomineeKind::Individual:
        ++row.individuals;
        row.directWorkers += a.category == model::PersonCategory::DirectWorker ? 1 : 0;
        break;
    }
    if (a.amount) {
        row.money += *a.amount;
    } else {
        ++row.withoutAmount;
    }
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) {
        return {};
    }
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

double percent(int part, int whole) {
    return whole == 0 ? 0.0 : 100.0 * part / whole;
}

} // namespace

core::Result<SmallCollectiveRule> SmallCollectiveRule::load(const fs::path& file) {
    auto bytes = core::readFile(file);
    if (!bytes) {
        return core::makeError(core::ErrorKind::Config, "A501",
                               "không đọc được danh sách tiền tố tập thể nhỏ: " + file.string());
    }
    SmallCollectiveRule rule;
    std::istringstream in(bytes.value());
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (!line.empty() && line[0] != '#') {
            rule.prefixes.push_back(line);
        }
    }
    return rule;
}

bool isSmallCollective(const std::string& collectiveName, const SmallCollectiveRule& rule,
                       const SearchKeyFn& searchKey) {
    const std::string name = searchKey(trim(collectiveName));
    for (const auto& prefix : rule.prefixes) {
        const std::string p = searchKey(prefix);
        if (p.empty() || name.compare(0, p.size(), p) != 0) {
            continue;
        }
        // Whole words only: "to" must not match "tong cong ty".
        if (name.size() == p.size() || !std::isalnum(static_cast<unsigned char>(name[p.size()]))) {
            return true;
        }
    }
    return false;
}

double YearReport::directWorkerShare() const {
    return percent(total.directWorkers, total.total());
}

double YearReport::smallCollectiveShare() const {
    return percent(total.smallCollectives, total.total());
}

core::Result<YearReport> buildReport(const fs::path& root, const fs::path& schemasDir,
                                     const ReportOptions& options, const SearchKeyFn& searchKey) {
    auto metadata = Metadata::load(schemasDir);
    if (!metadata) {
        return metadata.error();
    }
    YearReport report;
    report.year = options.year;
    report.unit = options.unit;
    report.periodFrom = std::to_string(options.year - 1) + "-12-01";
    report.periodTo = std::to_string(options.year) + "-11-30";

    // Year folders Y-1 and Y hold the period; Y+1 is read too, only for the corrections it may
    // hold: a decision superseded by a corrected one is left out (the correction counts).
    auto inYears = [](const std::string& bag, int from, int to) {
        for (int y = from; y <= to; ++y) {
            const std::string prefix = std::to_string(y) + "/";
            if (bag.compare(0, prefix.size(), prefix) == 0) {
                return true;
            }
        }
        return false;
    };
    std::vector<std::pair<std::string, DecisionRecord>> read;
    std::set<std::string> superseded;
    for (const std::string& bag : listTree(root).bags) {
        if (!inYears(bag, options.year - 1, options.year + 1)) {
            continue;
        }
        core::Diagnostics diags;
        auto record = metadata->readDecision(root / bag / "data" / "decision.xml",
                                             bag + "/data/decision.xml", diags);
        if (!record) {
            core::Error e = record.error();
            return core::makeError(core::ErrorKind::VerifyFailed, "A502",
                                   "không đọc được siêu dữ liệu quyết định " + bag +
                                       "/data/decision.xml: " + e.message);
        }
        if (!record->supersedesDir.empty()) {
            superseded.insert(record->supersedesDir);
        }
        read.emplace_back(bag, std::move(record).value());
    }
    std::vector<DecisionRecord> records;
    for (auto& [bag, record] : read) {
        // ISO dates compare as strings.
        if (superseded.count(bag) || record.date < report.periodFrom ||
            record.date > report.periodTo) {
            continue;
        }
        if (options.unit && record.issuerCode != *options.unit &&
            !std::any_of(
                record.awardees.begin(), record.awardees.end(),
                [&](const AwardeeRecord& a) { return unitCodeOf(record, a) == *options.unit; })) {
            continue;
        }
        records.push_back(std::move(record));
    }
    std::stable_sort(
        records.begin(), records.end(),
        [](const DecisionRecord& a, const DecisionRecord& b) { return a.date < b.date; });

    std::map<std::string, std::size_t> kindIndex;
    std::vector<int> kindRank; // parallel to report.byKind
    std::map<std::string, ReportRow> units;
    for (const DecisionRecord& r : records) {
        ++report.decisions;
        for (const AwardeeRecord& a : r.awardees) {
            // A consolidated decision's awardees count for their own units; a report of one
            // unit (not the issuer) counts only that unit's.
            const std::string& code = unitCodeOf(r, a);
            if (options.unit && r.issuerCode != *options.unit && code != *options.unit) {
                continue;
            }
            ReportRow& unit = units[code];
            unit.key = code;
            unit.name = unitNameOf(r, a);
            const AwardRecord* award = awardOf(r, a);
            const std::string kind = award ? award->kind : r.awardKind;
            auto [it, fresh] = kindIndex.emplace(kind, report.byKind.size());
            if (fresh) {
                report.byKind.push_back(ReportRow{kind, award ? award->name : r.awardKindName});
                kindRank.push_back(award && award->rank > 0 ? award->rank : 1000);
            }
            const bool small = a.kind == model::NomineeKind::Collective &&
                               isSmallCollective(a.name, options.small, searchKey);
            add(report.byKind[it->second], a, small);
            add(unit, a, small);
            add(report.total, a, small);
        }
    }
    report.total.name = "Tổng cộng";
    // Award kinds by rank (thứ bậc, highest first), first appearance for equal ranks.
    std::vector<std::size_t> order(report.byKind.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return kindRank[a] < kindRank[b]; });
    std::vector<ReportRow> byKind;
    for (std::size_t i : order) {
        byKind.push_back(std::move(report.byKind[i]));
    }
    report.byKind = std::move(byKind);

    // Units in Vietnamese dictionary order of their names, code as the tie-break (a collation
    // key holds no zero byte, so the separator sorts below any longer name).
    std::vector<std::pair<std::string, ReportRow>> keyed;
    for (auto& [code, row] : units) {
        keyed.emplace_back(text::collationKey(row.name) + '\0' + code, std::move(row));
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [key, row] : keyed) {
        report.byUnit.push_back(std::move(row));
    }
    return report;
}

} // namespace tdkt::archive

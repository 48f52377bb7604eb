#include "pipeline/text/collation.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using tdkt::text::collationKey;
using tdkt::text::nameSortKey;

namespace {

template <class Key> std::vector<std::string> sortedBy(std::vector<std::string> v, Key key) {
    std::stable_sort(v.begin(), v.end(),
                     [&](const std::string& a, const std::string& b) { return key(a) < key(b); });
    return v;
}

std::vector<std::string> readNames(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> names;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#') {
            names.push_back(line);
        }
    }
    return names;
}

} // namespace

TEST_CASE("collation keys follow the Vietnamese alphabet") {
    // a < ă < â, d < đ, o < ô < ơ, u < ư; a tone only matters between otherwise equal words.
    const std::vector<std::string> expected = {"An",   "Anh", "Ánh", "Ăn",  "Ân",  "Bình",
                                               "Dũng", "Đào", "Hoa", "Hoà", "Hòa", "On",
                                               "Ôn",   "Ơn",  "Ung", "Ưng", "Yến"};
    std::vector<std::string> shuffled(expected.rbegin(), expected.rend());
    std::rotate(shuffled.begin(), shuffled.begin() + 5, shuffled.end());
    CHECK(sortedBy(shuffled, collationKey) == expected);
}

TEST_CASE("collation keys ignore the Unicode form and hold no zero byte") {
    CHECK(collationKey("Nguye\u0302\u0303n") == collationKey("Nguyễn"));
    CHECK(collationKey("Đào") != collationKey("Dao"));
    for (const char* s : {"Nguyễn", "", "a b", "漢字"}) {
        CHECK(collationKey(s).find('\0') == std::string::npos);
    }
}

TEST_CASE("name sort keys order by given name, then middle name, then family name") {
    const std::vector<std::string> expected =
        readNames(std::string(TDKT_TEST_DATA) + "/normalize/names-sorted.txt");
    REQUIRE(expected.size() >= 10);
    std::vector<std::string> shuffled(expected.rbegin(), expected.rend());
    std::rotate(shuffled.begin(), shuffled.begin() + 7, shuffled.end());
    CHECK(sortedBy(shuffled, nameSortKey) == expected);

    CHECK(nameSortKey("Nguyễn Văn An") < nameSortKey("Trần Thị Bình"));
    CHECK(nameSortKey("Trần Thị Bình") < nameSortKey("Lê Văn Bình"));
    CHECK(nameSortKey("  Lê   Văn  An ") == nameSortKey("Lê Văn An"));
}

TEST_CASE("collation keys are the same from several threads") {
    const std::vector<std::string> names = {"Nguyễn Thị Đào", "Trần Văn Ánh", "Lê Ưng", "Hoà"};
    std::vector<std::string> expected;
    for (const auto& n : names) {
        expected.push_back(nameSortKey(n));
    }
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 500; ++round) {
                for (std::size_t i = 0; i < names.size(); ++i) {
                    mismatches[t] += nameSortKey(names[i]) != expected[i];
                }
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    CHECK(mismatches == std::vector<int>(4, 0));
}

#include "pipeline/format/vi_format.hpp"

#include <catch2/catch.hpp>
#include <climits>
#include <utility>
#include <vector>

using namespace tdkt::format;

TEST_CASE("money in words, default (northern) style") {
    // From the brief and the worked strings of domain/practice.md §5.
    const std::vector<std::pair<long long, const char*>> cases = {
        {0, "Không đồng"},
        {5, "Năm đồng"},
        {10, "Mười đồng"},
        {11, "Mười một đồng"},
        {14, "Mười bốn đồng"},
        {15, "Mười lăm đồng"},
        {21, "Hai mươi mốt đồng"},
        {24, "Hai mươi bốn đồng"},
        {25, "Hai mươi lăm đồng"},
        {30, "Ba mươi đồng"},
        {100, "Một trăm đồng"},
        {101, "Một trăm linh một đồng"},
        {105, "Một trăm linh năm đồng"},
        {110, "Một trăm mười đồng"},
        {111, "Một trăm mười một đồng"},
        {1'000, "Một nghìn đồng"},
        {1'001, "Một nghìn không trăm linh một đồng"},
        {2'001, "Hai nghìn không trăm linh một đồng"},
        {10'000, "Mười nghìn đồng"},
        {15'000, "Mười lăm nghìn đồng"},
        {125'000, "Một trăm hai mươi lăm nghìn đồng"},
        {702'000, "Bảy trăm linh hai nghìn đồng"},
        {1'000'000, "Một triệu đồng"},
        {1'005'000, "Một triệu không trăm linh năm nghìn đồng"},
        {1'053'000, "Một triệu không trăm năm mươi ba nghìn đồng"},
        {1'115'000, "Một triệu một trăm mười lăm nghìn đồng"},
        {2'340'000, "Hai triệu ba trăm bốn mươi nghìn đồng"},
        {3'000'500, "Ba triệu năm trăm đồng"},
        {3'510'000, "Ba triệu năm trăm mười nghìn đồng"},
        {4'680'000, "Bốn triệu sáu trăm tám mươi nghìn đồng"},
        {10'530'000, "Mười triệu năm trăm ba mươi nghìn đồng"},
        {21'060'000, "Hai mươi mốt triệu không trăm sáu mươi nghìn đồng"},
        {1'000'000'000, "Một tỷ đồng"},
        {1'000'000'001, "Một tỷ không trăm linh một đồng"},
        {1'000'001'000, "Một tỷ không trăm linh một nghìn đồng"},
        {2'500'000'000, "Hai tỷ năm trăm triệu đồng"},
        {1'005'000'000'000, "Một nghìn không trăm linh năm tỷ đồng"},
        {-3'000'000, "Âm ba triệu đồng"},
    };
    for (const auto& [amount, words] : cases) {
        CAPTURE(amount);
        CHECK(moneyInWords(amount) == words);
    }
}

TEST_CASE("money in words at the limits of long long") {
    CHECK(moneyInWords(LLONG_MAX) ==
          "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu "
          "tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng");
    CHECK(moneyInWords(LLONG_MIN).rfind("Âm chín tỷ hai trăm", 0) == 0);
}

TEST_CASE("money in words, style options") {
    MoneyWordsStyle south;
    south.dialect = NumberDialect::South;
    CHECK(moneyInWords(2'001, south) == "Hai ngàn không trăm lẻ một đồng");
    CHECK(moneyInWords(702'000, south) == "Bảy trăm lẻ hai ngàn đồng");

    MoneyWordsStyle tu;
    tu.fourAsTu = true;
    CHECK(moneyInWords(34, tu) == "Ba mươi tư đồng");
    CHECK(moneyInWords(14, tu) == "Mười bốn đồng");
    CHECK(moneyInWords(104, tu) == "Một trăm linh bốn đồng");

    MoneyWordsStyle chan;
    chan.roundAsChan = true;
    CHECK(moneyInWords(3'510'000, chan) == "Ba triệu năm trăm mười nghìn đồng chẵn");
    CHECK(moneyInWords(3'510'001, chan) == "Ba triệu năm trăm mười nghìn không trăm linh một đồng");
    CHECK(moneyInWords(0, chan) == "Không đồng");
}

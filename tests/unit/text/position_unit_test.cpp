// "Chức vụ, đơn vị" without the unit named twice (issue 12): each pattern seen in the examples.
#include "pipeline/text/position_unit.hpp"

#include <catch2/catch.hpp>

using tdkt::text::joinPositionUnit;

TEST_CASE("a position that ends with the first words of the unit names them once",
          "[text][position]") {
    CHECK(joinPositionUnit("Phó Giám đốc Sở", "Sở Y tế Hà Nội") == "Phó Giám đốc Sở Y tế Hà Nội");
    CHECK(joinPositionUnit("Trưởng phòng", "Phòng Kinh tế, Hạ tầng và Đô thị") ==
          "Trưởng phòng Kinh tế, Hạ tầng và Đô thị");
    CHECK(joinPositionUnit("Tổ trưởng Tổ dân phố số 12", "Tổ dân phố số 12, phường Cầu Giấy") ==
          "Tổ trưởng Tổ dân phố số 12, phường Cầu Giấy");
}

TEST_CASE("a position that holds the whole unit is printed alone", "[text][position]") {
    CHECK(joinPositionUnit("Giám đốc Công ty TNHH Thương mại An Phát",
                           "Công ty TNHH Thương mại An Phát") ==
          "Giám đốc Công ty TNHH Thương mại An Phát");
    // Compared as names: case, tone placement, spaces.
    CHECK(joinPositionUnit("Giám đốc Công ty TNHH Hòa Bình", "CÔNG TY TNHH HOÀ  BÌNH") ==
          "Giám đốc Công ty TNHH Hòa Bình");
}

TEST_CASE("otherwise position, then unit", "[text][position]") {
    CHECK(joinPositionUnit("Giáo viên", "Trường THCS Nguyễn Trãi") ==
          "Giáo viên, Trường THCS Nguyễn Trãi");
    // "trưởng" is not "Trường": the tone tells them apart.
    CHECK(joinPositionUnit("Hiệu trưởng", "Trường THCS Nguyễn Trãi") ==
          "Hiệu trưởng, Trường THCS Nguyễn Trãi");
    // A word inside the position does not count: only its last words.
    CHECK(joinPositionUnit("Giám đốc Sở kiêm Bí thư", "Sở Y tế Hà Nội") ==
          "Giám đốc Sở kiêm Bí thư, Sở Y tế Hà Nội");
    CHECK(joinPositionUnit("", "Sở Y tế Hà Nội") == "Sở Y tế Hà Nội");
    CHECK(joinPositionUnit("Giáo viên", "") == "Giáo viên");
    CHECK(joinPositionUnit(" Giáo viên ", " Trường Tiểu học Dịch Vọng ") ==
          "Giáo viên, Trường Tiểu học Dịch Vọng");
}

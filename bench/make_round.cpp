// Round generator of bench/round.sh: a Hà Nội year-end round (tổng kết năm 2025) as DOSSIERS
// dossier 2.0 files holding N award nominations in total, built as model::Dossier values and
// written with validate::writeDossier20, so every file is valid by construction.
//
// Half the dossiers come from units of two wards (the ward office, the ward's Fatherland Front
// committee, its kindergartens and schools; grassroots kinds decided by the ward chairman), half
// from units of the city health department (hospitals, district health centres, the Sở's own
// offices; decided by its director). The city kinds of both go to the city chairman. The kinds
// come in the shares of a city round (issue 10): Lao động tiên tiến 54 %, Giấy khen 14 %, Bằng
// khen 12 %, Gia đình văn hóa 5 %, Chiến sĩ thi đua cơ sở 5 % (each also a Lao động tiên tiến
// nominee of the same dossier, as the title requires), Tập thể lao động tiên tiến 5 %, Tập thể
// lao động xuất sắc 3 %, Chiến sĩ thi đua Thành phố 1.6 %, Cờ thi đua 0.3 %; 7 % of the nominees
// are households (all in ward-office dossiers), 11 % collectives. Each proposal is checked
// against config/ (the issuer on its date, the catalogue's grantedBy for the issuer's level,
// the recipients the kind accepts) before anything is written.
//
//   bench_make_round [--seed S] N DOSSIERS OUT_DIR
//
// Prints what it wrote and a name to search for ("search: …"). Deterministic for a seed: only
// std::mt19937's raw output is used (the standard fixes it), never a std:: distribution (their
// algorithms differ between standard libraries).
#include "pipeline/core/environment.hpp"
#include "pipeline/model/award_kind.hpp"
#include "pipeline/model/dossier.hpp"
#include "pipeline/validate/award_catalogue.hpp"
#include "pipeline/validate/dossier_writer.hpp"
#include "pipeline/validate/issuer_registry.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace tdkt;

namespace {

using model::NomineeKind;
using Strings = std::vector<std::string>;

constexpr int kRoundYear = 2025;
constexpr std::size_t kAchievementMax = 150; // characters printed on a form or a flag
const char* const kCityIssuer = "ubnd-tp-hanoi";
const char* const kHealthIssuer = "so-yte-hanoi";

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "bench_make_round: %s\n", message.c_str());
    std::exit(1);
}

// Randomness from mt19937's raw output only. Two draws never share an expression whose operands
// C++ leaves unsequenced (the operands of +, a call's arguments): each is its own statement or
// its own element of a braced list (evaluated in order), so the round does not depend on the
// compiler's evaluation order either.
class Rng {
public:
    explicit Rng(std::uint32_t seed) : m_gen(seed) {}
    int below(int n) { return static_cast<int>(m_gen() % static_cast<std::uint32_t>(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    double unit() { return static_cast<double>(m_gen()) / 4294967296.0; }
    bool chance(double p) { return unit() < p; }
    const std::string& pick(const Strings& v) {
        return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
    }
    // An index with probability weights[i] / sum(weights); weights[i] may be 0.
    std::size_t weighted(const std::vector<double>& weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double r = unit() * sum;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i]) {
                return i;
            }
            r -= weights[i];
        }
        for (std::size_t i = weights.size(); i-- > 0;) { // rounding: the last positive one
            if (weights[i] > 0) {
                return i;
            }
        }
        return 0;
    }
    template <class T> void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            std::swap(v[i - 1], v[static_cast<std::size_t>(below(static_cast<int>(i)))]);
        }
    }

private:
    std::mt19937 m_gen;
};

std::string two(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

model::Date date(int y, int m, int d) {
    return model::Date{y, m, d};
}

// Characters (code points) of UTF-8 text.
std::size_t characters(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// ---------------------------------------------------------------------------------------------
// Names: family names of the North in rough frequency, middle and given names by gender.

struct Weighted {
    const char* text;
    double weight;
};

const std::vector<Weighted> kFamilies = {
    {"Nguyễn", 36}, {"Trần", 11}, {"Lê", 9},     {"Phạm", 7},   {"Hoàng", 5}, {"Vũ", 4},
    {"Phan", 3},    {"Đặng", 2},  {"Bùi", 2},    {"Đỗ", 2},     {"Ngô", 1.5}, {"Dương", 1},
    {"Đào", 1},     {"Đinh", 1},  {"Trịnh", 1},  {"Lương", .6}, {"Mai", .5},  {"Tạ", .4},
    {"Phùng", .4},  {"Chu", .4},  {"Cao", .5},   {"Lưu", .4},   {"Hà", .5},   {"Kiều", .3},
    {"Nghiêm", .2}, {"Tô", .3},   {"Khúc", .1},  {"Doãn", .2},  {"Lại", .2},  {"Vương", .2},
    {"Hồ", .6},     {"Lý", .3},   {"Quách", .1}, {"Khổng", .1}, {"Chử", .1},  {"Nông", .1}};

const Strings kMaleMiddle = {"Văn",   "Văn",  "Văn",  "Văn",   "Đức",  "Minh", "Quang", "Hữu",
                             "Xuân",  "Mạnh", "Tiến", "Đình",  "Công", "Ngọc", "Quốc",  "Thành",
                             "Trọng", "Duy",  "Hải",  "Việt",  "Thế",  "Anh",  "Trung", "Bá",
                             "Khắc",  "Kim",  "Văn",  "Hoàng", "Tuấn", "Đăng"};
const Strings kFemaleMiddle = {
    "Thị",     "Thị",      "Thị",      "Thị",      "Thị",     "Thu",       "Ngọc",     "Thanh",
    "Minh",    "Hồng",     "Phương",   "Thúy",     "Thùy",    "Kim",       "Bích",     "Diệu",
    "Khánh",   "Hoài",     "Lan",      "Thị Minh", "Thị Thu", "Thị Thanh", "Thị Ngọc", "Thị Hồng",
    "Thị Kim", "Thị Bích", "Thị Thúy", "Thị Mai",  "Hải",     "Quỳnh"};
const Strings kMaleGiven = {
    "Anh",   "Bình",  "Cường",  "Chiến", "Dũng",  "Duy",   "Đạt",   "Điệp", "Đông",  "Đức",
    "Giang", "Hải",   "Hiếu",   "Hiệp",  "Hòa",   "Hoàng", "Hùng",  "Hưng", "Huy",   "Khải",
    "Khánh", "Khoa",  "Khôi",   "Kiên",  "Lâm",   "Long",  "Lộc",   "Lợi",  "Luân",  "Mạnh",
    "Minh",  "Nam",   "Nghĩa",  "Nhân",  "Phong", "Phú",   "Phúc",  "Quân", "Quang", "Quý",
    "Sơn",   "Tài",   "Tâm",    "Thái",  "Thắng", "Thành", "Thịnh", "Thọ",  "Tiến",  "Toàn",
    "Trí",   "Trung", "Trường", "Tú",    "Tuấn",  "Tùng",  "Vinh",  "Việt", "Vũ",    "Vượng"};
const Strings kFemaleGiven = {
    "Anh",   "Ánh",   "Bích", "Châm", "Chi",    "Diệp",   "Dung",  "Duyên", "Giang", "Hà",
    "Hạnh",  "Hằng",  "Hiền", "Hoa",  "Hòa",    "Hồng",   "Huế",   "Huệ",   "Hương", "Hường",
    "Huyền", "Lan",   "Liên", "Linh", "Loan",   "Lụa",    "Mai",   "My",    "Nga",   "Ngân",
    "Ngọc",  "Nhung", "Nhàn", "Oanh", "Phượng", "Phương", "Quyên", "Quỳnh", "Sen",   "Tâm",
    "Thảo",  "Thơ",   "Thu",  "Thủy", "Thúy",   "Thư",    "Trang", "Trinh", "Tuyết", "Uyên",
    "Vân",   "Yến",   "Xuân", "Hải",  "Lệ",     "Nguyệt", "Thoa",  "Hậu",   "Huyền", "Minh"};

struct Person {
    std::string name;
    model::Gender gender = model::Gender::Male;
    int birthYear = 0;
    std::string honorific() const { return gender == model::Gender::Male ? "Ông" : "Bà"; }
};

Person makePerson(Rng& rng, double femaleShare) {
    static const std::vector<double> familyWeights = [] {
        std::vector<double> w;
        for (const auto& f : kFamilies) {
            w.push_back(f.weight);
        }
        return w;
    }();
    Person p;
    p.gender = rng.chance(femaleShare) ? model::Gender::Female : model::Gender::Male;
    const bool female = p.gender == model::Gender::Female;
    const std::string family = kFamilies[rng.weighted(familyWeights)].text;
    std::string middle = rng.pick(female ? kFemaleMiddle : kMaleMiddle);
    while (middle == family) { // "Hoàng Hoàng Phú"
        middle = rng.pick(female ? kFemaleMiddle : kMaleMiddle);
    }
    p.name = family + " " + middle + " " + rng.pick(female ? kFemaleGiven : kMaleGiven);
    p.birthYear = rng.between(1960, 2000);
    return p;
}

// People of one dossier, none twice: the rules warn (V013) when one name and birth year is
// nominated twice as two nominees, and refuse it (V008) within one proposal.
class People {
public:
    People(Rng& rng, double femaleShare) : m_rng(rng), m_femaleShare(femaleShare) {}
    Person next() {
        for (;;) {
            Person p = makePerson(m_rng, m_femaleShare);
            if (m_taken.insert(p.name + '|' + std::to_string(p.birthYear)).second) {
                return p;
            }
        }
    }
    // A household head: households are told apart by the head's name alone.
    Person head() {
        for (;;) {
            Person p = makePerson(m_rng, 0.4);
            if (m_heads.insert(p.name).second) {
                return p;
            }
        }
    }

private:
    Rng& m_rng;
    double m_femaleShare;
    std::set<std::string> m_taken;
    std::set<std::string> m_heads;
};

// ---------------------------------------------------------------------------------------------
// The units that send dossiers.

enum class UnitType { WardOffice, WardFront, Kindergarten, Primary, Secondary, Health };

struct Ward {
    const char* issuer;
    const char* name; // "Cầu Giấy"
    const char* code; // "CAUGIAY"
    const char* formerDistrict;
    Strings formerWards; // the wards merged into it on 01/07/2025 (for histories)
    Strings streets;
    std::vector<std::pair<std::string, std::string>> schools; // name part, code part
};

const std::vector<Ward> kWards = {
    {"ubnd-p-caugiay",
     "Cầu Giấy",
     "CAUGIAY",
     "Cầu Giấy",
     {"Dịch Vọng", "Dịch Vọng Hậu", "Quan Hoa", "Yên Hòa", "Nghĩa Đô", "Mai Dịch"},
     {"Cầu Giấy", "Xuân Thủy", "Trần Đăng Ninh", "Nguyễn Khánh Toàn", "Trần Thái Tông",
      "Dương Quảng Hàm", "Tô Hiệu", "Nguyễn Phong Sắc", "Hoàng Quốc Việt", "Trần Quốc Hoàn"},
     {{"Dịch Vọng", "DICHVONG"},
      {"Dịch Vọng Hậu", "DICHVONGHAU"},
      {"Quan Hoa", "QUANHOA"},
      {"Nghĩa Tân", "NGHIATAN"},
      {"Mai Dịch", "MAIDICH"},
      {"Yên Hòa", "YENHOA"},
      {"Trung Hòa", "TRUNGHOA"},
      {"Cầu Giấy", "CAUGIAY"},
      {"Hoa Sen", "HOASEN"},
      {"Hoa Hồng", "HOAHONG"},
      {"Ánh Sao", "ANHSAO"},
      {"Thăng Long", "THANGLONG"},
      {"Lê Quý Đôn", "LEQUYDON"}}},
    {"ubnd-p-badinh",
     "Ba Đình",
     "BADINH",
     "Ba Đình",
     {"Quán Thánh", "Trúc Bạch", "Điện Biên", "Đội Cấn", "Kim Mã", "Ngọc Hà"},
     {"Đội Cấn", "Kim Mã", "Liễu Giai", "Phan Đình Phùng", "Hoàng Hoa Thám", "Quán Thánh",
      "Nguyễn Thái Học", "Đội Nhân", "Ngọc Hà", "Văn Cao"},
     {{"Ba Đình", "BADINH"},
      {"Ngọc Hà", "NGOCHA"},
      {"Kim Mã", "KIMMA"},
      {"Giảng Võ", "GIANGVO"},
      {"Thành Công", "THANHCONG"},
      {"Ngọc Khánh", "NGOCKHANH"},
      {"Cống Vị", "CONGVI"},
      {"Liễu Giai", "LIEUGIAI"},
      {"Đội Cấn", "DOICAN"},
      {"Quán Thánh", "QUANTHANH"},
      {"Nguyễn Trung Trực", "NGUYENTRUNGTRUC"},
      {"Phan Chu Trinh", "PHANCHUTRINH"},
      {"Hoa Sữa", "HOASUA"}}},
};

struct Unit {
    std::string name;
    std::string code;
    std::string notation; // of its documents: "TTr-UBND"
    UnitType type = UnitType::Health;
    const Ward* ward = nullptr; // nullptr: a health unit
    std::string localIssuer;
    std::string parentBody; // the unit as a collective: its parentUnit
    bool households = false;
    bool hospital = false;
};

std::string wardUnitName(const Ward& w) {
    return "Ủy ban nhân dân phường " + std::string(w.name);
}

// The units of a ward in dossier order: the office and the Front committee first (they alone
// propose households), then the schools level by level.
std::vector<Unit> wardUnits(const Ward& w) {
    const std::string base = std::string("HN-P-") + w.code;
    std::vector<Unit> out;
    Unit office{wardUnitName(w),
                base,
                "TTr-UBND",
                UnitType::WardOffice,
                &w,
                w.issuer,
                "Ủy ban nhân dân Thành phố Hà Nội",
                true};
    Unit front{"Ủy ban Mặt trận Tổ quốc Việt Nam phường " + std::string(w.name),
               base + "-MTTQ",
               "TTr-MTTQ",
               UnitType::WardFront,
               &w,
               w.issuer,
               "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hà Nội",
               true};
    out.push_back(office);
    out.push_back(front);
    const struct {
        UnitType type;
        const char* prefix;
        const char* code;
    } levels[] = {{UnitType::Kindergarten, "Trường Mầm non ", "MN"},
                  {UnitType::Primary, "Trường Tiểu học ", "TH"},
                  {UnitType::Secondary, "Trường THCS ", "THCS"}};
    for (const auto& [name, code] : w.schools) {
        for (const auto& level : levels) {
            out.push_back({level.prefix + name, base + "-" + level.code + "-" + code,
                           std::string("TTr-") + level.code, level.type, &w, w.issuer,
                           wardUnitName(w), false});
        }
    }
    return out;
}

std::vector<Unit> healthUnits() {
    const std::vector<std::pair<const char*, const char*>> hospitals = {
        {"Bệnh viện Đa khoa Xanh Pôn", "XANHPON"},
        {"Bệnh viện Thanh Nhàn", "THANHNHAN"},
        {"Bệnh viện Đa khoa Đống Đa", "DONGDA"},
        {"Bệnh viện Đa khoa Hà Đông", "HADONG"},
        {"Bệnh viện Đa khoa Đức Giang", "DUCGIANG"},
        {"Bệnh viện Đa khoa Sơn Tây", "SONTAY"},
        {"Bệnh viện Bắc Thăng Long", "BACTHANGLONG"},
        {"Bệnh viện Nam Thăng Long", "NAMTHANGLONG"},
        {"Bệnh viện Tim Hà Nội", "TIM"},
        {"Bệnh viện Ung bướu Hà Nội", "UNGBUOU"},
        {"Bệnh viện Phụ sản Hà Nội", "PHUSAN"},
        {"Bệnh viện Nhi Hà Nội", "NHI"},
        {"Bệnh viện Mắt Hà Nội", "MAT"},
        {"Bệnh viện Da liễu Hà Nội", "DALIEU"},
        {"Bệnh viện Phổi Hà Nội", "PHOI"},
        {"Bệnh viện Tâm thần Hà Nội", "TAMTHAN"},
        {"Bệnh viện Thận Hà Nội", "THAN"},
        {"Bệnh viện Y học cổ truyền Hà Nội", "YHCT"},
        {"Bệnh viện Phục hồi chức năng Hà Nội", "PHCN"},
        {"Bệnh viện Đa khoa Hòe Nhai", "HOENHAI"},
        {"Bệnh viện Đa khoa Đông Anh", "DONGANH"},
        {"Bệnh viện Đa khoa Sóc Sơn", "SOCSON"},
        {"Bệnh viện Đa khoa Mê Linh", "MELINH"},
        {"Bệnh viện Đa khoa Ba Vì", "BAVI"},
        {"Bệnh viện Đa khoa Phúc Thọ", "PHUCTHO"},
        {"Bệnh viện Đa khoa Đan Phượng", "DANPHUONG"},
        {"Bệnh viện Đa khoa Hoài Đức", "HOAIDUC"},
        {"Bệnh viện Đa khoa Quốc Oai", "QUOCOAI"},
        {"Bệnh viện Đa khoa Thạch Thất", "THACHTHAT"},
        {"Bệnh viện Đa khoa Chương Mỹ", "CHUONGMY"},
        {"Bệnh viện Đa khoa Mỹ Đức", "MYDUC"},
        {"Bệnh viện Đa khoa Vân Đình", "VANDINH"},
        {"Bệnh viện Đa khoa Thường Tín", "THUONGTIN"},
        {"Bệnh viện Đa khoa Phú Xuyên", "PHUXUYEN"},
        {"Bệnh viện Đa khoa Thanh Oai", "THANHOAI"},
        {"Bệnh viện Đa khoa Long Biên", "LONGBIEN"},
        {"Bệnh viện Đa khoa Gia Lâm", "GIALAM"},
    };
    const std::vector<std::pair<const char*, const char*>> centres = {
        {"Trung tâm Kiểm soát bệnh tật Hà Nội", "CDC"},
        {"Trung tâm Cấp cứu 115 Hà Nội", "CC115"},
        {"Trung tâm Pháp y Hà Nội", "PHAPY"},
        {"Trung tâm Kiểm nghiệm thuốc, mỹ phẩm, thực phẩm Hà Nội", "KIEMNGHIEM"},
        {"Trung tâm Giám định y khoa Hà Nội", "GDYK"},
        {"Chi cục An toàn vệ sinh thực phẩm Hà Nội", "ATVSTP"},
        {"Chi cục Dân số Hà Nội", "DANSO"},
        {"Văn phòng Sở Y tế Hà Nội", "VP"},
    };
    const std::vector<std::pair<const char*, const char*>> areas = {
        {"Ba Đình", "BADINH"},        {"Hoàn Kiếm", "HOANKIEM"},
        {"Tây Hồ", "TAYHO"},          {"Long Biên", "LONGBIEN"},
        {"Cầu Giấy", "CAUGIAY"},      {"Đống Đa", "DONGDA"},
        {"Hai Bà Trưng", "HBT"},      {"Hoàng Mai", "HOANGMAI"},
        {"Thanh Xuân", "THANHXUAN"},  {"Nam Từ Liêm", "NAMTULIEM"},
        {"Bắc Từ Liêm", "BACTULIEM"}, {"Hà Đông", "HADONG"},
        {"Sơn Tây", "SONTAY"},        {"Ba Vì", "BAVI"},
        {"Phúc Thọ", "PHUCTHO"},      {"Đan Phượng", "DANPHUONG"},
        {"Hoài Đức", "HOAIDUC"},      {"Quốc Oai", "QUOCOAI"},
        {"Thạch Thất", "THACHTHAT"},  {"Chương Mỹ", "CHUONGMY"},
        {"Thanh Oai", "THANHOAI"},    {"Thường Tín", "THUONGTIN"},
        {"Phú Xuyên", "PHUXUYEN"},    {"Ứng Hòa", "UNGHOA"},
        {"Mỹ Đức", "MYDUC"},          {"Thanh Trì", "THANHTRI"},
        {"Gia Lâm", "GIALAM"},        {"Đông Anh", "DONGANH"},
        {"Sóc Sơn", "SOCSON"},        {"Mê Linh", "MELINH"},
    };
    std::vector<Unit> out;
    auto add = [&](std::string name, const std::string& code, const char* notation, bool hospital) {
        out.push_back({std::move(name), "HN-SYT-" + code, notation, UnitType::Health, nullptr,
                       kHealthIssuer, "Sở Y tế Hà Nội", false, hospital});
    };
    // Hospitals, district centres and the rest interleaved, so that a small round has some of
    // each.
    for (std::size_t i = 0; i < std::max({hospitals.size(), areas.size(), centres.size()}); ++i) {
        if (i < hospitals.size()) {
            add(hospitals[i].first, std::string("BV-") + hospitals[i].second, "TTr-BV", true);
        }
        if (i < areas.size()) {
            add(std::string("Trung tâm Y tế khu vực ") + areas[i].first,
                std::string("TTYT-") + areas[i].second, "TTr-TTYT", false);
        }
        if (i < centres.size()) {
            add(centres[i].first, centres[i].second, "TTr-SYT", false);
        }
    }
    return out;
}

// The unit of dossier `index` (0, 1, …): even ones from the wards in turn, odd ones from the
// health department. A round larger than the lists reuses units as a second dossier ("đợt 2").
Unit unitOf(int index) {
    static const std::vector<std::vector<Unit>> wards = {wardUnits(kWards[0]),
                                                         wardUnits(kWards[1])};
    static const std::vector<Unit> health = healthUnits();
    const bool ward = index % 2 == 0;
    const int k = ward ? index / 4 : index / 2;
    const std::vector<Unit>& list = ward ? wards[static_cast<std::size_t>(index / 2 % 2)] : health;
    Unit u = list[static_cast<std::size_t>(k) % list.size()];
    if (const int again = k / static_cast<int>(list.size()); again > 0) {
        u.code += "-D" + std::to_string(again + 1);
    }
    return u;
}

// ---------------------------------------------------------------------------------------------
// What people do in a unit: positions, sub-units (the collectives), achievements.

const Strings kClinical = {"Khám bệnh",
                           "Cấp cứu",
                           "Hồi sức tích cực và Chống độc",
                           "Nội tổng hợp",
                           "Nội tim mạch",
                           "Nội tiêu hóa",
                           "Nội thần kinh",
                           "Ngoại tổng hợp",
                           "Ngoại chấn thương chỉnh hình",
                           "Phẫu thuật gây mê hồi sức",
                           "Phụ sản",
                           "Nhi",
                           "Truyền nhiễm",
                           "Y học cổ truyền",
                           "Phục hồi chức năng",
                           "Tai Mũi Họng",
                           "Răng Hàm Mặt",
                           "Chẩn đoán hình ảnh",
                           "Xét nghiệm",
                           "Dinh dưỡng",
                           "Kiểm soát nhiễm khuẩn"};
const Strings kHealthOffices = {"Kế hoạch tổng hợp",   "Điều dưỡng",          "Tổ chức cán bộ",
                                "Tài chính - Kế toán", "Hành chính quản trị", "Quản lý chất lượng",
                                "Công nghệ thông tin"};
const Strings kWardOffices = {"Văn phòng HĐND và UBND phường", "Phòng Kinh tế, Hạ tầng và Đô thị",
                              "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công phường",
                              "Trung tâm Văn hóa - Thông tin và Thể thao phường"};
const Strings kFrontBodies = {
    "Hội Liên hiệp Phụ nữ phường", "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường",
    "Hội Cựu chiến binh phường", "Hội Người cao tuổi phường", "Hội Chữ thập đỏ phường"};
const Strings kKindergartenGroups = {"Tổ Nhà trẻ",      "Tổ Mẫu giáo bé", "Tổ Mẫu giáo nhỡ",
                                     "Tổ Mẫu giáo lớn", "Tổ Nuôi dưỡng",  "Tổ Văn phòng"};
const Strings kPrimaryGroups = {"Tổ chuyên môn khối 1", "Tổ chuyên môn khối 2",
                                "Tổ chuyên môn khối 3", "Tổ chuyên môn khối 4",
                                "Tổ chuyên môn khối 5", "Tổ Tiếng Anh - Năng khiếu",
                                "Tổ Văn phòng"};
const Strings kSecondaryGroups = {"Tổ Toán - Tin",        "Tổ Ngữ văn",
                                  "Tổ Ngoại ngữ",         "Tổ Khoa học tự nhiên",
                                  "Tổ Lịch sử và Địa lý", "Tổ Nghệ thuật - Thể chất",
                                  "Tổ Văn phòng"};
const Strings kSubjects = {"Toán",     "Ngữ văn",  "Tiếng Anh", "Vật lý",   "Hóa học",
                           "Sinh học", "Lịch sử",  "Địa lý",    "Tin học",  "Giáo dục công dân",
                           "Âm nhạc",  "Mỹ thuật", "Thể dục",   "Công nghệ"};
const Strings kCompanies = {"Hưng Thịnh", "Minh Phát",  "An Khang",   "Thành Đạt",
                            "Việt Tiến",  "Hoàng Long", "Đại Phát",   "Phú Gia",
                            "Tân Á",      "Bình Minh",  "Trường Sơn", "Sao Mai"};

bool isSchool(UnitType t) {
    return t == UnitType::Kindergarten || t == UnitType::Primary || t == UnitType::Secondary;
}

// Collective names of one dossier, none twice: first the unit's own sub-units (for titles),
// then, in a ward, its residential groups.
class Sections {
public:
    Sections(const Unit& u, Rng& rng) : m_unit(u), m_rng(rng) {
        switch (u.type) {
        case UnitType::Health:
            for (const auto& k : kClinical) {
                m_own.push_back("Khoa " + k);
            }
            for (const auto& p : kHealthOffices) {
                m_own.push_back("Phòng " + p);
            }
            break;
        case UnitType::WardOffice:
            m_own = kWardOffices;
            break;
        case UnitType::WardFront:
            m_own = kFrontBodies;
            break;
        case UnitType::Kindergarten:
            m_own = kKindergartenGroups;
            break;
        case UnitType::Primary:
            m_own = kPrimaryGroups;
            break;
        case UnitType::Secondary:
            m_own = kSecondaryGroups;
            break;
        }
        rng.shuffle(m_own);
    }
    // A sub-unit of the unit; a residential group of the ward when `community` (ward offices).
    std::string next(bool community) {
        const bool ward = m_unit.type == UnitType::WardOffice || m_unit.type == UnitType::WardFront;
        if ((!community || !ward) && m_nextOwn < m_own.size()) {
            return take(m_own[m_nextOwn++]);
        }
        if (ward) {
            const std::string prefix = m_unit.type == UnitType::WardFront
                                           ? "Ban Công tác Mặt trận Tổ dân phố số "
                                           : "Tổ dân phố số ";
            for (int tries = 0; tries < 200; ++tries) {
                std::string name = prefix + std::to_string(m_rng.between(1, 80));
                if (!m_used.count(name)) {
                    return take(name);
                }
            }
        }
        for (int k = 1;; ++k) { // every unit has trade-union groups
            std::string name = "Tổ Công đoàn số " + std::to_string(k);
            if (!m_used.count(name)) {
                return take(name);
            }
        }
    }
    // The unit itself (for a flag), once.
    bool takeUnit() { return m_used.insert(m_unit.name).second; }

private:
    std::string take(std::string name) {
        m_used.insert(name);
        return name;
    }
    const Unit& m_unit;
    Rng& m_rng;
    Strings m_own;
    std::size_t m_nextOwn = 0;
    std::set<std::string> m_used;
};

struct Job {
    std::string position;
    std::string workplace;
    model::PersonCategory category = model::PersonCategory::DirectWorker;
};

Job healthJob(const Unit& u, Rng& rng, bool leader) {
    Job j{"", u.name,
          leader ? model::PersonCategory::OtherLeader : model::PersonCategory::DirectWorker};
    const std::string khoa = rng.pick(kClinical);
    const std::string office = rng.pick(kHealthOffices);
    if (leader) {
        const int r = rng.below(10);
        j.position = r == 0  ? "Phó Giám đốc"
                     : r < 5 ? (rng.chance(0.5) ? "Trưởng khoa " : "Phó Trưởng khoa ") + khoa
                     : r < 7 ? "Điều dưỡng trưởng Khoa " + khoa
                             : (rng.chance(0.5) ? "Trưởng phòng " : "Phó Trưởng phòng ") + office;
        return j;
    }
    const int r = rng.below(20);
    // Nurses and orderlies work on the wards, not in the laboratory or imaging.
    const bool ward = khoa != "Xét nghiệm" && khoa != "Chẩn đoán hình ảnh";
    j.position = r < 7            ? "Bác sĩ Khoa " + khoa
                 : r < 13 && ward ? "Điều dưỡng Khoa " + khoa
                 : r < 13         ? "Kỹ thuật viên Khoa " + khoa
                 : r < 15         ? "Kỹ thuật viên Khoa " +
                                std::string(rng.chance(0.5) ? "Xét nghiệm" : "Chẩn đoán hình ảnh")
                 : r < 16         ? std::string("Dược sĩ Khoa Dược")
                 : r < 17 && ward ? "Hộ lý Khoa " + khoa
                                  : "Chuyên viên Phòng " + office;
    return j;
}

Job schoolJob(const Unit& u, Rng& rng, bool leader) {
    Job j{"", u.name,
          leader ? model::PersonCategory::OtherLeader : model::PersonCategory::DirectWorker};
    if (leader) {
        j.position = rng.chance(0.2) ? "Hiệu trưởng" : "Phó Hiệu trưởng";
        return j;
    }
    const int r = rng.below(10);
    if (r == 0) {
        j.position = rng.chance(0.5) ? "Nhân viên kế toán" : "Nhân viên y tế trường học";
    } else if (u.type == UnitType::Kindergarten) {
        j.position = r < 4   ? "Giáo viên lớp Mẫu giáo lớn"
                     : r < 7 ? "Giáo viên mầm non"
                             : "Giáo viên Nhà trẻ";
    } else if (u.type == UnitType::Primary) {
        const std::string grade = std::to_string(rng.between(1, 5));
        j.position = r < 7
                         ? "Giáo viên chủ nhiệm lớp " + grade +
                               std::string(1, static_cast<char>('A' + rng.below(5)))
                         : "Giáo viên " +
                               rng.pick({"Tiếng Anh", "Âm nhạc", "Mỹ thuật", "Thể dục", "Tin học"});
    } else {
        j.position = "Giáo viên " + rng.pick(kSubjects);
    }
    return j;
}

Job wardJob(const Unit& u, Rng& rng, bool leader) {
    const std::string ward = u.ward->name;
    Job j{"", wardUnitName(*u.ward),
          leader ? model::PersonCategory::OtherLeader : model::PersonCategory::DirectWorker};
    if (u.type == UnitType::WardFront) {
        j.workplace = u.name;
        if (leader) {
            j.position = "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam phường";
        } else if (rng.chance(0.5)) {
            j.position = "Chuyên viên Ủy ban Mặt trận Tổ quốc Việt Nam phường";
        } else {
            const std::string tdp = "Tổ dân phố số " + std::to_string(rng.between(1, 80));
            j.position = (rng.chance(0.5) ? "Trưởng Ban Công tác Mặt trận " : "Tổ trưởng ") + tdp;
            j.workplace = tdp + ", phường " + ward;
        }
        return j;
    }
    const std::string office = rng.pick(kWardOffices);
    if (leader) {
        j.position = office.rfind("Phòng", 0) == 0
                         ? (rng.chance(0.5) ? "Trưởng phòng " : "Phó Trưởng phòng ") +
                               office.substr(std::string("Phòng ").size())
                     : office.rfind("Văn phòng", 0) == 0 ? "Phó Chánh Văn phòng HĐND và UBND phường"
                                                         : "Phó Giám đốc " + office;
        return j;
    }
    j.position = (rng.chance(0.85) ? "Chuyên viên " : "Viên chức ") + office;
    return j;
}

Job jobIn(const Unit& u, Rng& rng) {
    const bool leader = rng.chance(0.12);
    if (u.type == UnitType::Health) {
        return healthJob(u, rng, leader);
    }
    if (isSchool(u.type)) {
        return schoolJob(u, rng, leader);
    }
    return wardJob(u, rng, leader);
}

double femaleShareOf(const Unit& u) {
    return isSchool(u.type) ? 0.85 : u.type == UnitType::Health ? 0.65 : 0.5;
}

// An achievement printed on a form or a flag: at most kAchievementMax characters.
std::string checked(std::string text) {
    if (characters(text) > kAchievementMax) {
        die("achievement longer than " + std::to_string(kAchievementMax) + " characters: " + text);
    }
    return text;
}

std::string individualAchievement(const Unit& u, Rng& rng) {
    const std::string n = std::to_string(rng.between(3, 40));
    if (u.type == UnitType::Health) {
        const Strings pool = {
            "Hoàn thành xuất sắc nhiệm vụ năm 2025, tích cực ứng dụng kỹ thuật mới trong khám, "
            "chữa bệnh",
            "Có thành tích xuất sắc trong công tác cấp cứu, điều trị người bệnh năm 2025",
            "Tích cực triển khai bệnh án điện tử, góp phần cải cách thủ tục trong khám, chữa bệnh "
            "năm 2025",
            "Tham gia thực hiện thành công " + std::to_string(rng.between(20, 300)) +
                " ca phẫu thuật, thủ thuật kỹ thuật cao năm 2025",
            "Có sáng kiến cải tiến quy trình chăm sóc người bệnh được áp dụng hiệu quả tại đơn vị "
            "năm 2025",
            "Hoàn thành xuất sắc nhiệm vụ phòng, chống dịch bệnh và tiêm chủng mở rộng năm 2025"};
        return checked(rng.pick(pool));
    }
    if (isSchool(u.type)) {
        const Strings pool = {
            "Có thành tích xuất sắc trong công tác giảng dạy và giáo dục học sinh năm học "
            "2024-2025",
            "Bồi dưỡng " + n +
                " học sinh đạt giải trong các kỳ thi, hội thi cấp Thành phố năm "
                "học 2024-2025",
            "Đạt giải " + rng.pick({"Nhất", "Nhì", "Ba"}) +
                " Hội thi giáo viên dạy giỏi cấp Thành phố năm học 2024-2025",
            "Tích cực đổi mới phương pháp dạy học, ứng dụng công nghệ thông tin trong giảng dạy "
            "năm 2025"};
        return checked(rng.pick(pool));
    }
    const std::string& street = rng.pick(u.ward->streets);
    const Strings pool = {
        "Hoàn thành xuất sắc nhiệm vụ năm 2025, góp phần vận hành hiệu quả chính quyền địa "
        "phương hai cấp",
        "Tích cực hướng dẫn người dân thực hiện thủ tục hành chính trực tuyến toàn trình năm 2025",
        "Có thành tích xuất sắc trong công tác bảo đảm trật tự đô thị trên địa bàn phường năm 2025",
        "Vận động nhân dân chỉnh trang ngõ " + std::to_string(rng.between(2, 200)) + " " + street +
            ", xây dựng tổ dân phố xanh, sạch, đẹp năm 2025"};
    return checked(rng.pick(pool));
}

std::string entrepreneurAchievement(Rng& rng) {
    const std::string m = std::to_string(rng.between(2, 40) * 10);
    return checked(rng.chance(0.5) ? "Ủng hộ " + m +
                                         " triệu đồng cho Quỹ “Vì người nghèo” và chương trình "
                                         "xóa nhà tạm, nhà dột nát năm 2025"
                                   : "Tài trợ " + m +
                                         " triệu đồng xây dựng sân chơi cho thiếu nhi trên địa "
                                         "bàn phường năm 2025");
}

std::string collectiveAchievement(const Unit& u, const std::string& name, Rng& rng) {
    if (name.rfind("Tổ dân phố", 0) == 0 || name.rfind("Ban Công tác", 0) == 0) {
        return checked("Tập thể tiêu biểu trong phong trào “Toàn dân đoàn kết xây dựng đời sống "
                       "văn hóa ở khu dân cư” năm 2025");
    }
    if (u.type == UnitType::Health) {
        return checked(rng.chance(0.5) ? "Hoàn thành xuất sắc nhiệm vụ khám, chữa bệnh năm 2025, "
                                         "không để xảy ra sai sót chuyên môn"
                                       : "Tập thể tiêu biểu trong thực hiện chuyển đổi số, nâng "
                                         "cao sự hài lòng của người bệnh năm 2025");
    }
    if (isSchool(u.type)) {
        return checked("Tập thể có " + std::to_string(rng.between(3, 30)) +
                       " học sinh đạt giải trong các kỳ thi, hội thi cấp Thành phố năm học "
                       "2024-2025");
    }
    return checked("Tập thể hoàn thành xuất sắc nhiệm vụ năm 2025, dẫn đầu phong trào thi đua "
                   "của phường " +
                   std::string(u.ward->name));
}

std::string householdAchievement(const Unit& u, int group, Rng& rng) {
    const std::string& street = rng.pick(u.ward->streets);
    const std::string lane = std::to_string(rng.between(2, 200));
    const int r = rng.below(3);
    return checked(
        r == 0 ? "Tự nguyện hiến " + std::to_string(rng.between(8, 60)) +
                     " m2 đất, tự tháo dỡ công trình để mở rộng ngõ " + lane + " " + street
        : r == 1 ? "Ủng hộ " + std::to_string(rng.between(2, 20) * 10) +
                       " triệu đồng sửa chữa, nâng cấp nhà văn hóa Tổ dân phố số " +
                       std::to_string(group) + " năm 2025"
                 : std::string("Gia đình tiêu biểu trong phong trào xây dựng gia đình văn hóa, "
                               "khu dân cư văn minh năm 2025"));
}

std::string flagAchievement(const Unit& u) {
    switch (u.type) {
    case UnitType::Health:
        return checked(u.hospital ? "Đơn vị dẫn đầu phong trào thi đua khối các bệnh viện trực "
                                    "thuộc Sở Y tế Hà Nội năm 2025"
                                  : "Đơn vị dẫn đầu phong trào thi đua khối các đơn vị y tế dự "
                                    "phòng, trung tâm y tế năm 2025");
    case UnitType::Kindergarten:
        return checked("Đơn vị dẫn đầu phong trào thi đua khối các trường mầm non năm học "
                       "2024-2025");
    case UnitType::Primary:
        return checked("Đơn vị dẫn đầu phong trào thi đua khối các trường tiểu học năm học "
                       "2024-2025");
    case UnitType::Secondary:
        return checked("Đơn vị dẫn đầu phong trào thi đua khối các trường trung học cơ sở năm "
                       "học 2024-2025");
    case UnitType::WardOffice:
    case UnitType::WardFront:
        break;
    }
    return checked("Đơn vị dẫn đầu phong trào thi đua khối các phường, xã của Thành phố năm 2025");
}

// ---------------------------------------------------------------------------------------------
// The round: how many nominations of each kind, to which dossier.

enum Kind { LDTT, GK, BK, GDVH, CSTDCS, TTLDTT, TTLDXS, CSTDTP, CTD, kKindCount };

struct KindPlan {
    const char* id;         // catalogue id
    const char* proposalId; // the proposal's local id in every dossier
    double percent;         // of all nominations
    bool city;              // decided by the city chairman
    const char* reason;
};

const KindPlan kKinds[kKindCount] = {
    {"lao-dong-tien-tien", "ldtt", 54.0, false, "đã hoàn thành tốt nhiệm vụ năm 2025"},
    {"giay-khen", "gk", 14.0, false, "đã có thành tích xuất sắc trong phong trào thi đua năm 2025"},
    {"bang-khen-tinh", "bk", 12.0, true, ""}, // reason by unit type
    {"gia-dinh-van-hoa", "gdvh", 5.0, false,
     "đã thực hiện tốt các tiêu chí xây dựng gia đình văn hóa năm 2025"},
    {"chien-si-thi-dua-co-so", "cstdcs", 5.0, false,
     "đã hoàn thành xuất sắc nhiệm vụ năm 2025, có sáng kiến được công nhận cấp cơ sở"},
    {"tap-the-lao-dong-tien-tien", "ttldtt", 5.0, false, "đã hoàn thành tốt nhiệm vụ năm 2025"},
    {"tap-the-lao-dong-xuat-sac", "ttldxs", 3.0, true, "đã hoàn thành xuất sắc nhiệm vụ năm 2025"},
    {"chien-si-thi-dua-tinh", "cstdtp", 1.6, true,
     "đã có thành tích tiêu biểu xuất sắc, có sáng kiến được công nhận và áp dụng hiệu quả trong "
     "phạm vi Thành phố"},
    {"co-thi-dua-tinh", "ctd", 0.3, true,
     "đã hoàn thành xuất sắc, toàn diện nhiệm vụ, dẫn đầu phong trào thi đua năm 2025"},
};

// One nomination to place: a kind and who receives it.
struct Item {
    Kind kind;
    NomineeKind recipient;
};

struct Counts {
    int perKind[kKindCount] = {};
    int households[kKindCount] = {}; // of GK, BK (GĐVH: all)
    int collectives[kKindCount] = {};
};

// The round's counts: each kind's share of N (Lao động tiên tiến takes what rounding leaves),
// then the households and collectives that Giấy khen and Bằng khen must add to what the
// household and collective kinds hold for 7 % and 11 % of the nominees.
Counts roundCounts(int n) {
    Counts c;
    int others = 0;
    for (int k = GK; k < kKindCount; ++k) {
        c.perKind[k] = static_cast<int>(std::lround(n * kKinds[k].percent / 100.0));
        others += c.perKind[k];
    }
    c.perKind[LDTT] = n - others;
    const int nominees = n - c.perKind[CSTDCS]; // each CSTĐ cơ sở is also a LĐTT nominee
    const int households = static_cast<int>(std::lround(nominees * 0.07));
    const int collectives = static_cast<int>(std::lround(nominees * 0.11));
    const int extraH = std::max(0, households - c.perKind[GDVH]);
    const int extraC =
        std::max(0, collectives - c.perKind[TTLDTT] - c.perKind[TTLDXS] - c.perKind[CTD]);
    const double gkShare =
        static_cast<double>(c.perKind[GK]) / std::max(1, c.perKind[GK] + c.perKind[BK]);
    c.households[GK] = static_cast<int>(std::lround(extraH * gkShare));
    c.households[BK] = extraH - c.households[GK];
    c.collectives[GK] = static_cast<int>(std::lround(extraC * gkShare));
    c.collectives[BK] = extraC - c.collectives[GK];
    for (int k : {GK, BK}) {
        c.households[k] = std::min(c.households[k], c.perKind[k]);
        c.collectives[k] = std::min(c.collectives[k], c.perKind[k] - c.households[k]);
    }
    c.households[GDVH] = c.perKind[GDVH];
    for (int k : {TTLDTT, TTLDXS, CTD}) {
        c.collectives[k] = c.perKind[k];
    }
    return c;
}

// Which dossier gets each nomination: every dossier one first (of the kind and recipient with
// the most left that it may take), the rest by the dossiers' sizes (a weight each); households
// only to ward offices; each Chiến sĩ thi đua cơ sở to a dossier with a Lao động tiên tiến
// nominee left to pair with; flags one per dossier while there are dossiers without one.
std::vector<std::vector<Item>> placeItems(const Counts& c, const std::vector<Unit>& units,
                                          Rng& rng) {
    const std::size_t d = units.size();
    std::vector<double> weight(d);
    for (auto& w : weight) {
        w = 0.4 + 1.2 * rng.unit();
    }
    const NomineeKind recipients[] = {NomineeKind::Individual, NomineeKind::Collective,
                                      NomineeKind::Household};
    std::map<std::pair<int, NomineeKind>, int> left;
    for (int k = 0; k < kKindCount; ++k) {
        left[{k, NomineeKind::Household}] = c.households[k];
        left[{k, NomineeKind::Collective}] = c.collectives[k];
        left[{k, NomineeKind::Individual}] = c.perKind[k] - c.households[k] - c.collectives[k];
    }
    std::vector<std::vector<Item>> out(d);
    std::vector<int> ldtt(d, 0), flags(d, 0), soldiers(d, 0);
    auto placeAt = [&](std::size_t at, Item item) {
        out[at].push_back(item);
        --left[{item.kind, item.recipient}];
        ldtt[at] += item.kind == LDTT ? 1 : 0;
        flags[at] += item.kind == CTD ? 1 : 0;
        soldiers[at] += item.kind == CSTDCS ? 1 : 0;
    };
    auto placeWhere = [&](Item item, auto eligible) {
        std::vector<double> w(d, 0);
        for (std::size_t i = 0; i < d; ++i) {
            w[i] = eligible(i) ? weight[i] : 0;
        }
        placeAt(rng.weighted(w), item);
    };
    for (std::size_t i = 0; i < d; ++i) {
        Item best{CSTDCS, NomineeKind::Individual}; // unpaired, when nothing else is left
        int most = 0;
        for (int k = 0; k < kKindCount; ++k) {
            for (NomineeKind r : recipients) {
                const int n = left[{k, r}];
                const bool ok = k != CSTDCS && (r != NomineeKind::Household || units[i].households);
                if (ok && n > most) {
                    best = {Kind(k), r};
                    most = n;
                }
            }
        }
        if (most > 0 || left[{CSTDCS, NomineeKind::Individual}] > 0) {
            placeAt(i, best);
        }
    }
    auto any = [](std::size_t) { return true; };
    auto householdsOk = [&](std::size_t i) { return units[i].households; };
    for (int k = LDTT; k < kKindCount; ++k) {
        if (k == CSTDCS) {
            continue; // after all Lao động tiên tiến nominees are placed
        }
        while (left[{k, NomineeKind::Household}] > 0) {
            placeWhere(Item{Kind(k), NomineeKind::Household}, householdsOk);
        }
        while (left[{k, NomineeKind::Collective}] > 0) {
            const bool unflagged = *std::min_element(flags.begin(), flags.end()) == 0;
            if (k == CTD && unflagged) {
                placeWhere(Item{CTD, NomineeKind::Collective},
                           [&](std::size_t j) { return flags[j] == 0; });
            } else {
                placeWhere(Item{Kind(k), NomineeKind::Collective}, any);
            }
        }
        while (left[{k, NomineeKind::Individual}] > 0) {
            placeWhere(Item{Kind(k), NomineeKind::Individual}, any);
        }
    }
    while (left[{CSTDCS, NomineeKind::Individual}] > 0) {
        bool unpaired = false;
        for (std::size_t j = 0; j < d; ++j) {
            unpaired = unpaired || ldtt[j] > soldiers[j];
        }
        placeWhere(Item{CSTDCS, NomineeKind::Individual},
                   [&](std::size_t j) { return !unpaired || ldtt[j] > soldiers[j]; });
    }
    if (std::any_of(out.begin(), out.end(), [](const auto& items) { return items.empty(); })) {
        die("N is too small for DOSSIERS: some dossier would have no nominee (households go to "
            "ward offices only); take N >= 2 x DOSSIERS");
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// One dossier.

struct Dates {
    model::Date minutes;    // biên bản xét
    model::Date report;     // báo cáo thành tích
    model::Date submission; // tờ trình to the local issuer
    model::Date citySubmission;
    model::Date decision; // of the local issuer
    model::Date cityDecision;
};

Dates datesOf(Rng& rng) {
    Dates d;
    const int tt = rng.between(5, 10);
    d.submission = date(2026, 1, tt);
    d.citySubmission = date(2026, 1, rng.between(tt, 10));
    d.minutes = date(2026, 1, tt - rng.between(1, 3));
    d.report = date(2026, 1, d.minutes.day - 1);
    d.decision = date(2026, 1, rng.between(15, 20));
    d.cityDecision = date(2026, 1, rng.between(15, 20));
    return d;
}

std::string bangKhenReason(const Unit& u) {
    if (u.type == UnitType::Health) {
        return "đã có thành tích xuất sắc trong công tác chăm sóc, bảo vệ và nâng cao sức khỏe "
               "Nhân dân năm 2025";
    }
    if (isSchool(u.type)) {
        return "đã có thành tích xuất sắc trong công tác giáo dục và đào tạo năm học 2024-2025";
    }
    return "đã có thành tích xuất sắc trong xây dựng chính quyền địa phương hai cấp và phát triển "
           "kinh tế - xã hội năm 2025";
}

// Who decided an earlier award of this unit's people: the health department as now; for a ward
// before the two-tier reform of 01/07/2025, the district (titles) or one of the old wards merged
// into it (some forms).
std::string formerIssuer(const Unit& u, Rng& rng, bool title) {
    if (!u.ward) {
        return "Giám đốc Sở Y tế Hà Nội";
    }
    if (!title && rng.chance(0.3)) {
        return "Chủ tịch UBND phường " + rng.pick(u.ward->formerWards);
    }
    return "Chủ tịch UBND quận " + std::string(u.ward->formerDistrict);
}

std::string decisionNumber(const Unit& u, Rng& rng) {
    return std::to_string(rng.between(100, 6500)) + (u.ward ? "/QĐ-UBND" : "/QĐ-SYT");
}

model::PriorAward priorAward(int year, const char* kind, std::string issuer, std::string number,
                             Rng& rng) {
    model::PriorAward a;
    a.year = year;
    a.kindId = kind;
    a.issuer = std::move(issuer);
    a.decisionNumber = std::move(number);
    a.decisionDate = date(year, 12, rng.between(15, 28));
    return a;
}

const Strings kInitiativeTitles = {
    "Ứng dụng phần mềm quản lý hồ sơ điện tử trong công tác chuyên môn tại đơn vị",
    "Cải tiến quy trình tiếp nhận và trả kết quả, rút ngắn thời gian chờ của người dân",
    "Số hóa hồ sơ lưu trữ, nâng cao hiệu quả tra cứu thông tin tại đơn vị",
    "Nâng cao chất lượng chăm sóc toàn diện người bệnh cao tuổi tại khoa lâm sàng",
    "Giải pháp giảm thời gian chờ khám bệnh bằng đặt lịch hẹn trực tuyến",
    "Tổ chức hoạt động trải nghiệm gắn với di sản văn hóa Thăng Long - Hà Nội cho học sinh",
    "Vận dụng phương pháp dạy học theo dự án nhằm phát triển năng lực tự học của học sinh",
    "Xây dựng mô hình tổ dân phố số, hướng dẫn người dân sử dụng dịch vụ công trực tuyến"};

model::Initiative initiative(const std::string& id, int code, const std::string& by,
                             model::InitiativeScope scope, Rng& rng) {
    model::Initiative in;
    in.id = id;
    // Numbered across the round, as each council's register numbers its own: a code names one
    // initiative (config/rules.xml L022 tells initiatives apart by their codes).
    static int serial = 0;
    in.code = (scope == model::InitiativeScope::Base ? "SK-" : "SKTP-") + two(code) + "." +
              std::to_string(++serial) + "/2025";
    in.title = rng.pick(kInitiativeTitles);
    in.recognisedBy = by;
    in.date = date(2025, scope == model::InitiativeScope::Base ? 11 : 6, rng.between(10, 28));
    in.scope = scope;
    return in;
}

class DossierBuilder {
public:
    DossierBuilder(const Unit& u, Rng& rng)
        : m_unit(u), m_rng(rng), m_people(rng, femaleShareOf(u)), m_sections(u, rng),
          m_dates(datesOf(rng)) {}

    model::Dossier build(const std::vector<Item>& items) {
        m_d.proposingUnit = {m_unit.code, m_unit.name};
        m_d.round = {"Tổng kết công tác thi đua, khen thưởng năm 2025", kRoundYear,
                     m_unit.ward ? "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã "
                                   "hội, xây dựng chính quyền địa phương hai cấp năm 2025"
                                 : "Đổi mới phong cách, thái độ phục vụ của cán bộ y tế, hướng "
                                   "tới sự hài lòng của người bệnh"};
        int count[kKindCount] = {};
        for (const auto& item : items) {
            ++count[item.kind];
        }
        addProposals(count);
        addNominees(items, count[CSTDCS]);
        addDocuments();
        return std::move(m_d);
    }

private:
    void addProposals(const int (&count)[kKindCount]) {
        for (int k = 0; k < kKindCount; ++k) {
            if (count[k] == 0) {
                continue;
            }
            model::Proposal p;
            p.id = kKinds[k].proposalId;
            p.kindId = kKinds[k].id;
            p.issuerId = kKinds[k].city ? kCityIssuer : m_unit.localIssuer;
            p.decisionDate = kKinds[k].city ? m_dates.cityDecision : m_dates.decision;
            p.period.kind = model::AchievementPeriod::Kind::Year;
            p.period.year = kRoundYear;
            p.reason = k == BK ? bangKhenReason(m_unit) : kKinds[k].reason;
            (kKinds[k].city ? m_cityProposals : m_localProposals).push_back(p.id);
            m_d.proposals.push_back(std::move(p));
        }
    }

    std::string nextId(const char* prefix) { return prefix + std::to_string(++m_ids); }

    model::Nominee individual(Kind k) {
        const Person p = m_people.next();
        model::Nominee n;
        n.kind = NomineeKind::Individual;
        n.id = nextId("cn");
        n.name = p.name;
        n.honorific = p.honorific();
        n.gender = p.gender;
        n.birthYear = p.birthYear;
        const bool entrepreneur = (k == GK || k == BK) && m_unit.households && m_rng.chance(0.15);
        if (entrepreneur) {
            const char* form =
                m_rng.chance(0.6) ? "Công ty TNHH Thương mại và Dịch vụ " : "Công ty Cổ phần ";
            const std::string company = form + m_rng.pick(kCompanies);
            n.position = "Giám đốc " + company;
            n.workplace = company;
            n.category = model::PersonCategory::Entrepreneur;
        } else {
            Job j = jobIn(m_unit, m_rng);
            n.position = j.position;
            n.workplace = j.workplace;
            n.category = j.category;
        }
        model::Nomination nom;
        nom.proposalId = kKinds[k].proposalId;
        if (k == GK || k == BK) {
            nom.achievement = entrepreneur ? entrepreneurAchievement(m_rng)
                                           : individualAchievement(m_unit, m_rng);
        }
        n.nominations.push_back(std::move(nom));
        individualHistory(n, k);
        return n;
    }

    // An award of this unit's people before: who decided it then, its number and date.
    model::PriorAward prior(int year, const char* kind, bool title) {
        std::string issuer = formerIssuer(m_unit, m_rng, title);
        std::string number = decisionNumber(m_unit, m_rng);
        return priorAward(year, kind, std::move(issuer), std::move(number), m_rng);
    }

    void individualHistory(model::Nominee& n, Kind k) {
        auto& h = n.history;
        if (k == CSTDTP) {
            for (int y = 2022; y <= 2024; ++y) {
                h.awards.push_back(prior(y, "chien-si-thi-dua-co-so", true));
            }
            for (int y = 2023; y <= 2025; ++y) {
                h.ratings.push_back({y, model::TaskRating::Excellent});
            }
            const std::string id = "sk-" + n.id;
            h.initiatives.push_back(initiative(id, ++m_initiatives,
                                               "Hội đồng Sáng kiến cấp Thành phố Hà Nội",
                                               model::InitiativeScope::Province, m_rng));
            n.nominations.back().initiativeIds = {id};
            m_cityInitiatives.push_back(id);
        } else if (k == BK) {
            // What config/rules.xml asks of an individual's Bằng khen (L010): Chiến sĩ thi đua
            // cơ sở two years in a row.
            h.awards.push_back(prior(2024, "chien-si-thi-dua-co-so", true));
            h.awards.push_back(prior(2025, "chien-si-thi-dua-co-so", true));
            h.ratings.push_back({2024, model::TaskRating::Excellent});
            h.ratings.push_back({2025, model::TaskRating::Excellent});
        } else if (k == LDTT) {
            // The year's rating Lao động tiên tiến is judged on (L013).
            if (m_rng.chance(0.15)) {
                h.awards.push_back(prior(2024, "lao-dong-tien-tien", true));
            }
            h.ratings.push_back(
                {2025, m_rng.chance(0.3) ? model::TaskRating::Excellent : model::TaskRating::Good});
        } else if (k == GK && m_rng.chance(0.3)) {
            h.ratings.push_back({2025, model::TaskRating::Excellent});
        }
    }

    // A Lao động tiên tiến nominee who is also proposed for Chiến sĩ thi đua cơ sở, with the
    // ratings and the initiative the title asks for.
    void makeEmulationSoldier(model::Nominee& n) {
        const std::string id = "sk-" + n.id;
        model::Nomination nom;
        nom.proposalId = kKinds[CSTDCS].proposalId;
        nom.initiativeIds = {id};
        n.nominations.push_back(std::move(nom));
        auto& h = n.history;
        h.ratings.clear();
        h.ratings.push_back({2024, model::TaskRating::Excellent});
        h.ratings.push_back({2025, model::TaskRating::Excellent});
        const std::string by = m_unit.ward
                                   ? "Hội đồng Sáng kiến phường " + std::string(m_unit.ward->name)
                                   : "Hội đồng Sáng kiến " + m_unit.name;
        h.initiatives.push_back(
            initiative(id, ++m_initiatives, by, model::InitiativeScope::Base, m_rng));
        m_baseInitiatives.push_back(id);
    }

    model::Nominee collective(Kind k) {
        model::Nominee n;
        n.kind = NomineeKind::Collective;
        n.id = nextId("tt");
        const bool ward = m_unit.type == UnitType::WardOffice;
        const bool community = (k == GK || k == BK) && m_unit.households;
        if (k == CTD && m_sections.takeUnit()) {
            n.name = m_unit.name;
            n.parentUnit = m_unit.parentBody;
        } else if (community && ward && m_rng.chance(0.25)) {
            n.name = uniqueCompany();
            n.enterprise = true;
            const std::string number = std::to_string(m_rng.between(1, 300));
            n.address = "Số " + number + " " + m_rng.pick(m_unit.ward->streets) + ", phường " +
                        m_unit.ward->name;
        } else {
            n.name = m_sections.next(community);
            n.parentUnit = n.name.rfind("Tổ dân phố", 0) == 0
                               ? "phường " + std::string(m_unit.ward->name)
                               : m_unit.name;
        }
        const Person rep = m_people.next();
        n.representative.honorific = rep.honorific();
        n.representative.name = rep.name;
        n.representative.gender = rep.gender;
        n.representative.position = n.enterprise ? "Giám đốc" : representativeTitle(n.name);
        model::Nomination nom;
        nom.proposalId = kKinds[k].proposalId;
        if (k == CTD) {
            nom.achievement = flagAchievement(m_unit);
        } else if (k == GK || k == BK) {
            nom.achievement = collectiveAchievement(m_unit, n.name, m_rng);
        }
        n.nominations.push_back(std::move(nom));
        if (k == TTLDXS) {
            n.history.awards.push_back(prior(2024, "tap-the-lao-dong-tien-tien", true));
        } else if (k == CTD) { // two years of Tập thể lao động xuất sắc, from the city
            for (int y = 2023; y <= 2024; ++y) {
                std::string number = std::to_string(m_rng.between(100, 6500)) + "/QĐ-UBND";
                n.history.awards.push_back(priorAward(y, "tap-the-lao-dong-xuat-sac",
                                                      "Chủ tịch UBND Thành phố Hà Nội",
                                                      std::move(number), m_rng));
            }
        }
        return n;
    }

    std::string uniqueCompany() {
        for (;;) {
            const char* form = m_rng.chance(0.6) ? "Công ty TNHH " : "Công ty Cổ phần ";
            const std::string brand = m_rng.pick(kCompanies);
            std::string name = form + brand + (m_rng.chance(0.5) ? " Hà Nội" : " Việt Nam");
            if (m_companies.insert(name).second) {
                return name;
            }
            if (m_companies.size() >= kCompanies.size() * 4) {
                return "Công ty TNHH " + m_rng.pick(kCompanies) + " " +
                       std::to_string(m_companies.size());
            }
        }
    }

    std::string representativeTitle(const std::string& collective) const {
        if (collective == m_unit.name) {
            return m_unit.type == UnitType::Health      ? "Giám đốc"
                   : isSchool(m_unit.type)              ? "Hiệu trưởng"
                   : m_unit.type == UnitType::WardFront ? "Chủ tịch"
                                                        : "Chủ tịch Ủy ban nhân dân phường";
        }
        if (collective.rfind("Khoa", 0) == 0) {
            return "Trưởng khoa";
        }
        if (collective.rfind("Phòng", 0) == 0) {
            return "Trưởng phòng";
        }
        if (collective.rfind("Tổ", 0) == 0) {
            return "Tổ trưởng";
        }
        if (collective.rfind("Ban", 0) == 0) {
            return "Trưởng ban";
        }
        if (collective.rfind("Hội", 0) == 0 || collective.rfind("Đoàn", 0) == 0) {
            return collective.rfind("Đoàn", 0) == 0 ? "Bí thư" : "Chủ tịch";
        }
        if (collective.rfind("Văn phòng", 0) == 0) {
            return "Chánh Văn phòng";
        }
        return "Giám đốc";
    }

    model::Nominee household(Kind k) {
        const Person head = m_people.head();
        model::Nominee n;
        n.kind = NomineeKind::Household;
        n.id = nextId("hgd");
        n.headName = head.name;
        n.headHonorific = head.honorific();
        n.headGender = head.gender;
        n.headBirthYear = head.birthYear;
        const int group = m_rng.between(1, 80);
        const std::string house = std::to_string(m_rng.between(1, 120));
        const std::string lane = std::to_string(m_rng.between(2, 200));
        n.address = "Số " + house + ", ngõ " + lane + " " + m_rng.pick(m_unit.ward->streets) +
                    ", Tổ dân phố số " + std::to_string(group) + ", phường " + m_unit.ward->name;
        model::Nomination nom;
        nom.proposalId = kKinds[k].proposalId;
        if (k != GDVH) {
            nom.achievement = householdAchievement(m_unit, group, m_rng);
        }
        n.nominations.push_back(std::move(nom));
        if (k == GDVH && m_rng.chance(0.6)) {
            const std::string old = m_rng.pick(m_unit.ward->formerWards);
            for (int y = 2023; y <= 2024; ++y) {
                std::string number = std::to_string(m_rng.between(100, 900)) + "/QĐ-UBND";
                n.history.awards.push_back(priorAward(y, "gia-dinh-van-hoa",
                                                      "Chủ tịch UBND phường " + old,
                                                      std::move(number), m_rng));
            }
        }
        return n;
    }

    void addNominees(const std::vector<Item>& items, int emulationSoldiers) {
        int toPair = emulationSoldiers;
        for (const auto& item : items) {
            if (item.kind == CSTDCS) {
                continue; // paired below, or alone when no LĐTT nominee is left
            }
            model::Nominee n = item.recipient == NomineeKind::Household    ? household(item.kind)
                               : item.recipient == NomineeKind::Collective ? collective(item.kind)
                                                                           : individual(item.kind);
            if (item.kind == LDTT && toPair > 0) {
                makeEmulationSoldier(n);
                --toPair;
            }
            m_d.nominees.push_back(std::move(n));
        }
        for (; toPair > 0; --toPair) {
            model::Nominee n = individual(CSTDCS);
            n.nominations.clear();
            makeEmulationSoldier(n);
            m_d.nominees.push_back(std::move(n));
        }
    }

    model::DossierDocument document(const char* id, model::DocumentKind kind, const model::Date& on,
                                    std::string title) {
        model::DossierDocument doc;
        doc.id = id;
        doc.kind = kind;
        doc.date = on;
        doc.signer = m_head.name;
        doc.title = std::move(title);
        return doc;
    }

    void addDocuments() {
        m_head = m_people.next();
        const std::string tail = m_unit.notation.substr(std::string("TTr-").size());
        auto number = [&](const char* what) {
            return two(m_rng.between(1, 150)) + "/" + what + "-" + tail;
        };
        const bool both = !m_localProposals.empty() && !m_cityProposals.empty();
        auto bb = document("bb01", model::DocumentKind::ReviewMinutes, m_dates.minutes,
                           "Biên bản họp Hội đồng Thi đua - Khen thưởng xét khen thưởng tổng kết "
                           "năm 2025");
        bb.number = two(m_rng.between(1, 20)) + "/BB-HĐTĐKT";
        m_d.documents.push_back(bb);
        auto bc = document("bc01", model::DocumentKind::AchievementReport, m_dates.report,
                           "Báo cáo thành tích của các tập thể, cá nhân đề nghị khen thưởng tổng "
                           "kết năm 2025");
        bc.number = number("BC");
        m_d.documents.push_back(bc);
        if (!m_localProposals.empty()) {
            auto tt = document("tt01", model::DocumentKind::Submission, m_dates.submission,
                               "Tờ trình về việc đề nghị công nhận danh hiệu thi đua và khen "
                               "thưởng tổng kết năm 2025");
            tt.number = number("TTr");
            tt.proposalIds = both ? m_localProposals : Strings{};
            m_d.documents.push_back(tt);
        }
        if (!m_cityProposals.empty()) {
            const bool forms = std::count(m_cityProposals.begin(), m_cityProposals.end(),
                                          kKinds[BK].proposalId) > 0;
            const bool titles = m_cityProposals.size() > (forms ? 1U : 0U);
            const std::string what = titles && forms
                                         ? "công nhận danh hiệu thi đua và tặng Bằng khen"
                                     : titles ? "công nhận danh hiệu thi đua"
                                              : "tặng Bằng khen";
            auto tt = document("tt02", model::DocumentKind::Submission, m_dates.citySubmission,
                               "Tờ trình về việc đề nghị Chủ tịch Ủy ban nhân dân Thành phố " +
                                   what + " năm 2025");
            tt.number = number("TTr");
            tt.proposalIds = both ? m_cityProposals : Strings{};
            m_d.documents.push_back(tt);
        }
        if (!m_baseInitiatives.empty()) {
            auto qd = document("qd-sk", model::DocumentKind::InitiativeProof, date(2025, 11, 30),
                               "Quyết định công nhận sáng kiến cấp cơ sở năm 2025");
            qd.number = number("QĐ");
            qd.initiativeIds = m_baseInitiatives;
            m_d.documents.push_back(qd);
        }
        if (!m_cityInitiatives.empty()) {
            auto gcn = document("gcn-sktp", model::DocumentKind::InitiativeProof, date(2025, 6, 30),
                                "Giấy chứng nhận sáng kiến cấp Thành phố");
            gcn.number = two(m_rng.between(1, 200)) + "/GCN-HĐSK";
            gcn.signer.clear();
            gcn.initiativeIds = m_cityInitiatives;
            m_d.documents.push_back(gcn);
        }
    }

    const Unit& m_unit;
    Rng& m_rng;
    People m_people;
    Sections m_sections;
    Dates m_dates;
    model::Dossier m_d;
    Person m_head;
    Strings m_localProposals, m_cityProposals, m_baseInitiatives, m_cityInitiatives;
    std::set<std::string> m_companies;
    int m_ids = 0;
    int m_initiatives = 0;
};

// ---------------------------------------------------------------------------------------------
// Checks against config/ before writing: what the product will check, so that a refusal by
// `tdkt validate` is the product's finding, not the generator's mistake.

struct Config {
    validate::IssuerRegistry issuers;
    validate::AwardCatalogue catalogue;
};

void checkAgainstConfig(const model::Dossier& d, const Config& config) {
    std::map<std::string, model::AwardKind> kinds;
    for (const auto& p : d.proposals) {
        const model::Issuer* issuer = config.issuers.find(p.issuerId, p.decisionDate);
        if (!issuer) {
            die(d.proposingUnit.code + ": no issuer " + p.issuerId + " on " + p.decisionDate.iso());
        }
        if (!config.catalogue.authority(p.kindId, issuer->level, p.decisionDate)) {
            die(d.proposingUnit.code + ": " + p.issuerId + " (" + issuer->level +
                ") may not grant " + p.kindId + " on " + p.decisionDate.iso());
        }
        auto kind = config.catalogue.at(p.kindId, p.decisionDate);
        if (!kind) {
            die(p.kindId + " has no rule on " + p.decisionDate.iso());
        }
        kinds.emplace(p.id, *kind);
    }
    for (const auto& n : d.nominees) {
        for (const auto& nom : n.nominations) {
            const model::AwardKind& k = kinds.at(nom.proposalId);
            if (!k.accepts(n.kind)) {
                die(d.proposingUnit.code + ": " + k.id + " is not for a " +
                    model::toString(n.kind));
            }
            const bool prints =
                k.awardClass == model::AwardClass::Form || k.artefact == model::ArtefactKind::Flag;
            if (prints != !nom.achievement.empty() || (k.achievementRequired && !prints)) {
                die(d.proposingUnit.code + ": achievement of " + n.id + " for " + k.id);
            }
        }
    }
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct Options {
    std::uint32_t seed = 20260105;
    int nominations = 10'000;
    int dossiers = 160;
    fs::path out;
};

Options parseArgs(int argc, char** argv) {
    Options o;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seed" && i + 1 < argc) {
            o.seed = static_cast<std::uint32_t>(std::strtoul(argv[++i], nullptr, 10));
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 3) {
        std::fprintf(stderr, "usage: bench_make_round [--seed S] N DOSSIERS OUT_DIR\n");
        std::exit(64);
    }
    o.nominations = std::atoi(positional[0].c_str());
    o.dossiers = std::atoi(positional[1].c_str());
    o.out = positional[2];
    if (o.dossiers < 1 || o.nominations < o.dossiers) {
        die("need 1 <= DOSSIERS <= N");
    }
    return o;
}

} // namespace

int main(int argc, char** argv) {
    const Options opt = parseArgs(argc, argv);
    const core::Environment env = core::Environment::fromProcess();
    auto issuers = validate::IssuerRegistry::load(env);
    auto catalogue = validate::AwardCatalogue::load(env);
    if (!issuers || !catalogue) {
        die("cannot load config/ of " + env.dataDir.string() + ": " +
            (!issuers ? issuers.error().message : catalogue.error().message));
    }
    const Config config{std::move(issuers).value(), std::move(catalogue).value()};

    Rng rng(opt.seed);
    std::vector<Unit> units;
    for (int i = 0; i < opt.dossiers; ++i) {
        units.push_back(unitOf(i));
    }
    const Counts counts = roundCounts(opt.nominations);
    const auto placed = placeItems(counts, units, rng);

    fs::create_directories(opt.out);
    int nominations = 0, nominees = 0, households = 0, collectives = 0;
    int perKind[kKindCount] = {};
    std::uintmax_t bytes = 0;
    std::string searchName;
    for (std::size_t i = 0; i < units.size(); ++i) {
        DossierBuilder builder(units[i], rng);
        model::Dossier d = builder.build(placed[i]);
        checkAgainstConfig(d, config);
        for (const auto& n : d.nominees) {
            ++nominees;
            households += n.kind == NomineeKind::Household ? 1 : 0;
            collectives += n.kind == NomineeKind::Collective ? 1 : 0;
            nominations += static_cast<int>(n.nominations.size());
            for (const auto& nom : n.nominations) {
                for (int k = 0; k < kKindCount; ++k) {
                    perKind[k] += nom.proposalId == kKinds[k].proposalId ? 1 : 0;
                }
            }
            if (searchName.empty() && n.kind == NomineeKind::Individual &&
                n.nominations.front().proposalId == kKinds[BK].proposalId) {
                searchName = n.name;
            }
        }
        const std::string xml = validate::writeDossier20(d);
        char name[32];
        std::snprintf(name, sizeof name, "%03zu-", i + 1);
        const fs::path file = opt.out / (name + lower(units[i].code) + ".xml");
        std::ofstream(file.string(), std::ios::binary) << xml;
        bytes += xml.size();
    }
    if (nominations != opt.nominations) {
        die("wrote " + std::to_string(nominations) + " nominations instead of " +
            std::to_string(opt.nominations));
    }
    std::printf("round: %d dossiers, %d nominations, %d nominees (%d households = %.1f %%, %d "
                "collectives = %.1f %%), %.1f MB of XML, seed %u\n",
                opt.dossiers, nominations, nominees, households, 100.0 * households / nominees,
                collectives, 100.0 * collectives / nominees, static_cast<double>(bytes) / 1e6,
                opt.seed);
    for (int k = 0; k < kKindCount; ++k) {
        std::printf("  %-28s %6d  %5.1f %%\n", kKinds[k].id, perKind[k],
                    100.0 * perKind[k] / nominations);
    }
    std::printf("search: %s\n", searchName.c_str());
    return 0;
}

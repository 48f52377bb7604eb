#include "dossier.hpp"

namespace tdkt::model {

const char* toString(AwardFormKind k) {
    return k == AwardFormKind::BangKhen ? "BangKhen" : "GiayKhen";
}

const char* displayName(AwardFormKind k) {
    return k == AwardFormKind::BangKhen ? "Bằng khen" : "Giấy khen";
}

const char* toString(PersonCategory c) {
    switch (c) {
    case PersonCategory::ProvincialLeader:
        return "provincialLeader";
    case PersonCategory::DepartmentLeader:
        return "departmentLeader";
    case PersonCategory::Entrepreneur:
        return "entrepreneur";
    case PersonCategory::OtherLeader:
        return "otherLeader";
    case PersonCategory::DirectWorker:
        return "directWorker";
    }
    return "directWorker";
}

const char* toString(NomineeKind k) {
    return k == NomineeKind::Individual ? "individual" : "collective";
}

const char* toString(Gender g) {
    return g == Gender::Male ? "male" : "female";
}

} // namespace tdkt::model

#include "archive/history.hpp"

#include "archive/metadata.hpp"
#include "pipeline/core/atomic_file.hpp"
#include "pipeline/core/sha256.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <tuple>

namespace tdkt::archive {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool isSha256(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}

core::Error badRecord(const std::string& displayName, const std::string& why) {
    return core::makeError(core::ErrorKind::InputRejected, "A431",
                           "bản ghi lần nhập lịch sử khen thưởng không đọc được: " + why,
                           {displayName});
}

Object::Ptr awardJson(const ImportedAward& a) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("line", a.line);
    o->set("kind", std::string(model::toString(a.kind)));
    o->set("name", a.name);
    o->set("birthYear", a.birthYear);
    o->set("unit", a.unit);
    o->set("kindId", a.kindId);
    o->set("kindName", a.kindName);
    o->set("year", a.year);
    o->set("decisionNumber", a.decisionNumber);
    o->set("decisionDate", a.decisionDate);
    o->set("issuer", a.issuer);
    Array::Ptr initiatives = new Array;
    for (const auto& i : a.initiatives) {
        Object::Ptr io = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        io->set("code", i.code);
        io->set("title", i.title);
        initiatives->add(io);
    }
    o->set("initiatives", initiatives);
    return o;
}

ImportedAward awardFrom(const Object::Ptr& o) {
    ImportedAward a;
    a.line = o->getValue<int>("line");
    if (!model::parse(o->getValue<std::string>("kind"), a.kind)) {
        throw Poco::DataFormatException("kind");
    }
    a.name = o->getValue<std::string>("name");
    a.birthYear = o->getValue<int>("birthYear");
    a.unit = o->getValue<std::string>("unit");
    a.kindId = o->getValue<std::string>("kindId");
    a.kindName = o->getValue<std::string>("kindName");
    a.year = o->getValue<int>("year");
    a.decisionNumber = o->getValue<std::string>("decisionNumber");
    a.decisionDate = o->getValue<std::string>("decisionDate");
    a.issuer = o->getValue<std::string>("issuer");
    Array::Ptr initiatives = o->getArray("initiatives");
    for (std::size_t i = 0; initiatives && i < initiatives->size(); ++i) {
        Object::Ptr io = initiatives->getObject(static_cast<unsigned>(i));
        if (!io) {
            throw Poco::DataFormatException("initiatives");
        }
        a.initiatives.push_back(
            {io->getValue<std::string>("code"), io->getValue<std::string>("title")});
    }
    if (a.name.empty() || a.year <= 0 || !model::Date::parseIso(a.decisionDate)) {
        throw Poco::DataFormatException("award");
    }
    return a;
}

// core::writeFileAtomic's temporary ".NAME.tmp-PID" of a process killed while writing.
bool isInterruptedWrite(const std::string& name) {
    return name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos;
}

std::vector<fs::path> historyFiles(const fs::path& root) {
    std::vector<fs::path> out;
    boost::system::error_code ec;
    for (fs::directory_iterator it(root / kHistoryDir, ec), end; !ec && it != end;
         it.increment(ec)) {
        out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

std::string historyCopyPath(const std::string& sha256) {
    return std::string(kHistoryDir) + "/" + sha256 + ".csv";
}

std::string historyRecordPath(const std::string& sha256) {
    return std::string(kHistoryDir) + "/" + sha256 + ".json";
}

std::string historyRecordJson(const HistoryImport& import) {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("format", std::string(kHistoryFormat));
    o.set("file", import.fileName);
    o.set("sha256", import.sha256);
    o.set("importedAt", import.importedAt);
    o.set("rows", static_cast<int>(import.awards.size()));
    Array::Ptr awards = new Array;
    for (const auto& a : import.awards) {
        awards->add(awardJson(a));
    }
    o.set("awards", awards);
    std::ostringstream out;
    o.stringify(out, 1);
    return out.str() + "\n";
}

core::Result<HistoryImport> parseHistoryRecord(const std::string& json,
                                               const std::string& displayName) {
    try {
        Poco::JSON::Parser parser;
        auto o = parser.parse(json).extract<Object::Ptr>();
        if (!o || o->optValue<std::string>("format", "") != kHistoryFormat) {
            return badRecord(displayName,
                             "không phải bản ghi định dạng " + std::string(kHistoryFormat));
        }
        HistoryImport h;
        h.fileName = o->getValue<std::string>("file");
        h.sha256 = o->getValue<std::string>("sha256");
        h.importedAt = o->getValue<std::string>("importedAt");
        const int rows = o->getValue<int>("rows");
        Array::Ptr awards = o->getArray("awards");
        for (std::size_t i = 0; awards && i < awards->size(); ++i) {
            Object::Ptr a = awards->getObject(static_cast<unsigned>(i));
            if (!a) {
                return badRecord(displayName,
                                 "dòng khen thưởng thứ " + std::to_string(i + 1) + " không hợp lệ");
            }
            h.awards.push_back(awardFrom(a));
        }
        if (!isSha256(h.sha256)) {
            return badRecord(displayName, "mã SHA-256 «" + h.sha256 + "» không hợp lệ");
        }
        if (rows != static_cast<int>(h.awards.size())) {
            return badRecord(displayName, "ghi " + std::to_string(rows) + " dòng nhưng có " +
                                              std::to_string(h.awards.size()) + " khen thưởng");
        }
        return h;
    } catch (const Poco::Exception& e) {
        return badRecord(displayName, "JSON hỏng hoặc thiếu trường (" + e.displayText() + ")");
    } catch (const std::exception& e) {
        return badRecord(displayName, std::string("JSON hỏng (") + e.what() + ")");
    }
}

std::vector<HistoryImport> readHistoryImports(const fs::path& root) {
    std::vector<HistoryImport> out;
    for (const fs::path& file : historyFiles(root)) {
        const std::string name = file.filename().string();
        if (file.extension() != ".json" || !isSha256(file.stem().string())) {
            continue;
        }
        auto text = core::readFile(file);
        if (!text) {
            continue;
        }
        auto record = parseHistoryRecord(text.value(), std::string(kHistoryDir) + "/" + name);
        if (record && record->sha256 == file.stem().string()) {
            out.push_back(std::move(record.value()));
        }
    }
    return out;
}

std::string importedSource(const HistoryImport& import, const ImportedAward& award) {
    return "nhập từ " + import.fileName + ", dòng " + std::to_string(award.line);
}

std::vector<HistoryDecision> historyDecisions(const HistoryImport& import) {
    std::vector<HistoryDecision> out;
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> decisionOf;
    const std::string copy = historyCopyPath(import.sha256);
    for (const auto& a : import.awards) {
        auto [it, fresh] = decisionOf.emplace(
            std::make_tuple(a.decisionNumber, a.decisionDate, a.issuer), out.size());
        if (fresh) {
            HistoryDecision d;
            d.rel = copy + "#" + std::to_string(out.size() + 1);
            DecisionRecord& r = d.record;
            r.issuerName = a.issuer;
            r.numberText = a.decisionNumber;
            r.date = a.decisionDate;
            r.year = std::atoi(a.decisionDate.substr(0, 4).c_str());
            r.dossierFile = import.fileName;
            r.dossierSha256 = import.sha256;
            r.decisionFile = copy; // the index's decision_path; see IndexWriter::addHistory
            out.push_back(std::move(d));
        }
        HistoryDecision& d = out[it->second];
        DecisionRecord& r = d.record;
        // One part per kind and year (a decision of the file may grant several).
        const std::string period = "năm " + std::to_string(a.year);
        auto part = std::find_if(r.awards.begin(), r.awards.end(), [&](const AwardRecord& w) {
            return w.kind == a.kindId && w.name == a.kindName && w.period == period;
        });
        if (part == r.awards.end()) {
            AwardRecord w;
            w.kind = a.kindId;
            w.name = a.kindName;
            w.period = period;
            r.awards.push_back(w);
            part = std::prev(r.awards.end());
        }
        AwardeeRecord e;
        e.kind = a.kind;
        e.part = static_cast<int>(part - r.awards.begin());
        e.ordinal = static_cast<int>(r.awardees.size()) + 1;
        e.name = a.name;
        e.unit = a.unit;
        e.birthYear = a.birthYear;
        if (a.kind == model::NomineeKind::Household) {
            e.headName = a.name;
        }
        for (std::size_t i = 0; i < a.initiatives.size(); ++i) {
            model::Initiative initiative;
            initiative.id = "sk" + std::to_string(i + 1);
            initiative.code = a.initiatives[i].code;
            initiative.title = a.initiatives[i].title;
            e.initiatives.push_back(initiative.id);
            e.history.initiatives.push_back(std::move(initiative));
        }
        r.awardees.push_back(std::move(e));
        d.sources.push_back(importedSource(import, a));
    }
    for (auto& d : out) {
        joinAwards(d.record);
    }
    return out;
}

core::Status storeHistoryImport(const fs::path& root, const HistoryImport& import,
                                const std::string& bytes) {
    const fs::path dir = root / kHistoryDir;
    boost::system::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fs::create_directory(dir, ec);
        if (ec) {
            return core::makeError(core::ErrorKind::CannotCreate, "A420",
                                   "không tạo được thư mục lịch sử khen thưởng của kho: " +
                                       core::systemErrorText(ec),
                                   {dir.string()});
        }
        if (auto st = core::fsyncPath(root); !st) {
            return st;
        }
    }
    for (const fs::path& file : historyFiles(root)) {
        if (isInterruptedWrite(file.filename().string())) {
            fs::remove(file, ec); // under the lock: its writer is gone
        }
    }
    if (auto st = core::writeFileAtomic(root / historyCopyPath(import.sha256), bytes); !st) {
        return st;
    }
    return core::writeFileAtomic(root / historyRecordPath(import.sha256),
                                 historyRecordJson(import));
}

std::vector<HistoryImport> verifyHistory(const fs::path& root, VerifyReport& report) {
    std::vector<HistoryImport> imports;
    const std::string prefix = std::string(kHistoryDir) + "/";
    std::map<std::string, bool> copies; // sha256 -> has a record
    std::vector<fs::path> records;
    for (const fs::path& file : historyFiles(root)) {
        const std::string name = file.filename().string();
        const std::string stem = file.stem().string();
        boost::system::error_code ec;
        const bool regular = fs::is_regular_file(fs::symlink_status(file, ec));
        if (regular && isInterruptedWrite(name)) {
            report.notes.push_back(finding(core::Severity::Note, "A433", prefix + name,
                                           "tệp tạm của một lần nhập lịch sử khen thưởng bị "
                                           "dừng (sẽ được dọn ở lần nhập tiếp theo)"));
        } else if (regular && isSha256(stem) && file.extension() == ".csv") {
            copies.emplace(stem, false);
        } else if (regular && isSha256(stem) && file.extension() == ".json") {
            records.push_back(file);
        } else {
            report.problems.push_back(
                finding(core::Severity::Error, "A432", prefix + name,
                        "mục lạ trong thư mục lịch sử khen thưởng (chỉ có tệp đã nhập "
                        "<sha256>.csv và bản ghi <sha256>.json)"));
        }
    }
    for (const fs::path& file : records) {
        const std::string sha = file.stem().string();
        const std::string rel = prefix + file.filename().string();
        ++report.filesChecked;
        auto text = core::readFile(file);
        auto record = text ? parseHistoryRecord(text.value(), rel)
                           : core::Result<HistoryImport>(text.error());
        if (!record) {
            report.problems.push_back(
                finding(core::Severity::Error, "A431", rel, record.error().message));
            continue;
        }
        if (record->sha256 != sha) {
            report.problems.push_back(
                finding(core::Severity::Error, "A431", rel,
                        "bản ghi ghi mã SHA-256 «" + record->sha256 + "», khác tên tệp"));
            continue;
        }
        auto copy = copies.find(sha);
        if (copy == copies.end()) {
            report.problems.push_back(
                finding(core::Severity::Error, "A430", historyCopyPath(sha),
                        "thiếu bản sao tệp đã nhập «" + record->fileName + "»"));
            continue;
        }
        copy->second = true;
        ++report.filesChecked;
        auto bytes = core::readFile(root / historyCopyPath(sha));
        if (!bytes || core::sha256Hex(bytes.value()) != sha) {
            report.problems.push_back(finding(core::Severity::Error, "A430", historyCopyPath(sha),
                                              "bản sao tệp đã nhập «" + record->fileName +
                                                  "» bị thay đổi (mã SHA-256 không khớp)"));
            continue;
        }
        imports.push_back(std::move(record.value()));
    }
    for (const auto& [sha, recorded] : copies) {
        if (!recorded) {
            report.notes.push_back(finding(core::Severity::Note, "A433", historyCopyPath(sha),
                                           "lần nhập lịch sử khen thưởng bị dừng trước khi ghi "
                                           "bản ghi; chạy lại lệnh «tdkt history import» với "
                                           "tệp đó để hoàn tất"));
        }
    }
    return imports;
}

} // namespace tdkt::archive

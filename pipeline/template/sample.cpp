#include "sample.hpp"

#include "pipeline/core/diagnostic.hpp"
#include "pipeline/core/xml.hpp"

namespace tdkt::tmpl {
namespace {

namespace xml = core::xml;

// The schema guarantees the shape (names inside maps, none inside lists), so conversion is a
// plain walk.
Value convert(const xmlNode* node) {
    const std::string kind = xml::name(node);
    if (kind == "value") {
        return Value(xml::text(node));
    }
    Value out = kind == "list" ? Value::list() : Value::map();
    for (const xmlNode* child = xml::firstChild(node); child; child = xml::nextSibling(child)) {
        if (kind == "list") {
            out.push(convert(child));
        } else {
            out.set(xml::attr(child, "name"), convert(child));
        }
    }
    return out;
}

} // namespace

core::Result<Value> loadSample(const fs::path& file, const std::string& displayName,
                               const fs::path& schemasDir) {
    auto schema = core::XmlSchema::load(schemasDir / "sample-1.0.xsd");
    if (!schema) {
        core::Error e = schema.error();
        e.code = "T020";
        return e;
    }
    boost::system::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        return core::makeError(core::ErrorKind::Config, "T021", "không có tệp dữ liệu mẫu",
                               {displayName, 0, 0});
    }
    core::Diagnostics diags;
    auto doc = schema->parseAndValidateFile(file, displayName, diags);
    if (!doc || diags.hasErrors()) {
        core::Error e = core::makeError(core::ErrorKind::Config, "T022",
                                        "tệp dữ liệu mẫu không hợp lệ (schemas/sample-1.0.xsd)",
                                        {displayName, 0, 0});
        e.details = diags.items();
        return e;
    }
    return convert(doc->root());
}

} // namespace tdkt::tmpl

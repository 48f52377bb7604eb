#pragma once
// Sample data for previewing a template (templates/<name>/sample.xml, validated against
// schemas/sample-1.0.xsd): the context tree a template is rendered against, written as XML so
// that a template author can edit it without a compiler.
//
//   <sample xmlns="urn:tdkt:sample:1.0" version="1.0">
//     <value name="formTitle">BẰNG KHEN</value>
//     <map name="recipient"><value name="name">Nguyễn Văn An</value></map>
//     <list name="individuals"><map><value name="name">…</value></map></list>
//   </sample>
#include "pipeline/core/error.hpp"
#include "pipeline/core/fs.hpp"
#include "pipeline/template/value.hpp"

#include <string>

namespace tdkt::tmpl {

// Reads and validates a sample file. Errors are ErrorKind::Config: T020 the schema cannot be
// loaded, T021 the file is missing, T022 it is malformed or does not follow the schema (the
// details list every problem with its line). `displayName` names the file in messages.
core::Result<Value> loadSample(const fs::path& file, const std::string& displayName,
                               const fs::path& schemasDir);

} // namespace tdkt::tmpl

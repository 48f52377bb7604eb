#pragma once
// A small template language (after jgm/doctemplates), parsed once and rendered many times
// against a tmpl::Value context:
//
//   {{path.to.value}}                  a value; a missing one renders empty (strict mode: error)
//   {{#if path}} … {{else}} … {{/if}}  truthy test (non-empty string/list, any map)
//   {{#unless path}} … {{/unless}}     the negation
//   {{#each list}} … {{/each}}         one pass per item; inside, {{.}} is the item, {{field}}
//                                      is looked up in the item first, then in outer scopes;
//                                      {{@index}} (1-based), {{@first}}, {{@last}} (truthy or
//                                      empty); {{#sep}} … {{/sep}} renders only between items
//   {{> name}}                         a partial: another fragment, resolved at parse time
//   {{! comment }}                     nothing
//
// No formatting pipes: the code that builds the context formats dates, names and numbers.
// Parse errors carry the line and column in the source file (codes T001…T009).
#include "pipeline/core/error.hpp"
#include "pipeline/template/value.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::tmpl {

// A chain of lookup frames: the root context, then one frame per {{#each}} (or per layout
// loop in the renderer). Frames live on the caller's stack; a Scope never owns values.
class Scope {
public:
    explicit Scope(const Value& root) : m_value(&root) {}
    // A loop frame: `item` is the current element, index 1-based, count the number of items.
    Scope(const Scope& parent, const Value& item, int index, int count)
        : m_value(&item), m_parent(&parent), m_index(index), m_count(count) {}

    // "." → the innermost item; "@index"/"@first"/"@last" → the innermost loop's position;
    // otherwise a dotted path looked up in the innermost frame that has its first key.
    // Loop variables yield a string written to `scratch` (which must outlive the use).
    const Value* lookup(std::string_view path, Value& scratch) const;

    const Value& value() const { return *m_value; }

private:
    const Value* m_value;
    const Scope* m_parent = nullptr;
    int m_index = 0; // 0 = not a loop frame
    int m_count = 0;
};

struct RenderOptions {
    // Report a variable that is missing from the context (T010) instead of rendering it empty.
    bool strict = false;
};

// Resolves `{{> name}}`: returns the fragment's text and the name to use in error messages.
struct PartialSource {
    std::string text;
    std::string displayName;
};
using PartialLoader = std::function<core::Result<PartialSource>(const std::string& name)>;

class Template {
public:
    // `displayName`, `firstLine` and `firstColumn` say where `text` starts, for error messages
    // (templates are often text inside an XML element). Without a loader, partials are an error.
    static core::Result<Template> parse(std::string_view text, const std::string& displayName,
                                        int firstLine = 1, int firstColumn = 1,
                                        const PartialLoader& partials = {});

    // Appends the rendered text to `out`. Only fails in strict mode.
    core::Status renderTo(std::string& out, const Scope& scope,
                          const RenderOptions& options = {}) const;
    // Lenient convenience: missing values render empty.
    std::string render(const Value& context) const;
    std::string render(const Scope& scope) const;

    // True when the text has no tags (the renderer can skip rendering).
    bool isLiteral() const;
    // The text of a literal template.
    const std::string& literal() const;
    // The paths of the values it prints ({{recipient.name}} → "recipient.name"), in order of
    // first appearance, inside sections too (the paths as written, relative to their section).
    std::vector<std::string> variables() const;

    Template();
    ~Template();
    Template(const Template&);
    Template& operator=(const Template&);
    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;

    struct Node; // implementation detail, public only so that the .cpp can build trees

private:
    std::shared_ptr<const std::vector<Node>> m_nodes; // immutable after parse: cheap to copy
    std::string m_displayName;
};

} // namespace tdkt::tmpl

#pragma once
// The data a template is rendered against: a tree of strings, lists and maps. The code that
// builds it (job) does all formatting — dates, money, names — so templates only place values.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tdkt::tmpl {

class Value {
public:
    enum class Type { Null, String, List, Map };

    Value() = default;
    Value(std::string s) : m_type(Type::String), m_string(std::move(s)) {}
    Value(const char* s) : m_type(Type::String), m_string(s) {}
    static Value list() {
        Value v;
        v.m_type = Type::List;
        return v;
    }
    static Value map() {
        Value v;
        v.m_type = Type::Map;
        return v;
    }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    // Truthiness for conditionals: non-empty string, non-empty list, any map.
    bool truthy() const;
    const std::string& str() const { return m_string; }
    const std::vector<Value>& items() const { return m_list; }
    const std::map<std::string, Value>& fields() const { return m_map; }

    // Builders (turn a Null into the right kind).
    Value& set(const std::string& key, Value v); // returns the stored value
    Value& push(Value v);                        // returns the stored value

    // "a.b.c" lookup through maps; nullptr when missing.
    const Value* find(std::string_view dottedPath) const;

private:
    Type m_type = Type::Null;
    std::string m_string;
    std::vector<Value> m_list;
    std::map<std::string, Value> m_map;
};

} // namespace tdkt::tmpl

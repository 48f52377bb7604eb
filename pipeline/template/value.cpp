#include "value.hpp"

namespace tdkt::tmpl {

bool Value::truthy() const {
    switch (m_type) {
    case Type::Null:
        return false;
    case Type::String:
        return !m_string.empty();
    case Type::List:
        return !m_list.empty();
    case Type::Map:
        return true;
    }
    return false;
}

Value& Value::set(const std::string& key, Value v) {
    if (m_type != Type::Map) {
        *this = map();
    }
    return m_map[key] = std::move(v);
}

Value& Value::push(Value v) {
    if (m_type != Type::List) {
        *this = list();
    }
    m_list.push_back(std::move(v));
    return m_list.back();
}

const Value* Value::find(std::string_view path) const {
    const Value* cur = this;
    while (!path.empty()) {
        std::size_t dot = path.find('.');
        std::string_view key = path.substr(0, dot);
        if (cur->m_type != Type::Map) {
            return nullptr;
        }
        auto it = cur->m_map.find(std::string(key));
        if (it == cur->m_map.end()) {
            return nullptr;
        }
        cur = &it->second;
        if (dot == std::string_view::npos) {
            break;
        }
        path.remove_prefix(dot + 1);
    }
    return cur;
}

} // namespace tdkt::tmpl

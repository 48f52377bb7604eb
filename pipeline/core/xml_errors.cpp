#include "xml_errors.hpp"

#include <cstdio>
#include <libxml/parser.h>
#include <regex>

namespace tdkt::core {
namespace {

std::string trimMessage(const char* msg) {
    std::string m = msg ? msg : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) {
        m.pop_back();
    }
    return m;
}

// XSD validation errors: the element or attribute the error is about is kept (libxml2 names it
// in its message), the English explanation is replaced.
std::pair<std::string, std::string> schemaError(const xmlError* err) {
    const std::string msg = trimMessage(err->message);
    static const std::regex elementRe("Element '([^']+)'");
    static const std::regex attrRe("attribute '([^']+)'");
    static const std::regex expectedRe("Expected is (?:one of )?\\( ?([^)]*?) ?\\)");
    static const std::regex valueRe("(?:The value )?'([^']*)' is not (?:a valid value|an element)");
    static const std::regex setRe("of the set \\{([^}]*)\\}");
    static const std::regex keySeqRe("key-sequence \\[([^\\]]*)\\]");
    std::smatch m;
    std::string field;
    if (std::regex_search(msg, m, elementRe)) {
        field = m[1];
        auto brace = field.find('}');
        if (brace != std::string::npos) {
            field = field.substr(brace + 1);
        }
    }
    std::string attrName;
    if (std::regex_search(msg, m, attrRe)) {
        attrName = m[1];
        if (!field.empty()) {
            field += "/@" + attrName;
        } else {
            field = "@" + attrName;
        }
    }
    auto expected = [&]() -> std::string {
        std::smatch e;
        if (std::regex_search(msg, e, expectedRe)) {
            std::string list = e[1];
            list = std::regex_replace(list, std::regex("\\{[^}]*\\}"), "");
            return "; cần có: " + list;
        }
        return {};
    };
    auto value = [&]() -> std::string {
        std::smatch v;
        if (std::regex_search(msg, v, valueRe)) {
            return " «" + std::string(v[1]) + "»";
        }
        return {};
    };

    if (msg.find("This element is not expected") != std::string::npos) {
        return {field, "phần tử không được phép ở vị trí này" + expected()};
    }
    if (msg.find("Missing child element") != std::string::npos) {
        return {field, "thiếu phần tử bắt buộc" + expected()};
    }
    if (msg.find("attribute") != std::string::npos &&
        msg.find("is required but missing") != std::string::npos) {
        return {field, "thiếu thuộc tính bắt buộc"};
    }
    if (msg.find("is not allowed") != std::string::npos) {
        return {field, "thuộc tính không được phép"};
    }
    if (msg.find("No matching global declaration") != std::string::npos ||
        msg.find("No matching global element declaration") != std::string::npos) {
        return {field, "phần tử gốc không đúng (sai tên hoặc sai không gian tên)"};
    }
    if (msg.find("is not a valid value of the atomic type") != std::string::npos ||
        msg.find("is not a valid value of the local atomic type") != std::string::npos) {
        return {field, "giá trị" + value() + " không đúng kiểu dữ liệu"};
    }
    if (msg.find("is not an element of the set") != std::string::npos) {
        std::smatch set;
        std::string allowed;
        if (std::regex_search(msg, set, setRe)) {
            allowed = "; giá trị hợp lệ: " + std::string(set[1]);
        }
        return {field, "giá trị" + value() + " không thuộc danh sách cho phép" + allowed};
    }
    if (msg.find("pattern") != std::string::npos) {
        return {field, "giá trị" + value() + " không đúng định dạng"};
    }
    // "[facet 'maxLength'] The value has a length of '612'; this exceeds the allowed maximum
    // length of '404'." (likewise minLength): the limit and the length, in characters.
    static const std::regex lengthRe("length of '([0-9]+)'; this (exceeds|underruns) the allowed "
                                     "(?:maximum|minimum) length of '([0-9]+)'");
    if (std::smatch l; std::regex_search(msg, l, lengthRe)) {
        return {field, std::string(l[2] == "exceeds" ? "quá dài: " : "quá ngắn: ") + "dài " +
                           std::string(l[1]) + " ký tự, giới hạn " +
                           (l[2] == "exceeds" ? "tối đa " : "tối thiểu ") + std::string(l[3]) +
                           " ký tự"};
    }
    if (msg.find("length") != std::string::npos) {
        return {field, "độ dài giá trị" + value() + " không hợp lệ"};
    }
    if (msg.find("Duplicate key") != std::string::npos ||
        msg.find("Duplicate field") != std::string::npos) {
        return {field, "giá trị bị trùng (mã phải là duy nhất)"};
    }
    if (msg.find("No match found for key-sequence") != std::string::npos) {
        std::smatch key;
        std::string which;
        if (std::regex_search(msg, key, keySeqRe)) {
            which = " " + std::string(key[1]);
        }
        return {field, "tham chiếu tới mã không tồn tại:" + which};
    }
    if (msg.find("Character content") != std::string::npos ||
        msg.find("text") != std::string::npos) {
        return {field, "phần tử không được chứa văn bản ở đây"};
    }
    if (msg.find("minInclusive") != std::string::npos ||
        msg.find("maxInclusive") != std::string::npos) {
        return {field, "giá trị" + value() + " nằm ngoài khoảng cho phép"};
    }
    return {field, "không đúng lược đồ XSD"};
}

std::string str(const char* s) {
    return trimMessage(s);
}

std::string codePoint(int value) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(value));
    return buf;
}

// A character, a character reference or an entity reference: what it is and why it is refused.
std::string referenceReason(const xmlError* err, const std::string& msg) {
    switch (err->code) {
    case XML_ERR_INVALID_HEX_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
        return "tham chiếu ký tự sai cú pháp (dạng đúng: «&#7887;» hoặc «&#x1ECF;»)";
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_CHAR:
        if (msg.find("out of bounds") != std::string::npos) {
            return "tham chiếu ký tự vượt quá mã Unicode lớn nhất (U+10FFFF)";
        }
        if (msg.find("CharRef") != std::string::npos) {
            return "tham chiếu ký tự «&#" + std::to_string(err->int1) + ";» chỉ tới mã " +
                   codePoint(err->int1) + ", ký tự điều khiển không được phép trong XML";
        }
        return "có ký tự điều khiển " + codePoint(err->int1) + ", không được phép trong XML";
    case XML_ERR_ENTITYREF_NO_NAME:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
        return "ký tự «&» phải viết là «&amp;» (ví dụ «Công ty A &amp; B»)";
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        return "tham chiếu thực thể (entity) «&" + str(err->str1) +
               ";» không được phép: chỉ dùng được &amp; &lt; &gt; &quot; &apos; và tham chiếu "
               "ký tự";
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_PROCESSING:
        return "thực thể lồng nhau vượt giới hạn của bộ phân tích XML";
    default:
        if (err->code >= XML_ERR_CHARREF_AT_EOF && err->code <= XML_ERR_ENTITYREF_IN_DTD) {
            return "tham chiếu ký tự hoặc thực thể nằm ngoài phần tử gốc";
        }
        return {};
    }
}

// Tags and attributes: which construct is broken.
std::string markupReason(const xmlError* err, const std::string& msg, std::string& field) {
    switch (err->code) {
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
        return "có nội dung sau thẻ đóng của phần tử gốc (tệp XML chỉ có một phần tử gốc)";
    case XML_ERR_LT_IN_ATTRIBUTE:
        return "giá trị thuộc tính chứa «<» (thiếu dấu nháy đóng? ký tự «<» phải viết là «&lt;»)";
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
        return "giá trị thuộc tính phải nằm trong dấu nháy (\"…\" hoặc '…')";
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
        return "giá trị thuộc tính thiếu dấu nháy đóng";
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        return "thuộc tính «" + str(err->str1) + "» thiếu giá trị (dạng đúng: " + str(err->str1) +
               "=\"…\")";
    case XML_ERR_ATTRIBUTE_REDEFINED:
    case XML_NS_ERR_ATTRIBUTE_REDEFINED:
        if (field.find("/@") == std::string::npos && err->str1) {
            field += "/@" + str(err->str1);
        }
        return "thuộc tính «" + str(err->str1) + "» xuất hiện hai lần trong cùng một phần tử";
    case XML_ERR_SPACE_REQUIRED:
        return msg.find("attributes construct") != std::string::npos
                   ? "các thuộc tính của thẻ sai cú pháp"
                   : "thiếu khoảng trắng (giữa tên phần tử và các thuộc tính)";
    case XML_ERR_EQUAL_REQUIRED:
        return "thiếu dấu «=» sau tên thuộc tính";
    case XML_ERR_NAME_REQUIRED:
        return msg.find("EntityRef") != std::string::npos
                   ? "ký tự «&» phải viết là «&amp;» (ví dụ «Công ty A &amp; B»)"
                   : "tên phần tử không hợp lệ (phải bắt đầu bằng chữ cái hoặc «_»)";
    case XML_ERR_GT_REQUIRED:
        return err->str1 ? "thẻ mở <" + str(err->str1) + "> không có dấu «>» đóng"
                         : "thẻ đóng thiếu dấu «>»";
    case XML_ERR_LTSLASH_REQUIRED:
        return "thiếu thẻ đóng";
    case XML_ERR_TAG_NAME_MISMATCH:
        field = str(err->str1);
        return "thẻ đóng </" + str(err->str2) + "> không khớp với thẻ mở <" + str(err->str1) +
               "> ở dòng " + std::to_string(err->int1);
    case XML_ERR_TAG_NOT_FINISHED:
        field = str(err->str1);
        return "tệp hết khi phần tử <" + str(err->str1) + "> (mở ở dòng " +
               std::to_string(err->int1) + ") chưa đóng: tệp bị cắt cụt hoặc thiếu thẻ đóng";
    case XML_NS_ERR_UNDEFINED_NAMESPACE:
        return "tiền tố namespace «" + str(err->str1) + "» chưa được khai báo";
    case XML_NS_ERR_XML_NAMESPACE:
    case XML_NS_ERR_QNAME:
    case XML_NS_ERR_EMPTY:
    case XML_NS_ERR_COLON:
        return "tên hoặc khai báo namespace không hợp lệ";
    default:
        return {};
    }
}

// Comments, declarations and the other sections, the encoding, and libxml2's own limits.
std::string sectionReason(const xmlError* err, const std::string& msg) {
    switch (err->code) {
    case XML_ERR_COMMENT_NOT_FINISHED:
        return "chú thích «<!--» không có «-->» đóng";
    case XML_ERR_PI_NOT_STARTED:
    case XML_ERR_PI_NOT_FINISHED:
        return "chỉ dẫn xử lý «<?…» không có «?>» đóng";
    case XML_ERR_CDATA_NOT_FINISHED:
        return "đoạn «<![CDATA[» không có «]]>» đóng";
    case XML_ERR_MISPLACED_CDATA_END:
        return "chuỗi «]]>» không được phép trong nội dung (viết là «]]&gt;»)";
    case XML_ERR_RESERVED_XML_NAME:
        return "khai báo «<?xml …?>» chỉ được nằm ở đầu tệp (không có gì đứng trước, kể cả "
               "khoảng trắng)";
    case XML_ERR_XMLDECL_NOT_STARTED:
    case XML_ERR_XMLDECL_NOT_FINISHED:
    case XML_ERR_VERSION_MISSING:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED:
        return "khai báo «<?xml version=\"1.0\" encoding=\"UTF-8\"?>» sai cú pháp";
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
        return "tệp không phải UTF-8 hợp lệ";
    case XML_ERR_NO_MEMORY:
        return "không đủ bộ nhớ để đọc tệp";
    case XML_ERR_NAME_TOO_LONG:
        return "vượt giới hạn của bộ phân tích XML: tên quá dài";
    case XML_ERR_INTERNAL_ERROR:
        if (msg.find("depth") != std::string::npos) {
            return "vượt giới hạn của bộ phân tích XML: phần tử lồng quá sâu";
        }
        return msg.find("XML_PARSE_HUGE") != std::string::npos ||
                       msg.find("huge") != std::string::npos
                   ? "vượt giới hạn của bộ phân tích XML: nội dung quá lớn"
                   : std::string();
    default:
        return {};
    }
}

// Parser errors: "XML không đúng cú pháp: " and the reason, named after the element (or the
// attribute) where libxml2 stopped.
std::pair<std::string, std::string> parserError(const xmlError* err, const std::string& place) {
    const std::string msg = trimMessage(err->message);
    if (err->code == XML_ERR_DOCUMENT_EMPTY) {
        return {{}, "tệp rỗng, không có nội dung XML"};
    }
    std::string field = place;
    std::string reason = referenceReason(err, msg);
    if (reason.empty()) {
        reason = markupReason(err, msg, field);
    }
    if (reason.empty()) {
        reason = sectionReason(err, msg);
    }
    if (reason.empty()) {
        // A construct without its own wording here: libxml2's number keeps it findable.
        reason = "lỗi số " + std::to_string(err->code) + " của bộ phân tích libxml2";
    }
    return {field, "XML không đúng cú pháp: " + reason};
}
} // namespace

std::pair<std::string, std::string> translateXmlError(const xmlError* err,
                                                      const std::string& place) {
    switch (err->domain) {
    case XML_FROM_SCHEMASV:
        return schemaError(err);
    case XML_FROM_PARSER:
    case XML_FROM_NAMESPACE:
    case XML_FROM_IO:
        return parserError(err, place);
    default:
        return {{}, "lỗi XML"};
    }
}

} // namespace tdkt::core

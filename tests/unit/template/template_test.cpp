#include "pipeline/template/template.hpp"

#include <catch2/catch.hpp>
#include <map>

using tdkt::tmpl::PartialSource;
using tdkt::tmpl::Scope;
using tdkt::tmpl::Template;
using tdkt::tmpl::Value;

namespace {

Value sampleContext() {
    Value ctx = Value::map();
    ctx.set("title", "Quyết định");
    Value& issuer = ctx.set("issuer", Value::map());
    issuer.set("name", "ỦY BAN NHÂN DÂN");
    issuer.set("place", "Hà Nội");
    issuer.set("parentBody", "");
    Value& people = ctx.set("people", Value::list());
    for (const char* n : {"Nguyễn Thị Đào", "Phạm Quốc Hưng", "Đặng Thùy Dương"}) {
        Value p = Value::map();
        p.set("name", n);
        people.push(std::move(p));
    }
    people.items(); // keep the API exercised
    return ctx;
}

std::string render(const std::string& text, const Value& ctx) {
    auto t = Template::parse(text, "test.txt");
    REQUIRE(t.ok());
    return t->render(ctx);
}

tdkt::core::Error parseError(const std::string& text) {
    auto t = Template::parse(text, "mau.txt", 10, 5);
    REQUIRE_FALSE(t.ok());
    return t.error();
}

} // namespace

TEST_CASE("variables and dotted paths", "[template]") {
    Value ctx = sampleContext();
    CHECK(render("{{title}} của {{issuer.name}}, {{ issuer.place }}", ctx) ==
          "Quyết định của ỦY BAN NHÂN DÂN, Hà Nội");
    CHECK(render("[{{missing}}][{{issuer.missing}}][{{title.deeper}}]", ctx) == "[][][]");
    CHECK(render("không có thẻ", ctx) == "không có thẻ");
    auto literal = Template::parse("chỉ là chữ", "x");
    REQUIRE(literal.ok());
    CHECK(literal->isLiteral());
    CHECK(literal->literal() == "chỉ là chữ");
    auto withTag = Template::parse("a {{b}}", "x");
    REQUIRE(withTag.ok());
    CHECK_FALSE(withTag->isLiteral());
}

TEST_CASE("if, unless and else", "[template]") {
    Value ctx = sampleContext();
    CHECK(render("{{#if issuer.name}}có{{else}}không{{/if}}", ctx) == "có");
    CHECK(render("{{#if issuer.parentBody}}có{{else}}không{{/if}}", ctx) == "không");
    CHECK(render("{{#if nothing}}có{{/if}}", ctx) == "");
    CHECK(render("{{#unless issuer.parentBody}}trống{{/unless}}", ctx) == "trống");
    CHECK(render("{{#if people}}{{#if issuer}}cả hai{{/if}}{{/if}}", ctx) == "cả hai");
}

TEST_CASE("each with @index, outer-scope fallback and separators", "[template]") {
    Value ctx = sampleContext();
    CHECK(render("{{#each people}}{{@index}}. {{name}} ({{issuer.place}})\n{{/each}}", ctx) ==
          "1. Nguyễn Thị Đào (Hà Nội)\n2. Phạm Quốc Hưng (Hà Nội)\n3. Đặng Thùy Dương (Hà Nội)\n");
    CHECK(render("{{#each people}}{{name}}{{#sep}}, {{/sep}}{{/each}}", ctx) ==
          "Nguyễn Thị Đào, Phạm Quốc Hưng, Đặng Thùy Dương");
    CHECK(render("{{#each people}}{{#if @first}}[{{/if}}{{@index}}{{#if @last}}]{{/if}}{{/each}}",
                 ctx) == "[123]");
    // An item's field shadows an outer one; {{title}} is not in the item, so it falls back.
    CHECK(render("{{#each people}}{{title}}:{{name}};{{/each}}", ctx) ==
          "Quyết định:Nguyễn Thị Đào;Quyết định:Phạm Quốc Hưng;Quyết định:Đặng Thùy Dương;");

    Value strings = Value::map();
    Value& list = strings.set("lines", Value::list());
    list.push("a");
    list.push("b");
    CHECK(render("{{#each lines}}<{{.}}>{{/each}}", strings) == "<a><b>");
    CHECK(render("{{lines}}", strings) == "a, b");
    CHECK(render("{{#each none}}x{{/each}}", strings) == "");
}

TEST_CASE("nested loops see the inner item and every outer scope", "[template]") {
    Value ctx = Value::map();
    ctx.set("sep", "/");
    Value& groups = ctx.set("groups", Value::list());
    for (int g = 1; g <= 2; ++g) {
        Value grp = Value::map();
        grp.set("name", "N" + std::to_string(g));
        Value& members = grp.set("members", Value::list());
        for (int m = 1; m <= 2; ++m) {
            Value mem = Value::map();
            mem.set("id", std::to_string(g * 10 + m));
            members.push(std::move(mem));
        }
        groups.push(std::move(grp));
    }
    CHECK(render("{{#each groups}}{{name}}:{{#each members}}{{@index}}{{sep}}{{id}}{{sep}}{{name}} "
                 "{{/each}}{{/each}}",
                 ctx) == "N1:1/11/N1 2/12/N1 N2:1/21/N2 2/22/N2 ");
}

TEST_CASE("partials are resolved at parse time, recursively", "[template]") {
    std::map<std::string, std::string> files = {
        {"dieu2", "Điều 2. {{> chu}} thi hành."},
        {"chu", "{{issuer.name}}"},
        {"loop", "a{{> loop}}"},
        {"broken", "x {{#if a}} y"},
    };
    auto loader = [&](const std::string& name) -> tdkt::core::Result<PartialSource> {
        auto it = files.find(name);
        if (it == files.end()) {
            return tdkt::core::makeError(tdkt::core::ErrorKind::Config, "T006", "không có tệp");
        }
        return PartialSource{it->second, name + ".txt"};
    };
    auto t = Template::parse("{{> dieu2}}", "main.txt", 1, 1, loader);
    REQUIRE(t.ok());
    CHECK(t->render(sampleContext()) == "Điều 2. ỦY BAN NHÂN DÂN thi hành.");

    auto missing = Template::parse("x\n{{> khong_co}}", "main.txt", 1, 1, loader);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "T006");
    CHECK(missing.error().where.line == 2);

    auto recursive = Template::parse("{{> loop}}", "main.txt", 1, 1, loader);
    REQUIRE_FALSE(recursive.ok());
    CHECK(recursive.error().code == "T007");

    auto broken = Template::parse("{{> broken}}", "main.txt", 1, 1, loader);
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().code == "T003");
    CHECK(broken.error().where.file == "broken.txt");
}

TEST_CASE("standalone block lines leave no blank lines behind", "[template]") {
    Value ctx = sampleContext();
    std::string text = "Đầu\n{{#each people}}\n- {{name}}\n{{/each}}\nCuối\n";
    CHECK(render(text, ctx) ==
          "Đầu\n- Nguyễn Thị Đào\n- Phạm Quốc Hưng\n- Đặng Thùy Dương\nCuối\n");
    CHECK(render("a {{#if title}}b{{/if}} c", ctx) == "a b c");
}

TEST_CASE("parse errors are values with line, column and a Vietnamese message", "[template]") {
    // The template starts at line 10, column 5 of its file (e.g. text inside an XML element).
    auto e = parseError("dòng một\n  {{tên}} {{#each x}}\nkhông đóng");
    CHECK(e.code == "T003");
    CHECK(e.where.file == "mau.txt");
    CHECK(e.where.line == 11);
    CHECK(e.where.column == 11);
    CHECK(e.message.find("chưa được đóng") != std::string::npos);
    CHECK(e.kind == tdkt::core::ErrorKind::Config);

    e = parseError("ab {{name");
    CHECK(e.code == "T001");
    CHECK(e.where.line == 10);
    CHECK(e.where.column == 8);

    CHECK(parseError("{{#for x}}{{/for}}").code == "T002");
    CHECK(parseError("{{#if}}{{/if}}").code == "T003");
    CHECK(parseError("{{else}}").code == "T004");
    CHECK(parseError("{{#if a}}{{else}}{{else}}{{/if}}").code == "T004");
    auto mismatch = parseError("{{#if a}}\n{{#each b}}\n{{/if}}");
    CHECK(mismatch.code == "T005");
    CHECK(mismatch.where.line == 12);
    CHECK(mismatch.message.find("dòng 11") != std::string::npos);
    CHECK(parseError("{{/each}}").code == "T005");
    CHECK(parseError("{{a b}}").code == "T008");
    CHECK(parseError("{{}}").code == "T008");
    CHECK(parseError("{{#sep}}{{/sep}}").code == "T009");
    CHECK(parseError("{{>}}").code == "T006");
}

TEST_CASE("strict mode reports missing variables", "[template]") {
    Value ctx = sampleContext();
    auto t = Template::parse("{{title}}\n{{#each people}}{{nam}}{{/each}}", "strict.txt");
    REQUIRE(t.ok());
    std::string out;
    auto st = t->renderTo(out, Scope(ctx), {true});
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == "T010");
    CHECK(st.error().where.line == 2);
    CHECK(st.error().message.find("nam") != std::string::npos);
    // Lenient mode renders the same template without complaint.
    CHECK(t->render(ctx) == "Quyết định\n");
    // An empty string is present, not missing.
    auto t2 = Template::parse("[{{issuer.parentBody}}]", "strict.txt");
    REQUIRE(t2.ok());
    std::string out2;
    REQUIRE(t2->renderTo(out2, Scope(ctx), {true}).ok());
    CHECK(out2 == "[]");
}

TEST_CASE("a parsed template is reused for many contexts", "[template]") {
    auto t = Template::parse("{{#each people}}{{name}}|{{/each}}", "x");
    REQUIRE(t.ok());
    Template copy = t.value();
    Value a = sampleContext();
    Value b = Value::map();
    b.set("people", Value::list()).push(Value::map()).set("name", "Lê Văn Tám");
    CHECK(copy.render(a) == "Nguyễn Thị Đào|Phạm Quốc Hưng|Đặng Thùy Dương|");
    CHECK(copy.render(b) == "Lê Văn Tám|");
}

// The mapping functions one by one, evaluated the way `generate` evaluates
// a mapping: a template compiled by the catalog, a resolved blueprint, the
// real catalog's AWS mappings and the Terraform scope the renderer uses.

#include <doctest/doctest.h>

#include <algorithm>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/mapping_template.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/mapping_evaluator.hpp"
#include "dharma/render/terraform_scope.hpp"

using namespace dharma;

namespace {

// One resource `db` with a few properties, a parameter and a reference.
struct Mapping {
  test::Resolution resolution =
      test::resolve_text(test::blueprint_header() +
                         "parameters: {size: {type: string, default: db.t3.micro}}\n"
                         "resources:\n"
                         "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/16}}\n"
                         "  - name: db\n"
                         "    type: aws_db_instance\n"
                         "    properties:\n"
                         "      instance_class: ${param.size}\n"
                         "      vpc: ${vpc.id}\n"
                         "      name: Shop-DB\n"
                         "      empty: ''\n"
                         "      port: 5432\n"
                         "      zones: [a, b]\n"
                         "      rules: [{ports: [80, 443]}, {ports: 22}]\n"
                         "      settings: {a: 1, b: x}\n");
  std::optional<render::TerraformAddresses> addresses;
  std::optional<render::TerraformScope> scope;
  render::ResourceContext context;

  Mapping() {
    INFO(resolution.first_error());
    REQUIRE(resolution.resolved.has_value());
    const auto& blueprint = *resolution.resolved;
    addresses.emplace(blueprint, test::real_mappings(), test::real_mappings().find_provider("aws"));
    const auto* db = &*std::find_if(blueprint.resources.begin(), blueprint.resources.end(),
                                    [](const auto& r) { return r.name == "db"; });
    scope.emplace(*addresses, db, "");
    render::fill_resource_context(context, blueprint, db, *scope, true);
  }

  // Evaluates one template scalar; nullopt when absent.
  render::MaybeEvaluated run(const std::string& text) {
    util::Diagnostics diagnostics;
    auto node = std::make_shared<yaml::Node>();
    node->kind = yaml::Kind::scalar;
    node->scalar = text;
    node->file = yaml::intern_file_name("m.yaml");
    node->line = 1;
    node->column = 1;
    nodes.push_back(node);
    const catalog::TemplateNode compiled = catalog::compile_template(node, diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    return render::evaluate_template(compiled, context.context);
  }
  std::string data(const std::string& text) {
    CAPTURE(text);
    const auto out = run(text);
    REQUIRE(out.has_value());
    REQUIRE(out->known);
    return out->data.kind() == value::Value::Kind::string ? out->data.as_string()
                                                          : out->data.to_display_string();
  }
  std::string code(const std::string& text) {
    CAPTURE(text);
    const auto out = run(text);
    REQUIRE(out.has_value());
    return render::hcl::inline_text(out->code);
  }
  std::string error(const std::string& text) {
    try {
      run(text);
    } catch (const render::RenderError& e) {
      return e.message;
    }
    return "";
  }
  std::vector<yaml::NodePtr> nodes;
};

}  // namespace

TEST_CASE("mapping functions, default, if, not, has, choose") {
  Mapping m;
  CHECK(m.data("${default(missing, name)}") == "Shop-DB");
  CHECK(m.data("${default(empty, \"\", name)}") ==
        "Shop-DB");                                    // the empty string is skipped, as in blueprints
  CHECK(m.data("${default(missing, \"\")}").empty());  // nothing better: the last one
  CHECK_FALSE(m.run("${default(missing, nothing)}").has_value());
  CHECK(m.data("${if(true, \"a\", fail(\"not evaluated\"))}") == "a");
  CHECK(m.data("${not(false)}") == "true");
  CHECK(m.data("${has(missing)}") == "false");
  CHECK(m.data("${has(vpc)}") == "true");
  CHECK(m.data("${choose(port, 80, \"http\", 5432, \"pg\")}") == "pg");
  CHECK(m.data("${choose(port, 80, \"http\", \"other\")}") == "other");
  CHECK(m.error("${choose(port, 80, \"http\")}") == "choose(): no entry for '5432'");
  CHECK(m.error("${fail(\"no such size\")}") == "no such size");
}

TEST_CASE("mapping functions, references decided at apply") {
  Mapping m;
  CHECK(m.code("${var(region)}") == "var.region");
  CHECK(m.code("${attr(vpc, cidr)}") == "aws_vpc.vpc.cidr_block");
  CHECK(m.code("${call(\"base64encode\", name)}") == "base64encode(\"Shop-DB\")");
  CHECK(m.error("${attr(name, arn)}") ==
        "attr() needs a property that refers to another resource with ${name.attribute}");
}

TEST_CASE("mapping functions, lists and maps") {
  Mapping m;
  CHECK(m.data("${list(name, missing, port)}") == "[Shop-DB, 5432]");
  CHECK(m.data("${first(zones)}") == "a");
  CHECK(m.error("${first(name)}") == "first() needs a list");
  CHECK(m.data("${map(\"k\", name, \"gone\", missing)}") == "{k: Shop-DB}");
  CHECK(m.data("${merge(settings, map(\"b\", \"y\"))}") == "{a: 1, b: y}");
  CHECK(m.data("${entries(settings)}") == "[{key: a, value: 1}, {key: b, value: x}]");
  CHECK(m.data("${pluck(rules, \"ports\")}") == "[80, 443, 22]");
  CHECK(m.data("${lookup_each(zones, \"a\", 1, \"b\", 2)}") == "[1, 2]");
  CHECK(m.error("${lookup_each(zones, \"a\", 1)}") == "lookup_each(): no entry for 'b'");
  CHECK(m.data("${contains(zones, \"x\", \"b\")}") == "true");
  CHECK(m.data("${contains(zones, \"x\")}") == "false");
}

TEST_CASE("mapping functions, text") {
  Mapping m;
  CHECK(m.data("${format(\"%s-%d%%\", name, port)}") == "Shop-DB-5432%");
  CHECK(m.code("${format(\"id-%s\", vpc)}") == "\"id-${aws_vpc.vpc.id}\"");  // known at apply: a template
  CHECK_FALSE(m.run("${format(\"%s\", missing)}").has_value());
  CHECK(m.error("${format(\"%d\", name)}") == "format() %d expects an integer, got a string");
  CHECK(m.error("${format(\"%s %s\", name)}") == "format() has more verbs than arguments");
  CHECK(m.data("${str(port)}") == "5432");
  CHECK(m.data("${lower(name)}") == "shop-db");
  CHECK(m.code("${lower(vpc)}") == "lower(aws_vpc.vpc.id)");
  CHECK(m.data("${int(\"42\")}") == "42");
  CHECK(m.error("${int(name)}") == "int(): 'Shop-DB' is not an integer");
  CHECK(m.data("${dns_name(\"Shop_DB!\")}") == "shop-db");
  CHECK(m.data("${dns_name(\"abcdef\", 3)}") == "abc");
  CHECK(m.data("${alnum(name, 4)}") == "shop");
  CHECK(m.data("${part(\"a/b/c\", \"/\", 1)}") == "b");
  CHECK(m.error("${part(\"a/b\", \"/\", 5)}") == "'a/b' has no part 5 separated by '/'");
  CHECK(m.data("${substr(name, 5, 2)}") == "DB");
  CHECK(m.data("${version_part(\"16.2.1\", 2)}") == "16.2");
  CHECK(m.data("${zone(\"a\", \"\")}") == "us-east-1a");
  CHECK(m.data("${zone(\"eu-west-1b\", \"\")}") == "eu-west-1b");
  CHECK(m.data("${cidr_host(\"10.0.1.0/24\")}") == "10.0.1.0");
}

TEST_CASE("mapping functions, numbers, and values only known at apply") {
  Mapping m;
  CHECK(m.data("${add(port, 1)}") == "5433");
  CHECK(m.data("${mul(port, 2)}") == "10864");
  CHECK(m.data("${mul(1.5, 2)}") == "3");
  CHECK(m.code("${mul(vpc, 2)}") == "aws_vpc.vpc.id * 2");
  CHECK(m.error("${add(vpc, 1)}") == "add() needs a value known before apply");
}

namespace {

// A template written as YAML (a mapping file's value), compiled as the catalog compiles it.
catalog::TemplateNode compile_yaml(const std::string& text, std::vector<yaml::NodePtr>& keep) {
  util::Diagnostics diagnostics;
  keep.push_back(yaml::load(text, "m.yaml", diagnostics));
  REQUIRE_FALSE(diagnostics.has_errors());
  catalog::TemplateNode compiled = catalog::compile_template(keep.back(), diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return compiled;
}

// The same template with every precomputed item body dropped: what the
// renderer strips per use for a node the catalog did not compile.
void drop_bodies(catalog::TemplateNode& node) {
  node.body.reset();
  for (auto& item : node.items) {
    drop_bodies(item);
  }
  for (auto& entry : node.entries) {
    drop_bodies(entry.second);
  }
}

}  // namespace

TEST_CASE("list items with for_each or when render the same from the body made at load as stripped per use") {
  Mapping m;
  const std::string text =
      "- {for_each: '${zones}', element: '${zone(item, \"\")}'}\n"
      "- {when: '${has(port)}', port: '${port}', index: 1}\n"
      "- {when: '${has(missing)}', gone: '${missing}'}\n"
      "- {for_each: '${rules}', when: '${has(item.ports)}', ports: '${item.ports}', at: '${index}'}\n"
      "- plain\n";
  catalog::TemplateNode compiled = compile_yaml(text, m.nodes);
  REQUIRE(compiled.items.size() == 5);
  CHECK(compiled.items[0].body != nullptr);
  CHECK(compiled.items[0].body->kind == catalog::TemplateNode::Kind::text);  // `element` unwrapped
  CHECK(compiled.items[1].body != nullptr);
  CHECK(compiled.items[1].body->find("when") == nullptr);
  CHECK(compiled.items[3].body->find("for_each") == nullptr);
  CHECK(compiled.items[4].body == nullptr);

  const auto loaded = render::evaluate_template(compiled, m.context.context);
  catalog::TemplateNode stripped = compiled;
  drop_bodies(stripped);
  const auto per_use = render::evaluate_template(stripped, m.context.context);
  REQUIRE(loaded.has_value());
  REQUIRE(per_use.has_value());
  CHECK(loaded->data.to_display_string() == per_use->data.to_display_string());
  CHECK(render::hcl::inline_text(loaded->code) == render::hcl::inline_text(per_use->code));
  CHECK(loaded->data.to_display_string() ==
        "[us-east-1a, us-east-1b, {port: 5432, index: 1}, {ports: [80, 443], at: 0}, {ports: 22, at: 1}, "
        "plain]");
}

TEST_CASE("labels are built on first use, once, from the evaluated tags") {
  Mapping m;
  REQUIRE(m.context.context.labels == nullptr);
  CHECK_FALSE(m.context.labels.has_value());
  const std::string tags = m.data("${tags}");
  const std::string labels = m.data("${labels}");
  REQUIRE(m.context.labels.has_value());
  CHECK(&render::resource_labels(m.context) == &*m.context.labels);
  CHECK(tags.find("managed_by: dharma") != std::string::npos);
  CHECK(labels.find("managed_by: dharma") != std::string::npos);
}

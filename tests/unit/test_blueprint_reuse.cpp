// blueprint validate resolves a document once per environment and copies
// from the first run the resources an environment cannot change
// (resolve_reusing), or borrows them (resolve_borrowing, what validate
// uses). Differential tests: for every example and for
// generated blueprints whose environments override parameters (some to the
// default's own value), resources' properties, tags and counts, and use
// ${env}, the reusing run must equal an independent resolution of the same
// environment: every field, every value's data, kind, origin and marks, the
// same diagnostics.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "blueprint_fixture.hpp"

using namespace dharma;
using namespace dharma::blueprint;

namespace {

std::string template_text(const expr::TemplatePtr& t) {
  if (t == nullptr) {
    return "<none>";
  }
  std::string out;
  for (const auto& part : t->parts) {
    out += part.expression ? "${" + expr::to_string(*part.expression) + "}" : part.literal;
  }
  return out;
}

void same_value(const Value& a, const Value& b, const std::string& where) {
  CAPTURE(where);
  REQUIRE(a.kind() == b.kind());
  // The same node, or (an overlay merges into new nodes in every run) one
  // at the same place.
  CHECK((a.origin == nullptr) == (b.origin == nullptr));
  if (a.origin != b.origin && a.origin != nullptr && b.origin != nullptr) {
    CHECK(a.location() == b.location());
    CHECK(a.origin->kind == b.origin->kind);
  }
  CHECK(a.sensitive == b.sensitive);
  CHECK(a.placeholder == b.placeholder);
  CHECK(template_text(a.expression) == template_text(b.expression));
  if (a.kind() == Value::Kind::list) {
    REQUIRE(a.as_list().size() == b.as_list().size());
    for (std::size_t i = 0; i < a.as_list().size(); ++i) {
      same_value(a.as_list()[i], b.as_list()[i], where + "[" + std::to_string(i) + "]");
    }
  } else if (a.kind() == Value::Kind::map) {
    REQUIRE(a.as_map().size() == b.as_map().size());
    for (std::size_t i = 0; i < a.as_map().size(); ++i) {
      CHECK(a.as_map()[i].first == b.as_map()[i].first);
      same_value(a.as_map()[i].second, b.as_map()[i].second, where + "." + a.as_map()[i].first);
    }
  } else {
    CHECK(a.same_data(b));
  }
}

void same_map(const Map& a, const Map& b, const std::string& where) {
  same_value(Value::map(a), Value::map(b), where);
}

void same_blueprint(const ResolvedBlueprint& a, const ResolvedBlueprint& b) {
  CHECK(a.environment == b.environment);
  CHECK(a.region == b.region);
  CHECK(a.provider == b.provider);
  same_map(a.metadata.labels, b.metadata.labels, "labels");
  REQUIRE(a.parameters.size() == b.parameters.size());
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    CHECK(a.parameters[i].name == b.parameters[i].name);
    CHECK(a.parameters[i].source == b.parameters[i].source);
    same_value(a.parameters[i].value, b.parameters[i].value, "parameter " + a.parameters[i].name);
  }
  REQUIRE(a.resources.size() == b.resources.size());
  for (std::size_t i = 0; i < a.resources.size(); ++i) {
    const ResolvedResource& x = a.resources[i];
    const ResolvedResource& y = b.resources[i];
    CAPTURE(x.name);
    CHECK(x.name == y.name);
    CHECK(x.type == y.type);
    CHECK(x.native == y.native);
    CHECK(x.schema == y.schema);
    CHECK(x.count == y.count);
    same_value(x.count_value, y.count_value, "count");
    same_map(x.properties, y.properties, "properties");
    same_map(x.tags, y.tags, "tags");
    CHECK(x.depends_on == y.depends_on);
    CHECK(x.dependencies == y.dependencies);
    REQUIRE(x.guard_skips.size() == y.guard_skips.size());
    for (std::size_t s = 0; s < x.guard_skips.size(); ++s) {
      CHECK(x.guard_skips[s].policy == y.guard_skips[s].policy);
      CHECK(x.guard_skips[s].reason == y.guard_skips[s].reason);
      CHECK(x.guard_skips[s].expires == y.guard_skips[s].expires);
      CHECK(x.guard_skips[s].origin == y.guard_skips[s].origin);
    }
    CHECK(x.origin == y.origin);
    CHECK(x.declaration_index == y.declaration_index);
  }
  REQUIRE(a.outputs.size() == b.outputs.size());
  for (std::size_t i = 0; i < a.outputs.size(); ++i) {
    CHECK(a.outputs[i].name == b.outputs[i].name);
    CHECK(a.outputs[i].sensitive == b.outputs[i].sensitive);
    same_value(a.outputs[i].value, b.outputs[i].value, "output " + a.outputs[i].name);
  }
  CHECK(a.topological_order == b.topological_order);
  REQUIRE(a.levels.size() == b.levels.size());
  for (std::size_t i = 0; i < a.levels.size(); ++i) {
    CHECK(a.levels[i].resources == b.levels[i].resources);
  }
}

std::vector<std::string> messages(const util::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& diagnostic : diagnostics.all()) {
    out.push_back(util::format_diagnostic(diagnostic));
  }
  return out;
}

// Resolves every environment of `text` both ways and compares; returns how
// many resources the reusing runs copied (their templates are the first
// run's own objects).
std::size_t check_every_environment(const std::string& text) {
  util::Diagnostics load;
  const yaml::NodePtr root = yaml::load(text, "t.yaml", load);
  REQUIRE(root);
  const Document document = read_document(root, "t.yaml", load);
  const catalog::Catalog& catalog = test::real_catalog();
  util::Diagnostics first_run;
  ResolveTrace trace;
  const auto first = resolve_traced(document, catalog, {}, first_run, trace);
  std::size_t copied = 0;
  for (const auto& environment : document.environments) {
    CAPTURE(environment.name);
    ResolveInputs inputs;
    inputs.environment = environment.name;
    util::Diagnostics independent_run;
    const auto independent = resolve(document, catalog, inputs, independent_run);
    if (!first) {
      continue;  // nothing to reuse: validate resolves as resolve() does
    }
    util::Diagnostics reusing_run;
    const auto reusing = resolve_reusing(document, catalog, inputs, reusing_run, *first, trace);
    CHECK(messages(reusing_run) == messages(independent_run));
    REQUIRE(reusing.has_value() == independent.has_value());
    if (!reusing) {
      ResolvedBlueprint lender = *first;
      util::Diagnostics borrowing_run;
      CHECK_FALSE(resolve_borrowing(document, catalog, inputs, borrowing_run, lender, trace,
                                    [](const ResolvedBlueprint&) { FAIL("use called without a result"); }));
      CHECK(messages(borrowing_run) == messages(independent_run));
      same_blueprint(lender, *first);  // given back although the run failed
      continue;
    }
    same_blueprint(*reusing, *independent);
    // The same run, borrowing from a copy of the first instead of copying:
    // the result seen by `use` equals the independent one, and the lender is
    // whole again afterwards (the same data, the same template objects).
    ResolvedBlueprint lender = *first;
    util::Diagnostics borrowing_run;
    bool used = false;
    const bool borrowed = resolve_borrowing(document, catalog, inputs, borrowing_run, lender, trace,
                                            [&](const ResolvedBlueprint& borrowing) {
                                              used = true;
                                              same_blueprint(borrowing, *independent);
                                            });
    CHECK(borrowed);
    CHECK(used);
    CHECK(messages(borrowing_run) == messages(independent_run));
    same_blueprint(lender, *first);
    for (std::size_t i = 0; i < lender.resources.size(); ++i) {
      for (std::size_t p = 0; p < lender.resources[i].properties.size(); ++p) {
        CHECK(lender.resources[i].properties[p].second.expression ==
              first->resources[i].properties[p].second.expression);
      }
    }
    CHECK(lender.find_resource(first->resources.back().name) == &lender.resources.back());
    // Again with a Retired: what the run built is kept there, the lender is whole.
    ResolvedBlueprint retiring_lender = *first;
    util::Retired retired;
    util::Diagnostics retiring_run;
    CHECK(resolve_borrowing(
        document, catalog, inputs, retiring_run, retiring_lender, trace,
        [&](const ResolvedBlueprint& borrowing) { same_blueprint(borrowing, *independent); }, &retired));
    same_blueprint(retiring_lender, *first);
    CHECK(retired.take().size() == 2);
    for (std::size_t i = 0; i < reusing->resources.size(); ++i) {
      for (const auto& [key, value] : reusing->resources[i].properties) {
        if (value.expression != nullptr && i < first->resources.size()) {
          const Value* before = nullptr;
          for (const auto& [first_key, first_value] : first->resources[i].properties) {
            before = first_key == key ? &first_value : before;
          }
          copied += before != nullptr && before->expression == value.expression ? 1 : 0;
        }
      }
    }
  }
  return copied;
}

// A blueprint whose environments change some of what its resources read.
std::string generated(unsigned seed) {
  unsigned state = seed * 2654435761U + 1;
  const auto pick = [&state](unsigned n) {
    state = state * 1103515245U + 12345U;
    return (state >> 16) % n;
  };
  std::ostringstream out;
  out << test::blueprint_header();
  out << "parameters:\n"
         "  size: {type: string, default: t3.medium, allowed: [t3.small, t3.medium, m5.large]}\n"
         "  disk: {type: integer, default: 30, min: 8, max: 1000}\n"
         "  replicas: {type: integer, default: 2}\n"
         "  secret: {type: string, sensitive: true, default: not-a-secret}\n"
         "  zones: {type: list, default: [a, b]}\n";
  out << "resources:\n  - name: vpc\n    type: network.vpc\n    properties: {cidr: 10.0.0.0/8}\n";
  const int groups = 3 + static_cast<int>(pick(4));
  for (int g = 0; g < groups; ++g) {
    out << "  - name: subnet_" << g << "\n    type: network.subnet\n"
        << "    properties: {vpc: \"${vpc.id}\", cidr: 10.0." << g
        << ".0/24, zone: " << (pick(3) == 0 ? "\"${env}\"" : "a") << "}\n";
    out << "  - name: web_" << g << "\n    type: compute.instance\n";
    if (pick(2) == 0) {
      out << "    count: " << (pick(2) == 0 ? "\"${param.replicas}\"" : "2") << "\n";
    }
    out << "    properties:\n      size: " << (pick(2) == 0 ? "\"${param.size}\"" : "t3.small") << "\n"
        << "      subnet: \"${subnet_" << g << ".id}\"\n"
        << "      disk_gb: " << (pick(2) == 0 ? "\"${param.disk}\"" : "40") << "\n"
        << "      user_data: \"" << (pick(2) == 0 ? "run in ${env}" : "run") << "\"\n"
        << "    tags: {tier: web, size: \"${upper(param.size)}\"}\n";
    out << "  - name: db_" << g << "\n    type: database.postgres\n"
        << "    properties: {size: db.t3.medium, storage_gb: 50, subnets: [\"${subnet_" << g
        << ".id}\"], password: \"${param.secret}\"}\n";
    if (pick(2) == 0) {
      out << "    depends_on: [web_" << g << "]\n";
    }
  }
  out << "environments:\n";
  for (const char* name : {"prod", "staging", "same"}) {
    out << "  " << name << ":\n    parameters: {";
    if (std::string(name) == "same") {
      out << "size: t3.medium, disk: 30";  // the defaults' values, from other nodes
    } else {
      out << "size: " << (pick(2) == 0 ? "m5.large" : "t3.small") << ", replicas: " << 1 + pick(3);
      if (pick(4) == 0) {
        out << ", disk: 5";  // below the minimum: an error in this environment only
      }
    }
    out << "}\n";
    if (pick(2) == 0) {
      const int g = static_cast<int>(pick(static_cast<unsigned>(groups)));
      out << "    resources:\n      web_" << g << ":\n        properties: {disk_gb: 100}\n";
      if (pick(2) == 0) {
        out << "        tags: {tier: front}\n";
      }
      if (pick(2) == 0) {
        out << "        count: 3\n";
      }
    }
  }
  out << "outputs:\n  vpc: {value: \"${vpc.id}\"}\n  where: {value: \"${env}-${param.size}\"}\n";
  return out.str();
}

// `text` read and resolved once without an environment, recording the
// trace later runs reuse (built in place: the trace points at `document`).
struct FirstRun {
  explicit FirstRun(const std::string& text)
      : document(read_document(yaml::load(text, "t.yaml", diagnostics), "t.yaml", diagnostics)),
        result(resolve_traced(document, test::real_catalog(), {}, diagnostics, trace)) {}
  util::Diagnostics diagnostics;
  Document document;
  ResolveTrace trace;
  std::optional<ResolvedBlueprint> result;
};

}  // namespace

TEST_CASE("resolve_reusing equals an independent resolution, for every example and environment") {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(DHARMA_SOURCE_DIR) + "/examples")) {
    CAPTURE(entry.path().string());
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    check_every_environment(text.str());
  }
}

TEST_CASE("resolve_reusing equals an independent resolution on generated blueprints with overlays") {
  std::size_t copied = 0;
  for (unsigned seed = 0; seed < 40; ++seed) {
    CAPTURE(seed);
    const std::string text = generated(seed);
    CAPTURE(text);
    copied += check_every_environment(text);
  }
  CHECK(copied > 0);  // the fast path ran
}

TEST_CASE("resolve_reusing copies nothing that read a changed parameter or ${env}") {
  const std::string text = test::blueprint_header() +
                           "parameters: {size: {type: string, default: t3.small}}\n"
                           "environments: {prod: {parameters: {size: m5.large}}}\n"
                           "resources:\n"
                           "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/8}}\n"
                           "  - name: a\n    type: compute.instance\n"
                           "    properties: {size: \"${param.size}\", subnet: \"${vpc.id}\"}\n"
                           "  - name: b\n    type: compute.instance\n"
                           "    properties: {size: t3.small, subnet: \"${vpc.id}\", user_data: \"${env}\"}\n"
                           "  - name: c\n    type: compute.instance\n"
                           "    properties: {size: t3.small, subnet: \"${vpc.id}\"}\n";
  FirstRun run(text);
  auto& [diagnostics, document, trace, first] = run;
  REQUIRE(first);
  ResolveInputs prod;
  prod.environment = "prod";
  const auto second = resolve_reusing(document, test::real_catalog(), prod, diagnostics, *first, trace);
  REQUIRE(second);
  REQUIRE_FALSE(diagnostics.has_errors());
  const auto subnet_template = [](const ResolvedBlueprint& b, std::size_t i) {
    return b.resources[i].properties[1].second.expression;  // subnet: ${vpc.id}
  };
  CHECK(subnet_template(*second, 1) != subnet_template(*first, 1));  // a: read size
  CHECK(subnet_template(*second, 2) != subnet_template(*first, 2));  // b: read ${env}
  CHECK(subnet_template(*second, 3) == subnet_template(*first, 3));  // c: copied
  CHECK(second->resources[1].properties[0].second.as_string() == "m5.large");
  CHECK(second->resources[2].properties[2].second.as_string() == "prod");
}

TEST_CASE("an environment that changes what refers to what gets its own order and levels") {
  // prod makes c refer to b, which refers to a: c moves from level 1 to 3 and
  // after b in the order, so the first run's graph cannot be reused.
  const std::string text =
      test::blueprint_header() +
      "environments:\n"
      "  prod: {resources: {c: {properties: {user_data: \"${b.id}\"}}}}\n"
      "  same: {resources: {c: {properties: {user_data: plain}}}}\n"
      "resources:\n"
      "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/8}}\n"
      "  - name: c\n    type: compute.instance\n"
      "    properties: {size: t3.small, subnet: \"${vpc.id}\"}\n"
      "  - name: a\n    type: compute.instance\n"
      "    properties: {size: t3.small, subnet: \"${vpc.id}\"}\n"
      "  - name: b\n    type: compute.instance\n"
      "    properties: {size: t3.small, subnet: \"${vpc.id}\", user_data: \"${a.id}\"}\n";
  check_every_environment(text);
  FirstRun run(text);
  auto& [diagnostics, document, trace, first] = run;
  REQUIRE(first);
  CHECK(first->topological_order == std::vector<std::string>{"vpc", "c", "a", "b"});
  ResolveInputs prod;
  prod.environment = "prod";
  ResolvedBlueprint lender = *first;
  std::vector<std::string> order;
  std::size_t levels = 0;
  REQUIRE(resolve_borrowing(document, test::real_catalog(), prod, diagnostics, lender, trace,
                            [&](const ResolvedBlueprint& borrowing) {
                              order = borrowing.topological_order;
                              levels = borrowing.levels.size();
                            }));
  REQUIRE_FALSE(diagnostics.has_errors());
  CHECK(order == std::vector<std::string>{"vpc", "a", "b", "c"});
  CHECK(levels == 4);
  CHECK(first->levels.size() == 3);
}

TEST_CASE("an environment that changes a count re-evaluates the resources that refer to it") {
  // y reads x[2], which exists with the default count and not in "small":
  // copying y from the first run would lose the error.
  const std::string text =
      test::blueprint_header() +
      "environments:\n"
      "  small: {resources: {x: {count: 2}}}\n"
      "  large: {resources: {x: {count: 4}}}\n"
      "resources:\n"
      "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/8}}\n"
      "  - name: x\n    type: compute.instance\n    count: 3\n"
      "    properties: {size: t3.small, subnet: \"${vpc.id}\"}\n"
      "  - name: y\n    type: compute.instance\n"
      "    properties: {size: t3.small, subnet: \"${vpc.id}\", user_data: \"${x[2].id}\"}\n";
  check_every_environment(text);
  FirstRun run(text);
  auto& [diagnostics, document, trace, first] = run;
  REQUIRE(first);
  ResolveInputs small;
  small.environment = "small";
  util::Diagnostics small_run;
  CHECK_FALSE(resolve_reusing(document, test::real_catalog(), small, small_run, *first, trace));
  CHECK(messages(small_run).size() == 1);
}

// The resolver runs the passes of docs/blueprint.md in order:
//   1. choose the environment overlay and bind parameters;
//   2. check resource types against the catalog and merge overlays;
//   3. evaluate every resource's count (known data only), then properties,
//      tags and outputs, collecting references as dependencies;
//   4. check portable properties against their schemas, applying defaults;
//   5. build the dependency graph and reject cycles.
// Each pass reports everything it finds; later passes skip only what an
// earlier error made meaningless, so one run shows as many errors as possible.

#include "dharma/blueprint/resolver.hpp"

#include <algorithm>
#include <set>

#include "dharma/blueprint/evaluator.hpp"
#include "dharma/blueprint/graph.hpp"
#include "dharma/blueprint/overlay.hpp"
#include "dharma/blueprint/parameters.hpp"
#include "dharma/blueprint/schema_check.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::blueprint {
namespace {

const catalog::ProviderInfo* native_provider(const std::string& type) {
  for (const auto& provider : catalog::providers()) {
    if (util::starts_with(type, provider.native_prefix)) {
      return &provider;
    }
  }
  return nullptr;
}

struct Working {
  const ResourceDecl* decl = nullptr;
  yaml::NodePtr properties;  // merged with the overlay
  const yaml::Node* count = nullptr;
  yaml::NodePtr tags;
  const catalog::TypeSchema* schema = nullptr;  // portable types: looked up once
  bool valid_type = false;
};

class Resolver {
 public:
  Resolver(const Document& document, const catalog::Catalog& catalog, util::Diagnostics& diagnostics)
      : m_document(document), m_catalog(catalog), m_diagnostics(diagnostics) {}

  void record_into(ResolveTrace& trace) {
    trace = ResolveTrace{};
    trace.document = &m_document;
    m_record = &trace;
  }
  void reuse_from(const ResolvedBlueprint& base, const ResolveTrace& trace) {
    if (trace.complete && trace.document == &m_document) {
      m_base = &base;
      m_base_trace = &trace;
    }
  }
  // Like reuse_from, but a reused resource is moved out of `base` rather
  // than copied; give_back() returns it.
  void borrow_from(ResolvedBlueprint& base, const ResolveTrace& trace) {
    reuse_from(base, trace);
    m_lender = m_base != nullptr ? &base : nullptr;
  }
  // Moves every borrowed resource of `result` back to its place in the lender.
  void give_back(ResolvedBlueprint& result) {
    for (const std::size_t i : m_borrowed) {
      m_lender->resources[i] = std::move(result.resources[i]);
    }
    m_borrowed.clear();
  }

  std::optional<ResolvedBlueprint> run(const ResolveInputs& inputs) {
    ResolvedBlueprint result;
    if (!run_into(inputs, result)) {
      return std::nullopt;
    }
    return result;
  }

  // run(), into `result`; false when it would give nothing.
  bool run_into(const ResolveInputs& inputs, ResolvedBlueprint& result) {
    result.file = m_document.file;
    result.document = m_document.root;
    result.api_version = m_document.api_version;
    result.metadata = {m_document.name, m_document.version, m_document.description, m_document.owner, {}};
    result.provider = m_document.provider;

    const EnvironmentDecl* environment = choose_environment(inputs.environment);
    if (!inputs.environment.empty() && environment == nullptr) {
      return false;  // unknown --env: nothing else is meaningful
    }
    result.environment = inputs.environment.empty() ? "default" : inputs.environment;
    if (m_document.region != nullptr) {
      result.region = m_document.region->scalar;
    }
    if (environment != nullptr && environment->region != nullptr) {
      result.region = environment->region->scalar;
    }
    if (result.region.empty() && !m_document.provider.empty() && m_document.provider != "kubernetes") {
      m_diagnostics.error(m_document.provider_node != nullptr ? m_document.provider_node->location()
                                                              : util::SourceLocation{m_document.file, 1, 1},
                          "missing 'region': provider " + m_document.provider +
                              " needs one (e.g. region: " + example_region(m_document.provider) + ")");
    }

    ParameterInputs parameter_inputs{environment, inputs.set_values, inputs.values_files,
                                     inputs.placeholder_secrets};
    result.parameters = bind_parameters(m_document, parameter_inputs, result.extra_nodes, m_diagnostics);

    evaluate_labels(result);
    std::vector<Working> working = prepare_resources(environment, result.extra_nodes);
    ResourceInfos infos = evaluate_counts(working, result);
    evaluate_resources(working, infos, result);
    evaluate_outputs(infos, result);
    if (!m_diagnostics.has_errors()) {
      order_resources(result);
    }
    if (m_diagnostics.has_errors()) {
      return false;
    }
    if (m_record != nullptr) {
      m_record->infos = std::move(infos);
      m_record->complete = true;
    }
    return true;
  }

 private:
  static std::string example_region(const std::string& provider) {
    if (provider == "azure") {
      return "eastus";
    }
    if (provider == "gcp") {
      return "us-central1";
    }
    return "us-east-1";
  }

  // Labels may use ${param...}, ${env} and ${blueprint.name}, not resources.
  void evaluate_labels(ResolvedBlueprint& result) {
    if (m_document.labels == nullptr) {
      return;
    }
    const ResourceInfos no_resources;
    auto ctx = context(no_resources, result, "", nullptr);
    ctx.allow_references = false;
    for (const auto& [key, node] : m_document.labels->entries) {
      Value label = evaluate_node(*node, ctx);
      if (label.is_scalar() && label.kind() != Value::Kind::string) {
        Value text = Value::string(label.to_display_string());
        text.origin = node.get();
        text.sensitive = label.sensitive;
        text.placeholder = label.placeholder;
        label = std::move(text);
      }
      result.metadata.labels.emplace_back(key->scalar, std::move(label));
    }
  }

  const EnvironmentDecl* choose_environment(const std::string& name) {
    if (name.empty()) {
      return nullptr;
    }
    if (const auto* environment = m_document.find_environment(name)) {
      return environment;
    }
    std::vector<std::string> names;
    for (const auto& environment : m_document.environments) {
      names.push_back(environment.name);
    }
    if (names.empty()) {
      m_diagnostics.error({m_document.file, 0, 0}, "unknown environment " + util::quoted(name) +
                                                       ": this blueprint defines no environments");
    } else {
      m_diagnostics.error({m_document.file, 0, 0}, "unknown environment " + util::quoted(name) +
                                                       util::did_you_mean(name, names) +
                                                       "; this blueprint defines " + util::join(names, ", "));
    }
    return nullptr;
  }

  std::vector<Working> prepare_resources(const EnvironmentDecl* environment,
                                         std::vector<yaml::NodePtr>& keep) {
    std::vector<Working> working;
    working.reserve(m_document.resources.size());
    for (const auto& decl : m_document.resources) {
      Working item;
      item.decl = &decl;
      item.schema = m_catalog.find_type(decl.type);
      item.valid_type = check_type(decl, item.schema);
      item.count = decl.count;
      // The document's own nodes, sharing the document's ownership (no copy):
      // an overlay below replaces them with a merged node.
      if (decl.properties != nullptr && decl.properties->is_map()) {
        item.properties = yaml::NodePtr(m_document.root, decl.properties);
      }
      if (decl.tags != nullptr && decl.tags->is_map()) {
        item.tags = yaml::NodePtr(m_document.root, decl.tags);
      }
      working.push_back(std::move(item));
    }
    if (environment == nullptr) {
      return working;
    }
    util::FlatStringMap<std::size_t> by_name;  // first of each name, as a scan would find
    by_name.reserve(working.size());
    for (std::size_t i = 0; i < working.size(); ++i) {
      by_name.emplace(working[i].decl->name, i);
    }
    for (const auto& overlay : environment->resources) {
      const std::size_t* found = by_name.find(overlay.name);
      if (found == nullptr) {
        std::vector<std::string> names;
        for (const auto& w : working) {
          names.push_back(w.decl->name);
        }
        m_diagnostics.error(overlay.name_node->location(), "environment " + util::quoted(environment->name) +
                                                               " overrides unknown resource " +
                                                               util::quoted(overlay.name) +
                                                               util::did_you_mean(overlay.name, names));
        continue;
      }
      Working* target = &working[*found];
      if (overlay.properties != nullptr) {
        target->properties = target->properties ? merge_nodes(*target->properties, *overlay.properties)
                                                : std::make_shared<yaml::Node>(*overlay.properties);
        keep.push_back(target->properties);
      }
      if (overlay.tags != nullptr) {
        target->tags = target->tags ? merge_nodes(*target->tags, *overlay.tags)
                                    : std::make_shared<yaml::Node>(*overlay.tags);
        keep.push_back(target->tags);
      }
      if (overlay.count != nullptr) {
        target->count = overlay.count;
      }
    }
    return working;  // merged nodes are in `keep`; the others belong to the document
  }

  bool check_type(const ResourceDecl& decl, const catalog::TypeSchema* schema) {
    if (decl.type.empty()) {
      return false;
    }
    if (schema != nullptr) {
      return true;
    }
    if (const auto* provider = native_provider(decl.type)) {
      // The type is written into Terraform addresses (aws_x.name.id) as code.
      const bool terraform_type = std::all_of(decl.type.begin(), decl.type.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
      if (!terraform_type) {
        m_diagnostics.error(decl.type_node->location(),
                            "provider-native type " + util::quoted(decl.type) +
                                " is not a Terraform type name (lowercase letters, "
                                "digits and '_')");
        return false;
      }
      if (provider->name != m_document.provider && provider->name != "kubernetes" &&
          !m_document.provider.empty()) {
        m_diagnostics.error(decl.type_node->location(),
                            "provider-native type " + util::quoted(decl.type) + " belongs to provider " +
                                provider->name + ", but this blueprint targets " + m_document.provider);
        return false;
      }
      return true;
    }
    std::vector<std::string> names = m_catalog.type_names();
    m_diagnostics.error(
        decl.type_node->location(),
        "unknown resource type " + util::quoted(decl.type) + util::did_you_mean(decl.type, names) +
            "; use a catalog type (dharma blueprint types) or a provider-native type such as aws_*");
    return false;
  }

  EvalContext context(const ResourceInfos& infos, const ResolvedBlueprint& result, const std::string& current,
                      std::set<std::string>* references) {
    EvalContext ctx;
    ctx.parameters = &result.parameters;
    ctx.resources = &infos;
    ctx.environment = result.environment;
    ctx.blueprint_name = result.metadata.name;
    ctx.current_resource = current;
    ctx.references = references;
    ctx.diagnostics = &m_diagnostics;
    ctx.templates = &m_templates;
    return ctx;
  }

  ResourceInfos evaluate_counts(const std::vector<Working>& working, const ResolvedBlueprint& result) {
    ResourceInfos infos;
    infos.reserve(working.size());
    for (const auto& item : working) {
      ResourceInfo info;
      info.type = item.decl->type;
      info.schema = item.schema;
      info.has_count = item.count != nullptr;
      infos[item.decl->name] = std::move(info);  // a later duplicate replaces an earlier one
    }
    if (m_record != nullptr) {
      m_record->resources.resize(working.size());
      for (std::size_t i = 0; i < working.size(); ++i) {
        ResolveTrace::Resource& traced = m_record->resources[i];
        traced.clean = true;
        traced.properties = working[i].properties.get();
        traced.tags = working[i].tags.get();
        traced.count = working[i].count;
      }
    }
    for (std::size_t i = 0; i < working.size(); ++i) {
      const Working& item = working[i];
      if (item.count == nullptr) {
        continue;
      }
      auto ctx = context(infos, result, item.decl->name, nullptr);
      ctx.allow_references = false;
      const std::size_t reported = m_diagnostics.all().size();
      ctx.reads = m_record != nullptr ? &m_record->resources[i].reads : nullptr;
      Value count = evaluate_node(*item.count, ctx);
      if (m_record != nullptr) {
        m_record->resources[i].clean = m_diagnostics.all().size() == reported;
      }
      if (count.kind() == Value::Kind::integer && count.as_integer() >= 0 && count.as_integer() <= 10000) {
        infos[item.decl->name].count = count.as_integer();
      } else if (count.kind() == Value::Kind::integer) {
        m_diagnostics.error(item.count->location(), "count of " + util::quoted(item.decl->name) + " is " +
                                                        std::to_string(count.as_integer()) +
                                                        "; it must be between 0 and 10000");
      } else if (!m_diagnostics.has_errors() || !count.is_null()) {
        m_diagnostics.error(item.count->location(), "count of " + util::quoted(item.decl->name) +
                                                        " must be a whole number, not " + count.kind_name());
      }
    }
    return infos;
  }

  void evaluate_resources(const std::vector<Working>& working, const ResourceInfos& infos,
                          ResolvedBlueprint& result) {
    result.resources.reserve(working.size());
    m_same_infos = m_base != nullptr && same_infos(infos, m_base_trace->infos);
    for (std::size_t i = 0; i < working.size(); ++i) {
      const Working& item = working[i];
      const ResourceDecl& decl = *item.decl;
      if (reusable(i, item, infos, result)) {
        if (m_lender != nullptr) {
          result.resources.push_back(std::move(m_lender->resources[i]));
          m_borrowed.push_back(i);
        } else {
          result.resources.push_back(m_base->resources[i]);
        }
        continue;
      }
      const std::size_t reported = m_diagnostics.all().size();
      EvalReads* reads = m_record != nullptr ? &m_record->resources[i].reads : nullptr;
      ResolvedResource resource;
      resource.name = decl.name;
      resource.type = decl.type;
      resource.origin = decl.node;
      resource.declaration_index = i;
      resource.schema = item.schema;
      resource.native = resource.schema == nullptr && catalog::is_native_type(decl.type);
      const ResourceInfo& info = *infos.find(decl.name);  // every resource has one
      resource.count = info.count;
      std::set<std::string> references;
      auto ctx = context(infos, result, decl.name, &references);
      ctx.reads = reads;
      if (item.count != nullptr) {
        auto count_ctx = context(infos, result, decl.name, nullptr);
        count_ctx.allow_references = false;
        count_ctx.reads = reads;
        util::Diagnostics ignored;  // already reported by evaluate_counts
        count_ctx.diagnostics = &ignored;
        resource.count_value = evaluate_node(*item.count, count_ctx);
      }
      if (item.properties) {
        Value properties = evaluate_node(*item.properties, ctx);
        resource.properties = std::move(properties.as_map());
      }
      if (item.tags) {
        Value tags = evaluate_node(*item.tags, ctx);
        resource.tags = std::move(tags.as_map());
        for (const auto& [key, tag] : resource.tags) {
          if (!tag.is_scalar() && tag.kind() != Value::Kind::reference &&
              tag.kind() != Value::Kind::interpolation && !tag.is_null()) {
            m_diagnostics.error(tag.location(),
                                "tag " + util::quoted(key) + " must be a string, not " + tag.kind_name());
          }
        }
      }
      if (resource.schema != nullptr && item.valid_type) {
        const yaml::Node& owner = item.properties ? *item.properties : *decl.node;
        check_properties(resource.properties, *resource.schema, owner, m_diagnostics);
      }
      for (const auto* dependency : decl.depends_on) {
        const std::string& name = dependency->scalar;
        if (name == decl.name) {
          m_diagnostics.error(dependency->location(),
                              "resource " + util::quoted(name) + " depends on itself");
        } else if (!infos.contains(name)) {
          m_diagnostics.error(dependency->location(), "depends_on names unknown resource " +
                                                          util::quoted(name) +
                                                          util::did_you_mean(name, resource_names()));
        } else {
          resource.depends_on.push_back(name);
          references.insert(name);
        }
      }
      resource.dependencies.assign(references.begin(), references.end());
      read_guard(decl, resource);
      result.resources.push_back(std::move(resource));
      if (m_record != nullptr && m_diagnostics.all().size() != reported) {
        m_record->resources[i].clean = false;
      }
    }
  }

  // See resolve_reusing: whether resource i of `m_base` is what evaluating it here would give.
  bool reusable(std::size_t i, const Working& item, const ResourceInfos& infos,
                const ResolvedBlueprint& result) const {
    if (m_base == nullptr || i >= m_base_trace->resources.size() || i >= m_base->resources.size()) {
      return false;
    }
    const ResolveTrace::Resource& traced = m_base_trace->resources[i];
    const ResolvedResource& before = m_base->resources[i];
    if (!traced.clean || before.declaration_index != i || before.name != item.decl->name ||
        traced.properties != item.properties.get() || traced.tags != item.tags.get() ||
        traced.count != item.count) {
      return false;
    }
    if (traced.reads.environment && result.environment != m_base->environment) {
      return false;
    }
    for (const std::size_t p : traced.reads.parameters) {
      if (p >= result.parameters.size() || p >= m_base->parameters.size() ||
          !same_parameter(m_base->parameters[p], result.parameters[p])) {
        return false;
      }
    }
    if (m_same_infos) {
      // A resource the base evaluated cleanly names only resources the base
      // knew, and every one of those is known here with the same type and count.
      return true;
    }
    if (!same_info(item.decl->name, infos)) {
      return false;
    }
    return std::all_of(before.dependencies.begin(), before.dependencies.end(),
                       [&](const std::string& name) { return same_info(name, infos); });
  }

  bool same_info(const std::string& name, const ResourceInfos& infos) const {
    const ResourceInfo* now = infos.find(name);
    const ResourceInfo* then = m_base_trace->infos.find(name);
    return now != nullptr && then != nullptr && now->type == then->type && now->schema == then->schema &&
           now->count == then->count && now->has_count == then->has_count;
  }

  // Every resource's type, schema and count as the base run saw them, in
  // the same order (one pass over both tables, no lookups).
  static bool same_infos(const ResourceInfos& now, const ResourceInfos& then) {
    return now.size() == then.size() &&
           std::equal(now.begin(), now.end(), then.begin(), [](const auto& a, const auto& b) {
             return a.first == b.first && a.second.type == b.second.type &&
                    a.second.schema == b.second.schema && a.second.count == b.second.count &&
                    a.second.has_count == b.second.has_count;
           });
  }

  static bool same_parameter(const ResolvedParameter& a, const ResolvedParameter& b) {
    return a.name == b.name && a.sensitive == b.sensitive && identical(a.value, b.value);
  }

  // Same data, kinds, origins, marks and templates, all the way down.
  static bool identical(const Value& a, const Value& b) {
    if (a.kind() != b.kind() || a.origin != b.origin || a.sensitive != b.sensitive ||
        a.placeholder != b.placeholder || a.expression != b.expression) {
      return false;
    }
    if (a.kind() == Value::Kind::list) {
      const List& x = a.as_list();
      const List& y = b.as_list();
      return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), identical);
    }
    if (a.kind() == Value::Kind::map) {
      const Map& x = a.as_map();
      const Map& y = b.as_map();
      return x.size() == y.size() &&
             std::equal(x.begin(), x.end(), y.begin(), [](const auto& l, const auto& r) {
               return l.first == r.first && identical(l.second, r.second);
             });
    }
    return a.same_data(b);
  }

  // Built only for a "did you mean": once per resource would make big blueprints quadratic.
  std::vector<std::string> resource_names() const {
    std::vector<std::string> names;
    names.reserve(m_document.resources.size());
    for (const auto& other : m_document.resources) {
      names.push_back(other.name);
    }
    return names;
  }

  void read_guard(const ResourceDecl& decl, ResolvedResource& resource) {
    if (decl.guard == nullptr || decl.guard->is_null()) {
      return;
    }
    yaml::MapReader guard(*decl.guard, "'guard' of resource " + util::quoted(decl.name), m_diagnostics);
    if (!guard.is_map()) {
      return;
    }
    guard.allow_only({"skip"});
    const yaml::Node* skip = guard.sequence("skip");
    if (skip == nullptr) {
      return;
    }
    for (const auto& entry : skip->items) {
      yaml::MapReader fields(*entry, "a guard.skip entry", m_diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      fields.allow_only({"policy", "reason", "expires"});
      GuardSkip item;
      item.origin = entry.get();
      // Empty or missing texts are left to validate_skips, which says what each one is for.
      const auto text = [&](const char* key) -> std::string {
        const yaml::Node* value = fields.node(key);
        if (value != nullptr && !value->is_scalar()) {
          fields.string(key);  // reports the wrong kind
          return "";
        }
        return value != nullptr ? value->scalar : "";
      };
      item.policy = text("policy");
      item.reason = text("reason");
      item.expires = text("expires");
      resource.guard_skips.push_back(std::move(item));
    }
  }

  void evaluate_outputs(const ResourceInfos& infos, ResolvedBlueprint& result) {
    for (const auto& decl : m_document.outputs) {
      ResolvedOutput output;
      output.name = decl.name;
      output.description = decl.description;
      output.sensitive = decl.sensitive;
      output.origin = decl.node;
      auto ctx = context(infos, result, "", nullptr);
      output.value = evaluate_node(*decl.value, ctx);
      output.sensitive = output.sensitive || output.value.sensitive;
      result.outputs.push_back(std::move(output));
    }
  }

  void order_resources(ResolvedBlueprint& result) {
    if (same_graph_as_base(result)) {
      result.topological_order = m_base->topological_order;
      result.levels = m_base->levels;
      return;
    }
    GraphResult graph = build_graph(result.resources);
    if (graph.cycle) {
      const auto* first = result.find_resource(graph.cycle->front());
      m_diagnostics.error(first != nullptr && first->origin != nullptr
                              ? first->origin->location()
                              : util::SourceLocation{result.file, 0, 0},
                          "dependency cycle: " + util::join(*graph.cycle, " -> ") +
                              " (break it by removing one reference or depends_on)");
      return;
    }
    result.topological_order = std::move(graph.order);
    result.levels = std::move(graph.levels);
  }

  // Whether every resource has the base's name and dependencies, so the
  // base's order and levels are this result's too (an environment seldom
  // changes what refers to what). A borrowed resource is the base's own.
  bool same_graph_as_base(const ResolvedBlueprint& result) const {
    if (m_base == nullptr || result.resources.size() != m_base->resources.size()) {
      return false;
    }
    auto borrowed = m_borrowed.begin();  // ascending
    for (std::size_t i = 0; i < result.resources.size(); ++i) {
      if (borrowed != m_borrowed.end() && *borrowed == i) {
        ++borrowed;
        continue;
      }
      const ResolvedResource& now = result.resources[i];
      const ResolvedResource& then = m_base->resources[i];
      if (now.name != then.name || now.dependencies != then.dependencies) {
        return false;
      }
    }
    return true;
  }

  const Document& m_document;
  const catalog::Catalog& m_catalog;
  util::Diagnostics& m_diagnostics;
  util::FlatStringMap<expr::TemplatePtr> m_templates;  // see EvalContext::templates
  ResolveTrace* m_record = nullptr;                    // resolve_traced
  const ResolvedBlueprint* m_base = nullptr;           // resolve_reusing
  const ResolveTrace* m_base_trace = nullptr;
  bool m_same_infos = false;              // every ResourceInfo as in m_base_trace (same_infos)
  ResolvedBlueprint* m_lender = nullptr;  // resolve_borrowing: m_base, lending its resources
  std::vector<std::size_t> m_borrowed;    // positions moved out of m_lender (the same in the result)
};

}  // namespace

std::optional<ResolvedBlueprint> resolve(const Document& document, const catalog::Catalog& catalog,
                                         const ResolveInputs& inputs, util::Diagnostics& diagnostics) {
  Resolver resolver(document, catalog, diagnostics);
  return resolver.run(inputs);
}

std::optional<ResolvedBlueprint> resolve_traced(const Document& document, const catalog::Catalog& catalog,
                                                const ResolveInputs& inputs, util::Diagnostics& diagnostics,
                                                ResolveTrace& trace) {
  Resolver resolver(document, catalog, diagnostics);
  resolver.record_into(trace);
  return resolver.run(inputs);
}

std::optional<ResolvedBlueprint> resolve_reusing(const Document& document, const catalog::Catalog& catalog,
                                                 const ResolveInputs& inputs, util::Diagnostics& diagnostics,
                                                 const ResolvedBlueprint& base, const ResolveTrace& trace) {
  Resolver resolver(document, catalog, diagnostics);
  resolver.reuse_from(base, trace);
  return resolver.run(inputs);
}

bool resolve_borrowing(const Document& document, const catalog::Catalog& catalog, const ResolveInputs& inputs,
                       util::Diagnostics& diagnostics, ResolvedBlueprint& base, const ResolveTrace& trace,
                       const std::function<void(const ResolvedBlueprint&)>& use, util::Retired* retired) {
  Resolver resolver(document, catalog, diagnostics);
  resolver.borrow_from(base, trace);
  ResolvedBlueprint result;
  const bool resolved = resolver.run_into(inputs, result);
  if (resolved) {
    use(result);
  }
  resolver.give_back(result);
  if (retired != nullptr) {
    retired->keep(std::move(result));  // the resources this run evaluated itself
    // Kept only so its tables are not freed: it still refers to `diagnostics`
    // and `base`, which may end first, and nothing can call it once kept.
    retired->keep(std::move(resolver));
  }
  return resolved;
}

}  // namespace dharma::blueprint

// Loading and validating provider mapping files. Each file is read through
// yaml::load_file (positions, duplicate keys), checked key by key against
// the format in docs/catalog.md, its `${...}` templates compiled, and its
// references checked: ref() must name an entry of the same mapping, shared()
// and var() something the provider file declares, and plain paths a property
// of the portable type. Every problem is reported; loading never stops early.

#include "dharma/catalog/provider_mapping.hpp"

#include <algorithm>
#include <set>

#include "dharma/catalog/catalog.hpp"
#include "dharma/preparsed/data_files.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/find.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace fs = std::filesystem;

namespace dharma::catalog {
namespace {

yaml::NodePtr child(const yaml::NodePtr& map, const std::string& key) {
  for (const auto& [k, v] : map->entries) {
    if (k->scalar == key) {
      return v;
    }
  }
  return nullptr;
}

// `what` names the list in messages ("'terraform'", "'shared'").
std::vector<TerraformResourceTemplate> load_resources(const yaml::NodePtr& list, const std::string& what,
                                                      util::Diagnostics& diagnostics) {
  std::vector<TerraformResourceTemplate> out;
  if (!yaml::expect_sequence(*list, what, diagnostics)) {
    return out;
  }
  for (const auto& item : list->items) {
    yaml::MapReader fields(*item, "a Terraform resource entry", diagnostics);
    if (!fields.is_map()) {
      continue;
    }
    fields.allow_only({"resource", "data", "id", "suffix", "when", "for_each", "attributes"});
    TerraformResourceTemplate entry;
    entry.location = item->location();
    entry.data = item->find("data") != nullptr;
    entry.resource = fields.string(entry.data ? "data" : "resource", yaml::Need::required).value_or("");
    entry.id = fields.string("id").value_or("");
    if (entry.id.empty()) {
      entry.id = entry.resource;
    }
    entry.suffix = fields.string("suffix").value_or("");
    if (auto when = child(item, "when")) {
      entry.when = compile_template(when, diagnostics);
    }
    if (auto for_each = child(item, "for_each")) {
      entry.for_each = compile_template(for_each, diagnostics);
    }
    auto attributes = child(item, "attributes");
    if (attributes) {
      if (yaml::expect_map(*attributes, fields.describe("attributes"), diagnostics)) {
        entry.attributes = compile_template(attributes, diagnostics);
      }
    } else {
      entry.attributes.kind = TemplateNode::Kind::map;
    }
    for (const auto& other : out) {
      if (other.id == entry.id && other.suffix == entry.suffix) {
        diagnostics.error(entry.location, "two entries for " + entry.resource +
                                              " with the same label: give one an 'id' and a 'suffix'");
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

// Checks ref()/shared()/var() targets inside one expression tree.
void check_calls(const MappingExpr& e, const util::SourceLocation& where, const ProviderMapping* mapping,
                 const ProviderDefinition* provider, util::Diagnostics& diagnostics) {
  if (e.kind == MappingExpr::Kind::call && !e.args.empty() && e.args[0].kind == MappingExpr::Kind::path) {
    const std::string target = util::join(e.args[0].path, ".");
    if (e.name == "ref" && mapping != nullptr && mapping->find_entry(target) == nullptr) {
      diagnostics.error(where, "ref(" + target + ", ...) names no Terraform entry of this mapping");
    }
    if (e.name == "shared" && (provider == nullptr || provider->find_shared(target) == nullptr)) {
      diagnostics.error(where, "shared(" + target + ", ...) names no 'shared' entry of the provider file");
    }
    if (e.name == "var") {
      const bool declared =
          provider != nullptr && std::any_of(provider->variables.begin(), provider->variables.end(),
                                             [&](const auto& v) { return v.name == target; });
      if (!declared) {
        diagnostics.error(where, "var(" + target + ") names no variable of the provider file");
      }
    }
  }
  for (const auto& arg : e.args) {
    check_calls(arg, where, mapping, provider, diagnostics);
  }
}

bool is_literal_true(const TemplateNode& node) {
  return node.kind == TemplateNode::Kind::literal && node.literal->plain &&
         yaml::as_bool(*node.literal) == true;
}

void check_tree(const TemplateNode& node, const ProviderMapping* mapping, const ProviderDefinition* provider,
                util::Diagnostics& diagnostics) {
  for (const auto& part : node.parts) {
    if (part.expression) {
      check_calls(*part.expression, node.location, mapping, provider, diagnostics);
    }
  }
  for (const auto& item : node.items) {
    check_tree(item, mapping, provider, diagnostics);
  }
  for (const auto& [key, value] : node.entries) {
    if (key == "keep_empty" && !is_literal_true(value)) {
      diagnostics.error(value.location, "keep_empty must be true (leave it out to drop an empty value)");
    }
    check_tree(value, mapping, provider, diagnostics);
  }
}

template <typename Visit>
void for_each_tree(const ProviderMapping& mapping, Visit visit) {
  for (const auto& entry : mapping.terraform) {
    visit(entry.attributes);
    if (entry.when) {
      visit(*entry.when);
    }
    if (entry.for_each) {
      visit(*entry.for_each);
    }
  }
  for (const auto& manifest : mapping.manifests) {
    visit(manifest.manifest);
    if (manifest.when) {
      visit(*manifest.when);
    }
  }
  for (const auto& [name, value] : mapping.exports) {
    visit(value);
  }
}

void check_properties(const ProviderMapping& mapping, const TypeSchema& schema,
                      util::Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, util::SourceLocation>> paths;
  for_each_tree(mapping, [&](const TemplateNode& node) { collect_property_paths(node, paths); });
  for (const auto& [path, where] : paths) {
    const std::string first = path.substr(0, path.find('.'));
    if (schema.find_property(first) == nullptr) {
      diagnostics.error(where, "'" + first + "' is not a property of " + schema.type +
                                   util::did_you_mean(first, schema.property_names()));
    }
  }
  // Mappings may export more (internal attributes other mappings read with
  // attr()), never less: every attribute a blueprint may reference must render.
  for (const auto& attribute : schema.attributes) {
    const bool exported = std::any_of(mapping.exports.begin(), mapping.exports.end(),
                                      [&](const auto& entry) { return entry.first == attribute; });
    if (!exported) {
      diagnostics.error({mapping.file, 1, 1}, "the mapping does not export '" + attribute +
                                                  "', an attribute of " + schema.type +
                                                  " (add it under 'exports')");
    }
  }
}

ProviderDefinition load_provider(const yaml::NodePtr& root, const fs::path& file, const std::string& provider,
                                 util::Diagnostics& diagnostics) {
  ProviderDefinition out;
  out.file = file.string();
  out.provider = provider;
  if (!root) {
    return out;
  }
  yaml::MapReader fields(*root, "a provider file", diagnostics);
  if (!fields.is_map()) {
    return out;
  }
  fields.allow_only({"provider", "terraform_provider", "provider_block", "variables", "shared"});
  if (fields.string("provider", yaml::Need::required).value_or("") != provider) {
    diagnostics.error(root->location(),
                      "provider file in templates/" + provider + "/ must say 'provider: " + provider + "'");
  }
  if (const auto* tf = fields.mapping("terraform_provider")) {
    yaml::MapReader terraform(*tf, "terraform_provider", diagnostics);
    terraform.allow_only({"name", "source", "version", "required_version"});
    out.terraform_name = terraform.string("name", yaml::Need::required).value_or("");
    out.source = terraform.string("source", yaml::Need::required).value_or("");
    out.version = terraform.string("version", yaml::Need::required).value_or("");
    out.required_version = terraform.string("required_version").value_or("");
  }
  if (auto block = child(root, "provider_block")) {
    out.provider_block = compile_template(block, diagnostics);
  }
  if (const auto* variables = fields.mapping("variables")) {
    for (const auto& [key, value] : variables->entries) {
      TerraformVariable variable;
      variable.name = key->scalar;
      yaml::MapReader declaration(*value, "variable " + util::quoted(variable.name), diagnostics);
      if (declaration.is_map()) {
        declaration.allow_only({"type", "description", "default"});
        variable.type = declaration.string("type", yaml::Need::required).value_or("");
        variable.description = declaration.string("description").value_or("");
        if (auto def = child(value, "default")) {
          variable.default_value = compile_template(def, diagnostics);
        }
      }
      out.variables.push_back(std::move(variable));
    }
  }
  if (auto shared = child(root, "shared")) {
    out.shared = load_resources(shared, "'shared'", diagnostics);
  }
  return out;
}

ProviderMapping load_mapping(const yaml::NodePtr& root, const fs::path& file, const std::string& provider,
                             util::Diagnostics& diagnostics) {
  ProviderMapping out;
  out.file = file.string();
  out.provider = provider;
  if (!root) {
    return out;
  }
  yaml::MapReader fields(*root, "a provider mapping", diagnostics);
  if (!fields.is_map()) {
    return out;
  }
  fields.allow_only({"type", "description", "terraform", "manifests", "exports"});
  out.type = fields.string("type", yaml::Need::required).value_or("");
  out.description = fields.string("description").value_or("");
  if (!out.type.empty() && out.type != file.stem().string()) {
    diagnostics.error(root->find("type")->location(),
                      "type '" + out.type + "' does not match the file name " + file.filename().string());
  }
  if (auto terraform = child(root, "terraform")) {
    out.terraform = load_resources(terraform, "'terraform'", diagnostics);
  }
  if (const auto* manifests = fields.sequence("manifests")) {
    for (const auto& item : manifests->items) {
      ManifestTemplate manifest;
      manifest.location = item->location();
      yaml::MapReader entry(*item, "a manifest entry", diagnostics);
      if (!entry.is_map()) {
        continue;
      }
      entry.allow_only({"when", "manifest"});
      if (auto when = child(item, "when")) {
        manifest.when = compile_template(when, diagnostics);
      }
      auto body = child(item, "manifest");
      if (!body || !body->is_map() || !body->find("apiVersion") || !body->find("kind")) {
        diagnostics.error(item->location(), "a manifest entry needs 'manifest' with apiVersion and kind");
        continue;
      }
      manifest.manifest = compile_template(body, diagnostics);
      out.manifests.push_back(std::move(manifest));
    }
  }
  if (root->find("terraform") == nullptr && root->find("manifests") == nullptr) {
    diagnostics.error(root->location(), "a provider mapping needs 'terraform' or 'manifests' entries");
  }
  if (const auto* exports = fields.mapping("exports")) {
    for (const auto& [key, value] : exports->entries) {
      out.exports.emplace_back(key->scalar, compile_template(value, diagnostics));
    }
  }
  return out;
}

}  // namespace

const TerraformResourceTemplate* ProviderMapping::find_entry(const std::string& id) const {
  return util::find_by(terraform, &TerraformResourceTemplate::id, id);
}

const TerraformResourceTemplate* ProviderDefinition::find_shared(const std::string& id) const {
  return util::find_by(shared, &TerraformResourceTemplate::id, id);
}

namespace {

// One file of a provider folder, read.
struct FolderFile {
  std::string provider;
  fs::path path;
  std::string shipped_path;  // templates/<provider>/<name>
  std::optional<std::string> text;
  const preparsed::EmbeddedFile* shipped = nullptr;
};

// The checks of one mapping against its provider file and the type catalog.
void check_mapping(const ProviderMapping& mapping, const fs::path& file, const std::string& provider,
                   const ProviderDefinition* definition, const Catalog* types,
                   util::Diagnostics& diagnostics) {
  for_each_tree(mapping,
                [&](const TemplateNode& node) { check_tree(node, &mapping, definition, diagnostics); });
  if (!mapping.terraform.empty() && definition == nullptr) {
    diagnostics.error({file.string(), 1, 1},
                      "Terraform mappings need templates/" + provider + "/provider.yaml");
  }
  if (types != nullptr && !mapping.type.empty()) {
    if (const TypeSchema* schema = types->find_type(mapping.type)) {
      check_properties(mapping, *schema, diagnostics);
    } else {
      diagnostics.error({file.string(), 1, 1}, "no portable type '" + mapping.type + "' in templates/types" +
                                                   util::did_you_mean(mapping.type, types->type_names()));
    }
  }
}

}  // namespace

MappingCatalog MappingCatalog::load(const fs::path& templates_dir, const Catalog* types,
                                    util::Diagnostics& diagnostics) {
  MappingCatalog catalog;
  catalog.m_types = types;
  std::error_code ec;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(templates_dir, ec)) {
    // Only provider folders: templates/ also holds types/ and other data (init/).
    if (entry.is_directory() && catalog::find_provider(entry.path().filename().string()) != nullptr) {
      folders.push_back(entry.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  std::vector<FolderFile> all;
  for (const auto& folder : folders) {
    const std::string provider = folder.filename().string();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.path().extension() == ".yaml") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (auto& file : files) {
      all.push_back({provider, std::move(file), "templates/" + provider + "/", std::nullopt, nullptr});
      all.back().shipped_path += all.back().path.filename().string();
    }
  }

  // Read every file once; a file that cannot be read is reported in order below.
  util::Diagnostics read_problems;
  bool verified = types != nullptr && !types->shipped_files().empty();
  std::vector<std::string> paths = verified ? types->shipped_files() : std::vector<std::string>{};
  for (auto& file : all) {
    std::string text;
    if (preparsed::read_or_report(file.path.string(), text, read_problems)) {
      file.shipped = preparsed::find_shipped(text, file.shipped_path);
      file.text = std::move(text);
    }
    verified = verified && file.shipped != nullptr;
    paths.push_back(file.shipped_path);
  }
  verified = verified && preparsed::is_verified_templates(paths);

  std::string current;
  const ProviderDefinition* definition = nullptr;
  for (const auto& file : all) {
    if (file.provider != current) {
      current = file.provider;
      definition = nullptr;
      const fs::path provider_file = file.path.parent_path() / "provider.yaml";
      if (fs::exists(provider_file)) {
        const auto* read = &file;
        for (const auto& other : all) {
          if (other.path == provider_file) {
            read = &other;
          }
        }
        yaml::NodePtr root;
        if (read->path != provider_file) {
          root = preparsed::load_file(provider_file.string(), diagnostics);  // not listed: not a .yaml
        } else if (!read->text) {
          preparsed::load_file(provider_file.string(), diagnostics);  // reports why it cannot be read
        } else {
          root = read->shipped != nullptr ? preparsed::tree_of(*read->shipped, provider_file.string())
                                          : preparsed::load(*read->text, provider_file.string(), diagnostics);
        }
        auto& stored = catalog.m_providers[current] =
            load_provider(root, provider_file, current, diagnostics);
        definition = &stored;
        for (const auto& shared : stored.shared) {
          check_tree(shared.attributes, nullptr, definition, diagnostics);
        }
      }
    }
    if (file.path.filename() == "provider.yaml") {
      continue;
    }
    auto slot = std::make_unique<Slot>();
    if (verified) {
      // Verified at build time: its type is its file name, and building it
      // later reports nothing (see the header).
      slot->shipped = file.shipped;
      slot->file = file.path.string();
      slot->mapping.provider = file.provider;
      catalog.m_mappings[{file.provider, file.path.stem().string()}] = std::move(slot);
      continue;
    }
    yaml::NodePtr root;
    if (!file.text) {
      preparsed::load_file(file.path.string(), diagnostics);  // reports why it cannot be read
    } else {
      root = preparsed::load(*file.text, file.path.string(), diagnostics);
    }
    slot->mapping = load_mapping(root, file.path, file.provider, diagnostics);
    check_mapping(slot->mapping, file.path, file.provider, definition, types, diagnostics);
    const std::string type = slot->mapping.type;
    catalog.m_mappings[{file.provider, type}] = std::move(slot);
  }
  return catalog;
}

const ProviderMapping& MappingCatalog::built(Slot& slot) const {
  if (slot.shipped != nullptr) {
    std::call_once(slot.built, [&] {
      util::Diagnostics problems;
      const std::string provider = slot.mapping.provider;
      const auto root = preparsed::tree_of(*slot.shipped, slot.file);
      slot.mapping = load_mapping(root, slot.file, provider, problems);
      check_mapping(slot.mapping, slot.file, provider, find_provider(provider), m_types, problems);
      if (problems.has_errors()) {
        throw util::Error(slot.file + ": a shipped mapping the build verified gave errors when built");
      }
      slot.done = true;
    });
  }
  return slot.mapping;
}

std::size_t MappingCatalog::pending() const {
  std::size_t count = 0;
  for (const auto& [key, slot] : m_mappings) {
    count += slot->shipped != nullptr && !slot->done ? 1 : 0;
  }
  return count;
}

const ProviderDefinition* MappingCatalog::find_provider(const std::string& provider) const {
  auto it = m_providers.find(provider);
  return it == m_providers.end() ? nullptr : &it->second;
}

const ProviderMapping* MappingCatalog::find(const std::string& provider, const std::string& type) const {
  const std::string effective = util::starts_with(type, "k8s.") ? "kubernetes" : provider;
  auto it = m_mappings.find({effective, type});
  return it == m_mappings.end() ? nullptr : &built(*it->second);
}

std::vector<const ProviderMapping*> MappingCatalog::mappings_of(const std::string& provider) const {
  std::vector<const ProviderMapping*> out;
  for (const auto& [key, slot] : m_mappings) {
    if (key.first == provider) {
      out.push_back(&built(*slot));
    }
  }
  return out;
}

std::vector<std::string> MappingCatalog::provider_names() const {
  std::set<std::string> names;
  for (const auto& [key, slot] : m_mappings) {
    names.insert(key.first);
  }
  return {names.begin(), names.end()};
}

}  // namespace dharma::catalog

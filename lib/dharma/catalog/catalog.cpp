// Loads templates/types/*.yaml into TypeSchemas, validating every key of
// every property so a typo in the catalog is a file:line:col error at load
// time rather than a silently ignored rule. Files are read in sorted order so
// diagnostics and `type_names()` are deterministic.

#include "dharma/catalog/catalog.hpp"

#include <algorithm>
#include <optional>

#include "dharma/preparsed/data_files.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace fs = std::filesystem;

namespace dharma::catalog {
namespace {

const std::vector<std::string> k_property_keys{"type",      "required", "default",     "min",
                                               "max",       "allowed",  "description", "to",
                                               "sensitive", "items",    "values",      "properties"};
const std::vector<std::string> k_type_keys{"type", "family", "description", "properties", "attributes"};
const std::vector<std::string> k_families{"network", "compute",  "storage",   "database",
                                          "cache",   "identity", "kubernetes"};

class SchemaReader {
 public:
  explicit SchemaReader(util::Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}

  PropertySchema property(const std::string& name, const yaml::Node& node) {
    PropertySchema schema;
    schema.name = name;
    schema.location = node.location();
    yaml::MapReader fields(node, "property " + util::quoted(name), m_diagnostics);
    if (!fields.is_map()) {
      return schema;
    }
    fields.allow_only(k_property_keys);
    const std::string type_name = fields.string("type", yaml::Need::required).value_or("");
    if (auto type = parse_property_type(type_name)) {
      schema.type = *type;
    } else if (!type_name.empty()) {
      std::vector<std::string> names;
      for (auto t : {PropertyType::string, PropertyType::integer, PropertyType::number, PropertyType::boolean,
                     PropertyType::list, PropertyType::map, PropertyType::object, PropertyType::reference,
                     PropertyType::any}) {
        names.emplace_back(property_type_name(t));
      }
      fields.error(*fields.node("type"),
                   "unknown property type " + util::quoted(type_name) + util::did_you_mean(type_name, names));
    }
    schema.required = fields.boolean("required").value_or(false);
    schema.sensitive = fields.boolean("sensitive").value_or(false);
    schema.description = fields.string("description").value_or("");
    schema.min = fields.number("min");
    schema.max = fields.number("max");
    schema.reference_to = fields
                              .string("to", schema.type == PropertyType::reference ? yaml::Need::required
                                                                                   : yaml::Need::optional)
                              .value_or("");
    if (const auto* def = node.find("default")) {
      schema.default_value = value::literal_value(*def);
      schema.default_value->origin = nullptr;  // defaults point at the resource, not the catalog
    }
    if (const auto* allowed = fields.sequence("allowed")) {
      for (const auto& item : allowed->items) {
        schema.allowed.push_back(item->scalar);
      }
    }
    if (const auto* items = fields.node("items")) {
      schema.items = std::make_shared<PropertySchema>(property(name + "[]", *items));
    } else if (schema.type == PropertyType::list) {
      m_diagnostics.error(node.location(), "list property " + util::quoted(name) + " needs 'items'");
    }
    if (const auto* values = fields.node("values")) {
      schema.values = std::make_shared<PropertySchema>(property(name + ".*", *values));
    }
    if (const auto* properties = fields.mapping("properties")) {
      schema.properties = property_list(*properties);
    } else if (schema.type == PropertyType::object && fields.node("properties") == nullptr) {
      m_diagnostics.error(node.location(), "object property " + util::quoted(name) + " needs 'properties'");
    }
    return schema;
  }

  std::vector<PropertySchema> property_list(const yaml::Node& node) {
    std::vector<PropertySchema> properties;
    for (const auto& [key, value] : node.entries) {
      properties.push_back(property(key->scalar, *value));
    }
    return properties;
  }

  std::shared_ptr<TypeSchema> type(const yaml::Node& root, const fs::path& file) {
    auto schema = std::make_shared<TypeSchema>();
    schema->file = file.string();
    yaml::MapReader fields(root, "catalog type", m_diagnostics);
    if (!fields.is_map()) {
      return nullptr;
    }
    fields.allow_only(k_type_keys);
    schema->type = fields.string("type", yaml::Need::required).value_or("");
    schema->family = fields.string("family", yaml::Need::required).value_or("");
    schema->description = fields.string("description").value_or("");
    if (!schema->family.empty() &&
        std::find(k_families.begin(), k_families.end(), schema->family) == k_families.end()) {
      fields.error(*fields.node("family"), "unknown family " + util::quoted(schema->family) +
                                               util::did_you_mean(schema->family, k_families));
    }
    if (const auto* properties = fields.mapping("properties")) {
      schema->properties = property_list(*properties);
    }
    schema->attributes = fields.strings("attributes").value_or(std::vector<std::string>{});
    const std::string expected = file.stem().string();
    if (!schema->type.empty() && schema->type != expected) {
      m_diagnostics.error(root.find("type")->location(), "type " + util::quoted(schema->type) +
                                                             " does not match its file name " +
                                                             util::quoted(file.filename().string()));
    }
    return schema;
  }

 private:
  util::Diagnostics& m_diagnostics;
};

}  // namespace

const std::vector<ProviderInfo>& providers() {
  static const std::vector<ProviderInfo> k_providers{
      {"aws", "aws_"}, {"azure", "azurerm_"}, {"gcp", "google_"}, {"kubernetes", "kubernetes_"}};
  return k_providers;
}

const ProviderInfo* find_provider(const std::string& name) {
  for (const auto& provider : providers()) {
    if (provider.name == name) {
      return &provider;
    }
  }
  return nullptr;
}

bool is_native_type(const std::string& type) {
  for (const auto& provider : providers()) {
    if (util::starts_with(type, provider.native_prefix) && type.size() > provider.native_prefix.size()) {
      return true;
    }
  }
  return false;
}

Catalog Catalog::load(const fs::path& templates_dir, util::Diagnostics& diagnostics) {
  Catalog catalog;
  catalog.m_directory = templates_dir;
  const fs::path types_dir = templates_dir / "types";
  std::error_code ec;
  if (!fs::is_directory(types_dir, ec)) {
    diagnostics.error({}, "catalog directory " + types_dir.string() +
                              " not found (set DHARMA_HOME to the folder holding templates/)");
    return catalog;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(types_dir, ec)) {
    if (entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  // Read every file once: when they are the verified shipped ones, each
  // type is built on first use.
  std::vector<std::optional<std::string>> texts(files.size());
  std::vector<const preparsed::EmbeddedFile*> shipped(files.size(), nullptr);
  util::Diagnostics read_problems;
  bool all_shipped = !files.empty();
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string text;
    const std::string shipped_path = "templates/types/" + files[i].filename().string();
    if (preparsed::read_or_report(files[i].string(), text, read_problems)) {
      shipped[i] = preparsed::find_shipped(text, shipped_path);
      texts[i] = std::move(text);
    }
    all_shipped = all_shipped && shipped[i] != nullptr;
    catalog.m_shipped_files.push_back(shipped_path);
  }
  if (!all_shipped) {
    catalog.m_shipped_files.clear();
  }
  const bool verified =
      all_shipped && preparsed::is_verified_templates(catalog.m_shipped_files, "templates/types/");
  SchemaReader reader(diagnostics);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& file = files[i];
    auto slot = std::make_shared<Slot>();
    if (verified) {
      // Verified at build time: its type is its file name (see the header).
      slot->shipped = shipped[i];
      slot->file = file.string();
      catalog.m_types[file.stem().string()] = std::move(slot);
      continue;
    }
    yaml::NodePtr root;
    if (!texts[i]) {
      preparsed::load_file(file.string(), diagnostics);  // reports why it cannot be read
    } else if (shipped[i] != nullptr) {
      root = preparsed::tree_of(*shipped[i], file.string());
    } else {
      root = preparsed::load(*texts[i], file.string(), diagnostics);
    }
    if (!root) {
      continue;
    }
    if (auto schema = reader.type(*root, file)) {
      slot->schema = schema;
      catalog.m_types[schema->type] = std::move(slot);
    }
  }
  return catalog;
}

const TypeSchema* Catalog::find_type(const std::string& type) const {
  const auto found = m_types.find(type);
  if (found == m_types.end()) {
    return nullptr;
  }
  Slot& slot = *found->second;
  if (slot.shipped != nullptr) {
    std::call_once(slot.built, [&] {
      util::Diagnostics problems;
      SchemaReader reader(problems);
      slot.schema = reader.type(*preparsed::tree_of(*slot.shipped, slot.file), slot.file);
      if (!slot.schema || problems.has_errors()) {
        throw util::Error(slot.file + ": a shipped type the build verified gave errors when built");
      }
    });
  }
  return slot.schema.get();
}

std::vector<std::string> Catalog::type_names() const {
  std::vector<std::string> names;
  names.reserve(m_types.size());
  for (const auto& [name, schema] : m_types) {
    names.push_back(name);
  }
  return names;
}

}  // namespace dharma::catalog

#include "dharma/policy/policy_loader.hpp"

#include <algorithm>
#include <map>

#include "dharma/policy/condition_loader.hpp"
#include "dharma/policy/message.hpp"
#include "dharma/preparsed/data_files.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::policy {

namespace {

const std::vector<std::string> k_policy_fields{
    "id",   "name",      "description", "severity",    "category",   "enforcement", "applies_to",
    "when", "condition", "message",     "remediation", "references", "parameters",  "tests"};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z')) {
    return false;
  }
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

template <typename Enum>
void read_enum(yaml::MapReader& fields, const yaml::Node& map, const std::string& key,
               std::optional<Enum> (*parse)(const std::string&), const std::vector<std::string>& names,
               Enum& out) {
  auto text = fields.string(key, yaml::Need::required);
  if (!text) {
    return;
  }
  if (auto value = parse(*text)) {
    out = *value;
  } else {
    fields.error(*map.find(key), "unknown " + key + " " + util::quoted(*text) + " (expected one of " +
                                     util::join(names, ", ") + ")" + util::did_you_mean(*text, names));
  }
}

void read_parameters(const yaml::Node& node, Policy& policy, util::Diagnostics& diagnostics) {
  if (!yaml::expect_map(node, "'parameters'", diagnostics)) {
    return;
  }
  for (const auto& [key, spec] : node.entries) {
    Parameter parameter;
    parameter.name = key->scalar;
    yaml::MapReader fields(*spec, "parameter " + util::quoted(parameter.name), diagnostics);
    if (!fields.is_map()) {
      continue;
    }
    fields.allow_only({"description", "default"});
    parameter.description = fields.string("description", yaml::Need::required).value_or("");
    if (const auto* value = spec->find("default")) {
      parameter.default_value = value::literal_value(*value);
      policy.parameter_values.emplace_back(parameter.name, *parameter.default_value);
    }
    policy.parameters.push_back(std::move(parameter));
  }
}

void read_fixture(const yaml::Node& node, bool expect_finding, Policy& policy,
                  util::Diagnostics& diagnostics) {
  yaml::MapReader fields(node, "test case", diagnostics);
  if (!fields.is_map()) {
    return;
  }
  fields.allow_only(
      {"name", "type", "provider", "region", "environment", "properties", "tags", "labels", "parameters"});
  Fixture fixture;
  fixture.expect_finding = expect_finding;
  fixture.location = node.location();
  fixture.type = fields.string("type", yaml::Need::required).value_or("");
  fixture.name = fields.string("name").value_or("fixture");
  fixture.provider = fields.string("provider").value_or("aws");
  fixture.region = fields.string("region").value_or("us-east-1");
  fixture.environment = fields.string("environment").value_or("default");
  auto read_map = [&](const char* key, value::Map& out) {
    if (const auto* value = fields.mapping(key)) {
      out = value::literal_value(*value).as_map();
    }
  };
  read_map("properties", fixture.properties);
  read_map("tags", fixture.tags);
  read_map("labels", fixture.labels);
  read_map("parameters", fixture.parameters);
  for (const auto& [name, value] : fixture.parameters) {
    if (policy.find_parameter(name) == nullptr) {
      diagnostics.error(node.find("parameters")->location(),
                        "test case sets unknown parameter " + util::quoted(name));
    }
  }
  policy.fixtures.push_back(std::move(fixture));
}

void read_tests(const yaml::Node& node, Policy& policy, util::Diagnostics& diagnostics) {
  yaml::MapReader fields(node, "'tests'", diagnostics);
  fields.allow_only({"pass", "fail"});
  for (const char* key : {"pass", "fail"}) {
    const yaml::Node* list = fields.sequence(key);
    if (list == nullptr) {
      continue;
    }
    for (const auto& item : list->items) {
      read_fixture(*item, std::string(key) == "fail", policy, diagnostics);
    }
  }
}

}  // namespace

std::optional<Policy> load_policy_file(const std::filesystem::path& file, const std::string& display_name,
                                       util::Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  std::string text;
  try {
    text = util::read_file(file);
  } catch (const util::Error& error) {
    diagnostics.error({display_name, 0, 0}, error.what());
    return std::nullopt;
  }
  auto root = preparsed::load(text, display_name, diagnostics);
  if (!root || diagnostics.error_count() != errors_before) {
    return std::nullopt;
  }
  yaml::MapReader fields(*root, "policy", diagnostics);
  if (!fields.is_map()) {
    return std::nullopt;
  }
  Policy policy;
  policy.file = display_name;
  policy.document = root;
  fields.allow_only(k_policy_fields);
  if (auto id = fields.string("id", yaml::Need::required)) {
    policy.id = *id;
    policy.location = root->find("id")->location();
    if (!valid_id(*id)) {
      fields.error(*root->find("id"),
                   "policy id " + util::quoted(*id) +
                       " must be lowercase letters, digits and '-', starting with a letter");
    }
  } else {
    policy.location = root->location();
  }
  policy.name = fields.string("name", yaml::Need::required).value_or("");
  policy.description = fields.string("description", yaml::Need::required).value_or("");
  read_enum(fields, *root, "severity", parse_severity, severity_names(), policy.severity);
  read_enum<Category>(fields, *root, "category", parse_category,
                      {"security", "compliance", "cost", "operations", "reliability"}, policy.category);
  read_enum<Enforcement>(fields, *root, "enforcement", parse_enforcement, {"advisory", "soft", "hard"},
                         policy.enforcement);
  if (auto applies = fields.strings("applies_to", yaml::Need::required)) {
    policy.applies_to = *applies;
    if (applies->empty()) {
      fields.error(*root->find("applies_to"), "'applies_to' needs at least one type, glob or provider");
    }
  }
  if (const auto* parameters = root->find("parameters")) {
    read_parameters(*parameters, policy, diagnostics);
  }
  std::vector<std::string> parameter_names;
  for (const auto& parameter : policy.parameters) {
    parameter_names.push_back(parameter.name);
  }
  if (const auto* when = root->find("when")) {
    policy.when = load_condition(*when, parameter_names, false, diagnostics);
  }
  if (const auto* condition = fields.node("condition", yaml::Need::required)) {
    policy.condition = load_condition(*condition, parameter_names, false, diagnostics);
  }
  if (auto message = fields.string("message", yaml::Need::required)) {
    policy.message = *message;
    validate_message(*message, parameter_names, root->find("message")->location(), diagnostics);
  }
  policy.remediation = fields.string("remediation", yaml::Need::required).value_or("");
  policy.references = fields.strings("references").value_or(std::vector<std::string>{});
  if (const auto* tests = root->find("tests")) {
    read_tests(*tests, policy, diagnostics);
  }
  if (diagnostics.error_count() != errors_before) {
    return std::nullopt;
  }
  return policy;
}

PolicyPack load_policy_packs(const std::vector<PackDirectory>& directories, util::Diagnostics& diagnostics) {
  PolicyPack pack;
  std::map<std::string, std::string> first_file;  // id -> file:line:col of its first definition
  for (const auto& [directory, label] : directories) {
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
      diagnostics.error({directory.string(), 0, 0},
                        "policy directory not found (give a directory of *.yaml policy files)");
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
      const auto extension = entry.path().extension();
      if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml")) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      diagnostics.error({directory.string(), 0, 0}, "no policy files (*.yaml) in this directory");
    }
    for (const auto& file : files) {
      const std::string display_name =
          label.empty() ? file.string() : (std::filesystem::path(label) / file.filename()).string();
      auto policy = load_policy_file(file, display_name, diagnostics);
      if (!policy) {
        continue;
      }
      auto [it, inserted] = first_file.emplace(policy->id, policy->location.str());
      if (!inserted) {
        diagnostics.error(policy->location, "duplicate policy id " + util::quoted(policy->id) +
                                                " (first defined at " + it->second + ")");
        continue;
      }
      pack.policies().push_back(std::make_unique<Policy>(std::move(*policy)));
    }
  }
  std::sort(pack.policies().begin(), pack.policies().end(),
            [](const auto& a, const auto& b) { return a->id < b->id; });
  return pack;
}

const Policy* PolicyPack::find(const std::string& id) const {
  for (const auto& policy : m_policies) {
    if (policy->id == id) {
      return policy.get();
    }
  }
  return nullptr;
}

Policy* PolicyPack::find(const std::string& id) {
  return const_cast<Policy*>(static_cast<const PolicyPack*>(this)->find(id));
}

std::vector<std::string> PolicyPack::ids() const {
  std::vector<std::string> ids;
  for (const auto& policy : m_policies) {
    ids.push_back(policy->id);
  }
  return ids;
}

}  // namespace dharma::policy

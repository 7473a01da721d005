#include "dharma/cost/usage.hpp"

#include "dharma/cost/yaml_fields.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::cost {

const UsageValue* UsageFile::find(const std::string& resource, const std::string& key) const {
  const auto it = resources.find(resource);
  if (it == resources.end()) {
    return nullptr;
  }
  const auto value = it->second.find(key);
  return value == it->second.end() ? nullptr : &value->second;
}

std::optional<UsageFile> load_usage_file(const std::string& path, util::Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  const auto root = yaml::load_file(path, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  UsageFile usage;
  usage.file = path;
  if (root->is_null()) {
    diagnostics.error({path, 0, 0},
                      "the usage file is empty; expected `resources:` with quantities per resource");
    return std::nullopt;
  }
  if (!fields::expect_map(*root, "a usage file", diagnostics)) {
    return std::nullopt;
  }
  fields::check_keys(*root, {"version", "currency", "resources"}, "a usage file", diagnostics);
  if (const auto* version = root->find("version"); version != nullptr && version->scalar != "1") {
    diagnostics.error(version->location(), "unsupported usage file version " + util::quoted(version->scalar) +
                                               " (this dharma reads version 1)");
  }
  if (const auto* currency = root->find("currency"); currency != nullptr && currency->scalar != "USD") {
    diagnostics.error(currency->location(), "currency " + util::quoted(currency->scalar) +
                                                " is not supported yet: dharma prices in USD only");
  }
  const auto* resources = fields::required(*root, "resources", "the usage file", diagnostics);
  if (resources != nullptr && fields::expect_map(*resources, "`resources`", diagnostics)) {
    for (const auto& [name, quantities] : resources->entries) {
      usage.resource_locations[name->scalar] = name->location();
      if (!fields::expect_map(*quantities, "the usage of " + util::quoted(name->scalar), diagnostics)) {
        continue;
      }
      auto& values = usage.resources[name->scalar];
      for (const auto& [key, value] : quantities->entries) {
        const auto number = fields::non_negative_number(*value, util::quoted(key->scalar), diagnostics);
        if (number) {
          values[key->scalar] = UsageValue{*number, key->location()};
        }
      }
    }
  }
  if (diagnostics.error_count() > errors_before) {
    return std::nullopt;
  }
  return usage;
}

}  // namespace dharma::cost

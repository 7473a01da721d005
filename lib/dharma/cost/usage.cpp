#include "dharma/cost/usage.hpp"

#include "dharma/cost/money.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

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
  yaml::MapReader file(*root, "the usage file", diagnostics);
  if (!file.is_map()) {
    return std::nullopt;
  }
  file.allow_only({"version", "currency", "resources"});
  if (const auto* version = root->find("version"); version != nullptr && version->scalar != "1") {
    diagnostics.error(version->location(), "unsupported usage file version " + util::quoted(version->scalar) +
                                               " (this dharma reads version 1)");
  }
  if (const auto* currency = root->find("currency"); currency != nullptr && currency->scalar != "USD") {
    diagnostics.error(currency->location(), "currency " + util::quoted(currency->scalar) +
                                                " is not supported yet: dharma prices in USD only");
  }
  if (const auto* resources = file.mapping("resources", yaml::Need::required)) {
    for (const auto& [name, quantities] : resources->entries) {
      usage.resource_locations[name->scalar] = name->location();
      yaml::MapReader resource(*quantities, "the usage of " + util::quoted(name->scalar), diagnostics);
      if (!resource.is_map()) {
        continue;
      }
      auto& values = usage.resources[name->scalar];
      for (const auto& [key, value] : quantities->entries) {
        const auto number =
            yaml::number_value(*value, resource.describe(key->scalar), 0, k_max_amount, diagnostics);
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

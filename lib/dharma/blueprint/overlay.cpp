#include "dharma/blueprint/overlay.hpp"

namespace dharma::blueprint {

yaml::NodePtr merge_nodes(const yaml::Node& base, const yaml::Node& overlay) {
  if (!base.is_map() || !overlay.is_map()) {
    return std::make_shared<yaml::Node>(overlay);
  }
  auto merged = std::make_shared<yaml::Node>(base);
  for (const auto& [key, value] : overlay.entries) {
    bool replaced = false;
    for (auto& [existing_key, existing_value] : merged->entries) {
      if (existing_key->scalar == key->scalar) {
        existing_value =
            (existing_value->is_map() && value->is_map()) ? merge_nodes(*existing_value, *value) : value;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      merged->entries.emplace_back(key, value);
    }
  }
  return merged;
}

}  // namespace dharma::blueprint

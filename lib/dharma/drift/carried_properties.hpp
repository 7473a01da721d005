#pragma once
// Which blueprint property a rendered Terraform attribute carries, read from
// the provider mapping that renders it (templates/PROVIDER/TYPE.yaml):
// `instance_type: ${size}` carries `size`, `root_block_device: [{volume_size:
// ${disk_gb}}]` carries `disk_gb` at root_block_device.volume_size,
// `instance_types: ${list(node_size)}` carries `node_size` in each element,
// and `volume_type: ${choose(disk_type, "ssd", "gp3", ...)}` carries
// `disk_type` through its table, so an actual `gp3` reads back as `ssd`.
// The drift cost (drift_cost.hpp) uses it to turn the actual value of a
// changed attribute into the blueprint property the price depends on.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dharma/catalog/provider_mapping.hpp"

namespace dharma::drift {

struct CarriedProperty {
  std::string property;  // disk_type
  // For choose(): rendered value -> property value ("gp3" -> "ssd"); empty
  // when the attribute holds the property's value as it is.
  std::map<std::string, std::string> inverse;
};

// Per Terraform resource type, per attribute path without list indexes
// (`root_block_device.volume_size`), the property it carries.
using CarriedProperties = std::map<std::string, std::map<std::string, CarriedProperty>>;

// The attributes of `mapping`'s Terraform resources that carry one property each.
CarriedProperties carried_properties(const catalog::ProviderMapping& mapping);

// A change's path without list indexes: `root_block_device[0].volume_size`
// -> `root_block_device.volume_size`.
std::string path_without_indexes(const std::string& path);

}  // namespace dharma::drift

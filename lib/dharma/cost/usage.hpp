#pragma once
// The usage file (`--usage FILE`): quantities that depend on how a resource
// is used rather than how it is declared — GB stored, GB transferred,
// function requests — keyed by resource name (docs/cost.md, "The usage file").
//
//   resources:
//     assets: {storage_gb: 500, data_transfer_out_gb: 120}
//     thumbnails: {requests: 2000000, gb_seconds: 40000}

#include <map>
#include <optional>
#include <string>

#include "dharma/util/diagnostics.hpp"

namespace dharma::cost {

struct UsageValue {
  double value = 0;
  util::SourceLocation location;  // of the key, where errors about it point
};

struct UsageFile {
  std::string file;
  std::map<std::string, std::map<std::string, UsageValue>> resources;
  std::map<std::string, util::SourceLocation> resource_locations;

  const UsageValue* find(const std::string& resource, const std::string& key) const;
};

// Loads and validates a usage file: a mapping of resources to mappings of
// non-negative numbers, currency USD when given. Problems go to `diagnostics`.
std::optional<UsageFile> load_usage_file(const std::string& path, util::Diagnostics& diagnostics);

}  // namespace dharma::cost

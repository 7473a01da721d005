#pragma once
// What a policy looks at: one resource, seen through the paths policies may
// name — `name`, `type`, `provider`, `region`, `environment`, `count`,
// `properties.<path>`, `tags.<key>` (blueprint labels merged with the
// resource's own tags, which win) and `labels.<key>`.
//
// A path that meets a reference to another resource (`subnet: ${private_a.id}`)
// and has steps left continues in that resource's properties, so
// `properties.subnet.public` asks whether the instance's subnet is public.

#include <string>
#include <unordered_map>
#include <vector>

#include "dharma/value/value.hpp"

namespace dharma::policy {

// The properties of every resource of a blueprint by name, for following references.
struct ResourceIndex {
  std::unordered_map<std::string, const value::Map*> properties;
};

struct Subject {
  value::Value name;  // strings
  value::Value type;
  value::Value provider;
  value::Value region;
  value::Value environment;
  value::Value count;  // integer
  const value::Map* properties = nullptr;
  value::Map tags;  // effective tags, unless `own_tags` is set
  const value::Map* labels = nullptr;
  // The resource's own tags: when set, `tags.<key>` is looked up here (the
  // last entry of the key) and then in `labels` (the first), as in the map
  // merge_tags(*labels, *own_tags) would build, without building it.
  const value::Map* own_tags = nullptr;
  const ResourceIndex* index = nullptr;  // optional

  // The value at `steps` or nullptr when any step is missing. Null values
  // count as missing.
  const value::Value* lookup(const std::vector<std::string>& steps) const;
};

// The roots a path may start with, for validating policy files.
const std::vector<std::string>& subject_roots();

// Effective tags: `labels`, then `tags` overriding by key.
value::Map merge_tags(const value::Map& labels, const value::Map& tags);

// Steps below a value (map keys, list indexes); nullptr when missing.
const value::Value* lookup_in(const value::Value& root, const std::vector<std::string>& steps,
                              std::size_t first, const ResourceIndex* index = nullptr);
const value::Value* lookup_in(const value::Map& root, const std::vector<std::string>& steps,
                              std::size_t first, const ResourceIndex* index = nullptr);

}  // namespace dharma::policy

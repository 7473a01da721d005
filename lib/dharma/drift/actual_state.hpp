#pragma once
// What runs: the resources of one or more Terraform states (or Kubernetes
// object lists), by address, with their attribute values as the provider
// last recorded them.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace dharma::drift {

struct ActualResource {
  std::string address;  // module.net.aws_subnet.a[0], aws_instance.web["blue"]
  std::string module;   // "" at the root, else module.net or module.net[0]
  std::string type;
  std::string name;
  nlohmann::json index;  // null, an integer (count) or a string (for_each)
  nlohmann::json attributes = nlohmann::json::object();
  std::set<std::string> sensitive;  // top-level attributes the state marks sensitive
  bool tainted = false;
  std::string source;  // the file it was read from ("-" for stdin)

  // The address without module and index: aws_subnet.a.
  std::string base_address() const { return type + "." + name; }
};

struct ActualState {
  std::vector<ActualResource> resources;          // managed, current objects in reading order
  std::size_t data_sources = 0;                   // `mode: data` objects, never drift
  std::size_t deposed = 0;                        // deposed objects (awaiting destroy), never compared
  std::vector<std::string> sources;               // files read, in order
  std::map<std::string, std::size_t> by_address;  // address -> index in resources
  // What is left of each state document read once its attributes are moved
  // out: kept with the state rather than freed node by node after reading
  // (the fast exit of docs/ARCHITECTURE.md leaves it to the OS).
  std::vector<nlohmann::json> documents;

  const ActualResource* find(const std::string& address) const;
};

}  // namespace dharma::drift

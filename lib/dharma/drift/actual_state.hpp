#pragma once
// What runs: the resources of one or more Terraform states (or Kubernetes
// object lists), by address, with their attribute values as the provider
// last recorded them.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/base_address.hpp"
#include "dharma/drift/value.hpp"
#include "dharma/util/flat_index.hpp"

namespace dharma::drift {

// Its strings view text the ActualState it is added to keeps (one of its
// `arenas`, or a state file's text an arena keeps): no resource copies its
// type, name or source, and each address is one copy in the arena.
struct ActualResource {
  std::string_view address;  // module.net.aws_subnet.a[0], aws_instance.web["blue"]
  std::string_view module;   // "" at the root, else module.net or module.net[0]
  std::string_view type;
  std::string_view name;
  nlohmann::json index;  // null, an integer (count) or a string (for_each)
  // An object (the provider's attributes); its nodes live in one of the
  // state's `arenas`.
  Value attributes = Value::object(nullptr, 0);
  std::set<std::string> sensitive;  // top-level attributes the state marks sensitive
  bool tainted = false;
  std::string_view source;  // the file it was read from ("-" for stdin)

  // The address without module and index: aws_subnet.a.
  std::string base_address() const { return base_address_of(type, name); }
};

struct ActualState {
  std::vector<ActualResource> resources;  // managed, current objects in reading order
  std::size_t data_sources = 0;           // `mode: data` objects, never drift
  std::size_t deposed = 0;                // deposed objects (awaiting destroy), never compared
  std::vector<std::string> sources;       // files read, in order
  util::FlatIndex by_address;             // positions in `resources` by address (util/flat_index.hpp)
  // What the resources' attribute values point to (one arena per file
  // read; a Terraform state's text is not in it, its strings are copied);
  // kept with the state, and left to
  // the OS at exit with it (the fast exit of docs/ARCHITECTURE.md).
  std::vector<std::shared_ptr<ValueArena>> arenas;

  const ActualResource* find(std::string_view address) const;
  // `text` copied into an arena of the state: a view that lives as long as
  // the state (for a resource's strings that no read file holds).
  std::string_view keep(std::string_view text);
  // Appends `resource` unless one of its address is there already; returns
  // that one (and adds nothing), or nullptr once added.
  const ActualResource* add(ActualResource resource);
  // Room for `count` more resources.
  void reserve(std::size_t count);

 private:
  std::shared_ptr<ValueArena> m_strings;  // what keep() copies into (also in `arenas`)
};

}  // namespace dharma::drift

#pragma once
// Loads policy packs: every `*.yaml` file of each directory, one policy per
// file, validated field by field (docs/guard.md, "Policy format").

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dharma/policy/policy.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::policy {

class PolicyPack {
 public:
  // Policies in id order. Pointers stay valid for the pack's lifetime.
  const std::vector<std::unique_ptr<Policy>>& policies() const { return m_policies; }
  std::vector<std::unique_ptr<Policy>>& policies() { return m_policies; }
  const Policy* find(const std::string& id) const;
  Policy* find(const std::string& id);
  std::vector<std::string> ids() const;

 private:
  std::vector<std::unique_ptr<Policy>> m_policies;
};

// A directory of policy files. `label` replaces the directory in file names
// shown to users (the default pack is shown as `policies/`, wherever it is
// installed); empty shows the path as given.
struct PackDirectory {
  std::filesystem::path path;
  std::string label;
};

// One policy file, shown to users as `display_name`; nullopt after reporting its errors.
std::optional<Policy> load_policy_file(const std::filesystem::path& file, const std::string& display_name,
                                       util::Diagnostics& diagnostics);

// Every *.yaml / *.yml file under each of `directories` (not recursive), in
// name order. Ids must be unique across all of them; a directory that does not
// exist or holds no policy is an error.
PolicyPack load_policy_packs(const std::vector<PackDirectory>& directories, util::Diagnostics& diagnostics);

}  // namespace dharma::policy

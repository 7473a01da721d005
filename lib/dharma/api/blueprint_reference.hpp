#pragma once
// How a stored blueprint is named on the command line: `[PROJECT/]NAME[@VERSION]`,
// the form `blueprint list` prints (`p1/platform`), and which project a name
// without one means.

#include <optional>
#include <string>
#include <vector>

#include "dharma/state/blueprint_store.hpp"

namespace dharma::api {

struct BlueprintReference {
  std::string project;  // empty: not written
  std::string name;
  std::optional<int> version;
};

// Splits `[PROJECT/]NAME[@VERSION]`; throws util::Error (exit 2) for an empty
// part, more than one '/', or a version that is not a positive number.
BlueprintReference parse_blueprint_reference(const std::string& text);

// The project a command acts on: PROJECT from the reference or `flag_project`
// (--project; both given and different: exit 2); else the one project of
// `stored` holding a blueprint `name`; else the tenant's only project. Several
// projects holding `name` is exit 2 naming them as PROJECT/NAME; no way to
// choose is exit 2 asking for --project.
std::string choose_project(const std::string& reference_project, const std::string& flag_project,
                           const std::string& name, const std::vector<state::BlueprintSummary>& stored);

}  // namespace dharma::api

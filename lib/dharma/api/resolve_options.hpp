#pragma once
// How a command that reads a blueprint picks its environment and parameter
// values (--env, --set, --values, --strict). Its own header so that the CLI's
// shared flags (cli/shared_flags.hpp) can bind them without pulling the
// blueprint loader, and the blueprint model under it, into every command.

#include <string>
#include <vector>

namespace dharma::api {

struct ResolveOptions {
  std::string environment;                // --env; empty = none
  std::vector<std::string> set_values;    // --set KEY=VALUE, as given
  std::vector<std::string> values_files;  // --values FILE
  bool strict = false;                    // --strict: warnings fail
  // A sensitive string parameter without a value binds to a placeholder
  // (blueprint::ParameterInputs) instead of being an error. Off only for
  // `generate --include-secrets`, which writes the values.
  bool placeholder_secrets = true;
  // Free the blueprint's declarations (blueprint::Document: one entry per
  // resource, pointing into the YAML tree, which the resolved blueprint keeps)
  // once resolved, so the pass after (generate's rendering) reuses that
  // memory; otherwise they are kept to the end ("Fast exit").
  bool free_declarations = false;
};

}  // namespace dharma::api

#pragma once
// --env, --set, --values: how every command that reads a blueprint picks its
// environment and parameter values (docs/blueprint.md, "Parameters").

#include <CLI/CLI.hpp>

#include <string>

#include "dharma/api/blueprint_api.hpp"

namespace dharma::cli {

// Refuses an empty value (`--env ''`), which would otherwise mean "not given".
CLI::Validator non_empty_environment();

void add_resolve_flags(CLI::App& command, api::ResolveOptions& options,
                       const std::string& env_help = "Environment overlay to apply (e.g. prod)");

}  // namespace dharma::cli

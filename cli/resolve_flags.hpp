#pragma once
// --env, --set, --values: how every command that reads a blueprint picks its
// environment and parameter values (docs/blueprint.md, "Parameters").

#include <CLI/CLI.hpp>

#include <string>

#include "dharma/api/blueprint_api.hpp"

namespace dharma::cli {

// Refuse an empty value (`--env ''`, `--tenant ''`), which the commands
// would otherwise read as "not given" and fall back to a default.
CLI::Validator non_empty(const std::string& what, const std::string& hint);
CLI::Validator non_empty_environment();

void add_resolve_flags(CLI::App& command, api::ResolveOptions& options,
                       const std::string& env_help = "Environment overlay to apply (e.g. prod)");

}  // namespace dharma::cli

#pragma once
// `dharma blueprint validate|show|graph|init|types`: each returns its exit
// code and writes its result to context.out(), diagnostics to context.err().

#include <string>
#include <vector>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/command_context.hpp"

namespace dharma::api {

struct BlueprintOptions {
  ResolveOptions resolve;          // --env, --set, --values, --strict
  std::vector<std::string> files;  // validate: FILE...
  std::string file;                // show, graph: FILE
  std::string format;              // validate, types: text|json; show: yaml|json; graph: text|dot|mermaid
  std::string name;                // init: NAME; types: TYPE (empty = every type)
  std::string provider;            // init: --provider
  std::string out;                 // init: --out FILE ('-' for stdout; default NAME.yaml)
  bool force = false;              // init: --force
};

// Validates every file of `files`. Exit 0, or 2 on errors (or on warnings with --strict).
int blueprint_validate(const BlueprintOptions& options, CommandContext& context);

// The resolved blueprint as "yaml" or "json".
int blueprint_show(const BlueprintOptions& options, CommandContext& context);

// The dependency graph as "dot", "mermaid" or "text".
int blueprint_graph(const BlueprintOptions& options, CommandContext& context);

// A commented starter blueprint for `provider`, written to `out`. Refuses to
// overwrite unless `force`.
int blueprint_init(const BlueprintOptions& options, CommandContext& context);

// The catalog's portable types, or the properties of type `name`.
int blueprint_types(const BlueprintOptions& options, CommandContext& context);

}  // namespace dharma::api

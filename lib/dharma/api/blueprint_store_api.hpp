#pragma once
// Entry points for `dharma blueprint push|pull`: blueprints shared through the
// state store (lib/dharma/state/blueprint_store.hpp), for one tenant.

#include <string>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct BlueprintStoreOptions {
  std::string file;       // push: FILE
  std::string reference;  // pull: [PROJECT/]NAME[@VERSION]; history: [PROJECT/]NAME
  std::string from;       // diff: [PROJECT/]NAME@VERSION
  std::string to;         // diff: [PROJECT/]NAME@VERSION
  state::ConnectionFlags connection;
  std::string tenant;  // --tenant slug; empty = DHARMA_TENANT
  std::string
      project;  // --project; empty: from PROJECT/NAME or the stored blueprints (blueprint_reference.hpp)
  ResolveOptions resolve;
  std::string out;              // pull: --out FILE; empty = stdout
  std::string format = "text";  // list, history: text or json
  bool no_cache = false;        // --no-cache: read PostgreSQL only (state_session.hpp)
};

// Stored blueprints are named `[PROJECT/]NAME[@VERSION]`; without a project
// (there or in --project) the one that holds NAME, or the tenant's only one.

// Validates and resolves `file`, then stores it as a new version of its
// metadata.name in the project unless the latest version has the same bytes.
int blueprint_push(const BlueprintStoreOptions& options, CommandContext& context);

// Writes [PROJECT/]NAME[@VERSION] exactly as it was pushed to --out or stdout.
int blueprint_pull(const BlueprintStoreOptions& options, CommandContext& context);

// Prints the tenant's blueprints (of --project when given).
int blueprint_list(const BlueprintStoreOptions& options, CommandContext& context);

// Prints every version of [PROJECT/]NAME.
int blueprint_history(const BlueprintStoreOptions& options, CommandContext& context);

// Prints a unified diff of the sources of FROM and TO ([PROJECT/]NAME@VERSION
// each), then the resources added, removed and changed between their
// stored resolved forms.
int blueprint_diff(const BlueprintStoreOptions& options, CommandContext& context);

}  // namespace dharma::api

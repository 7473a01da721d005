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
  std::string reference;  // pull: NAME[@VERSION]; history: NAME
  std::string from;       // diff: NAME@VERSION
  std::string to;         // diff: NAME@VERSION
  state::ConnectionFlags connection;
  std::string tenant;   // --tenant slug; empty = DHARMA_TENANT
  std::string project;  // --project
  ResolveOptions resolve;
  std::string out;      // pull: --out FILE; empty = stdout
  std::string format = "text";  // list, history: text or json
  bool no_cache = false;        // --no-cache: read PostgreSQL only (state_session.hpp)
};

// Validates and resolves `file`, then stores it as a new version of its
// metadata.name in the project unless the latest version has the same bytes.
int blueprint_push(const BlueprintStoreOptions& options, CommandContext& context);

// Writes NAME[@VERSION] exactly as it was pushed to --out or stdout.
int blueprint_pull(const BlueprintStoreOptions& options, CommandContext& context);

// Prints the tenant's blueprints (of --project when given).
int blueprint_list(const BlueprintStoreOptions& options, CommandContext& context);

// Prints every version of NAME in --project.
int blueprint_history(const BlueprintStoreOptions& options, CommandContext& context);

// Prints a unified diff of the sources of FROM and TO (NAME@VERSION each, in
// --project), then the resources added, removed and changed between their
// stored resolved forms.
int blueprint_diff(const BlueprintStoreOptions& options, CommandContext& context);

}  // namespace dharma::api

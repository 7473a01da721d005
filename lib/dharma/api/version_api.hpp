#pragma once
// `dharma version`: what a bug report needs to say which dharma it is — the
// version, the git commit it was built from, where its data was loaded from,
// and the dates of the shipped price catalogs (each pricing/*.yaml `as_of`).

#include <string>

#include "dharma/api/command_context.hpp"

namespace dharma::api {

struct VersionOptions {
  std::string format = "text";  // text or json
  std::string version;          // DHARMA_VERSION
  std::string commit;           // `git rev-parse HEAD` at build time, or "unknown"
};

// Prints the version report. Loads the catalog and the price catalogs first,
// so a broken data directory is an error (exit 2 or 3) with nothing on stdout.
int version_show(const VersionOptions& options, CommandContext& context);

}  // namespace dharma::api

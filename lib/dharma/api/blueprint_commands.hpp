#pragma once
// `dharma blueprint validate|show|graph|init|types`: each returns its exit
// code and writes its result to `out` (stdout) and diagnostics to stderr.

#include <ostream>
#include <string>
#include <vector>

#include "dharma/api/blueprint_api.hpp"

namespace dharma::api {

// Validates every file; `format` is "text" or "json". Exit 0, or 2 on errors
// (or on warnings with `options.strict`).
int validate_blueprints(const std::vector<std::string>& files, const ResolveOptions& options,
                        const std::string& format, std::ostream& out);

// The resolved blueprint as "yaml" or "json".
int show_blueprint(const std::string& file, const ResolveOptions& options, const std::string& format,
                   std::ostream& out);

// The dependency graph as "dot", "mermaid" or "text".
int graph_blueprint(const std::string& file, const ResolveOptions& options, const std::string& format,
                    std::ostream& out);

// A commented starter blueprint for `provider`, written to `output` ("-" for
// stdout; default NAME.yaml). Refuses to overwrite unless `force`.
int init_blueprint(const std::string& name, const std::string& provider, const std::string& output, bool force,
                   std::ostream& out);

// The catalog's portable types, or one type's properties.
int list_types(const std::string& type, const std::string& format, std::ostream& out);

}  // namespace dharma::api

#include "dharma/api/blueprint_api.hpp"

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/resolver.hpp"
#include "dharma/util/error.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::api {

std::optional<blueprint::Document> read_blueprint_document(const std::string& file,
                                                           util::Diagnostics& diagnostics) {
  auto root = yaml::load_file(file, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  blueprint::Document document = blueprint::read_document(root, file, diagnostics);
  if (!root->is_map()) {
    return std::nullopt;
  }
  return document;
}

std::optional<blueprint::ResolvedBlueprint> load_blueprint(CommandContext& context, const std::string& file,
                                                           const ResolveOptions& options,
                                                           util::Diagnostics& diagnostics) {
  const catalog::Catalog& catalog = context.catalog();
  auto document = read_blueprint_document(file, diagnostics);
  if (!document) {
    return std::nullopt;
  }
  blueprint::ResolveInputs inputs{options.environment, options.set_values, options.values_files,
                                  options.placeholder_secrets};
  auto resolved = blueprint::resolve(*document, catalog, inputs, diagnostics);
  if (options.free_declarations) {
    document.reset();  // the YAML tree stays: the resolved blueprint shares it
  } else {
    context.keep(std::move(*document));  // the resolved blueprint keeps its nodes alive
  }
  if (diagnostics.has_errors() || (options.strict && diagnostics.warning_count() > 0)) {
    return std::nullopt;
  }
  return resolved;
}

blueprint::ResolvedBlueprint load_blueprint_or_exit(CommandContext& context, const std::string& file,
                                                    const ResolveOptions& options) {
  util::Diagnostics diagnostics;
  auto resolved = load_blueprint(context, file, options, diagnostics);
  context.print_diagnostics(diagnostics);
  if (!resolved) {
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return std::move(*resolved);
}

}  // namespace dharma::api

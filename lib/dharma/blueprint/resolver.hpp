#pragma once
// Orchestrates the passes that turn a Document into a ResolvedBlueprint.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/evaluator.hpp"
#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/util/retired.hpp"

namespace dharma::blueprint {

struct ResolveInputs {
  std::string environment;  // empty = no overlay ("default")
  std::vector<std::string> set_values;
  std::vector<std::string> values_files;
  bool placeholder_secrets = true;  // see ParameterInputs
};

// Runs every pass, reporting all problems it can find before giving up; the
// result is empty when any error was reported.
std::optional<ResolvedBlueprint> resolve(const Document& document, const catalog::Catalog& catalog,
                                         const ResolveInputs& inputs, util::Diagnostics& diagnostics);

// What a resolution read, per resource, that another environment could
// change: `blueprint validate` resolves one document once per environment,
// and a later run copies from the first each resource it would evaluate to
// the same thing (resolve_reusing). Filled by resolve_traced.
struct ResolveTrace {
  struct Resource {
    bool clean = false;                      // count, properties and tags evaluated without a diagnostic
    EvalReads reads;                         // ${env} and the parameters its count, properties and tags read
    const yaml::Node* properties = nullptr;  // the nodes evaluated (an overlay merge makes new ones)
    const yaml::Node* tags = nullptr;
    const yaml::Node* count = nullptr;
  };
  const Document* document = nullptr;
  bool complete = false;  // the resolution succeeded
  std::vector<Resource> resources;
  ResourceInfos infos;  // every resource's type and count, as references saw them
};

// resolve(), also recording `trace` for resolve_reusing.
std::optional<ResolvedBlueprint> resolve_traced(const Document& document, const catalog::Catalog& catalog,
                                                const ResolveInputs& inputs, util::Diagnostics& diagnostics,
                                                ResolveTrace& trace);

// resolve(), with the same result and diagnostics, but a resource of `base`
// (the result that recorded `trace`, for the same document) is copied
// instead of evaluated when its evaluation cannot differ: it was evaluated
// without a diagnostic, no overlay changed its properties, tags or count,
// and the parameters it read, ${env} if it read it, its own count and those
// of the resources it refers to are all the same in this run.
std::optional<ResolvedBlueprint> resolve_reusing(const Document& document, const catalog::Catalog& catalog,
                                                 const ResolveInputs& inputs, util::Diagnostics& diagnostics,
                                                 const ResolvedBlueprint& base, const ResolveTrace& trace);

// resolve_reusing without the copies: each resource it reuses is moved out
// of `base` into the result, `use` is called with the result (when there is
// one: false is returned otherwise), and every borrowed resource is moved
// back to its place in `base` before this returns. `base` must not be read
// until then. Validate keeps a later environment's result only to check it,
// so the reused resources exist once, not once per environment. With
// `retired`, what the run built is moved there instead of freed.
bool resolve_borrowing(const Document& document, const catalog::Catalog& catalog, const ResolveInputs& inputs,
                       util::Diagnostics& diagnostics, ResolvedBlueprint& base, const ResolveTrace& trace,
                       const std::function<void(const ResolvedBlueprint&)>& use,
                       util::Retired* retired = nullptr);

}  // namespace dharma::blueprint

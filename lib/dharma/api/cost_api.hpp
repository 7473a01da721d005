#pragma once
// Entry points for `dharma cost FILE` and `dharma cost diff OLD NEW`
// (docs/cost.md). Both return the process exit code of CLI.md: 0, 1 when a
// budget, diff threshold or --strict check fails, and throw
// util::Error / util::Reported (exit 2) for invalid input.

#include <optional>
#include <string>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/command_context.hpp"
#include "dharma/cost/estimate.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/usage.hpp"

namespace dharma::api {

struct CostOptions {
  std::string file;                               // cost: FILE
  std::string old_file;                           // cost diff: OLD
  std::string new_file;                           // cost diff: NEW
  ResolveOptions resolve;                         // --env, --set, --values
  std::string usage_file;                         // --usage
  std::string format = "table";                   // --format table|json|markdown|html
  std::string out;                                // --out FILE ('-' or empty: stdout)
  std::optional<std::string> budget;              // --budget AMOUNT (else dharma.yaml)
  bool strict = false;                            // --strict: a not-priced line fails
  bool recommend = false;                         // --recommend
  std::string compare_env;                        // --compare-env E: diff E against --env
  std::optional<std::string> fail_above;          // --fail-above AMOUNT
  std::optional<std::string> fail_above_percent;  // --fail-above-percent N
  std::optional<std::string> redis_url;           // --redis-url: cache price catalogs there
  bool no_cache = false;                          // --no-cache: always parse the price catalogs
};

// `dharma cost FILE`, or with `compare_env` a diff between two environments.
// With -v, one line per price catalog lookup on the error stream.
int cost_estimate(const CostOptions& options, CommandContext& context);

// `dharma cost diff OLD NEW`.
int cost_diff(const CostOptions& options, CommandContext& context);

// Prices a resolved blueprint with the catalog for its provider from `book`
// (CommandContext::price_book() for the shipped catalogs, uncached). The
// estimate and the facts it was priced from are kept by `context` (fast
// exit: at 20,000 resources, freeing them one allocation at a time walked
// memory long gone from the caches).
cost::Estimate& estimate_blueprint(const blueprint::ResolvedBlueprint& blueprint,
                                   const cost::UsageFile* usage, cost::PriceBook& book,
                                   CommandContext& context);

}  // namespace dharma::api

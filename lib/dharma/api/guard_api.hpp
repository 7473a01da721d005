#pragma once
// Entry points for `dharma guard` and `dharma guard policies list|show|test`.
// Each returns the process exit code (CLI.md) or throws util::Error /
// util::Reported for invalid input.

#include <string>
#include <vector>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/command_context.hpp"

namespace dharma::api {

struct PolicySource {
  std::vector<std::string> policy_dirs;  // --policies DIR (repeatable), after the default pack
  std::string config;                    // --config FILE; ./dharma.yaml when empty and present
  bool no_default_pack = false;          // `policies test DIR`: only DIR
};

struct GuardOptions {
  std::vector<std::string> files;
  ResolveOptions resolve;
  PolicySource policies;
  std::string format = "text";    // text, json, sarif, junit, markdown
  std::string out;                // --out FILE; stdout when empty
  std::string fail_on;            // critical, high, medium, low, info; empty = default rule
  std::vector<std::string> only;  // --only IDS (comma lists allowed)
  std::vector<std::string> skip;  // --skip IDS
  std::string baseline;           // --baseline FILE
  std::string baseline_create;    // --baseline-create FILE
};

struct GuardPoliciesOptions {
  PolicySource source;
  std::string format = "text";  // list: text, json or markdown
  std::string id;               // show: ID
  std::string dir;              // test: DIR; only its policies when given
};

// Runs the policies over the blueprints and writes the report: 0 when
// nothing fails the threshold, 1 when something does. With -v, times each
// phase on the error stream.
int guard_check(const GuardOptions& options, CommandContext& context);

// `policies list`: text, json or markdown (the reference in docs/guard.md).
int guard_policies_list(const GuardPoliciesOptions& options, CommandContext& context);
// `policies show ID`.
int guard_policies_show(const GuardPoliciesOptions& options, CommandContext& context);
// `policies test [DIR]`: every policy against its fixtures; 1 when any fails.
int guard_policies_test(const GuardPoliciesOptions& options, CommandContext& context);

}  // namespace dharma::api

#pragma once
// Entry points for `dharma guard` and `dharma guard policies list|show|test`.
// Each returns the process exit code (CLI.md) or throws util::Error /
// util::Reported for invalid input.

#include <ostream>
#include <string>
#include <vector>

#include "dharma/api/blueprint_api.hpp"

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
  std::string format = "text";           // text, json, sarif, junit, markdown
  std::string out;                       // --out FILE; stdout when empty
  std::string fail_on;                   // critical, high, medium, low, info; empty = default rule
  std::vector<std::string> only;         // --only IDS (comma lists allowed)
  std::vector<std::string> skip;         // --skip IDS
  std::string baseline;                  // --baseline FILE
  std::string baseline_create;           // --baseline-create FILE
  bool verbose = false;                  // -v: time each phase on stderr
};

// Runs the policies over the blueprints and writes the report: 0 when
// nothing fails the threshold, 1 when something does.
int run_guard(const GuardOptions& options, std::ostream& out);

// `policies list`: text, json or markdown (the reference in docs/guard.md).
int list_policies(const PolicySource& source, const std::string& format, std::ostream& out);
// `policies show ID`.
int show_policy(const PolicySource& source, const std::string& id, std::ostream& out);
// `policies test [DIR]`: every policy against its fixtures; 1 when any fails.
int test_policies(const PolicySource& source, std::ostream& out);

}  // namespace dharma::api

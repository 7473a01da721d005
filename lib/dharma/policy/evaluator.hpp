#pragma once
// Evaluates a condition tree against one resource (docs/guard.md, "Conditions").

#include <string>
#include <string_view>

#include "dharma/policy/condition.hpp"
#include "dharma/policy/subject.hpp"
#include "dharma/value/value.hpp"

namespace dharma::policy {

struct Evaluation {
  bool holds = false;
  // The property path that decided the result (for pointing at it), e.g.
  // `properties.ingress.1`; empty when nothing in particular did.
  std::string path;
  // Decided by a placeholder for a secret given no value (cost and guard
  // resolve those, docs/blueprint.md): neither compliant nor not, so no
  // finding. `holds` is then false and means nothing.
  bool unknown = false;
};

// An evaluation whose blamed path is not copied: it is the path of a check
// of the condition (which must outlive the verdict) or, under a quantifier,
// a string of its own.
struct Verdict {
  bool holds = false;
  bool unknown = false;
  const std::string* path = nullptr;  // a check's path, or nullptr
  std::string built;                  // the path when `path` is nullptr (may be empty)

  std::string_view blamed() const {
    return path != nullptr ? std::string_view(*path) : std::string_view(built);
  }
};

// `parameters` supplies operands named by `param:` in checks.
Verdict judge(const Condition& condition, const Subject& subject, const value::Map& parameters);

// `judge`, with the path copied.
Evaluation evaluate(const Condition& condition, const Subject& subject, const value::Map& parameters);

}  // namespace dharma::policy

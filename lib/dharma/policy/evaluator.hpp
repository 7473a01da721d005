#pragma once
// Evaluates a condition tree against one resource (docs/guard.md, "Conditions").

#include <string>

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

// `parameters` supplies operands named by `param:` in checks.
Evaluation evaluate(const Condition& condition, const Subject& subject, const value::Map& parameters);

}  // namespace dharma::policy

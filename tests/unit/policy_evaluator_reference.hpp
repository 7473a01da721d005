#pragma once
// The condition evaluator before speed-gc2, for the differential test only.

#include "dharma/policy/evaluator.hpp"

namespace dharma::policy::reference {

Evaluation evaluate(const Condition& condition, const Subject& subject, const value::Map& parameters);

}  // namespace dharma::policy::reference

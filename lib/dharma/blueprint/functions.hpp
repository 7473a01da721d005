#pragma once
// The implementations of the blueprint's `${...}` functions: one per name
// that expr::function_table() allows in Language::blueprint (a unit test
// checks the two agree both ways). They run on values known before apply;
// the evaluator has checked the name, the arity and that no argument is a
// resource reference.

#include <string>
#include <vector>

#include "dharma/value/value.hpp"

namespace dharma::blueprint {

// A call that cannot be computed from its arguments; the message names why.
struct FunctionError {
  std::string message;
};

// Applies the function `name` to `args`. Throws FunctionError.
value::Value apply_function(const std::string& name, const std::vector<value::Value>& args);

// The names apply_function implements, in table order.
std::vector<std::string> implemented_functions();

}  // namespace dharma::blueprint

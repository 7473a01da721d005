#pragma once
// The implementations of the functions mapping templates may call: one per
// name that expr::function_table() allows in Language::mapping (a unit test
// checks the two agree both ways).

#include <string>
#include <vector>

#include "dharma/render/mapping_evaluator.hpp"

namespace dharma::render {

MaybeEvaluated call_mapping_function(const catalog::MappingExpr& call, const TemplateContext& context,
                                     const util::SourceLocation& where);

// The names call_mapping_function implements, in table order.
std::vector<std::string> implemented_mapping_functions();

// Joins pieces into one string; absent pieces make the result absent.
MaybeEvaluated concatenate(const std::vector<MaybeEvaluated>& pieces, const util::SourceLocation& where);

}  // namespace dharma::render

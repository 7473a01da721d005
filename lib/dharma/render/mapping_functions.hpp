#pragma once
// The functions mapping templates may call (catalog::mapping_functions()).

#include <vector>

#include "dharma/render/mapping_evaluator.hpp"

namespace dharma::render {

MaybeEvaluated call_mapping_function(const catalog::MappingExpr& call, const TemplateContext& context,
                                     const util::SourceLocation& where);

// Joins pieces into one string; absent pieces make the result absent.
MaybeEvaluated concatenate(const std::vector<MaybeEvaluated>& pieces, const util::SourceLocation& where);

}  // namespace dharma::render

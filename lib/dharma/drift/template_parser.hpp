#pragma once
// One rendered template's text evaluated (template_parser.cpp); what
// template_value.hpp's evaluation and its cache are built on.

#include <string_view>

#include "dharma/drift/template_value.hpp"
#include "dharma/drift/value.hpp"

namespace dharma::drift {

// The value of a whole rendered string (`${expr}` alone keeps the
// expression's type; text around it makes a string), built in `arena`;
// unknown (is_unknown) for anything the evaluator does not understand.
Value evaluate_template_text(std::string_view text, const TemplateScope& scope, ValueArena& arena);

// `${jsonencode(EXPR)}` exactly: EXPR's value; unknown for anything else.
Value evaluate_json_document_text(std::string_view text, const TemplateScope& scope, ValueArena& arena);

}  // namespace dharma::drift

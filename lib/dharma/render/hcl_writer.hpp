#pragma once
// Writes an hcl::Document in HCL native syntax exactly as `terraform fmt`
// would leave it, so generated files pass `terraform fmt -check` and read
// like hand-written code in a pull request.

#include <string>

#include "dharma/render/hcl_model.hpp"

namespace dharma::render::hcl {

// The whole file, ending in one newline.
std::string write_native(const Document& document);

// Appends one top-level block to `out`: the text write_native gives for a
// document of that block alone, without building a second string.
void append_native(std::string& out, const Block& block);

// A quoted HCL string literal: quotes, backslashes and control characters
// escaped, `${` and `%{` doubled so they stay literal, non-ASCII as \u escapes.
std::string quote(const std::string& text);

// An expression on one line, for use inside a function call or template
// (objects as `{ k = v }`).
std::string inline_text(const Expression& expression);

// An object key: bare when it is a plain identifier, quoted otherwise.
std::string object_key(const std::string& key);

}  // namespace dharma::render::hcl

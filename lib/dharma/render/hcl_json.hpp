#pragma once
// Writes an hcl::Document in Terraform's JSON configuration syntax
// (`*.tf.json`, --tf-format json): blocks become nested objects keyed by type
// and labels, strings are templates (`${...}` for references, literal `${`
// doubled), and type constraints and depends_on items are plain strings.

#include <nlohmann/json.hpp>
#include <string>

#include "dharma/render/hcl_model.hpp"

namespace dharma::render::hcl {

nlohmann::ordered_json to_json(const Document& document);
// The file text: two-space indented JSON ending in a newline.
std::string write_json(const Document& document);
// One block's body as the sorted JSON object to_json would place under its
// labels (the same writer; `dharma drift` reads resource bodies this way).
nlohmann::json body_to_json(const Body& body);

}  // namespace dharma::render::hcl

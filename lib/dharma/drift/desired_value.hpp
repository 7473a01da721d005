#pragma once
// One block's body of the renderer's HCL model as drift's compact value
// (value.hpp): the sorted JSON object hcl::body_to_json builds for it (what
// main.tf.json holds under the block's labels), built straight into a
// ValueArena with no nlohmann tree in between. drift's desired resources
// are read this way (desired_state.cpp).

#include "dharma/drift/value.hpp"

// Declared, not included: the HCL model's recursive variant does not compile
// with clang 14 on libstdc++ 12 (the fuzz build leaves desired_*.cpp out).
namespace dharma::render::hcl {
struct Body;
}  // namespace dharma::render::hcl

namespace dharma::drift {

// Equal, through to_json, to hcl::body_to_json(body); throws what it
// throws. Every string is copied into `arena`: the value does not view the
// model, which may be freed once the value is built.
Value body_to_value(const render::hcl::Body& body, ValueArena& arena);

}  // namespace dharma::drift

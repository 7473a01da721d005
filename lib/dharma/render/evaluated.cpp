#include "dharma/render/evaluated.hpp"

namespace dharma::render {

Evaluated Evaluated::literal(value::Value value) {
  Evaluated e;
  switch (value.kind()) {
    case value::Value::Kind::boolean:
      e.code.kind = hcl::Expression::Kind::boolean;
      e.code.boolean = value.as_bool();
      break;
    case value::Value::Kind::integer:
    case value::Value::Kind::number:
      e.code = value.kind() == value::Value::Kind::integer ? hcl::Expression::from_integer(value.as_integer())
                                                           : hcl::Expression::from_number(value.as_number());
      break;
    case value::Value::Kind::string:
      // In place: what from_string builds, without a temporary Expression moved in.
      e.code.kind = hcl::Expression::Kind::string;
      e.code.parts.push_back({value.as_string(), false});
      break;
    default:
      break;
  }
  e.data = std::move(value);
  return e;
}

Evaluated Evaluated::unknown(hcl::Expression code) {
  Evaluated e;
  e.code = std::move(code);
  e.known = false;
  return e;
}

}  // namespace dharma::render

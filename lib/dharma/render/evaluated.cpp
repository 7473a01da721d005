#include "dharma/render/evaluated.hpp"

namespace dharma::render {

Evaluated Evaluated::literal(value::Value value) {
  Evaluated e;
  switch (value.kind()) {
    case value::Value::Kind::boolean:
      e.code = hcl::Expression::from_bool(value.as_bool());
      break;
    case value::Value::Kind::integer:
      e.code = hcl::Expression::from_integer(value.as_integer());
      break;
    case value::Value::Kind::number:
      e.code = hcl::Expression::from_number(value.as_number());
      break;
    case value::Value::Kind::string:
      e.code = hcl::Expression::from_string(value.as_string());
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

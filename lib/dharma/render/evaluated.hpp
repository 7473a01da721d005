#pragma once
// What a mapping template or a blueprint value evaluates to during
// rendering: the Terraform code that stands for it and, when it can be known
// before apply, the concrete data (what Kubernetes manifests and mapping
// functions such as choose() need).

#include <optional>

#include "dharma/render/hcl_model.hpp"
#include "dharma/value/value.hpp"

namespace dharma::render {

struct Evaluated {
  hcl::Expression code;    // var.web_count, aws_vpc.vpc.id, "t3.medium"
  value::Value data;       // the concrete value; meaningful only when `known`
  bool known = true;       // false for references, var() and ref(): decided at apply
  bool sensitive = false;  // derived from a sensitive parameter

  static Evaluated literal(value::Value value);
  static Evaluated unknown(hcl::Expression code);
};

// nullopt: absent (an unset optional property); the attribute is left out.
using MaybeEvaluated = std::optional<Evaluated>;

}  // namespace dharma::render

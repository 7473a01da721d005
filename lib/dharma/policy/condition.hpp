#pragma once
// The condition tree of a policy: `all` / `any` / `not` over checks that
// compare a property path with an operator (docs/guard.md, "Conditions").

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dharma/util/source_location.hpp"
#include "dharma/value/value.hpp"

namespace re2 {
class RE2;
}

namespace dharma::policy {

enum class Operator {
  exists,
  absent,
  equals,
  not_equals,
  in,
  not_in,
  matches,
  gt,
  gte,
  lt,
  lte,
  contains,
  length,
  every,
  some,
  none,  // list quantifiers with a nested `where` condition
};

const char* operator_name(Operator op);
std::optional<Operator> parse_operator(const std::string& text);
std::vector<std::string> operator_names();

struct Condition;
using ConditionPtr = std::shared_ptr<const Condition>;

struct Check {
  std::string path;                // as written: properties.resources.limits.cpu
  std::vector<std::string> steps;  // the path split at dots
  Operator op = Operator::exists;
  value::Value value;                     // operand (equals, in, gt, ...)
  std::string parameter;                  // operand from a policy parameter instead of `value`
  Operator compare = Operator::equals;    // `length`: how the length compares with the operand
  std::shared_ptr<const re2::RE2> regex;  // `matches`
  ConditionPtr where;                     // every / some / none: applied to each list item
  // Result when the property is missing or only known after apply (a
  // reference): false (non-compliant) unless the policy says `missing: pass`.
  bool missing_result = false;
  util::SourceLocation location;
};

struct Condition {
  enum class Kind { all, any, negation, check };
  Kind kind = Kind::check;
  std::vector<ConditionPtr> children;  // all / any: several; negation: one
  Check check;
  util::SourceLocation location;
};

}  // namespace dharma::policy

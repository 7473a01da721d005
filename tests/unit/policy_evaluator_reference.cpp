// The condition evaluator as it was before the blamed path became a view
// (speed-gc2): every check copied its path into its result. Kept only as
// the reference the differential test (test_policy_evaluator_differential.cpp)
// compares the engine's evaluator with; not built into dharma.

#include "policy_evaluator_reference.hpp"

#include <re2/re2.h>

#include <charconv>
#include <optional>

#include "dharma/util/text.hpp"

namespace dharma::policy::reference {

using policy::Evaluation;

using value::Map;
using value::Value;

namespace {

// Where paths are looked up: the resource, or one list item inside a quantifier.
struct Scope {
  const Subject* subject = nullptr;
  const Value* item = nullptr;
  std::string prefix;  // the item's path, for blame

  const Value* lookup(const std::vector<std::string>& steps) const {
    return item != nullptr ? lookup_in(*item, steps, 0, subject->index) : subject->lookup(steps);
  }
  std::string blame(const std::string& path) const { return prefix.empty() ? path : prefix + "." + path; }
};

std::optional<double> numeric(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::integer:
    case Value::Kind::number:
      return value.as_number();
    case Value::Kind::string: {
      const auto& text = value.as_string();
      double result = 0;
      const auto* end = text.data() + text.size();
      auto [ptr, ec] = std::from_chars(text.data(), end, result);
      if (ec == std::errc() && ptr == end && !text.empty()) {
        return result;
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

bool equal_values(const Value& a, const Value& b) {
  auto na = numeric(a);
  auto nb = numeric(b);
  const bool a_number = a.kind() == Value::Kind::integer || a.kind() == Value::Kind::number;
  const bool b_number = b.kind() == Value::Kind::integer || b.kind() == Value::Kind::number;
  if (a_number && b_number) {
    return *na == *nb;
  }
  return a.same_data(b);
}

bool compare_numbers(Operator op, double a, double b) {
  switch (op) {
    case Operator::gt:
      return a > b;
    case Operator::gte:
      return a >= b;
    case Operator::lt:
      return a < b;
    case Operator::lte:
      return a <= b;
    case Operator::equals:
      return a == b;
    case Operator::not_equals:
      return a != b;
    default:
      return false;
  }
}

bool in_list(const Value& value, const Value& list) {
  if (list.kind() != Value::Kind::list) {
    return equal_values(value, list);
  }
  for (const auto& candidate : list.as_list()) {
    if (equal_values(value, candidate)) {
      return true;
    }
  }
  return false;
}

std::optional<std::size_t> length_of(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::string:
      return value.as_string().size();
    case Value::Kind::list:
      return value.as_list().size();
    case Value::Kind::map:
      return value.as_map().size();
    default:
      return std::nullopt;
  }
}

bool contains(const Value& haystack, const Value& needle) {
  switch (haystack.kind()) {
    case Value::Kind::list:
      return in_list(needle, haystack);
    case Value::Kind::string:
      return needle.kind() == Value::Kind::string &&
             haystack.as_string().find(needle.as_string()) != std::string::npos;
    case Value::Kind::map:
      return needle.kind() == Value::Kind::string && haystack.find(needle.as_string()) != nullptr;
    default:
      return false;
  }
}

Evaluation evaluate_in(const Condition& condition, const Scope& scope, const Map& parameters);

// A map's entries as {key, value} items, so quantifiers can judge keys (env names).
value::List entries_of(const Value& map) {
  value::List items;
  items.reserve(map.as_map().size());
  for (const auto& [key, value] : map.as_map()) {
    items.push_back(Value::map({{"key", Value::string(key)}, {"value", value}}));
  }
  return items;
}

Evaluation quantify(const Check& check, const Value& collection, const Scope& scope, const Map& parameters) {
  const std::string base = scope.blame(check.path);
  value::List entries;
  if (collection.kind() == Value::Kind::map) {
    entries = entries_of(collection);
  } else if (collection.kind() != Value::Kind::list) {
    return {check.missing_result, base};
  }
  const auto& items = collection.kind() == Value::Kind::map ? entries : collection.as_list();
  std::optional<Evaluation> first_unknown;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Scope inner{scope.subject, &items[i],
                collection.kind() == Value::Kind::map ? base + "." + items[i].as_map()[0].second.as_string()
                                                      : base + "." + std::to_string(i)};
    const Evaluation item = evaluate_in(*check.where, inner, parameters);
    if (item.unknown) {
      if (!first_unknown) {
        first_unknown = Evaluation{false, inner.prefix, true};
      }
      continue;
    }
    if (check.op == Operator::every && !item.holds) {
      return {false, inner.prefix};
    }
    if (check.op == Operator::none && item.holds) {
      return {false, inner.prefix};
    }
    if (check.op == Operator::some && item.holds) {
      return {true, inner.prefix};
    }
  }
  if (first_unknown) {
    return *first_unknown;
  }
  return {check.op != Operator::some, base};
}

bool apply(const Check& check, const Value& value, const Value& operand) {
  switch (check.op) {
    case Operator::equals:
      return equal_values(value, operand);
    case Operator::not_equals:
      return !equal_values(value, operand);
    case Operator::in:
      return in_list(value, operand);
    case Operator::not_in:
      return !in_list(value, operand);
    case Operator::matches: {
      if (!value.is_scalar()) {
        return false;
      }
      const std::string text = value.to_display_string();
      return RE2::PartialMatch(text, *check.regex);
    }
    case Operator::gt:
    case Operator::gte:
    case Operator::lt:
    case Operator::lte: {
      auto a = numeric(value);
      auto b = numeric(operand);
      return a && b && compare_numbers(check.op, *a, *b);
    }
    case Operator::contains:
      return contains(value, operand);
    case Operator::length: {
      auto size = length_of(value);
      auto b = numeric(operand);
      return size && b && compare_numbers(check.compare, static_cast<double>(*size), *b);
    }
    default:
      return false;
  }
}

Evaluation evaluate_check(const Check& check, const Scope& scope, const Map& parameters) {
  const Value* value = scope.lookup(check.steps);
  const std::string blame = scope.blame(check.path);
  if (check.op == Operator::exists) {
    return {value != nullptr, blame};
  }
  if (check.op == Operator::absent) {
    return {value == nullptr, blame};
  }
  if (value != nullptr && value->placeholder) {
    return {false, blame, true};  // its text is not the secret
  }
  // Only a value that is itself a reference is unknown; a list of references
  // (subnets: [${a.id}, ${b.id}]) still has a length and items to judge.
  const auto kind = value == nullptr ? Value::Kind::null : value->kind();
  if (value == nullptr || kind == Value::Kind::reference || kind == Value::Kind::interpolation) {
    return {check.missing_result, blame};
  }
  if (check.op == Operator::every || check.op == Operator::some || check.op == Operator::none) {
    return quantify(check, *value, scope, parameters);
  }
  const Value* operand = &check.value;
  if (!check.parameter.empty()) {
    operand = nullptr;
    for (const auto& [name, parameter_value] : parameters) {
      if (name == check.parameter) {
        operand = &parameter_value;
      }
    }
    if (operand == nullptr) {
      return {check.missing_result, blame};
    }
  }
  return {apply(check, *value, *operand), blame};
}

Evaluation evaluate_in(const Condition& condition, const Scope& scope, const Map& parameters) {
  switch (condition.kind) {
    case Condition::Kind::check:
      return evaluate_check(condition.check, scope, parameters);
    case Condition::Kind::negation: {
      auto inner = evaluate_in(*condition.children.front(), scope, parameters);
      return {!inner.holds && !inner.unknown, inner.path, inner.unknown};
    }
    case Condition::Kind::all: {
      std::optional<Evaluation> first_unknown;
      for (const auto& child : condition.children) {
        auto result = evaluate_in(*child, scope, parameters);
        if (result.unknown) {
          first_unknown = first_unknown ? first_unknown : result;
        } else if (!result.holds) {
          return result;
        }
      }
      return first_unknown ? *first_unknown : Evaluation{true, {}};
    }
    case Condition::Kind::any: {
      Evaluation first_failure;
      std::optional<Evaluation> first_unknown;
      for (const auto& child : condition.children) {
        auto result = evaluate_in(*child, scope, parameters);
        if (result.holds) {
          return result;
        }
        if (result.unknown) {
          first_unknown = first_unknown ? first_unknown : result;
          continue;
        }
        // Blame the branch that failed on a property, not on a type guard.
        const bool on_property = util::starts_with(result.path, "properties.");
        if (first_failure.path.empty() ||
            (on_property && !util::starts_with(first_failure.path, "properties."))) {
          first_failure = result;
        }
      }
      if (first_unknown) {
        return *first_unknown;
      }
      first_failure.holds = false;
      return first_failure;
    }
  }
  return {};
}

}  // namespace

Evaluation evaluate(const Condition& condition, const Subject& subject, const Map& parameters) {
  return evaluate_in(condition, Scope{&subject, nullptr, {}}, parameters);
}

}  // namespace dharma::policy::reference

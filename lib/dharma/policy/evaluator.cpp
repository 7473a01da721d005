// The condition evaluator. A condition is a tree of `all` / `any` / `not`
// nodes over checks; each check looks up one path and applies one operator.
//
// The original engine compared `undefined < 1.2` and silently passed, so
// here a missing property is decided before any operator runs: `exists` and
// `absent` answer the question directly, and every other operator returns the
// check's `missing_result` (false — non-compliant — unless the policy file
// says `missing: pass`). Values that are only known after apply (references
// such as `${vpc.id}`) are treated the same way: present for `exists`, unknown
// for comparisons. A placeholder for a secret given no value is present for
// `exists` too, but a comparison on it is truly unknown: the evaluation is
// three-valued there (`any` with a true branch still holds, `all` with a
// false one still fails, otherwise the unknown spreads to the top, where it
// is no finding). Type mismatches (a string compared with `gt`) are false,
// never an accident of conversion. Quantifiers (`every`, `some`, `none`)
// evaluate a nested `where` condition with each list item as the root, so a
// security-group rule can be judged on its own fields; over a map they see
// each entry as `{key, value}`, so environment variable names can be judged.
// When an `any` fails, the failure reported is the first one on a property,
// so a finding points at the offending property rather than a type guard.
// The blamed path is a view: of the check's own path (no copy) at the top,
// of a string built only inside a quantifier, where an item's index or key
// is part of it; `evaluate` copies it once for callers that keep it.

#include "dharma/policy/evaluator.hpp"

#include <re2/re2.h>

#include <charconv>
#include <optional>

#include "dharma/util/text.hpp"

namespace dharma::policy {

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
  // A verdict blaming `path` (a check's, which outlives the evaluation).
  Verdict blame(const std::string& path, bool holds, bool unknown = false) const {
    Verdict verdict;
    verdict.holds = holds;
    verdict.unknown = unknown;
    if (prefix.empty()) {
      verdict.path = &path;
    } else {
      verdict.built.reserve(prefix.size() + 1 + path.size());
      verdict.built.append(prefix).append(1, '.').append(path);
    }
    return verdict;
  }
};

Verdict built_verdict(bool holds, std::string path, bool unknown = false) {
  Verdict verdict;
  verdict.holds = holds;
  verdict.unknown = unknown;
  verdict.built = std::move(path);
  return verdict;
}

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

// Numbers compare by value (1 == 1.0); anything else by its data. A string
// is not parsed as a number here (nothing would read the result).
bool equal_values(const Value& a, const Value& b) {
  const bool a_number = a.kind() == Value::Kind::integer || a.kind() == Value::Kind::number;
  const bool b_number = b.kind() == Value::Kind::integer || b.kind() == Value::Kind::number;
  if (a_number && b_number) {
    return a.as_number() == b.as_number();
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

Verdict evaluate_in(const Condition& condition, const Scope& scope, const Map& parameters);

// A map's entries as {key, value} items, so quantifiers can judge keys (env names).
value::List entries_of(const Value& map) {
  value::List items;
  items.reserve(map.as_map().size());
  for (const auto& [key, value] : map.as_map()) {
    items.push_back(Value::map({{"key", Value::string(key)}, {"value", value}}));
  }
  return items;
}

Verdict quantify(const Check& check, const Value& collection, const Scope& scope, const Map& parameters) {
  if (collection.kind() != Value::Kind::map && collection.kind() != Value::Kind::list) {
    return scope.blame(check.path, check.missing_result);
  }
  const std::string base = scope.prefix.empty() ? check.path : scope.prefix + "." + check.path;
  value::List entries;
  if (collection.kind() == Value::Kind::map) {
    entries = entries_of(collection);
  }
  const auto& items = collection.kind() == Value::Kind::map ? entries : collection.as_list();
  std::optional<Verdict> first_unknown;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Scope inner{scope.subject, &items[i],
                collection.kind() == Value::Kind::map ? base + "." + items[i].as_map()[0].second.as_string()
                                                      : base + "." + std::to_string(i)};
    const Verdict item = evaluate_in(*check.where, inner, parameters);
    if (item.unknown) {
      if (!first_unknown) {
        first_unknown = built_verdict(false, std::move(inner.prefix), true);
      }
      continue;
    }
    if (check.op == Operator::every && !item.holds) {
      return built_verdict(false, std::move(inner.prefix));
    }
    if (check.op == Operator::none && item.holds) {
      return built_verdict(false, std::move(inner.prefix));
    }
    if (check.op == Operator::some && item.holds) {
      return built_verdict(true, std::move(inner.prefix));
    }
  }
  if (first_unknown) {
    return std::move(*first_unknown);
  }
  return built_verdict(check.op != Operator::some, base);
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

Verdict evaluate_check(const Check& check, const Scope& scope, const Map& parameters) {
  const Value* value = scope.lookup(check.steps);
  if (check.op == Operator::exists) {
    return scope.blame(check.path, value != nullptr);
  }
  if (check.op == Operator::absent) {
    return scope.blame(check.path, value == nullptr);
  }
  if (value != nullptr && value->placeholder) {
    return scope.blame(check.path, false, true);  // its text is not the secret
  }
  // Only a value that is itself a reference is unknown; a list of references
  // (subnets: [${a.id}, ${b.id}]) still has a length and items to judge.
  const auto kind = value == nullptr ? Value::Kind::null : value->kind();
  if (value == nullptr || kind == Value::Kind::reference || kind == Value::Kind::interpolation) {
    return scope.blame(check.path, check.missing_result);
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
      return scope.blame(check.path, check.missing_result);
    }
  }
  return scope.blame(check.path, apply(check, *value, *operand));
}

Verdict evaluate_in(const Condition& condition, const Scope& scope, const Map& parameters) {
  switch (condition.kind) {
    case Condition::Kind::check:
      return evaluate_check(condition.check, scope, parameters);
    case Condition::Kind::negation: {
      auto inner = evaluate_in(*condition.children.front(), scope, parameters);
      inner.holds = !inner.holds && !inner.unknown;
      return inner;
    }
    case Condition::Kind::all: {
      std::optional<Verdict> first_unknown;
      for (const auto& child : condition.children) {
        auto result = evaluate_in(*child, scope, parameters);
        if (result.unknown) {
          if (!first_unknown) {
            first_unknown = std::move(result);
          }
        } else if (!result.holds) {
          return result;
        }
      }
      if (first_unknown) {
        return std::move(*first_unknown);
      }
      Verdict holds;
      holds.holds = true;
      return holds;
    }
    case Condition::Kind::any: {
      Verdict first_failure;
      std::optional<Verdict> first_unknown;
      for (const auto& child : condition.children) {
        auto result = evaluate_in(*child, scope, parameters);
        if (result.holds) {
          return result;
        }
        if (result.unknown) {
          if (!first_unknown) {
            first_unknown = std::move(result);
          }
          continue;
        }
        // Blame the branch that failed on a property, not on a type guard.
        const bool on_property = util::starts_with(result.blamed(), "properties.");
        if (first_failure.blamed().empty() ||
            (on_property && !util::starts_with(first_failure.blamed(), "properties."))) {
          first_failure = std::move(result);
        }
      }
      if (first_unknown) {
        return std::move(*first_unknown);
      }
      first_failure.holds = false;
      return first_failure;
    }
  }
  return {};
}

}  // namespace

Verdict judge(const Condition& condition, const Subject& subject, const Map& parameters) {
  return evaluate_in(condition, Scope{&subject, nullptr, {}}, parameters);
}

Evaluation evaluate(const Condition& condition, const Subject& subject, const Map& parameters) {
  const Verdict verdict = judge(condition, subject, parameters);
  return {verdict.holds, std::string(verdict.blamed()), verdict.unknown};
}

}  // namespace dharma::policy

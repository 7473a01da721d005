// Condition syntax (docs/guard.md): a mapping that is exactly one of
//   all: [CONDITION...]    any: [CONDITION...]    not: CONDITION
//   {path: P, op: OP, value: V | param: NAME, compare: OP, where: CONDITION, missing: pass|fail}
// Every operand is checked against its operator here, so evaluation never
// meets a malformed check: wrong operand types, unknown operators and bad
// regular expressions (compiled once, with RE2) are load-time errors.

#include "dharma/policy/condition_loader.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "dharma/policy/subject.hpp"
#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::policy {

namespace {

using value::Value;

bool needs_operand(Operator op) {
  return op != Operator::exists && op != Operator::absent && op != Operator::every && op != Operator::some &&
         op != Operator::none;
}

bool is_quantifier(Operator op) {
  return op == Operator::every || op == Operator::some || op == Operator::none;
}

bool is_number(const Value& value) {
  return value.kind() == Value::Kind::integer || value.kind() == Value::Kind::number;
}

void check_path(const yaml::Node& node, Check& check, bool nested, util::Diagnostics& diagnostics) {
  check.steps = util::split(check.path, '.');
  for (const auto& step : check.steps) {
    if (step.empty()) {
      diagnostics.error(node.location(), "path " + util::quoted(check.path) + " has an empty step");
      return;
    }
  }
  if (nested) {
    return;
  }
  const auto& roots = subject_roots();
  const std::string& root = check.steps.front();
  if (std::find(roots.begin(), roots.end(), root) == roots.end()) {
    diagnostics.error(node.location(), "path " + util::quoted(check.path) + " must start with one of " +
                                           util::join(roots, ", ") + util::did_you_mean(root, roots));
  } else if (check.steps.size() > 1 && root != "properties" && root != "tags" && root != "labels") {
    diagnostics.error(node.location(), "path " + util::quoted(check.path) + ": " + util::quoted(root) +
                                           " is a single value and has no fields");
  }
}

// One compiled RE2 per pattern text for the process: policies repeat
// patterns (sec-019 twice each), and compiling is most of loading a policy.
// An RE2 is immutable once built and safe to share.
std::shared_ptr<const RE2> compiled_regex(const std::string& pattern) {
  static std::unordered_map<std::string, std::shared_ptr<const RE2>> compiled;
  static std::mutex guard;
  const std::lock_guard<std::mutex> lock(guard);
  auto& regex = compiled[pattern];
  if (regex == nullptr) {
    RE2::Options options;
    options.set_log_errors(false);
    regex = std::make_shared<const RE2>(pattern, options);
  }
  return regex;
}

void check_operand(const yaml::Node& where, Check& check, util::Diagnostics& diagnostics) {
  const std::string op = util::quoted(operator_name(check.op));
  switch (check.op) {
    case Operator::in:
    case Operator::not_in:
      if (check.value.kind() != Value::Kind::list) {
        diagnostics.error(where.location(), op + " needs a list value, not " + check.value.kind_name());
      }
      break;
    case Operator::matches: {
      if (check.value.kind() != Value::Kind::string) {
        diagnostics.error(where.location(),
                          op + " needs a regular expression string, not " + check.value.kind_name());
        break;
      }
      auto regex = compiled_regex(check.value.as_string());
      if (!regex->ok()) {
        diagnostics.error(
            where.location(),
            "invalid regular expression " + util::quoted(check.value.as_string()) + ": " + regex->error());
      }
      check.regex = std::move(regex);
      break;
    }
    case Operator::gt:
    case Operator::gte:
    case Operator::lt:
    case Operator::lte:
    case Operator::length:
      if (!is_number(check.value)) {
        diagnostics.error(where.location(), op + " needs a number, not " + check.value.kind_name());
      }
      break;
    case Operator::equals:
    case Operator::not_equals:
    case Operator::contains:
      if (check.value.is_null()) {
        diagnostics.error(where.location(), op + " needs a value; use 'absent' or 'exists' to test for null");
      }
      break;
    default:
      break;
  }
}

ConditionPtr load_check(const yaml::Node& node, const std::vector<std::string>& parameters, bool nested,
                        util::Diagnostics& diagnostics) {
  yaml::MapReader fields(node, "check", diagnostics);
  fields.allow_only({"path", "op", "value", "param", "compare", "where", "missing"});
  auto condition = std::make_shared<Condition>();
  condition->kind = Condition::Kind::check;
  condition->location = node.location();
  Check& check = condition->check;
  check.location = node.location();
  const std::size_t errors_before = diagnostics.error_count();

  auto path = fields.string("path", yaml::Need::required);
  if (path) {
    check.path = *path;
    check_path(*node.find("path"), check, nested, diagnostics);
  }
  auto op_text = fields.string("op", yaml::Need::required);
  if (!op_text) {
    return nullptr;
  }
  auto op = parse_operator(*op_text);
  if (!op) {
    fields.error(*node.find("op"), "unknown operator " + util::quoted(*op_text) +
                                       util::did_you_mean(*op_text, operator_names()));
    return nullptr;
  }
  check.op = *op;

  const yaml::Node* value = fields.node("value");
  auto parameter = fields.string("param");
  if (needs_operand(check.op)) {
    if (value != nullptr && parameter) {
      fields.error(node, "check has both 'value' and 'param'; give one");
    } else if (parameter) {
      if (std::find(parameters.begin(), parameters.end(), *parameter) == parameters.end()) {
        fields.error(*node.find("param"), "unknown parameter " + util::quoted(*parameter) +
                                              " (declare it under 'parameters')" +
                                              util::did_you_mean(*parameter, parameters));
      }
      check.parameter = *parameter;
    } else if (value == nullptr) {
      fields.error(node, "operator " + util::quoted(*op_text) + " needs a 'value' (or a 'param')");
    } else {
      check.value = value::literal_value(*value);
      check_operand(*value, check, diagnostics);
    }
  } else if (value != nullptr || parameter) {
    fields.error(value != nullptr ? *value : *node.find("param"),
                 "operator " + util::quoted(*op_text) + " takes no value");
  }

  if (auto compare = fields.string("compare")) {
    auto compare_op = parse_operator(*compare);
    const bool valid =
        compare_op && (*compare_op == Operator::equals || *compare_op == Operator::not_equals ||
                       *compare_op == Operator::gt || *compare_op == Operator::gte ||
                       *compare_op == Operator::lt || *compare_op == Operator::lte);
    if (check.op != Operator::length) {
      fields.error(*node.find("compare"), "'compare' applies only to the 'length' operator");
    } else if (!valid) {
      fields.error(*node.find("compare"), "'compare' must be one of equals, not_equals, gt, gte, lt, lte");
    } else {
      check.compare = *compare_op;
    }
  }

  const yaml::Node* where = fields.node("where");
  if (is_quantifier(check.op)) {
    if (where == nullptr) {
      fields.error(node, "operator " + util::quoted(*op_text) + " needs a 'where' condition for each item");
    } else {
      check.where = load_condition(*where, parameters, true, diagnostics);
    }
  } else if (where != nullptr) {
    fields.error(*where, "'where' applies only to the every, some and none operators");
  }

  if (auto missing = fields.string("missing")) {
    if (*missing != "pass" && *missing != "fail") {
      fields.error(*node.find("missing"),
                   "'missing' must be 'pass' or 'fail', not " + util::quoted(*missing));
    }
    check.missing_result = *missing == "pass";
  }
  return diagnostics.error_count() == errors_before ? condition : nullptr;
}

}  // namespace

ConditionPtr load_condition(const yaml::Node& node, const std::vector<std::string>& parameters, bool nested,
                            util::Diagnostics& diagnostics) {
  if (!yaml::expect_map(node, "a condition", diagnostics)) {
    return nullptr;
  }
  const yaml::Node* all = node.find("all");
  const yaml::Node* any = node.find("any");
  const yaml::Node* negation = node.find("not");
  const int combinators = (all != nullptr) + (any != nullptr) + (negation != nullptr);
  if (combinators == 0) {
    return load_check(node, parameters, nested, diagnostics);
  }
  if (combinators > 1 || node.entries.size() != 1) {
    diagnostics.error(node.location(),
                      "a condition is exactly one of 'all', 'any', 'not' or a check with 'path' and 'op'");
    return nullptr;
  }
  auto condition = std::make_shared<Condition>();
  condition->location = node.location();
  if (negation != nullptr) {
    condition->kind = Condition::Kind::negation;
    auto child = load_condition(*negation, parameters, nested, diagnostics);
    if (!child) {
      return nullptr;
    }
    condition->children.push_back(std::move(child));
    return condition;
  }
  const yaml::Node& list = all != nullptr ? *all : *any;
  condition->kind = all != nullptr ? Condition::Kind::all : Condition::Kind::any;
  const char* name = all != nullptr ? "'all'" : "'any'";
  if (!list.is_sequence() || list.items.empty()) {
    diagnostics.error(list.location(), std::string(name) + " needs a non-empty list of conditions");
    return nullptr;
  }
  bool ok = true;
  for (const auto& item : list.items) {
    auto child = load_condition(*item, parameters, nested, diagnostics);
    ok = ok && child != nullptr;
    condition->children.push_back(std::move(child));
  }
  return ok ? condition : nullptr;
}

}  // namespace dharma::policy

// The expression evaluator.
//
// A scalar without `${` is a literal. A scalar that is exactly one
// expression keeps the expression's type (so `count: ${param.n}` stays an
// integer); a longer scalar interpolates each expression as text. Parameters,
// `env` and `blueprint.name` are known now and evaluate to data; a resource
// attribute is only known after apply, so it evaluates to a symbolic
// Reference, is checked against the target's catalog attributes and count,
// and is recorded as a dependency. Functions run on known data only.
// Every evaluated value keeps its parsed Template for the renderers.

#include "dharma/blueprint/evaluator.hpp"

#include <algorithm>
#include <cmath>

#include "dharma/blueprint/functions.hpp"
#include "dharma/expr/functions.hpp"
#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"

namespace dharma::blueprint {

using value::literal_value;
using value::scalar_value;

namespace {

struct EvalFailure {};

class Evaluator {
 public:
  Evaluator(EvalContext& context, const yaml::Node& node) : m_context(context), m_node(node) {}

  Value evaluate(const expr::Expr& e) {
    switch (e.kind) {
      case expr::Expr::Kind::string_literal:
        return Value::string(e.name);
      case expr::Expr::Kind::number_literal:
        // Casting a double outside long long's range is undefined: check first.
        if (std::fabs(e.number) < 9.0e18 &&
            e.number == static_cast<double>(static_cast<long long>(e.number))) {
          return Value::integer(static_cast<long long>(e.number));
        }
        return Value::number(e.number);
      case expr::Expr::Kind::bool_literal:
        return Value::boolean(e.boolean);
      case expr::Expr::Kind::environment:
        if (m_context.reads != nullptr) {
          m_context.reads->environment = true;
        }
        return Value::string(m_context.environment);
      case expr::Expr::Kind::blueprint_name:
        return Value::string(m_context.blueprint_name);
      case expr::Expr::Kind::parameter:
        return parameter(e);
      case expr::Expr::Kind::resource_attr:
        return reference(e);
      case expr::Expr::Kind::call:
        return call(e);
    }
    return {};
  }

  [[noreturn]] void fail(const expr::Expr& e, const std::string& message) {
    util::SourceLocation where = m_node.location();
    // Point inside the scalar: quoted scalars start one column after their quote.
    if (m_node.line > 0 && m_node.scalar.find('\n') == std::string::npos) {
      where.column += (m_node.plain ? 0 : 1) + expression_offset(e);
    }
    m_context.diagnostics->error(where, message);
    throw EvalFailure{};
  }

  void set_offset(int offset) { m_offset = offset; }

 private:
  int expression_offset(const expr::Expr& e) const { return e.column > 0 ? e.column : m_offset; }

  Value parameter(const expr::Expr& e) {
    for (std::size_t i = 0; i < m_context.parameters->size(); ++i) {
      const ResolvedParameter& parameter = (*m_context.parameters)[i];
      if (parameter.name == e.name) {
        if (m_context.reads != nullptr) {
          m_context.reads->parameters.push_back(i);
        }
        Value value = parameter.value;
        value.sensitive = parameter.sensitive || value.placeholder;
        return value;
      }
    }
    std::vector<std::string> names;
    for (const auto& parameter : *m_context.parameters) {
      names.push_back(parameter.name);
    }
    fail(e, "unknown parameter " + util::quoted(e.name) + " in ${" + expr::to_string(e) + "}" +
                util::did_you_mean(e.name, names));
  }

  Value reference(const expr::Expr& e) {
    // The reference as written, for messages only: most references are fine.
    const auto text = [&e] { return "${" + expr::to_string(e) + "}"; };
    if (!m_context.allow_references) {
      fail(e, "this value must be known before apply; it cannot use the resource reference " + text());
    }
    const ResourceInfo* found = m_context.resources->find(e.name);
    if (found == nullptr) {
      std::vector<std::string> names;
      names.reserve(m_context.resources->size());
      for (const auto& entry : *m_context.resources) {
        names.push_back(entry.first);
      }
      std::sort(names.begin(), names.end());  // the suggestion breaks ties by name order
      std::string hint = util::did_you_mean(e.name, names);
      if (hint.empty()) {
        hint = " (references are ${RESOURCE.ATTRIBUTE}, ${param.NAME}, ${env} or ${blueprint.name})";
      }
      fail(e, "reference to unknown resource " + util::quoted(e.name) + " in " + text() + hint);
    }
    if (e.name == m_context.current_resource) {
      fail(e, "resource " + util::quoted(e.name) + " refers to itself in " + text());
    }
    const ResourceInfo& target = *found;
    if (target.schema != nullptr && !target.schema->has_attribute(e.attribute)) {
      fail(e, "resource " + util::quoted(e.name) + " (" + target.type + ") has no attribute " +
                  util::quoted(e.attribute) + util::did_you_mean(e.attribute, target.schema->attributes) +
                  "; it has: " + util::join(target.schema->attributes, ", "));
    }
    if (target.has_count && !e.splat && !e.index) {
      fail(e, "resource " + util::quoted(e.name) + " has a count; write ${" + e.name + "[0]." + e.attribute +
                  "} for one instance or ${" + e.name + "[*]." + e.attribute + "} for all");
    }
    if (!target.has_count && (e.splat || e.index)) {
      fail(e,
           "resource " + util::quoted(e.name) + " has no count; write ${" + e.name + "." + e.attribute + "}");
    }
    if (e.index && target.count && *e.index >= *target.count) {
      fail(e, "index " + std::to_string(*e.index) + " is out of range in " + text() + ": resource " +
                  util::quoted(e.name) + " has count " + std::to_string(*target.count));
    }
    if (m_context.references != nullptr) {
      m_context.references->insert(e.name);
    }
    return Value::reference(Reference{e.name, e.index, e.splat, e.attribute});
  }

  Value call(const expr::Expr& e) {
    const auto* info = expr::find_function(e.name, expr::Language::blueprint);
    if (info == nullptr) {
      const std::vector<std::string> names = expr::function_names(expr::Language::blueprint);
      fail(e, "unknown function " + util::quoted(e.name) + util::did_you_mean(e.name, names) +
                  "; available: " + util::join(names, ", "));
    }
    const int count = static_cast<int>(e.args.size());
    if (!info->accepts(count)) {
      fail(e, info->arity_error(count));
    }
    std::vector<Value> args;
    bool sensitive = false;
    bool placeholder = false;
    for (const auto& arg : e.args) {
      args.push_back(evaluate(*arg));
      sensitive = sensitive || args.back().sensitive;
      placeholder = placeholder || args.back().placeholder;
      if (args.back().is_symbolic()) {
        fail(e, e.name + "() needs values known before apply, but " + expr::to_string(*arg) +
                    " is a resource attribute known only after apply");
      }
    }
    Value result = apply(e, args);
    result.sensitive = sensitive;
    result.placeholder = placeholder;
    return result;
  }

  Value apply(const expr::Expr& e, const std::vector<Value>& args) {
    try {
      return apply_function(e.name, args);
    } catch (const FunctionError& error) {
      fail(e, error.message);
    }
  }

  EvalContext& m_context;
  const yaml::Node& m_node;
  int m_offset = 0;
};

// Whether a plain scalar is a string without asking the YAML core schema:
// it starts with a letter that begins no boolean (true, false) or null.
bool plain_text(const std::string& text) {
  if (text.empty()) {
    return false;
  }
  const char first = text.front();
  const bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  return letter && first != 't' && first != 'T' && first != 'f' && first != 'F' && first != 'n' &&
         first != 'N';
}

Value evaluate_scalar(const yaml::Node& node, EvalContext& context) {
  if (node.scalar.find('$') == std::string::npos) {
    // Most scalars: no `${` to evaluate and no `$${` to unescape.
    Value value = !node.plain || plain_text(node.scalar) ? Value::string(node.scalar) : scalar_value(node);
    value.origin = &node;
    return value;
  }
  if (!expr::contains_expression(node.scalar)) {
    Value value = node.plain ? scalar_value(node) : Value::string(node.scalar);
    if (node.scalar.find("$${") != std::string::npos) {
      value = Value::string(util::replace_all(node.scalar, "$${", "${"));
    }
    value.origin = &node;
    return value;
  }
  expr::ParseResult parsed;
  if (context.templates == nullptr) {
    parsed = expr::parse_template(node.scalar);
  } else if (const expr::TemplatePtr* known = context.templates->find(node.scalar); known != nullptr) {
    parsed.value = *known;
  } else {
    parsed = expr::parse_template(node.scalar);
    if (!parsed.error) {
      context.templates->emplace(node.scalar, parsed.value);
    }
  }
  if (parsed.error) {
    util::SourceLocation where = node.location();
    if (node.scalar.find('\n') == std::string::npos) {
      where.column += (node.plain ? 0 : 1) + parsed.error->column;
    }
    context.diagnostics->error(where, "invalid expression: " + parsed.error->message);
    Value failed;
    failed.origin = &node;
    return failed;
  }
  Evaluator evaluator(context, node);
  Value result;
  try {
    const auto& parts = parsed.value->parts;
    if (parsed.value->is_single_expression()) {
      result = evaluator.evaluate(*parts[0].expression);
    } else {
      std::vector<InterpolationPart> pieces;
      bool sensitive = false;
      bool placeholder = false;
      std::string text;
      bool symbolic = false;
      for (const auto& part : parts) {
        if (!part.expression) {
          text += part.literal;
          continue;
        }
        Value value = evaluator.evaluate(*part.expression);
        sensitive = sensitive || value.sensitive;
        placeholder = placeholder || value.placeholder;
        if (value.kind() == Value::Kind::reference) {
          if (value.as_reference().splat) {
            evaluator.fail(*part.expression,
                           "${" + expr::to_string(*part.expression) +
                               "} is a list and cannot be placed inside a string; use it as the whole value");
          }
          if (!text.empty()) {
            pieces.emplace_back(text);
            text.clear();
          }
          pieces.emplace_back(value.as_reference());
          symbolic = true;
        } else if (value.is_scalar()) {
          text += value.to_display_string();
        } else {
          evaluator.fail(*part.expression,
                         "${" + expr::to_string(*part.expression) + "} is " + value.kind_name() +
                             " and cannot be placed inside a string; use it as the whole value");
        }
      }
      if (!text.empty()) {
        pieces.emplace_back(text);
      }
      result = symbolic ? Value::interpolation(std::move(pieces)) : Value::string(std::move(text));
      result.sensitive = sensitive;
      result.placeholder = placeholder;
    }
  } catch (const EvalFailure&) {
    result = Value{};
  }
  result.origin = &node;
  result.expression = parsed.value;
  return result;
}

}  // namespace

Value evaluate_node(const yaml::Node& node, EvalContext& context) {
  switch (node.kind) {
    case yaml::Kind::null: {
      Value value;
      value.origin = &node;
      return value;
    }
    case yaml::Kind::scalar:
      return evaluate_scalar(node, context);
    case yaml::Kind::sequence: {
      List items;
      items.reserve(node.items.size());
      for (const auto& item : node.items) {
        items.push_back(evaluate_node(*item, context));
      }
      Value value = Value::list(std::move(items));
      value.origin = &node;
      return value;
    }
    case yaml::Kind::map: {
      Map entries;
      entries.reserve(node.entries.size());
      for (const auto& [key, item] : node.entries) {
        entries.emplace_back(key->scalar, evaluate_node(*item, context));
      }
      Value value = Value::map(std::move(entries));
      value.origin = &node;
      return value;
    }
  }
  return {};
}

}  // namespace dharma::blueprint

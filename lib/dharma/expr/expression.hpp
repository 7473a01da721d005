#pragma once
// The expression language inside `${...}` (docs/blueprint.md, "Expressions").
//
//   expr      := call | reference | literal
//   call      := IDENT '(' [expr (',' expr)*] ')'
//   reference := 'param.' NAME | 'env' | 'blueprint.name'
//              | RESOURCE ['[' (INT | '*') ']'] '.' ATTRIBUTE
//   literal   := '"' chars '"' | NUMBER | 'true' | 'false'
//
// A scalar such as "web-${param.env}" parses into a Template: literal text
// and expressions in order. Templates are kept on resolved values so that
// renderers can emit `var.env` or `aws_vpc.vpc.id` instead of the value.

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dharma::expr {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  enum class Kind {
    string_literal,  // "text"
    number_literal,  // 42, 1.5
    bool_literal,    // true, false
    parameter,       // param.NAME            (name)
    environment,     // env
    blueprint_name,  // blueprint.name
    resource_attr,   // RESOURCE[INDEX|*].ATTRIBUTE (name, index, splat, attribute)
    call,            // NAME(args...)
  };
  Kind kind = Kind::string_literal;
  std::string name;                // parameter, resource or function name; text of a string literal
  std::string attribute;           // resource_attr
  std::optional<long long> index;  // resource_attr: [N]
  bool splat = false;              // resource_attr: [*]
  double number = 0;               // number_literal
  bool boolean = false;            // bool_literal
  std::vector<ExprPtr> args;       // call
  int column = 0;                  // 0-based offset of the expression in its scalar
};

struct TemplatePart {
  std::string literal;  // used when `expression` is null
  ExprPtr expression;
};

struct Template {
  std::vector<TemplatePart> parts;
  // True when the scalar is exactly one `${...}`: the value keeps its type.
  bool is_single_expression() const { return parts.size() == 1 && parts[0].expression != nullptr; }
  bool has_expressions() const;
};
using TemplatePtr = std::shared_ptr<const Template>;

struct ParseError {
  int column = 0;  // 0-based offset in the scalar
  std::string message;
};

// Parses a scalar's text into a Template. `$${` is an escaped literal `${`.
// Returns the error with its offset for malformed expressions.
struct ParseResult {
  TemplatePtr value;
  std::optional<ParseError> error;
};
ParseResult parse_template(const std::string& text);

// True when `text` contains `${` that is not escaped as `$${`.
bool contains_expression(const std::string& text);

// Writes the expression back in blueprint syntax (for messages and `show`).
std::string to_string(const Expr& expression);

// The functions a call may name: functions.hpp (Language::blueprint).

}  // namespace dharma::expr

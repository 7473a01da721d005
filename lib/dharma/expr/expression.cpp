// Parser for `${...}` templates: a hand-written recursive-descent parser over
// the scalar's characters. It never evaluates anything (evaluator.cpp does),
// never recurses deeper than the nesting of function calls written in the
// text (bounded by k_max_call_depth), and reports the first error with the
// column it occurred at so callers can point at file:line:col.

#include "dharma/expr/expression.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "dharma/util/placeholder_scan.hpp"

namespace dharma::expr {
namespace {

constexpr int k_max_call_depth = 32;

struct Failure {
  int column;
  std::string message;
};

class Parser {
 public:
  Parser(const std::string& text, std::size_t begin, std::size_t end)
      : m_text(text), m_pos(begin), m_end(end) {}

  ExprPtr parse_whole() {
    skip_spaces();
    if (m_pos >= m_end) {
      fail("empty expression '${}'");
    }
    auto expression = parse_expression(0);
    skip_spaces();
    if (m_pos < m_end) {
      fail("unexpected '" + std::string(1, m_text[m_pos]) + "' in expression");
    }
    return expression;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw Failure{static_cast<int>(m_pos), message};
  }

  void skip_spaces() {
    while (m_pos < m_end && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) {
      ++m_pos;
    }
  }

  static bool is_identifier_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
  }
  static bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  }

  std::string identifier() {
    if (m_pos >= m_end || !is_identifier_start(m_text[m_pos])) {
      fail(m_pos >= m_end ? "expected a name at the end of the expression"
                          : "expected a name, found '" + std::string(1, m_text[m_pos]) + "'");
    }
    const std::size_t start = m_pos;
    while (m_pos < m_end && is_identifier_char(m_text[m_pos])) {
      ++m_pos;
    }
    return m_text.substr(start, m_pos - start);
  }

  ExprPtr parse_expression(int depth) {
    skip_spaces();
    if (m_pos >= m_end) {
      fail("expression ends too early");
    }
    const char c = m_text[m_pos];
    if (c == '"') {
      return parse_string();
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-') {
      return parse_number();
    }
    const int column = static_cast<int>(m_pos);
    const std::string name = identifier();
    auto node = std::make_shared<Expr>();
    node->column = column;
    skip_spaces();
    if (m_pos < m_end && m_text[m_pos] == '(') {
      return parse_call(name, column, depth);
    }
    if (name == "true" || name == "false") {
      node->kind = Expr::Kind::bool_literal;
      node->boolean = name == "true";
      return node;
    }
    if (name == "env") {
      node->kind = Expr::Kind::environment;
      return node;
    }
    if (name == "param") {
      expect('.', "expected '.' after 'param' (write ${param.NAME})");
      node->kind = Expr::Kind::parameter;
      node->name = identifier();
      return node;
    }
    if (name == "blueprint") {
      expect('.', "expected '.name' after 'blueprint'");
      const std::string field = identifier();
      if (field != "name") {
        fail("unknown blueprint field '" + field + "' (only ${blueprint.name} exists)");
      }
      node->kind = Expr::Kind::blueprint_name;
      return node;
    }
    node->kind = Expr::Kind::resource_attr;
    node->name = name;
    if (m_pos < m_end && m_text[m_pos] == '[') {
      ++m_pos;
      skip_spaces();
      if (m_pos < m_end && m_text[m_pos] == '*') {
        node->splat = true;
        ++m_pos;
      } else {
        const std::size_t start = m_pos;
        while (m_pos < m_end && std::isdigit(static_cast<unsigned char>(m_text[m_pos])) != 0) {
          ++m_pos;
        }
        if (start == m_pos) {
          fail("expected an index or '*' inside [...]");
        }
        long long index = 0;
        const auto [ptr, ec] = std::from_chars(m_text.data() + start, m_text.data() + m_pos, index);
        if (ec != std::errc() || index > 100000) {
          m_pos = start;
          fail("index is too large");
        }
        node->index = index;
      }
      skip_spaces();
      expect(']', "expected ']'");
    }
    expect('.', "expected '.ATTRIBUTE' after resource '" + name + "' (write ${" + name + ".id})");
    node->attribute = identifier();
    return node;
  }

  void expect(char c, const std::string& message) {
    if (m_pos >= m_end || m_text[m_pos] != c) {
      fail(message);
    }
    ++m_pos;
  }

  ExprPtr parse_call(const std::string& name, int column, int depth) {
    if (depth >= k_max_call_depth) {
      fail("function calls are nested too deeply");
    }
    auto node = std::make_shared<Expr>();
    node->kind = Expr::Kind::call;
    node->name = name;
    node->column = column;
    ++m_pos;  // '('
    skip_spaces();
    if (m_pos < m_end && m_text[m_pos] == ')') {
      ++m_pos;
      return node;
    }
    while (true) {
      node->args.push_back(parse_expression(depth + 1));
      skip_spaces();
      if (m_pos < m_end && m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      expect(')', "expected ',' or ')' in the arguments of " + name + "()");
      return node;
    }
  }

  ExprPtr parse_string() {
    auto node = std::make_shared<Expr>();
    node->kind = Expr::Kind::string_literal;
    node->column = static_cast<int>(m_pos);
    ++m_pos;  // opening quote
    while (m_pos < m_end && m_text[m_pos] != '"') {
      char c = m_text[m_pos];
      if (c == '\\' && m_pos + 1 < m_end) {
        ++m_pos;
        c = m_text[m_pos];
        switch (c) {
          case 'n':
            c = '\n';
            break;
          case 't':
            c = '\t';
            break;
          case '"':
          case '\\':
            break;
          default:
            fail(std::string("unknown escape '\\") + c + "' in string");
        }
      }
      node->name += c;
      ++m_pos;
    }
    if (m_pos >= m_end) {
      m_pos = static_cast<std::size_t>(node->column);
      fail("string is not closed with '\"'");
    }
    ++m_pos;
    return node;
  }

  ExprPtr parse_number() {
    auto node = std::make_shared<Expr>();
    node->kind = Expr::Kind::number_literal;
    node->column = static_cast<int>(m_pos);
    const std::size_t start = m_pos;
    if (m_text[m_pos] == '-') {
      ++m_pos;
    }
    // Digits, '.', and an exponent (1e+23 is how to_string prints large numbers).
    while (m_pos < m_end) {
      const char c = m_text[m_pos];
      const bool exponent = c == 'e' || c == 'E';
      if (std::isdigit(static_cast<unsigned char>(c)) == 0 && c != '.' && !exponent) {
        break;
      }
      ++m_pos;
      if (exponent && m_pos < m_end && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) {
        ++m_pos;
      }
    }
    const std::string digits = m_text.substr(start, m_pos - start);
    char* parsed_end = nullptr;
    node->number = std::strtod(digits.c_str(), &parsed_end);
    if (digits == "-" || parsed_end != digits.c_str() + digits.size()) {
      m_pos = start;
      fail("malformed number '" + digits + "'");
    }
    if (!std::isfinite(node->number)) {
      m_pos = start;
      fail("number '" + digits + "' is out of range");
    }
    return node;
  }

  const std::string& m_text;
  std::size_t m_pos;
  std::size_t m_end;
};

// Finds the `}` closing an expression that starts at `begin`, skipping strings.
std::size_t find_closing_brace(const std::string& text, std::size_t begin) {
  bool in_string = false;
  for (std::size_t i = begin; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '}') {
      return i;
    }
  }
  return std::string::npos;
}

}  // namespace

bool Template::has_expressions() const {
  for (const auto& part : parts) {
    if (part.expression) {
      return true;
    }
  }
  return false;
}

bool contains_expression(const std::string& text) {
  for (std::size_t i = text.find("${"); i != std::string::npos; i = text.find("${", i + 2)) {
    if (i == 0 || text[i - 1] != '$') {
      return true;
    }
  }
  return false;
}

ParseResult parse_template(const std::string& text) {
  auto result = std::make_shared<Template>();
  std::optional<ParseError> unclosed;
  try {
    util::scan_placeholders(
        text,
        [&](std::string literal) {
          result->parts.push_back({std::move(literal), nullptr});
        },
        [&](std::size_t open) {
          const std::size_t close = find_closing_brace(text, open + 2);
          if (close == std::string::npos) {
            unclosed = ParseError{static_cast<int>(open), "'${' is not closed with '}'"};
            return std::string::npos;
          }
          Parser parser(text, open + 2, close);
          result->parts.push_back({"", parser.parse_whole()});
          return close + 1;
        });
  } catch (const Failure& failure) {
    return {nullptr, ParseError{failure.column, failure.message}};
  }
  if (unclosed) {
    return {nullptr, unclosed};
  }
  if (result->parts.empty()) {
    result->parts.push_back({"", nullptr});
  }
  return {result, std::nullopt};
}

std::string to_string(const Expr& expression) {
  switch (expression.kind) {
    case Expr::Kind::string_literal: {
      std::string out = "\"";
      for (char c : expression.name) {
        if (c == '"' || c == '\\') {
          out += '\\';
        }
        out += c;
      }
      return out + "\"";
    }
    case Expr::Kind::number_literal: {
      char buffer[64];
      const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, expression.number);
      return ec == std::errc() ? std::string(buffer, end) : "0";
    }
    case Expr::Kind::bool_literal:
      return expression.boolean ? "true" : "false";
    case Expr::Kind::parameter:
      return "param." + expression.name;
    case Expr::Kind::environment:
      return "env";
    case Expr::Kind::blueprint_name:
      return "blueprint.name";
    case Expr::Kind::resource_attr: {
      std::string out = expression.name;
      if (expression.splat) {
        out += "[*]";
      } else if (expression.index) {
        out += "[" + std::to_string(*expression.index) + "]";
      }
      return out + "." + expression.attribute;
    }
    case Expr::Kind::call: {
      std::string out = expression.name + "(";
      for (std::size_t i = 0; i < expression.args.size(); ++i) {
        out += (i ? ", " : "") + to_string(*expression.args[i]);
      }
      return out + ")";
    }
  }
  return "";
}

}  // namespace dharma::expr

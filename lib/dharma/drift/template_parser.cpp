// A small evaluator for the HCL expressions the renderer writes inside
// `${...}`: traversals (aws_subnet.a.id, aws_instance.web[count.index].id),
// literals, tuples, objects and a few pure functions (jsonencode, tostring,
// lower, upper, join). It is recursive descent over the text; anything it
// does not understand (operators, conditionals, splats, other functions)
// makes the whole expression unknown rather than wrong, because a drift
// tool that guesses reports false drift.
//
// Everything is built as drift's compact values in the caller's arena: a
// reference to the state is the state's own value (not a copy), and
// `jsonencode` writes its argument's JSON text straight from the compact
// value (append_json, the text nlohmann's dump() writes).

#include "dharma/drift/template_parser.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "dharma/drift/scratch_stacks.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

struct Unsupported {};  // thrown inside the parser: the expression is unknown

// unknown_value() as a compact value (a static member, no arena).
Value unknown() {
  static const Member member{"\x01unknown", Value::boolean(true)};
  return Value::object(&member, 1);
}

bool contains_unknown(const Value& value) {
  if (is_unknown(value)) {
    return true;
  }
  for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
    if (contains_unknown(*it)) {
      return true;
    }
  }
  for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
    if (contains_unknown(it->value)) {
      return true;
    }
  }
  return false;
}

// A string as itself, a boolean or number as its JSON text (as nlohmann's
// dump()); anything else cannot be text.
void append_text(std::string& out, const Value& value) {
  if (value.is_string()) {
    out += value.as_string();
  } else if (value.is_boolean() || value.is_number()) {
    append_json(out, value);
  } else {
    throw Unsupported{};
  }
}

// nlohmann's get<long long>() of an integer of either kind.
long long as_long_long(const Value& value) {
  return value.kind() == Value::Kind::integer ? value.as_int() : static_cast<long long>(value.as_unsigned());
}

// The C locale's isspace, isalnum and isdigit (dharma never sets another),
// inline: the parser asks once per byte.
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A step after a traversal's root: .name or [index].
struct Step {
  std::string_view name;  // a view of the template's text; empty for an index
  Value index;
  bool is_index = false;
};

// The traversals being parsed, one stack for all of them (scratch_stacks.hpp).
std::vector<Step>& step_stack() {
  thread_local std::vector<Step> steps;
  return steps;
}

class Parser {
 public:
  Parser(std::string_view text, const TemplateScope& scope, ValueArena& arena)
      : m_text(text), m_scope(scope), m_arena(arena) {}

  // The template from the current position to `terminator` ('"' inside HCL,
  // '\0' for a whole JSON string), with HCL escapes only when quoted.
  Value parse_template(char terminator) {
    // Most quoted strings are plain text: a view of it copied once, when no
    // `${`, `%{` or escape comes before the terminator.
    for (std::size_t at = m_pos; terminator != '\0' && at < m_text.size(); ++at) {
      const char c = m_text[at];
      if (c == terminator) {
        const std::string_view plain = m_text.substr(m_pos, at - m_pos);
        m_pos = at + 1;
        return Value::string(m_arena.copy(plain));
      }
      if (c == '$' || c == '%' || c == '\\') {
        break;
      }
    }
    std::string literal;
    std::vector<Value> parts;
    std::size_t interpolations = 0;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (terminator != '\0' && c == terminator) {
        ++m_pos;
        break;
      }
      if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {  // $${ is a literal ${
        literal += c;
        literal += '{';
        m_pos += 3;
        continue;
      }
      if (c == '%' && peek(1) == '{') {
        throw Unsupported{};  // template directives
      }
      if (c == '$' && peek(1) == '{') {
        m_pos += 2;
        skip_space();
        const Value value = parse_expression();
        skip_space();
        expect('}');
        if (!literal.empty()) {
          parts.push_back(Value::string(m_arena.copy(literal)));
          literal.clear();
        }
        parts.push_back(value);
        ++interpolations;
        continue;
      }
      if (terminator == '"' && c == '\\') {
        literal += parse_escape();
        continue;
      }
      literal += c;
      ++m_pos;
    }
    if (!literal.empty()) {
      parts.push_back(Value::string(m_arena.copy(literal)));
    }
    if (parts.size() == 1 && interpolations == 1) {
      return parts[0];  // "${expr}" alone keeps the expression's type
    }
    std::string text;
    for (const auto& part : parts) {
      if (is_unknown(part)) {
        return unknown();
      }
      append_text(text, part);
    }
    return Value::string(m_arena.copy(text));
  }

  // `${jsonencode(EXPR)}` and nothing else: EXPR's value when known;
  // throws Unsupported for anything else.
  Value parse_json_document() {
    expect('$');
    expect('{');
    skip_space();
    if (identifier() != "jsonencode") {
      throw Unsupported{};
    }
    skip_space();
    const std::vector<Value> args = arguments();
    skip_space();
    expect('}');
    if (!at_end() || args.size() != 1 || contains_unknown(args[0])) {
      throw Unsupported{};
    }
    return args[0];
  }

  Value parse_expression() {
    skip_space();
    const Value value = parse_primary();
    skip_space();
    return value;
  }

 private:
  std::string_view m_text;
  const TemplateScope& m_scope;
  ValueArena& m_arena;
  std::size_t m_pos = 0;
  int m_depth = 0;

  bool at_end() const { return m_pos >= m_text.size(); }
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  void skip_space() {
    while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
      ++m_pos;
    }
  }
  void expect(char c) {
    if (peek() != c) {
      throw Unsupported{};
    }
    ++m_pos;
  }

  char parse_escape() {
    ++m_pos;  // backslash
    const char c = peek();
    ++m_pos;
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '"':
        return '"';
      case '\\':
        return '\\';
      default:
        throw Unsupported{};  // \uNNNN and friends: rare in rendered code
    }
  }

  // A view of the template's text: copy it into the arena to keep it.
  std::string_view identifier() {
    const std::size_t start = m_pos;
    while (is_alnum(peek()) || peek() == '_' || peek() == '-') {
      ++m_pos;
    }
    if (start == m_pos) {
      throw Unsupported{};
    }
    return m_text.substr(start, m_pos - start);
  }

  Value parse_primary() {
    if (++m_depth > 64) {
      throw Unsupported{};
    }
    const Value value = parse_primary_inner();
    --m_depth;
    return value;
  }

  Value parse_primary_inner() {
    const char c = peek();
    if (c == '"') {
      ++m_pos;
      return parse_template('"');
    }
    if (c == '[') {
      return parse_tuple();
    }
    if (c == '{') {
      return parse_object();
    }
    if (c == '(') {
      ++m_pos;
      const Value inner = parse_expression();
      expect(')');
      return inner;
    }
    if (c == '-' || is_digit(c)) {
      return parse_number();
    }
    const std::string_view word = identifier();
    if (word == "true" || word == "false") {
      return Value::boolean(word == "true");
    }
    if (word == "null") {
      return {};
    }
    skip_space();
    if (peek() == '(') {
      return parse_call(word);
    }
    return parse_traversal(word);
  }

  // The number's kind (signed, unsigned, floating) as nlohmann's parser gives it.
  Value parse_number() {
    const std::size_t start = m_pos;
    if (peek() == '-') {
      ++m_pos;
    }
    while (is_digit(peek()) || peek() == '.' || peek() == 'e' || peek() == 'E' ||
           ((peek() == '+' || peek() == '-') && (m_text[m_pos - 1] == 'e' || m_text[m_pos - 1] == 'E'))) {
      ++m_pos;
    }
    try {
      return from_json(Json::parse(m_text.substr(start, m_pos - start)), m_arena);
    } catch (const Json::exception&) {
      throw Unsupported{};
    }
  }

  // OPEN expression, expression ... CLOSE: `each` is called for each
  // expression (a tuple's items, a call's arguments).
  template <class Each>
  void expression_list(char open, char close, Each&& each) {
    expect(open);
    skip_space();
    while (peek() != close) {
      each(parse_expression());
      if (peek() == ',') {
        ++m_pos;
        skip_space();
      } else if (peek() != close) {
        throw Unsupported{};
      }
    }
    ++m_pos;
  }

  Value parse_tuple() {
    auto& items = scratch_stacks().items;
    const std::size_t start = items.size();
    const StackMark mark(items, start);  // off the stack however the tuple ends
    expression_list('[', ']', [&](const Value& item) { items.push_back(item); });
    return make_array(items.data() + start, items.data() + items.size(), m_arena);
  }

  // Keys sorted, a key given twice keeps its last value (make_object), as
  // nlohmann's `object[key] = value` does.
  Value parse_object() {
    expect('{');
    auto& members = scratch_stacks().members;
    const std::size_t start = members.size();
    const StackMark mark(members, start);  // off the stack however the object ends
    skip_space();
    while (peek() != '}') {
      std::string_view key;
      if (peek() == '"') {
        ++m_pos;
        const Value text = parse_template('"');
        if (!text.is_string()) {
          throw Unsupported{};
        }
        key = text.as_string();  // in the arena or the state already
      } else {
        key = m_arena.copy(identifier());
      }
      skip_space();
      if (peek() != '=' && peek() != ':') {
        throw Unsupported{};
      }
      ++m_pos;
      const Value value = parse_expression();
      members.push_back({key, value});
      if (peek() == ',') {
        ++m_pos;
      }
      skip_space();
      if (at_end()) {
        throw Unsupported{};
      }
    }
    ++m_pos;
    return make_object(members.data() + start, members.data() + members.size(), m_arena);
  }

  std::vector<Value> arguments() {
    std::vector<Value> args;
    expression_list('(', ')', [&](const Value& arg) { args.push_back(arg); });
    return args;
  }

  Value parse_call(std::string_view function) {
    const std::vector<Value> args = arguments();
    for (const auto& arg : args) {
      if (contains_unknown(arg)) {
        return unknown();
      }
    }
    std::string text;
    if (function == "jsonencode" && args.size() == 1) {
      append_json(text, args[0]);
    } else if (function == "tostring" && args.size() == 1) {
      append_text(text, args[0]);
    } else if ((function == "lower" || function == "upper") && args.size() == 1 && args[0].is_string()) {
      text = args[0].as_string();
      for (char& ch : text) {
        ch = static_cast<char>(function == "lower" ? std::tolower(static_cast<unsigned char>(ch))
                                                   : std::toupper(static_cast<unsigned char>(ch)));
      }
    } else if (function == "join" && args.size() == 2 && args[0].is_string() && args[1].is_array()) {
      for (std::size_t i = 0; i < args[1].size(); ++i) {
        if (i != 0) {
          text += args[0].as_string();
        }
        append_text(text, args[1][i]);
      }
    } else {
      return unknown();
    }
    return Value::string(m_arena.copy(text));
  }

  // Steps after the root: .name and [expr]. Splats are unknown.
  // Pushes them onto the scratch steps (the caller takes them off).
  void traversal_steps() {
    auto& steps = step_stack();
    while (true) {
      if (peek() == '.' && peek(1) != '*') {
        ++m_pos;
        steps.push_back({identifier(), Value(), false});
      } else if (peek() == '[') {
        ++m_pos;
        skip_space();
        if (peek() == '*') {
          throw Unsupported{};
        }
        const Value index = parse_expression();
        expect(']');
        steps.push_back({{}, index, true});
      } else if (peek() == '.' && peek(1) == '*') {
        throw Unsupported{};
      } else {
        return;
      }
    }
  }

  // A reference to the state is the state's own value, not a copy.
  Value parse_traversal(std::string_view root) {
    auto& stack = step_stack();
    const std::size_t start = stack.size();
    const StackMark mark(stack, start);
    traversal_steps();
    const Step* const steps = stack.data() + start;  // nothing is pushed while they are read
    const std::size_t count = stack.size() - start;
    const bool one_name = count == 1 && !steps[0].is_index;
    if (root == "count" && one_name && steps[0].name == "index") {
      return m_scope.count_index ? Value::integer(*m_scope.count_index) : unknown();
    }
    if (root == "var" && one_name && m_scope.variables != nullptr) {
      const auto found = m_scope.variables->find(std::string(steps[0].name));
      if (found != m_scope.variables->end()) {
        return from_json(*found, m_arena);
      }
    }
    if (root == "var" || root == "local" || root == "each" || root == "path" || root == "module" ||
        root == "data" || root == "self" || root == "terraform" || m_scope.actual == nullptr) {
      return unknown();
    }
    if (count == 0 || steps[0].is_index) {
      return unknown();
    }
    std::string address(root);
    address += '.';
    address += steps[0].name;
    std::size_t next = 1;
    if (next < count && steps[next].is_index) {
      const Value& index = steps[next].index;
      if (index.is_integer()) {
        address += "[" + std::to_string(as_long_long(index)) + "]";
      } else if (index.is_string()) {
        address += '[';
        append_json(address, index);
        address += ']';
      } else {
        return unknown();
      }
      ++next;
    }
    const ActualResource* resource =
        m_scope.module.empty() ? nullptr : m_scope.actual->find(std::string(m_scope.module) + "." + address);
    if (resource == nullptr) {
      resource = m_scope.actual->find(address);
    }
    if (resource == nullptr) {
      return unknown();
    }
    const Value* value = &resource->attributes;
    for (; next < count; ++next) {
      const Step& step = steps[next];
      const Value* found = step.is_index ? nullptr : value->find(step.name);
      if (found != nullptr) {
        value = found;
      } else if (step.is_index && step.index.is_integer() && value->is_array() &&
                 as_long_long(step.index) >= 0 &&
                 static_cast<std::size_t>(as_long_long(step.index)) < value->size()) {
        value = &(*value)[static_cast<std::size_t>(as_long_long(step.index))];
      } else {
        return unknown();
      }
    }
    return value->is_null() ? unknown() : *value;
  }
};

}  // namespace

Value evaluate_template_text(std::string_view text, const TemplateScope& scope, ValueArena& arena) {
  try {
    Parser parser(text, scope, arena);
    return parser.parse_template('\0');
  } catch (const Unsupported&) {
    return unknown();
  }
}

Value evaluate_json_document_text(std::string_view text, const TemplateScope& scope, ValueArena& arena) {
  try {
    Parser parser(text, scope, arena);
    return parser.parse_json_document();
  } catch (const Unsupported&) {
    return unknown();
  }
}

}  // namespace dharma::drift

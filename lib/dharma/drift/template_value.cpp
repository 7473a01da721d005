// A small evaluator for the HCL expressions the renderer writes inside
// `${...}`: traversals (aws_subnet.a.id, aws_instance.web[count.index].id),
// literals, tuples, objects and a few pure functions (jsonencode, tostring,
// lower, upper, join). It is recursive descent over the text; anything it
// does not understand (operators, conditionals, splats, other functions)
// makes the whole expression unknown rather than wrong, because a drift
// tool that guesses reports false drift.

#include "dharma/drift/template_value.hpp"

#include <cctype>
#include <stdexcept>

#include "dharma/util/number_text.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

struct Unsupported {};  // thrown inside the parser: the expression is unknown

bool contains_unknown(const Json& value) {
  if (is_unknown(value)) {
    return true;
  }
  if (value.is_array() || value.is_object()) {
    for (const auto& item : value) {
      if (contains_unknown(item)) {
        return true;
      }
    }
  }
  return false;
}

std::string as_text(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean() || value.is_number()) {
    return value.dump();
  }
  throw Unsupported{};
}

class Parser {
 public:
  Parser(std::string_view text, const TemplateScope& scope) : m_text(text), m_scope(scope) {}

  // The template from the current position to `terminator` ('"' inside HCL,
  // '\0' for a whole JSON string), with HCL escapes only when quoted.
  Json parse_template(char terminator) {
    std::string literal;
    std::vector<Json> parts;
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
        Json value = parse_expression();
        skip_space();
        expect('}');
        if (!literal.empty()) {
          parts.emplace_back(literal);
          literal.clear();
        }
        parts.push_back(std::move(value));
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
      parts.emplace_back(literal);
    }
    if (parts.size() == 1 && interpolations == 1) {
      return parts[0];  // "${expr}" alone keeps the expression's type
    }
    std::string text;
    for (const auto& part : parts) {
      if (is_unknown(part)) {
        return unknown_value();
      }
      text += as_text(part);
    }
    return text;
  }

  Json parse_expression() {
    skip_space();
    Json value = parse_primary();
    skip_space();
    return value;
  }

  bool at_end() const { return m_pos >= m_text.size(); }

 private:
  std::string_view m_text;
  const TemplateScope& m_scope;
  std::size_t m_pos = 0;
  int m_depth = 0;

  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  void skip_space() {
    while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])) != 0) {
      ++m_pos;
    }
  }
  void expect(char c) {
    if (peek() != c) {
      throw Unsupported{};
    }
    ++m_pos;
  }

  std::string parse_escape() {
    ++m_pos;  // backslash
    const char c = peek();
    ++m_pos;
    switch (c) {
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case 'r':
        return "\r";
      case '"':
        return "\"";
      case '\\':
        return "\\";
      default:
        throw Unsupported{};  // \uNNNN and friends: rare in rendered code
    }
  }

  std::string identifier() {
    const std::size_t start = m_pos;
    while (std::isalnum(static_cast<unsigned char>(peek())) != 0 || peek() == '_' || peek() == '-') {
      ++m_pos;
    }
    if (start == m_pos) {
      throw Unsupported{};
    }
    return std::string(m_text.substr(start, m_pos - start));
  }

  Json parse_primary() {
    if (++m_depth > 64) {
      throw Unsupported{};
    }
    Json value = parse_primary_inner();
    --m_depth;
    return value;
  }

  Json parse_primary_inner() {
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
      Json inner = parse_expression();
      expect(')');
      return inner;
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c)) != 0) {
      return parse_number();
    }
    const std::string word = identifier();
    if (word == "true" || word == "false") {
      return word == "true";
    }
    if (word == "null") {
      return nullptr;
    }
    skip_space();
    if (peek() == '(') {
      return parse_call(word);
    }
    return parse_traversal(word);
  }

  Json parse_number() {
    const std::size_t start = m_pos;
    if (peek() == '-') {
      ++m_pos;
    }
    while (std::isdigit(static_cast<unsigned char>(peek())) != 0 || peek() == '.' || peek() == 'e' ||
           peek() == 'E' ||
           ((peek() == '+' || peek() == '-') && (m_text[m_pos - 1] == 'e' || m_text[m_pos - 1] == 'E'))) {
      ++m_pos;
    }
    try {
      return Json::parse(m_text.substr(start, m_pos - start));
    } catch (const Json::exception&) {
      throw Unsupported{};
    }
  }

  Json parse_tuple() {
    expect('[');
    Json items = Json::array();
    skip_space();
    while (peek() != ']') {
      items.push_back(parse_expression());
      if (peek() == ',') {
        ++m_pos;
        skip_space();
      } else if (peek() != ']') {
        throw Unsupported{};
      }
    }
    ++m_pos;
    return items;
  }

  Json parse_object() {
    expect('{');
    Json object = Json::object();
    skip_space();
    while (peek() != '}') {
      std::string key;
      if (peek() == '"') {
        ++m_pos;
        const Json text = parse_template('"');
        if (!text.is_string()) {
          throw Unsupported{};
        }
        key = text.get<std::string>();
      } else {
        key = identifier();
      }
      skip_space();
      if (peek() != '=' && peek() != ':') {
        throw Unsupported{};
      }
      ++m_pos;
      object[key] = parse_expression();
      if (peek() == ',') {
        ++m_pos;
      }
      skip_space();
      if (at_end()) {
        throw Unsupported{};
      }
    }
    ++m_pos;
    return object;
  }

  std::vector<Json> arguments() {
    expect('(');
    std::vector<Json> args;
    skip_space();
    while (peek() != ')') {
      args.push_back(parse_expression());
      if (peek() == ',') {
        ++m_pos;
        skip_space();
      } else if (peek() != ')') {
        throw Unsupported{};
      }
    }
    ++m_pos;
    return args;
  }

  Json parse_call(const std::string& function) {
    const std::vector<Json> args = arguments();
    for (const auto& arg : args) {
      if (contains_unknown(arg)) {
        return unknown_value();
      }
    }
    if (function == "jsonencode" && args.size() == 1) {
      return args[0].dump();
    }
    if (function == "tostring" && args.size() == 1) {
      return as_text(args[0]);
    }
    if ((function == "lower" || function == "upper") && args.size() == 1 && args[0].is_string()) {
      std::string text = args[0].get<std::string>();
      for (char& ch : text) {
        ch = static_cast<char>(function == "lower" ? std::tolower(static_cast<unsigned char>(ch))
                                                   : std::toupper(static_cast<unsigned char>(ch)));
      }
      return text;
    }
    if (function == "join" && args.size() == 2 && args[0].is_string() && args[1].is_array()) {
      std::string text;
      for (std::size_t i = 0; i < args[1].size(); ++i) {
        text += (i == 0 ? "" : args[0].get<std::string>()) + as_text(args[1][i]);
      }
      return text;
    }
    return unknown_value();
  }

  // Steps after the root: .name and [expr]. Splats are unknown.
  std::vector<Json> traversal_steps() {
    std::vector<Json> steps;
    while (true) {
      if (peek() == '.' && peek(1) != '*') {
        ++m_pos;
        steps.emplace_back(identifier());
      } else if (peek() == '[') {
        ++m_pos;
        skip_space();
        if (peek() == '*') {
          throw Unsupported{};
        }
        Json index = parse_expression();
        expect(']');
        steps.push_back(Json::array({std::move(index)}));  // [x] marks an index step
      } else if (peek() == '.' && peek(1) == '*') {
        throw Unsupported{};
      } else {
        return steps;
      }
    }
  }

  Json parse_traversal(const std::string& root) {
    std::vector<Json> steps = traversal_steps();
    if (root == "count" && steps.size() == 1 && steps[0] == "index") {
      return m_scope.count_index ? Json(*m_scope.count_index) : unknown_value();
    }
    if (root == "var" && steps.size() == 1 && steps[0].is_string() && m_scope.variables != nullptr &&
        m_scope.variables->contains(steps[0].get<std::string>())) {
      return (*m_scope.variables)[steps[0].get<std::string>()];
    }
    if (root == "var" || root == "local" || root == "each" || root == "path" || root == "module" ||
        root == "data" || root == "self" || root == "terraform" || m_scope.actual == nullptr) {
      return unknown_value();
    }
    if (steps.empty() || !steps[0].is_string()) {
      return unknown_value();
    }
    std::string address = root + "." + steps[0].get<std::string>();
    std::size_t next = 1;
    if (next < steps.size() && steps[next].is_array()) {
      const Json& index = steps[next][0];
      if (index.is_number_integer()) {
        address += "[" + std::to_string(index.get<long long>()) + "]";
      } else if (index.is_string()) {
        address += "[" + index.dump() + "]";
      } else {
        return unknown_value();
      }
      ++next;
    }
    const ActualResource* resource =
        m_scope.module.empty() ? nullptr : m_scope.actual->find(m_scope.module + "." + address);
    if (resource == nullptr) {
      resource = m_scope.actual->find(address);
    }
    if (resource == nullptr) {
      return unknown_value();
    }
    const Value* value = &resource->attributes;
    for (; next < steps.size(); ++next) {
      const Json& step = steps[next];
      const Value* found = step.is_string() ? value->find(step.get_ref<const std::string&>()) : nullptr;
      if (found != nullptr) {
        value = found;
      } else if (step.is_array() && step[0].is_number_integer() && value->is_array() &&
                 step[0].get<long long>() >= 0 &&
                 static_cast<std::size_t>(step[0].get<long long>()) < value->size()) {
        value = &(*value)[static_cast<std::size_t>(step[0].get<long long>())];
      } else {
        return unknown_value();
      }
    }
    return value->is_null() ? unknown_value() : to_json(*value);  // the referenced value, as JSON
  }
};

Json evaluate_uncached(const std::string& text, const TemplateScope& scope) {
  try {
    Parser parser(text, scope);
    return parser.parse_template('\0');
  } catch (const Unsupported&) {
    return unknown_value();
  }
}

std::string cache_key(std::string_view text, const TemplateScope& scope) {
  std::string key = scope.module;
  key += '\0';
  key += scope.count_index ? std::to_string(*scope.count_index) : "-";
  key += '\0';
  key += text;
  return key;
}

// A template's value as a compact value: from the cache, or evaluated and
// kept there (in the cache's arena), or without a cache built in `arena`.
Value evaluate_template(std::string_view text, const TemplateScope& scope, ValueArena& arena) {
  if (scope.cache == nullptr) {
    return from_json(evaluate_uncached(std::string(text), scope), arena);
  }
  std::string key = cache_key(text, scope);
  const auto found = scope.cache->values.find(key);
  if (found != scope.cache->values.end()) {
    return found->second;
  }
  const Value value = from_json(evaluate_uncached(std::string(text), scope), scope.cache->arena);
  scope.cache->values.emplace(std::move(key), value);
  return value;
}

Json evaluate_string(const std::string& text, const TemplateScope& scope) {
  if (!is_template(text)) {
    return text;
  }
  if (scope.cache == nullptr) {
    return evaluate_uncached(text, scope);
  }
  return to_json(evaluate_template(text, scope, scope.cache->arena));
}

}  // namespace

bool is_template(std::string_view text) {
  return text.find("${") != std::string_view::npos || text.find("%{") != std::string_view::npos;
}

const Json& unknown_value() {
  static const Json value = Json::object({{"\x01unknown", true}});
  return value;
}

bool is_unknown(const Json& value) {
  return value.is_object() && value.size() == 1 && value.contains("\x01unknown");
}

bool is_unknown(const Value& value) {
  return value.is_object() && value.size() == 1 && value.begin_members()->key == "\x01unknown";
}

Json evaluate_rendered(const Json& value, const TemplateScope& scope) {
  if (value.is_string()) {
    return evaluate_string(value.get<std::string>(), scope);
  }
  if (value.is_array()) {
    Json items = Json::array();
    auto& list = items.get_ref<Json::array_t&>();
    list.reserve(value.size());
    for (const auto& item : value) {
      list.push_back(evaluate_rendered(item, scope));
    }
    return items;
  }
  if (value.is_object()) {
    // Keys arrive sorted, so each goes in at the end without a search.
    Json object = Json::object();
    auto& map = object.get_ref<Json::object_t&>();
    for (const auto& [key, item] : value.get_ref<const Json::object_t&>()) {
      map.emplace_hint(map.end(), key, evaluate_rendered(item, scope));
    }
    return object;
  }
  return value;
}

Value evaluate_rendered(const Value& value, const TemplateScope& scope, ValueArena& arena) {
  if (value.is_string()) {
    return is_template(value.as_string()) ? evaluate_template(value.as_string(), scope, arena) : value;
  }
  if (value.is_array()) {
    std::vector<Value> items;
    items.reserve(value.size());
    for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
      items.push_back(evaluate_rendered(*it, scope, arena));
    }
    return make_array(items.data(), items.data() + items.size(), arena);
  }
  if (value.is_object()) {
    std::vector<Member> members;
    members.reserve(value.size());
    for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
      members.push_back({it->key, evaluate_rendered(it->value, scope, arena)});
    }
    return make_object(members.data(), members.data() + members.size(), arena);
  }
  return value;
}

}  // namespace dharma::drift

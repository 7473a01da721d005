// Parser for the `${...}` expressions of mapping files: a hand-written
// recursive descent over one scalar, reporting the column of the first
// problem. The language is deliberately tiny (paths, literals, calls): a
// mapping states where a provider attribute comes from, it does not compute.

#include "dharma/catalog/mapping_template.hpp"

#include <cstdlib>

#include "dharma/expr/functions.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/util/placeholder_scan.hpp"
#include "dharma/util/text.hpp"

namespace dharma::catalog {

TemplateNode::TemplateNode() = default;
TemplateNode::TemplateNode(const TemplateNode& other) = default;
TemplateNode::TemplateNode(TemplateNode&& other) noexcept = default;
TemplateNode& TemplateNode::operator=(const TemplateNode& other) = default;
TemplateNode& TemplateNode::operator=(TemplateNode&& other) noexcept = default;
TemplateNode::~TemplateNode() = default;
namespace {

struct ParseFailure {
  std::size_t position;
  std::string message;
};

class ExprParser {
 public:
  ExprParser(const std::string& text, std::size_t position) : m_text(text), m_pos(position) {}

  MappingExpr parse() {
    MappingExpr e = expression();
    skip_space();
    return e;
  }
  std::size_t position() const { return m_pos; }

 private:
  const std::string& m_text;
  std::size_t m_pos;

  [[noreturn]] void fail(const std::string& message) { throw ParseFailure{m_pos, message}; }
  void skip_space() {
    while (m_pos < m_text.size() && m_text[m_pos] == ' ') {
      ++m_pos;
    }
  }
  static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  std::string name() {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && name_char(m_text[m_pos])) {
      ++m_pos;
    }
    if (start == m_pos) {
      fail("expected a name, a number or a quoted string");
    }
    return m_text.substr(start, m_pos - start);
  }

  MappingExpr expression() {
    skip_space();
    if (m_pos >= m_text.size()) {
      fail("unterminated ${...}");
    }
    MappingExpr e;
    const char c = m_text[m_pos];
    if (c == '"') {
      ++m_pos;
      e.kind = MappingExpr::Kind::string;
      while (m_pos < m_text.size() && m_text[m_pos] != '"') {
        if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
          ++m_pos;
        }
        e.name += m_text[m_pos++];
      }
      if (m_pos >= m_text.size()) {
        fail("unterminated string literal");
      }
      ++m_pos;
      return e;
    }
    if ((c >= '0' && c <= '9') || c == '-') {
      const char* begin = m_text.c_str() + m_pos;
      char* end = nullptr;
      e.kind = MappingExpr::Kind::number;
      e.number = std::strtod(begin, &end);
      e.is_integer =
          std::string(begin, static_cast<const char*>(end)).find_first_of(".eE") == std::string::npos;
      m_pos += static_cast<std::size_t>(end - begin);
      return e;
    }
    std::string first = name();
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == '(') {
      e.kind = MappingExpr::Kind::call;
      e.name = first;
      ++m_pos;
      skip_space();
      if (m_pos < m_text.size() && m_text[m_pos] == ')') {
        ++m_pos;
        return e;
      }
      while (true) {
        e.args.push_back(expression());
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == ',') {
          ++m_pos;
          continue;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == ')') {
          ++m_pos;
          return e;
        }
        fail("expected ',' or ')' in the arguments of " + first + "()");
      }
    }
    if (first == "true" || first == "false") {
      e.kind = MappingExpr::Kind::boolean;
      e.boolean = first == "true";
      return e;
    }
    if (first == "null") {
      e.kind = MappingExpr::Kind::null;
      return e;
    }
    e.kind = MappingExpr::Kind::path;
    e.path.push_back(first);
    while (m_pos < m_text.size() && m_text[m_pos] == '.') {
      ++m_pos;
      e.path.push_back(name());
    }
    return e;
  }
};

void check_functions(const MappingExpr& e, const util::SourceLocation& where,
                     util::Diagnostics& diagnostics) {
  if (e.kind != MappingExpr::Kind::call) {
    return;
  }
  const expr::Function* found = expr::find_function(e.name, expr::Language::mapping);
  if (found == nullptr) {
    diagnostics.error(where, "unknown mapping function '" + e.name + "'" +
                                 util::did_you_mean(e.name, expr::function_names(expr::Language::mapping)));
    return;
  }
  const int count = static_cast<int>(e.args.size());
  if (!found->accepts(count)) {
    diagnostics.error(where, found->arity_error(count));
  }
  for (const auto& arg : e.args) {
    check_functions(arg, where, diagnostics);
  }
}

std::vector<MappingTemplatePart> parse_text(const yaml::Node& node, util::Diagnostics& diagnostics) {
  std::vector<MappingTemplatePart> parts;
  const std::string& text = node.scalar;
  util::scan_placeholders(
      text,
      [&](std::string literal) {
        parts.push_back({std::move(literal), std::nullopt});
      },
      [&](std::size_t open) {
        util::SourceLocation where = node.location();
        where.column += static_cast<int>(open);
        ExprParser parser(text, open + 2);
        try {
          MappingExpr e = parser.parse();
          const std::size_t end = parser.position();
          if (end >= text.size() || text[end] != '}') {
            diagnostics.error(where, "expected '}' to close ${...} in mapping template '" + text + "'");
            return std::string::npos;
          }
          check_functions(e, where, diagnostics);
          parts.push_back({"", std::move(e)});
          return end + 1;
        } catch (const ParseFailure& failure) {
          where.column = node.location().column + static_cast<int>(failure.position);
          diagnostics.error(where, failure.message + " in mapping template '" + text + "'");
          return std::string::npos;
        }
      });
  return parts;
}

void collect_paths(const MappingExpr& e, const util::SourceLocation& where,
                   std::vector<std::pair<std::string, util::SourceLocation>>& out) {
  if (e.kind == MappingExpr::Kind::path && !is_reserved_root(e.path[0])) {
    out.emplace_back(util::join(e.path, "."), where);
  }
  if (e.kind == MappingExpr::Kind::call && e.name != "ref" && e.name != "shared" && e.name != "var") {
    const bool skip_second = e.name == "attr";
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      if (!(skip_second && i == 1)) {
        collect_paths(e.args[i], where, out);
      }
    }
  }
}

}  // namespace

const TemplateNode* TemplateNode::find(const std::string& key) const {
  for (const auto& [name, value] : entries) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

bool is_reserved_root(const std::string& name) {
  static const char* const k_roots[] = {"resource", "blueprint", "item", "index", "tags", "labels", "region"};
  for (const char* root : k_roots) {
    if (name == root) {
      return true;
    }
  }
  return false;
}

TemplateNode compile_template(const yaml::NodePtr& node, util::Diagnostics& diagnostics) {
  TemplateNode out;
  if (!node) {
    return out;
  }
  out.location = node->location();
  switch (node->kind) {
    case yaml::Kind::null:
      out.kind = TemplateNode::Kind::null;
      break;
    case yaml::Kind::scalar:
      if (node->scalar.find("${") != std::string::npos) {
        out.kind = TemplateNode::Kind::text;
        out.parts = parse_text(*node, diagnostics);
      } else {
        out.kind = TemplateNode::Kind::literal;
        out.literal = node;
      }
      break;
    case yaml::Kind::sequence:
      out.kind = TemplateNode::Kind::sequence;
      out.items.reserve(node->items.size());
      for (const auto& item : node->items) {
        TemplateNode compiled = compile_template(item, diagnostics);
        if (compiled.kind == TemplateNode::Kind::map &&
            (compiled.find("for_each") != nullptr || compiled.find("when") != nullptr)) {
          compiled.body = std::make_shared<const TemplateNode>(item_body(compiled));
        }
        out.items.push_back(std::move(compiled));
      }
      break;
    case yaml::Kind::map:
      out.kind = TemplateNode::Kind::map;
      for (const auto& [key, value] : node->entries) {
        out.entries.emplace_back(key->scalar, compile_template(value, diagnostics));
      }
      break;
  }
  return out;
}

TemplateNode item_body(const TemplateNode& item) {
  TemplateNode body = item;
  body.body.reset();
  std::erase_if(body.entries,
                [](const auto& entry) { return entry.first == "for_each" || entry.first == "when"; });
  if (const TemplateNode* value = body.find("element"); value != nullptr && body.entries.size() == 1) {
    TemplateNode element = *value;  // a copy first: `value` points into `body`
    body = std::move(element);
  }
  return body;
}

void collect_property_paths(const TemplateNode& node,
                            std::vector<std::pair<std::string, util::SourceLocation>>& out) {
  for (const auto& part : node.parts) {
    if (part.expression) {
      collect_paths(*part.expression, node.location, out);
    }
  }
  for (const auto& item : node.items) {
    collect_property_paths(item, out);
  }
  for (const auto& [key, value] : node.entries) {
    collect_property_paths(value, out);
  }
}

}  // namespace dharma::catalog

// Builds a Node tree from yaml-cpp's event stream.
//
// The handler keeps a stack of open collections. Each finished node is
// attached to its parent: appended to a sequence, or, for a mapping, held as a
// pending key until its value arrives. Aliases share the anchored node rather
// than copying it, but each node records its expanded size, so an alias bomb
// ("billion laughs") is caught as soon as the expanded document would pass
// LoadLimits::max_nodes — before anyone walks it. Depth is capped well below
// yaml-cpp's own recursion guard so that later recursive passes stay shallow.

#include "dharma/yaml/loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::yaml {
namespace {

// Raised inside the handler to abandon parsing after a fatal problem.
struct Abort {
  util::SourceLocation where;
  std::string message;
};

struct Open {
  std::shared_ptr<Node> node;
  YAML::anchor_t anchor = 0;
  std::size_t expanded = 1;
  NodePtr pending_key;
  std::size_t pending_key_size = 0;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::shared_ptr<const std::string> file, std::string_view text, util::Diagnostics& diagnostics,
              const LoadLimits& limits)
      : m_file(std::move(file)), m_text(text), m_diagnostics(diagnostics), m_limits(limits) {}

  NodePtr root() const { return m_root; }
  int documents() const { return m_documents; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++m_documents == 2) {
      m_second_document = location(mark);
    }
  }
  const util::SourceLocation& second_document() const { return m_second_document; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = make(Kind::null, mark);
    finish(node, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) {
      throw Abort{location(mark), "unknown alias: its anchor is not defined"};
    }
    // An alias adds its anchor's whole expansion to the document's size.
    count(found->second.second, mark);
    attach(found->second.first, found->second.second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = make(Kind::scalar, mark);
    node->scalar = value;
    // yaml-cpp tags plain scalars "?" and quoted/block scalars "!". A scalar
    // with an explicit tag is reported once and then read as if untagged
    // (as plain), so the tag does not cause further, confusing errors.
    node->plain = tag != "!";
    check_tag(tag, mark);
    if (!node->plain) {
      check_quote_closed(mark);
    }
    finish(node, anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    check_tag(tag, mark);
    open(Kind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    check_tag(tag, mark);
    open(Kind::map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  // Explicit tags (`!secret`, `!!python/object`, `!!str`) are not part of the
  // blueprint format; yaml-cpp reports "?" (plain), "!" (quoted) or nothing
  // for untagged nodes.
  void check_tag(const std::string& tag, const YAML::Mark& mark) {
    if (tag.empty() || tag == "?" || tag == "!") {
      return;
    }
    static const std::string k_core_prefix = "tag:yaml.org,2002:";
    const std::string shown = tag.rfind(k_core_prefix, 0) == 0 ? "!!" + tag.substr(k_core_prefix.size()) : tag;
    m_diagnostics.error(location(mark), "YAML tags such as '" + shown +
                                            "' are not supported; remove the tag (quote the value if it must be "
                                            "a string)");
  }

  // yaml-cpp ends a quoted scalar that is never closed at the end of the
  // input and returns it (`p: "abc` reads as "abc "), so a password could be
  // silently wrong: find the closing quote ourselves.
  void check_quote_closed(const YAML::Mark& mark) {
    // yaml-cpp counts positions after a byte-order mark.
    const std::size_t bom = m_text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) + bom >= m_text.size()) {
      return;
    }
    const auto start = static_cast<std::size_t>(mark.pos) + bom;
    const char quote = m_text[start];
    if (quote != '"' && quote != '\'') {
      return;  // a block scalar (| or >), or a position yaml-cpp counts differently
    }
    for (std::size_t i = start + 1; i < m_text.size(); ++i) {
      if (quote == '"' && m_text[i] == '\\') {
        ++i;  // an escaped character, \" included
      } else if (m_text[i] == quote) {
        if (quote == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
          ++i;  // '' is a quote inside a single-quoted string
          continue;
        }
        return;
      }
    }
    throw Abort{location(mark), std::string("a quoted string is not closed: the closing ") + quote +
                                    " is missing before the end of the file"};
  }

  util::SourceLocation location(const YAML::Mark& mark) const {
    return {*m_file, mark.line + 1, mark.column + 1};
  }

  std::shared_ptr<Node> make(Kind kind, const YAML::Mark& mark) const {
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->file = m_file;
    node->line = mark.line + 1;
    node->column = mark.column + 1;
    return node;
  }

  void open(Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      throw Abort{location(mark), "YAML is nested more than " + std::to_string(m_limits.max_depth) +
                                      " levels deep"};
    }
    Open entry;
    entry.node = make(kind, mark);
    entry.anchor = anchor;
    m_stack.push_back(std::move(entry));
  }

  void close() {
    Open entry = std::move(m_stack.back());
    m_stack.pop_back();
    finish(entry.node, entry.anchor, entry.expanded);
  }

  void finish(const std::shared_ptr<Node>& node, YAML::anchor_t anchor, std::size_t expanded) {
    if (anchor != 0) {
      m_anchors[anchor] = {node, expanded};
    }
    YAML::Mark mark;
    mark.line = node->line - 1;
    mark.column = node->column - 1;
    // A written node counts once; its children counted themselves.
    count(1, mark);
    attach(node, expanded);
  }

  void count(std::size_t nodes, const YAML::Mark& mark) {
    m_total += nodes;
    if (m_total > m_limits.max_nodes) {
      throw Abort{location(mark), "document expands to more than " + std::to_string(m_limits.max_nodes) +
                                      " nodes (aliases multiply content; is this an alias bomb?)"};
    }
  }

  // `expanded`: the node's size with aliases expanded, for its parent's anchor.
  void attach(const NodePtr& node, std::size_t expanded) {
    if (m_stack.empty()) {
      if (m_documents == 1) {
        m_root = node;
      }
      return;
    }
    Open& parent = m_stack.back();
    Node& target = *parent.node;
    parent.expanded += expanded;
    if (target.kind == Kind::sequence) {
      check_number_range(*node);
      target.items.push_back(node);
      return;
    }
    if (!parent.pending_key) {
      if (node->kind != Kind::scalar) {
        m_diagnostics.error(node->location(), "mapping keys must be plain strings, not " + node->kind_name());
      } else {
        check_duplicate(target, *node);
      }
      parent.pending_key = node;
      return;
    }
    check_number_range(*node);
    target.entries.emplace_back(parent.pending_key, node);
    parent.pending_key.reset();
  }

  // A plain number that no 64-bit integer or double can hold would be read
  // rounded (12345678901234567890 as ...7168) or as text (1e400): refuse it
  // where it is written. Keys are names, never numbers, and are not checked.
  void check_number_range(const Node& node) {
    if (node.kind != Kind::scalar || !node.plain) {
      return;
    }
    switch (number_range(node.scalar)) {
      case NumberRange::fits:
        return;
      case NumberRange::integer_too_large:
        m_diagnostics.error(node.location(),
                            "integer " + node.scalar + " is out of range: integers must lie between " +
                                "-9223372036854775808 and 9223372036854775807 (quote it to keep it as text)");
        return;
      case NumberRange::number_too_large:
        m_diagnostics.error(node.location(), "number " + node.scalar +
                                                 " is out of range: it exceeds the largest double, about 1.8e308 "
                                                 "(quote it to keep it as text)");
        return;
    }
  }

  void check_duplicate(const Node& map, const Node& key) {
    for (const auto& [existing, value] : map.entries) {
      if (existing->kind == Kind::scalar && existing->scalar == key.scalar) {
        m_diagnostics.error(key.location(), "duplicate key " + util::quoted(key.scalar) +
                                                " (first defined at line " + std::to_string(existing->line) +
                                                ")");
        return;
      }
    }
  }

  std::shared_ptr<const std::string> m_file;
  std::string_view m_text;
  util::Diagnostics& m_diagnostics;
  LoadLimits m_limits;
  std::vector<Open> m_stack;
  std::unordered_map<YAML::anchor_t, std::pair<NodePtr, std::size_t>> m_anchors;
  NodePtr m_root;
  std::size_t m_total = 0;
  int m_documents = 0;
  util::SourceLocation m_second_document;
};

// yaml-cpp's messages name the parser's state; add what the author should do.
std::string explain_yaml_error(std::string message) {
  if (!message.empty()) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  static const std::vector<std::pair<std::string, std::string>> k_hints{
      {"end of map flow not found", "a '{' is not closed with '}'"},
      {"end of sequence flow not found", "a '[' is not closed with ']'"},
      {"end of map not found", "check the indentation of this line and the one before"},
      {"end of sequence not found", "check the indentation of this line and the one before"},
      {"illegal tab when looking for indentation", "indent with spaces, not tabs"},

      {"illegal map value", "a ': ' inside a value needs quotes"},
  };
  if (message == "the referenced anchor is not defined") {
    return "unknown alias: its anchor is not defined (define it with '&NAME' before using '*NAME')";
  }
  for (const auto& [known, hint] : k_hints) {
    if (message == known) {
      return message + " (" + hint + ")";
    }
  }
  return message;
}

// Line and column (in characters) of byte `offset` in `text`.
util::SourceLocation location_of(std::string_view text, std::size_t offset, const std::string& file_name) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {file_name, line, column};
}

}  // namespace

NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics,
             const LoadLimits& limits) {
  auto file = std::make_shared<const std::string>(file_name);
  if (auto bad = util::find_invalid_utf8(text)) {
    diagnostics.error(location_of(text, *bad, file_name), "file is not valid UTF-8 (byte offset " +
                                                              std::to_string(*bad) + "); save it as UTF-8");
    return nullptr;
  }
  // yaml-cpp mistakes a raw NUL for the end of its input and reports some
  // later place; YAML allows NUL only escaped ("\0" in double quotes).
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    diagnostics.error(location_of(text, nul, file_name),
                      "a NUL byte is not allowed in YAML (byte offset " + std::to_string(nul) +
                          "); write it as \"\\0\" inside a double-quoted string");
    return nullptr;
  }
  std::istringstream stream{std::string(text)};
  TreeBuilder builder(file, text, diagnostics, limits);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
      if (builder.documents() > 1) {
        diagnostics.error(builder.second_document(),
                          "expected one YAML document, found a second one here; keep one blueprint per file");
        return nullptr;
      }
    }
  } catch (const Abort& abort) {
    diagnostics.error(abort.where, abort.message);
    return nullptr;
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.error({file_name, e.mark.line + 1, e.mark.column + 1}, "YAML is nested too deeply");
    return nullptr;
  } catch (const YAML::Exception& e) {
    diagnostics.error({file_name, e.mark.line + 1, e.mark.column + 1}, "invalid YAML: " + explain_yaml_error(e.msg));
    return nullptr;
  }
  if (!builder.root()) {
    auto empty = std::make_shared<Node>();
    empty->file = file;
    return empty;
  }
  return builder.root();
}

NodePtr load_file(const std::string& path, util::Diagnostics& diagnostics, const LoadLimits& limits) {
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const util::Error& e) {
    diagnostics.error({}, e.what());
    return nullptr;
  }
  return load(text, path, diagnostics, limits);
}

}  // namespace dharma::yaml

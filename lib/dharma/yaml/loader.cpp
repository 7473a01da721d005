// Builds a Node tree from libyaml's event stream.
//
// The builder keeps a stack of open collections. Each finished node is
// attached to its parent: appended to a sequence, or, for a mapping, held as a
// pending key until its value arrives. Aliases share the anchored node rather
// than copying it, but each node records its expanded size, so an alias bomb
// ("billion laughs") is caught as soon as the expanded document would pass
// LoadLimits::max_nodes — before anyone walks it. Depth is capped so that
// later recursive passes stay shallow.
//
// libyaml (C, Debian's libyaml-dev) replaced yaml-cpp's parser here for speed
// (docs/PERFORMANCE.md, "YAML event source"). The tree is the one yaml-cpp's
// events gave: plain `null`, `~`, `Null`, `NULL` and empty values are null
// nodes; an empty value sits where the next token starts; a quoted scalar is
// not plain; explicit tags are reported. libyaml's marks are 0-based, the
// tree's positions 1-based.
//
// Events come first from the subset scanner (fast_scanner.hpp), which reads
// the shapes blueprints use several times faster than libyaml, with the same
// marks; when it declines the text, or the builder has anything to report,
// libyaml reads the whole text again, so every message stays libyaml's and
// the builder's (docs/PERFORMANCE.md, "speed-yaml").

#include "dharma/yaml/loader.hpp"

#include <yaml.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/fast_scanner.hpp"
#include "dharma/yaml/loader_paths.hpp"
#include "dharma/yaml/parse_error.hpp"

namespace dharma::yaml {
namespace {

// Raised inside the builder to abandon parsing after a fatal problem.
struct Abort {
  util::SourceLocation where;
  std::string message;
};

struct Open {
  std::shared_ptr<Node> node;
  std::string anchor;
  std::size_t expanded = 1;
  NodePtr pending_key;
  std::size_t first_child = 0;  // where its children start in the builder's m_items or m_entries
  // A large map's keys by text, with the line each was first defined on, so
  // that checking for duplicates stays linear (built once the map has more
  // than k_indexed_keys entries; small maps are searched directly). The
  // views point into key nodes the builder holds until the map is closed.
  std::unique_ptr<std::unordered_map<std::string_view, int>> key_lines;
};

constexpr std::size_t k_indexed_keys = 32;

// Scalars and nulls per block (TreeBuilder::leaf): the first block of a file,
// and the largest, after doubling.
constexpr std::size_t k_first_leaf_block = 8;
constexpr std::size_t k_leaf_block = 128;

// One libyaml event, freed when it goes out of scope.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() {
    if (m_filled) {
      yaml_event_delete(&m_event);
    }
  }
  // False on a syntax error (the parser holds the problem).
  bool next(yaml_parser_t& parser) {
    if (m_filled) {
      yaml_event_delete(&m_event);
      m_filled = false;
    }
    m_filled = yaml_parser_parse(&parser, &m_event) != 0;
    return m_filled;
  }
  const yaml_event_t& operator*() const { return m_event; }
  const yaml_event_t* operator->() const { return &m_event; }

 private:
  yaml_event_t m_event{};
  bool m_filled = false;
};

// libyaml's parser, initialised and freed with its owner.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&m_parser);
    yaml_parser_set_input_string(&m_parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  ~Parser() { yaml_parser_delete(&m_parser); }
  yaml_parser_t& get() { return m_parser; }

 private:
  yaml_parser_t m_parser{};
};

std::string text_of(const yaml_char_t* text) {
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// The plain scalars yaml-cpp reported as null (YAML 1.2 core schema).
bool is_null_text(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

class TreeBuilder {
 public:
  TreeBuilder(const std::string* file, util::Diagnostics& diagnostics, const LoadLimits& limits)
      : m_file(file), m_diagnostics(diagnostics), m_limits(limits) {}

  NodePtr root() const { return m_root; }
  int documents() const { return m_documents; }
  const util::SourceLocation& second_document() const { return m_second_document; }

  // Gives an empty value waiting for its position (the next event's start)
  // that position and attaches it.
  void place_pending_null(const yaml_mark_t& next) {
    if (!m_pending_null) {
      return;
    }
    m_pending_null = false;
    leaf(Kind::null, next, {}, [](Node&) {});
  }

  void on_event(const yaml_event_t& event) {
    const yaml_mark_t& mark = event.start_mark;
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++m_documents == 2) {
          m_second_document = location(mark);
        }
        return;
      case YAML_ALIAS_EVENT:
        on_alias(text_of(event.data.alias.anchor), mark);
        return;
      case YAML_SCALAR_EVENT:
        on_scalar(event);
        return;
      case YAML_SEQUENCE_START_EVENT:
        check_tag(text_of(event.data.sequence_start.tag), mark);
        open(Kind::sequence, mark, text_of(event.data.sequence_start.anchor));
        return;
      case YAML_MAPPING_START_EVENT:
        check_tag(text_of(event.data.mapping_start.tag), mark);
        open(Kind::map, mark, text_of(event.data.mapping_start.anchor));
        return;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close();
        return;
      default:
        return;  // stream start and end, document end
    }
  }

 private:
  void on_alias(const std::string& anchor, const yaml_mark_t& mark) {
    const auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) {
      if (m_open_anchors.count(anchor) != 0) {
        // An alias inside the node it names would make a cycle.
        throw Abort{location(mark), "unknown alias: its anchor is not defined"};
      }
      throw Abort{location(mark),
                  "invalid YAML: " + explain_parse_error("the referenced anchor is not defined")};
    }
    // An alias adds its anchor's whole expansion to the document's size.
    count(found->second.second, mark);
    attach(found->second.first, found->second.second);
  }

  void on_scalar(const yaml_event_t& event) {
    const auto& scalar = event.data.scalar;
    const yaml_mark_t& mark = event.start_mark;
    const std::string tag = text_of(scalar.tag);
    const std::string anchor = text_of(scalar.anchor);
    const bool plain_style = scalar.style == YAML_PLAIN_SCALAR_STYLE;
    const std::string_view value(reinterpret_cast<const char*>(scalar.value), scalar.length);
    if (tag.empty() && plain_style && is_null_text(value)) {
      if (value.empty() && anchor.empty() && event.start_mark.index == event.end_mark.index) {
        // An empty value: yaml-cpp placed it where the next token starts.
        m_pending_null = true;
        return;
      }
      leaf(Kind::null, mark, anchor, [](Node&) {});
      return;
    }
    leaf(Kind::scalar, mark, anchor, [&](Node& node) {
      node.scalar.assign(value.data(), value.size());
      // yaml-cpp tagged plain scalars "?" and quoted/block scalars "!", and
      // called a scalar plain unless its tag was "!". A scalar with an explicit
      // tag is reported once and then read as if untagged (as plain), so the
      // tag does not cause further, confusing errors.
      node.plain = tag.empty() ? plain_style : tag != "!";
      check_tag(tag, mark);
    });
  }

  // A scalar or null (`fill` sets its text). Leaves are allocated in blocks
  // of up to k_leaf_block nodes shared by consecutive leaves, each leaf
  // pointing into its block (shared_ptr's aliasing constructor): one
  // allocation and one control block per block instead of one make_shared
  // per scalar, 72 bytes a leaf instead of a 96-byte chunk
  // (docs/PERFORMANCE.md, "mem-tree"). A leaf points at no other node, so a
  // block never keeps itself alive: dropping every pointer into a tree frees
  // it all. Collections are not put in blocks (they point at their children).
  template <typename Fill>
  void leaf(Kind kind, const yaml_mark_t& mark, const std::string& anchor, const Fill& fill) {
    if (m_block_used == m_block_size) {
      // Small first blocks, so a small file does not carry a large one's unused tail.
      m_block_size = m_block == nullptr ? k_first_leaf_block : std::min(m_block_size * 2, k_leaf_block);
      m_block = std::make_shared<Node[]>(m_block_size);
      m_block_used = 0;
    }
    Node& node = m_block[m_block_used++];
    place(node, kind, mark);
    fill(node);
    finish(NodePtr(m_block, &node), anchor, 1);
  }

  // Explicit tags (`!secret`, `!!python/object`, `!!str`) are not part of the
  // blueprint format. A lone `!` (non-specific) is accepted as yaml-cpp did.
  void check_tag(const std::string& tag, const yaml_mark_t& mark) {
    if (tag.empty() || tag == "!") {
      return;
    }
    static const std::string k_core_prefix = "tag:yaml.org,2002:";
    const std::string shown =
        tag.rfind(k_core_prefix, 0) == 0 ? "!!" + tag.substr(k_core_prefix.size()) : tag;
    m_diagnostics.error(location(mark),
                        "YAML tags such as '" + shown +
                            "' are not supported; remove the tag (quote the value if it must be "
                            "a string)");
  }

  util::SourceLocation location(const yaml_mark_t& mark) const {
    return {*m_file, static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1};
  }

  std::shared_ptr<Node> make(Kind kind, const yaml_mark_t& mark) const {
    auto node = std::make_shared<Node>();
    place(*node, kind, mark);
    return node;
  }
  void place(Node& node, Kind kind, const yaml_mark_t& mark) const {
    node.kind = kind;
    node.file = m_file;
    node.line = static_cast<int>(mark.line) + 1;
    node.column = static_cast<int>(mark.column) + 1;
  }

  void open(Kind kind, const yaml_mark_t& mark, std::string anchor) {
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      throw Abort{location(mark),
                  "YAML is nested more than " + std::to_string(m_limits.max_depth) + " levels deep"};
    }
    Open entry;
    entry.node = make(kind, mark);
    entry.first_child = kind == Kind::sequence ? m_items.size() : m_entries.size();
    if (!anchor.empty()) {
      m_open_anchors.insert(anchor);
    }
    entry.anchor = std::move(anchor);
    m_stack.push_back(std::move(entry));
  }

  // The children collected while the node was open move into it at once, so
  // each node's vector is allocated once at its final size rather than grown
  // by doubling (fewer allocations, no unused capacity kept for the tree's life).
  void close() {
    Open entry = std::move(m_stack.back());
    m_stack.pop_back();
    Node& node = *entry.node;
    if (node.kind == Kind::sequence) {
      node.items.assign(std::make_move_iterator(m_items.begin() + static_cast<long>(entry.first_child)),
                        std::make_move_iterator(m_items.end()));
      m_items.resize(entry.first_child);
    } else {
      node.entries.assign(std::make_move_iterator(m_entries.begin() + static_cast<long>(entry.first_child)),
                          std::make_move_iterator(m_entries.end()));
      m_entries.resize(entry.first_child);
    }
    if (!entry.anchor.empty()) {
      m_open_anchors.erase(entry.anchor);
    }
    finish(std::move(entry.node), entry.anchor, entry.expanded);
  }

  // Nodes are moved, not copied, down to their parent: each copy of a
  // shared_ptr is an atomic increment, and its end an atomic decrement.
  void finish(NodePtr node, const std::string& anchor, std::size_t expanded) {
    if (!anchor.empty()) {
      m_anchors[anchor] = {node, expanded};
    }
    // A written node counts once; its children counted themselves.
    count_at(1, *node);
    attach(std::move(node), expanded);
  }

  void count(std::size_t nodes, const yaml_mark_t& mark) {
    m_total += nodes;
    if (m_total > m_limits.max_nodes) {
      throw Abort{location(mark), too_many_nodes()};
    }
  }
  void count_at(std::size_t nodes, const Node& node) {
    m_total += nodes;
    if (m_total > m_limits.max_nodes) {
      throw Abort{node.location(), too_many_nodes()};
    }
  }
  std::string too_many_nodes() const {
    return "document expands to more than " + std::to_string(m_limits.max_nodes) +
           " nodes (aliases multiply content; is this an alias bomb?)";
  }

  // `expanded`: the node's size with aliases expanded, for its parent's anchor.
  void attach(NodePtr node, std::size_t expanded) {
    if (m_stack.empty()) {
      if (m_documents == 1) {
        m_root = std::move(node);
      }
      return;
    }
    Open& parent = m_stack.back();
    Node& target = *parent.node;
    parent.expanded += expanded;
    if (target.kind == Kind::sequence) {
      check_number_range(*node);
      m_items.push_back(std::move(node));
      return;
    }
    if (!parent.pending_key) {
      if (node->kind != Kind::scalar) {
        m_diagnostics.error(node->location(), "mapping keys must be plain strings, not " + node->kind_name());
      } else {
        check_duplicate(parent, *node);
      }
      parent.pending_key = std::move(node);
      return;
    }
    check_number_range(*node);
    if (parent.key_lines && parent.pending_key->kind == Kind::scalar) {
      parent.key_lines->emplace(parent.pending_key->scalar, parent.pending_key->line);
    }
    m_entries.emplace_back(std::move(parent.pending_key), std::move(node));
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
        m_diagnostics.error(node.location(),
                            "number " + node.scalar +
                                " is out of range: it exceeds the largest double, about 1.8e308 "
                                "(quote it to keep it as text)");
        return;
    }
  }

  // `map`: the open map `key` is a key of; its entries so far start at
  // map.first_child in m_entries.
  void check_duplicate(Open& map, const Node& key) {
    const auto first_line = [&]() -> std::optional<int> {
      if (!map.key_lines && m_entries.size() - map.first_child > k_indexed_keys) {
        map.key_lines = std::make_unique<std::unordered_map<std::string_view, int>>();
        for (std::size_t i = map.first_child; i < m_entries.size(); ++i) {
          const Node& existing = *m_entries[i].first;
          if (existing.kind == Kind::scalar) {
            map.key_lines->emplace(existing.scalar, existing.line);  // keeps the first of equal keys
          }
        }
      }
      if (map.key_lines) {
        const auto found = map.key_lines->find(key.scalar);
        return found == map.key_lines->end() ? std::nullopt : std::optional<int>(found->second);
      }
      for (std::size_t i = map.first_child; i < m_entries.size(); ++i) {
        const Node& existing = *m_entries[i].first;
        if (existing.kind == Kind::scalar && existing.scalar == key.scalar) {
          return existing.line;
        }
      }
      return std::nullopt;
    }();
    if (first_line) {
      m_diagnostics.error(key.location(), "duplicate key " + util::quoted(key.scalar) +
                                              " (first defined at line " + std::to_string(*first_line) + ")");
    }
  }

  const std::string* m_file;  // interned: lives as long as the process
  util::Diagnostics& m_diagnostics;
  LoadLimits m_limits;
  std::vector<Open> m_stack;
  std::vector<NodePtr> m_items;                        // children of the open sequences, innermost last
  std::vector<std::pair<NodePtr, NodePtr>> m_entries;  // entries of the open maps, innermost last
  std::shared_ptr<Node[]> m_block;                     // the block leaves are placed in (see leaf())
  std::size_t m_block_size = 0;
  std::size_t m_block_used = 0;
  std::unordered_map<std::string, std::pair<NodePtr, std::size_t>> m_anchors;
  std::unordered_set<std::string> m_open_anchors;
  NodePtr m_root;
  std::size_t m_total = 0;
  int m_documents = 0;
  bool m_pending_null = false;
  util::SourceLocation m_second_document;
};

// Feeds the subset scanner's events to a tree builder the way load()'s loop
// feeds libyaml's.
class BuilderSink : public EventSink {
 public:
  explicit BuilderSink(TreeBuilder& builder) : m_builder(builder) {}
  void event(const yaml_event_t& event) override {
    m_builder.place_pending_null(event.start_mark);
    if (event.type != YAML_STREAM_END_EVENT) {
      m_builder.on_event(event);
    }
  }

 private:
  TreeBuilder& m_builder;
};

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

// The checks both event sources rely on: valid UTF-8, no NUL byte.
bool readable(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics) {
  if (auto bad = util::find_invalid_utf8(text)) {
    diagnostics.error(location_of(text, *bad, file_name),
                      "file is not valid UTF-8 (byte offset " + std::to_string(*bad) + "); save it as UTF-8");
    return false;
  }
  // YAML allows NUL only escaped ("\0" in double quotes).
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    diagnostics.error(location_of(text, nul, file_name),
                      "a NUL byte is not allowed in YAML (byte offset " + std::to_string(nul) +
                          "); write it as \"\\0\" inside a double-quoted string");
    return false;
  }
  return true;
}

NodePtr libyaml_tree(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics,
                     const LoadLimits& limits) {
  const std::string* file = intern_file_name(file_name);
  Parser parser(text);
  TreeBuilder builder(file, diagnostics, limits);
  Event event;
  try {
    while (true) {
      if (!event.next(parser.get())) {
        const ParseError error = describe_parse_error(parser.get(), text);
        diagnostics.error({file_name, error.line, error.column}, error.message);
        return nullptr;
      }
      builder.place_pending_null(event->start_mark);
      if (event->type == YAML_STREAM_END_EVENT) {
        break;
      }
      builder.on_event(*event);
      if (event->type == YAML_DOCUMENT_END_EVENT && builder.documents() > 1) {
        diagnostics.error(builder.second_document(),
                          "expected one YAML document, found a second one here; keep one blueprint per file");
        return nullptr;
      }
    }
  } catch (const Abort& abort) {
    diagnostics.error(abort.where, abort.message);
    return nullptr;
  }
  if (!builder.root()) {
    auto empty = std::make_shared<Node>();
    empty->file = file;
    return empty;
  }
  return builder.root();
}

// The subset scanner's tree, or nullptr when the scanner declines the text or
// the builder finds anything to say about it: libyaml then reads it again, so
// every message comes from one path.
NodePtr fast_tree(std::string_view text, const std::string& file_name, const LoadLimits& limits) {
  util::Diagnostics problems;
  TreeBuilder builder(intern_file_name(file_name), problems, limits);
  BuilderSink sink(builder);
  try {
    if (!scan_fast(text, sink) || !problems.all().empty()) {
      return nullptr;
    }
  } catch (const Abort&) {
    return nullptr;
  }
  return builder.root();
}

}  // namespace

NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics,
             const LoadLimits& limits) {
  if (!readable(text, file_name, diagnostics)) {
    return nullptr;
  }
  if (auto tree = fast_tree(text, file_name, limits)) {
    return tree;
  }
  return libyaml_tree(text, file_name, diagnostics, limits);
}

NodePtr load_with_libyaml(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics,
                          const LoadLimits& limits) {
  if (!readable(text, file_name, diagnostics)) {
    return nullptr;
  }
  return libyaml_tree(text, file_name, diagnostics, limits);
}

NodePtr load_with_fast_scanner(std::string_view text, const std::string& file_name,
                               const LoadLimits& limits) {
  util::Diagnostics ignored;
  if (!readable(text, file_name, ignored)) {
    return nullptr;
  }
  return fast_tree(text, file_name, limits);
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

// The walker behind body_to_value. It follows hcl_json.cpp's body_json
// rule for rule: an attribute given twice keeps its last value, unlabelled
// blocks of one type are one object (one block) or a list of objects (two
// or more), an object expression's keys have `${` and `%{` doubled and a
// key given twice keeps its last value, numbers are exact integers or the
// nearest double. A body it does not build directly (a labelled block
// inside it, a name that is not an identifier, an attribute and a block of
// the same name) goes through body_to_json and is converted, so its
// semantics, and its errors, are body_to_json's by construction.

#include "dharma/drift/desired_value.hpp"

#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/identifier.hpp"
#include "dharma/drift/scratch_stacks.hpp"
#include "dharma/render/hcl_json.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/hcl_writer.hpp"

namespace dharma::drift {
namespace {

using render::hcl::Attribute;
using render::hcl::Block;
using render::hcl::Body;
using render::hcl::Expression;
using render::hcl::inline_text;

bool needs_escape(const std::string& text) {
  return text.find("${") != std::string::npos || text.find("%{") != std::string::npos;
}

// As hcl_json.cpp: `${` and `%{` doubled so they stay literal.
void append_escaped(std::string& out, const std::string& text) {
  std::size_t from = 0;  // the start of the run not appended yet
  for (std::size_t at = text.find_first_of("$%"); at != std::string::npos;
       at = text.find_first_of("$%", at + 1)) {
    if (at + 1 < text.size() && text[at + 1] == '{') {
      out.append(text, from, at + 1 - from);
      out += text[at];  // doubled
      from = at + 1;
    }
  }
  out.append(text, from, std::string::npos);
}

// A literal the model holds, escaped, copied into the arena (the value
// outlives the model). Names and literals repeat from resource to resource:
// every string goes in interned, so repeats share one copy.
std::string_view literal(const std::string& text, ValueArena& arena) {
  if (!needs_escape(text)) {
    return arena.intern(text);
  }
  std::string out;
  out.reserve(text.size() + 2);
  append_escaped(out, text);
  return arena.intern(out);
}

// A string being put together before it is interned, reused.
std::string& text_buffer() {
  thread_local std::string text;
  return text;
}

Value number_value(const std::string& text) {
  long long integer = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), integer);
  if (result.ec == std::errc() && result.ptr == text.data() + text.size()) {
    return Value::integer(integer);
  }
  return Value::floating(std::strtod(text.c_str(), nullptr));
}

Value expression_value(const Expression& e, ValueArena& arena) {
  switch (e.kind) {
    case Expression::Kind::null:
      return {};
    case Expression::Kind::boolean:
      return Value::boolean(e.boolean);
    case Expression::Kind::number:
      return number_value(e.text);
    case Expression::Kind::raw: {
      std::string& text = text_buffer();
      text.assign("${");
      text += e.text;
      text += '}';
      return Value::string(arena.intern(text));
    }
    case Expression::Kind::call:
      return Value::string(arena.intern("${" + inline_text(e) + "}"));
    case Expression::Kind::keyword:
      return Value::string(arena.intern(e.text));
    case Expression::Kind::string: {
      if (e.parts.size() == 1 && !e.parts[0].interpolation) {
        return Value::string(literal(e.parts[0].text, arena));
      }
      std::string& out = text_buffer();
      out.clear();
      for (const auto& part : e.parts) {
        if (part.interpolation) {
          out += "${";
          out += part.text;
          out += '}';
        } else {
          append_escaped(out, part.text);
        }
      }
      return Value::string(arena.intern(out));
    }
    case Expression::Kind::list: {
      auto& items = scratch_stacks().items;
      const std::size_t start = items.size();
      for (const auto& item : e.items) {
        const Value value = expression_value(item, arena);
        items.push_back(value);
      }
      const Value list = make_array(items.data() + start, items.data() + items.size(), arena);
      items.resize(start);
      return list;
    }
    case Expression::Kind::object: {
      auto& members = scratch_stacks().members;
      const std::size_t start = members.size();
      for (const auto& [key, value] : e.entries) {
        const std::string_view name = literal(key, arena);
        const Value built = expression_value(value, arena);
        members.push_back({name, built});
      }
      const Value object = make_object(members.data() + start, members.data() + members.size(),
                                       arena);  // the last of a key wins
      members.resize(start);
      return object;
    }
  }
  return {};
}

// Whether body_to_value builds `body` itself: every item an attribute or an
// unlabelled block with an identifier name, no name both. (No list is
// built: a body is small, and most have no blocks at all.)
bool is_plain(const Body& body) {
  bool has_blocks = false;
  for (const auto& item : body.items) {
    if (const auto* attribute = std::get_if<Attribute>(&item)) {
      if (!identifier(attribute->name)) {
        return false;
      }
    } else if (const auto* block = std::get_if<Block>(&item)) {
      if (!block->labels.empty() || !identifier(block->type)) {
        return false;
      }
      has_blocks = true;
    }
  }
  if (!has_blocks) {
    return true;
  }
  for (const auto& item : body.items) {
    if (const auto* block = std::get_if<Block>(&item)) {
      for (const auto& other : body.items) {
        const auto* attribute = std::get_if<Attribute>(&other);
        if (attribute != nullptr && attribute->name == block->type) {
          return false;
        }
      }
    }
  }
  return true;
}

}  // namespace

Value body_to_value(const Body& body, ValueArena& arena) {
  if (!is_plain(body)) {
    return from_json(render::hcl::body_to_json(body), arena);
  }
  auto& members = scratch_stacks().members;
  const std::size_t start = members.size();
  // Unlabelled blocks by type, in the order their types first appear.
  std::vector<std::pair<std::string_view, std::vector<Value>>> blocks;
  for (const auto& item : body.items) {
    if (const auto* attribute = std::get_if<Attribute>(&item)) {
      const std::string_view name = arena.intern(attribute->name);
      const Value value = expression_value(attribute->value, arena);
      members.push_back({name, value});
    } else if (const auto* block = std::get_if<Block>(&item)) {
      const Value content = body_to_value(block->body, arena);
      auto it = blocks.begin();
      while (it != blocks.end() && it->first != block->type) {
        ++it;
      }
      if (it == blocks.end()) {
        blocks.push_back({block->type, {content}});
      } else {
        it->second.push_back(content);
      }
    }
  }
  for (const auto& [type, contents] : blocks) {
    members.push_back(
        {arena.intern(type), contents.size() == 1
                                 ? contents.front()
                                 : make_array(contents.data(), contents.data() + contents.size(), arena)});
  }
  // make_object sorts; of an attribute given twice the later one wins.
  const Value object = make_object(members.data() + start, members.data() + members.size(), arena);
  members.resize(start);
  return object;
}

}  // namespace dharma::drift

#include "dharma/render/hcl_json.hpp"

#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <type_traits>
#include <unordered_map>

#include "dharma/render/hcl_writer.hpp"
#include "dharma/util/error.hpp"

namespace dharma::render::hcl {
namespace {

// Every writer below is a template over the JSON flavour: the file's
// insertion-ordered document (nlohmann::ordered_json) or drift's sorted one
// (nlohmann::json, body_to_json), from the same code.
using Ordered = nlohmann::ordered_json;

std::string escape_template_literal(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if ((text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{') {
      out += text[i];
    }
  }
  return out;
}

// As in the native writer: renderers refuse non-identifier names first.
const std::string& bare_name(const std::string& name) {
  if (!is_identifier(name)) {
    throw util::Error("cannot write " + quote(name) +
                      " as an HCL argument or block name (not an identifier)");
  }
  return name;
}

// The literal as a JSON number: an integer stays exact; any other number is
// the nearest double, subnormals (1e-310) included — std::stod would throw
// on those, strtod returns them and only sets ERANGE.
template <class Json>
Json number_json(const std::string& text) {
  long long integer = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), integer);
  if (result.ec == std::errc() && result.ptr == text.data() + text.size()) {
    return integer;
  }
  return std::strtod(text.c_str(), nullptr);
}

template <class Json>
Json expression_json(const Expression& e) {
  switch (e.kind) {
    case Expression::Kind::null:
      return nullptr;
    case Expression::Kind::boolean:
      return e.boolean;
    case Expression::Kind::number:
      return number_json<Json>(e.text);
    case Expression::Kind::raw:
      return "${" + e.text + "}";
    case Expression::Kind::call:
      return "${" + inline_text(e) + "}";
    case Expression::Kind::keyword:
      return e.text;
    case Expression::Kind::string: {
      std::string out;
      for (const auto& part : e.parts) {
        out += part.interpolation ? "${" + part.text + "}" : escape_template_literal(part.text);
      }
      return out;
    }
    case Expression::Kind::list: {
      Json array = Json::array();
      for (const auto& item : e.items) {
        array.push_back(expression_json<Json>(item));
      }
      return array;
    }
    case Expression::Kind::object: {
      Json object = Json::object();
      for (const auto& [key, value] : e.entries) {
        // Terraform reads an object expression's property names as templates.
        object[escape_template_literal(key)] = expression_json<Json>(value);
      }
      return object;
    }
  }
  return nullptr;
}

template <class Json>
Json body_json(const Body& body);

// The labels already placed in each object the document's top-level blocks
// fill (by block type and every label but the last), with their position:
// a 10,000-resource document holds thousands of labels per resource type,
// and an ordered_json object finds a key by scanning all of them.
using LabelIndex = std::unordered_map<std::string, std::unordered_map<std::string, std::size_t>>;

// Places a block's body under its labels inside `parent[type]`; repeated
// unlabelled blocks (two `validation` blocks) become an array. With `index`
// (the ordered document only) the last label is looked up there instead of
// in the object.
template <class Json>
void add_block(Json& parent, const Block& block, LabelIndex* index = nullptr) {
  bare_name(block.type);
  Json content = body_json<Json>(block.body);
  if (block.labels.empty()) {
    if (!parent.contains(block.type)) {
      parent[block.type] = std::move(content);
    } else {
      Json& existing = parent[block.type];
      if (!existing.is_array()) {
        existing = Json::array({existing});
      }
      existing.push_back(std::move(content));
    }
    return;
  }
  Json* slot = &parent[block.type];
  std::string where = block.type;
  for (std::size_t i = 0; i + 1 < block.labels.size(); ++i) {
    slot = &(*slot)[block.labels[i]];
    where += '\n' + block.labels[i];
  }
  if (slot->is_null()) {
    *slot = Json::object();
  }
  if (index == nullptr || !slot->is_object()) {
    (*slot)[block.labels.back()] = std::move(content);
    return;
  }
  if constexpr (std::is_same_v<Json, Ordered>) {
    auto& placed = (*index)[where];
    auto& object = slot->template get_ref<typename Json::object_t&>();
    const auto [known, inserted] = placed.emplace(block.labels.back(), object.size());
    if (inserted) {
      object.emplace_back(block.labels.back(), std::move(content));  // a new key: no scan
    } else {
      (object.begin() + static_cast<std::ptrdiff_t>(known->second))->second =
          std::move(content);  // the same label again: the last one wins
    }
  }
}

template <class Json>
Json body_json(const Body& body) {
  Json object = Json::object();
  for (const auto& item : body.items) {
    if (const auto* attribute = std::get_if<Attribute>(&item)) {
      object[bare_name(attribute->name)] = expression_json<Json>(attribute->value);
    } else if (const auto* block = std::get_if<Block>(&item)) {
      add_block(object, *block);
    }
  }
  return object;
}

}  // namespace

nlohmann::ordered_json to_json(const Document& document) {
  Ordered root = Ordered::object();
  LabelIndex index;
  for (const auto& block : document.blocks) {
    add_block(root, block, &index);
  }
  return root;
}

std::string write_json(const Document& document) {
  return to_json(document).dump(2) + "\n";
}

nlohmann::json body_to_json(const Body& body) {
  return body_json<nlohmann::json>(body);
}

}  // namespace dharma::render::hcl

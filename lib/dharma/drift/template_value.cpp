// Templates in rendered values evaluated against the actual state
// (template_parser.cpp evaluates one text), each once per text, module and
// count index in a diff (TemplateCache), and rendered values with every
// template in them evaluated.

#include "dharma/drift/template_value.hpp"

#include <cstddef>
#include <string>

#include "dharma/drift/scratch_stacks.hpp"
#include "dharma/drift/template_parser.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

// A template's value: from the cache, or evaluated and kept there (in the
// cache's arena), or without a cache built in `arena`.
Value evaluate_template(std::string_view text, const TemplateScope& scope, ValueArena& arena) {
  if (scope.cache == nullptr) {
    return evaluate_template_text(text, scope, arena);
  }
  const TemplateKey key{scope.module, scope.count_index.value_or(0), scope.count_index.has_value(), text};
  const auto found = scope.cache->values.find(key);
  if (found != scope.cache->values.end()) {
    return found->second;
  }
  const Value value = evaluate_template_text(text, scope, scope.cache->arena);
  TemplateKey kept = key;
  kept.module = scope.cache->arena.copy(key.module);
  kept.text = scope.cache->arena.copy(key.text);
  scope.cache->values.emplace(kept, value);
  return value;
}

}  // namespace

bool evaluate_json_document(std::string_view text, const TemplateScope& scope, ValueArena& arena,
                            Value& document) {
  if (text.size() < 16 || text.compare(0, 13, "${jsonencode(") != 0) {
    return false;  // the common case, without a parse
  }
  if (scope.cache == nullptr) {
    document = evaluate_json_document_text(text, scope, arena);
    return !is_unknown(document);
  }
  const TemplateKey key{scope.module, scope.count_index.value_or(0), scope.count_index.has_value(), text};
  const auto found = scope.cache->documents.find(key);
  if (found != scope.cache->documents.end()) {
    document = found->second;
    return !is_unknown(document);
  }
  document = evaluate_json_document_text(text, scope, scope.cache->arena);
  TemplateKey kept = key;
  kept.module = scope.cache->arena.copy(key.module);
  kept.text = scope.cache->arena.copy(key.text);
  scope.cache->documents.emplace(kept, document);
  return !is_unknown(document);
}

std::size_t TemplateKeyHash::operator()(const TemplateKey& key) const {
  const std::hash<std::string_view> hash;
  std::size_t h = hash(key.text);
  h ^= hash(key.module) + 0x9e3779b97f4a7c15ULL + (h << 6U) + (h >> 2U);
  h ^= std::hash<long long>()(key.index) + static_cast<std::size_t>(key.has_index) + 0x9e3779b97f4a7c15ULL +
       (h << 6U) + (h >> 2U);
  return h;
}

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
  ValueArena arena;
  return to_json(evaluate_rendered(from_json(value, arena), scope, arena));
}

Value evaluate_rendered(const Value& value, const TemplateScope& scope, ValueArena& arena) {
  if (value.is_string()) {
    return is_template(value.as_string()) ? evaluate_template(value.as_string(), scope, arena) : value;
  }
  if (value.is_array()) {
    auto& items = scratch_stacks().items;
    const std::size_t start = items.size();
    const StackMark mark(items, start);
    for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
      const Value item = evaluate_rendered(*it, scope, arena);
      items.push_back(item);
    }
    return make_array(items.data() + start, items.data() + items.size(), arena);
  }
  if (value.is_object()) {
    auto& members = scratch_stacks().members;
    const std::size_t start = members.size();
    const StackMark mark(members, start);
    for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
      const Value member = evaluate_rendered(it->value, scope, arena);
      members.push_back({it->key, member});
    }
    return make_object(members.data() + start, members.data() + members.size(), arena);
  }
  return value;
}

}  // namespace dharma::drift

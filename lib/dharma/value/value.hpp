#pragma once
// A resolved value: what a property, tag, count or output holds after
// parameters are bound and expressions are evaluated.
//
// Plain data (null, bool, integer, number, string, list, map) is what guard
// and cost read. References to other resources cannot be known before apply,
// so they stay symbolic: kind `reference` for a value that is exactly
// `${vpc.id}`, kind `interpolation` for a string that mixes text and
// references. Every value produced from an expression also keeps its parsed
// Template (`expression`), so renderers can emit `var.web_count` or
// `aws_vpc.vpc.id` rather than the evaluated result, and `sensitive` marks
// anything derived from a sensitive parameter.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "dharma/expr/expression.hpp"
#include "dharma/util/source_location.hpp"

namespace dharma::yaml {
struct Node;
}

namespace dharma::value {

struct Reference {
  std::string resource;
  std::optional<long long> index;  // ${web[1].id}
  bool splat = false;              // ${web[*].id}
  std::string attribute;

  // `web[1].id` / `web[*].id` / `vpc.id`
  std::string str() const;
  bool operator==(const Reference&) const = default;
};

// One piece of an interpolated string: text or a reference.
using InterpolationPart = std::variant<std::string, Reference>;

class Value;
using List = std::vector<Value>;
using Map = std::vector<std::pair<std::string, Value>>;  // insertion-ordered, unique keys

class Value {
  // A Reference (88 bytes) is kept behind a shared pointer, immutable, so a
  // Value takes 64 bytes rather than 128 (libstdc++, 64-bit): a resolved
  // blueprint holds one per property and list item, and copies of a
  // reference share it. Declared first and [[no_unique_address]] so that
  // `sensitive` and `placeholder` below sit in the variant's tail padding
  // (its 32-byte storage and 1-byte index are followed by 7 unused bytes):
  // 64 bytes, not 72.
  [[no_unique_address]] std::variant<std::monostate, bool, long long, double, std::string, List, Map,
                                     std::shared_ptr<const Reference>, std::vector<InterpolationPart>>
      m_data;

 public:
  // Derived from a sensitive parameter: never printed.
  bool sensitive = false;
  // Derived from a placeholder for a sensitive parameter that was given no
  // value (cost and guard only, docs/blueprint.md): its data is not the
  // parameter's, so nothing may judge or print it. Always also sensitive.
  bool placeholder = false;

  enum class Kind { null, boolean, integer, number, string, list, map, reference, interpolation };

  Value() = default;
  static Value null() { return {}; }
  static Value boolean(bool v);
  static Value integer(long long v);
  static Value number(double v);
  static Value string(std::string v);
  static Value list(List v);
  static Value map(Map v);
  static Value reference(Reference v);
  static Value interpolation(std::vector<InterpolationPart> v);

  Kind kind() const;
  bool is_null() const { return kind() == Kind::null; }
  bool is_scalar() const;
  // True for references, interpolations and containers holding them.
  bool is_symbolic() const;

  bool as_bool() const { return std::get<bool>(m_data); }
  long long as_integer() const { return std::get<long long>(m_data); }
  // Integer or number as double.
  double as_number() const;
  const std::string& as_string() const { return std::get<std::string>(m_data); }
  const List& as_list() const { return std::get<List>(m_data); }
  List& as_list() { return std::get<List>(m_data); }
  const Map& as_map() const { return std::get<Map>(m_data); }
  Map& as_map() { return std::get<Map>(m_data); }
  const Reference& as_reference() const { return *std::get<std::shared_ptr<const Reference>>(m_data); }
  const std::vector<InterpolationPart>& as_interpolation() const {
    return std::get<std::vector<InterpolationPart>>(m_data);
  }

  // Map lookup; nullptr when absent or not a map.
  const Value* find(const std::string& key) const;
  Value* find(const std::string& key);
  // Dotted path lookup through maps (`resources.limits.cpu`) and list
  // indexes (`ports.0`); nullptr when any step is missing.
  const Value* find_path(const std::string& dotted_path) const;
  // Sets `key` in a map value, replacing an existing entry in place.
  void set(const std::string& key, Value value);

  // Display form: scalars as text, references as `${vpc.id}`.
  std::string to_display_string() const;
  // "a string", "an integer", ... for messages.
  std::string kind_name() const;

  // Where the value was written; nullptr for defaults and computed values.
  const yaml::Node* origin = nullptr;
  // The parsed `${...}` template it came from, when it came from one.
  expr::TemplatePtr expression;

  util::SourceLocation location() const;
  bool same_data(const Value& other) const;
};

const char* kind_name(Value::Kind kind);

}  // namespace dharma::value

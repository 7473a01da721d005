#pragma once
// A read-only YAML tree that remembers where every node came from.
//
// A YAML library's own document tree forgets whether a scalar was quoted and
// hides aliases, so dharma builds this tree from libyaml's parser events
// (loader.cpp).
// Every input file dharma reads — blueprints, catalog, policies, prices, usage
// files — goes through it, so they all get the same file:line:col errors and
// the same protection against duplicate keys, deep nesting and alias bombs.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dharma/util/source_location.hpp"
#include "dharma/yaml/thin_vector.hpp"

namespace dharma::yaml {

enum class Kind : unsigned char { null, scalar, sequence, map };

struct Node;
using NodePtr = std::shared_ptr<const Node>;

// The one stored copy of a file name, kept for the rest of the process (never
// freed), so that every node of a file points at it with a plain pointer
// rather than a reference-counted one. The same name gives the same pointer.
// Thread-safe.
const std::string* intern_file_name(std::string_view name);

// Fields ordered so the small ones share one 16-byte slot, and the children
// in vectors one pointer wide (thin_vector.hpp): a node is 72 bytes (88 with
// make_shared's control block, a 96-byte heap chunk), against 104 (120, 128)
// with two std::vectors.
struct Node {
  Kind kind = Kind::null;
  bool plain = true;                                // false for a quoted or block scalar: always a string
  int line = 0;                                     // 1-based
  int column = 0;                                   // 1-based
  const std::string* file = nullptr;                // from intern_file_name, or null
  std::string scalar;                               // the text of a scalar
  ThinVector<NodePtr> items;                        // sequence items
  ThinVector<std::pair<NodePtr, NodePtr>> entries;  // map entries, keys are scalars

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }

  util::SourceLocation location() const;
  // The value under `key` in a map, or nullptr (also for non-maps).
  const Node* find(std::string_view key) const;
  // The key node of `key` in a map, or nullptr.
  const Node* find_key(std::string_view key) const;
  // "mapping", "sequence", "string", "null"... for error messages.
  std::string kind_name() const;
};

// Scalar interpretation following the YAML 1.2 core schema, for plain scalars.
std::optional<bool> as_bool(const Node& node);
std::optional<long long> as_integer(const Node& node);
std::optional<double> as_number(const Node& node);

// Whether a plain scalar's text, when it is a number, fits the type it would
// be read as: an integer (`[-+]?[0-9]+`) in 64 bits, another number in a
// finite double. Text that is not a number fits.
enum class NumberRange { fits, integer_too_large, number_too_large };
NumberRange number_range(const std::string& text);
bool is_null_scalar(const Node& node);

}  // namespace dharma::yaml

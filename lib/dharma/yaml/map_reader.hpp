#pragma once
// The one reader for the shape of a YAML mapping in any file dharma reads:
// which keys are allowed (unknown ones reported with a "did you mean"),
// which are required, and what type each value has. Every problem goes to
// Diagnostics at the node's file:line:col, and reading goes on, so a file
// with five mistakes shows five errors. Blueprints, the catalog, provider
// mappings, price and usage files, policies, dharma.yaml, and the files of
// drift, loadtest and deploy all read their mappings through it, so their
// messages read the same:
//
//   f.yaml:3:5: error: unknown key 'replica' in resource 'web' (did you mean 'replicas'?)
//   f.yaml:2:1: error: stage is missing required key 'duration'
//   f.yaml:4:13: error: 'vus' in stage must be an integer from 1 to 100000, not 'many'

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::yaml {

enum class Need { optional, required };

class MapReader {
 public:
  // `what` names the mapping in messages ("resource 'web'", "stage", "deploy section").
  // When `map` is not a mapping, that is reported once and every read returns nothing.
  MapReader(const Node& map, std::string what, util::Diagnostics& diagnostics);

  bool is_map() const { return m_is_map; }
  const Node& map() const { return m_map; }
  const std::string& what() const { return m_what; }
  util::Diagnostics& diagnostics() { return m_diagnostics; }

  // Reports every key not in `known`, with a suggestion.
  void allow_only(const std::vector<std::string>& known);
  void allow_only(std::initializer_list<std::string_view> known);

  // The value under `key`; nullptr when absent (reported when required).
  // A key with a null value (`key:` or `key: ~`) counts as absent.
  const Node* node(std::string_view key, Need need = Need::optional);
  // A non-empty scalar.
  std::optional<std::string> string(std::string_view key, Need need = Need::optional);
  // One of `choices`, with a suggestion when it is not.
  std::optional<std::string> choice(std::string_view key, const std::vector<std::string>& choices,
                                    Need need = Need::optional);
  // true/false (YAML 1.2 core schema, unquoted).
  std::optional<bool> boolean(std::string_view key, Need need = Need::optional);
  // A whole number within [min, max].
  std::optional<long long> integer(std::string_view key, long long min, long long max,
                                   Need need = Need::optional);
  // A finite number within [min, max].
  std::optional<double> number(std::string_view key, double min, double max, Need need = Need::optional);
  // A finite number of any size (a bound, a default), for when no range applies.
  std::optional<double> number(std::string_view key, Need need = Need::optional);
  // A duration such as "250ms", "5s", "1m30s" (util/duration.hpp), within [min, max].
  std::optional<std::chrono::nanoseconds> duration(std::string_view key, std::chrono::nanoseconds min,
                                                   std::chrono::nanoseconds max, Need need = Need::optional);
  // A list of non-empty strings.
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need = Need::optional);
  // A nested mapping or a sequence; nullptr when absent or of another kind (reported).
  const Node* mapping(std::string_view key, Need need = Need::optional);
  const Node* sequence(std::string_view key, Need need = Need::optional);

  // Reports `message` at `where`.
  void error(const Node& where, std::string message);
  // "'key' in <what>" for messages about one value.
  std::string describe(std::string_view key) const;

 private:
  const Node& m_map;
  std::string m_what;
  util::Diagnostics& m_diagnostics;
  bool m_is_map = false;
};

// True when `node` is a mapping; otherwise reports "<what> must be a mapping, not <kind>".
bool expect_map(const Node& node, std::string_view what, util::Diagnostics& diagnostics);
// True when `node` is a sequence; otherwise reports "<what> must be a list, not <kind>".
bool expect_sequence(const Node& node, std::string_view what, util::Diagnostics& diagnostics);
// A non-empty scalar; otherwise reports "<what> must be a non-empty string, not <kind>".
// For values not under a fixed key (map values keyed by name, list items).
std::optional<std::string> string_value(const Node& node, std::string_view what,
                                        util::Diagnostics& diagnostics);
// A finite plain number within [min, max]; otherwise reports
// "<what> must be a number from <min> to <max>, not <shown>".
std::optional<double> number_value(const Node& node, std::string_view what, double min, double max,
                                   util::Diagnostics& diagnostics);
// How a node is shown in "must be X, not Y" messages: a scalar's quoted text, else its kind.
std::string shown(const Node& node);

}  // namespace dharma::yaml

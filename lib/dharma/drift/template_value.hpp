#pragma once
// The value a rendered Terraform string stands for, given the actual state:
// "${aws_vpc.vpc.id}" is the id the state holds for aws_vpc.vpc, and
// "${jsonencode({ Resource = \"${aws_s3_bucket.b.arn}/*\" })}" the JSON text
// Terraform would send. Anything that needs what only Terraform knows
// (sensitive variables, data sources, functions dharma does not evaluate, resources
// absent from the state) is `unknown` and never compared.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "dharma/drift/actual_state.hpp"
#include "dharma/drift/value.hpp"

namespace dharma::drift {

// Templates already evaluated in one diff, by module, count index and
// text: with the actual state and the variables fixed, the same template
// in the same module and instance always stands for the same value, and a
// state of thousands of resources repeats a few (`${aws_vpc.vpc.id}`, a
// shared policy) thousands of times.
// The values are drift's compact values, in the cache's own arena.
// A key looked up views the caller's strings; one kept views its copies in
// the cache's arena.
struct TemplateKey {
  std::string_view module;
  long long index = 0;
  bool has_index = false;
  std::string_view text;
  bool operator==(const TemplateKey& other) const {
    return index == other.index && has_index == other.has_index && module == other.module &&
           text == other.text;
  }
};
struct TemplateKeyHash {
  std::size_t operator()(const TemplateKey& key) const;
};
struct TemplateCache {
  std::unordered_map<TemplateKey, Value, TemplateKeyHash> values;
  // evaluate_json_document's answers, keyed alike (an unknown value where it has none).
  std::unordered_map<TemplateKey, Value, TemplateKeyHash> documents;
  ValueArena arena;
};

struct TemplateScope {
  const ActualState* actual = nullptr;
  std::optional<long long> count_index;  // count.index of the instance being evaluated
  // var.NAME: the rendered variables' defaults, which carry the blueprint's
  // parameter values for the environment; sensitive ones have none (unknown).
  const nlohmann::json* variables = nullptr;
  // The module of the instance being evaluated ("" at the root): its
  // references name resources of the same module first.
  std::string_view module = {};
  // When set, evaluations are looked up and kept here (one cache per actual
  // state and variables).
  TemplateCache* cache = nullptr;
};

// A value that is not known offline: compares equal to anything.
const nlohmann::json& unknown_value();
bool is_unknown(const nlohmann::json& value);

// The same for drift's compact values (unknown_value() converted).
bool is_unknown(const Value& value);

// Whether a rendered string holds a template (${...} or %{...}); one that
// does not stands for itself.
bool is_template(std::string_view text);

// `value` (a rendered attribute: null, bool, number, string template, list,
// object) with every template evaluated; unknown parts are unknown_value().
nlohmann::json evaluate_rendered(const nlohmann::json& value, const TemplateScope& scope);
// The same on drift's compact values: what evaluation builds goes into
// `arena` (or the scope's cache); a string without a template is returned
// as it is.
Value evaluate_rendered(const Value& value, const TemplateScope& scope, ValueArena& arena);

// When `text` is exactly `${jsonencode(EXPR)}` and EXPR is known: the
// document EXPR stands for, the value whose JSON text evaluate_rendered
// gives (so a JSON comparison need not write that text and read it back);
// else false. Kept in the scope's cache like evaluations.
bool evaluate_json_document(std::string_view text, const TemplateScope& scope, ValueArena& arena,
                            Value& document);

}  // namespace dharma::drift

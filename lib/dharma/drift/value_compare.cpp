// The differ's value rules. A path is carried twice: as shown
// (`ingress[1].cidr_blocks`) and as the rules name it, without indexes
// (`ingress.cidr_blocks`). Terraform states hold nested blocks as lists of
// objects while the JSON configuration may write a single block as an
// object, so an object against a one-element list of objects is a block.
// An object against an object is a map (tags, labels): a key only the
// actual has is drift there, while a block's extra arguments are defaults.
// Neither path is a new string per attribute: the rules' path is one buffer
// extended and cut back as the comparison descends (KeyStep), and the
// shown path is a stack of steps written out only for a reported change.
// Most attributes of most resources are in sync and stated in the form the
// state holds them (`identical`): those are passed over before any path
// step, rule lookup or template evaluation, and the rules apply only where
// the two sides differ in form or value.

#include "dharma/drift/value_compare.hpp"

#include <cmath>
#include <cstdlib>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/template_value.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

bool is_empty_value(const Value& value) {
  return value.is_null() || (value.is_string() && value.as_string().empty()) ||
         (value.is_boolean() && !value.as_bool()) ||
         ((value.is_array() || value.is_object()) && value.empty());
}

bool parse_number(const std::string& text, long double& value) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0])) != 0) {
    return false;
  }
  char* end = nullptr;
  value = std::strtold(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

bool numeric(const Value& value, long double& out) {
  if (value.is_number()) {
    out = value.as_long_double();
    return true;
  }
  return value.is_string() && parse_number(std::string(value.as_string()), out);
}

// nlohmann's `desired == actual` for a scalar desired value: same type and
// value, numbers across their kinds as nlohmann compares them.
bool same_scalar(const Value& desired, const Value& actual) {
  return !desired.is_array() && !desired.is_object() && same_value(desired, actual);
}

bool has_key(const Value& object, std::string_view key) {
  return object.find(key) != nullptr;
}

bool same_number(long double a, long double b) {
  return a == b || std::fabs(a - b) <= 1e-12L * std::max(std::fabs(a), std::fabs(b));
}

// The fast path: `desired` is `actual` in the same form (same kinds, same
// bytes, same numbers, objects with the same keys), with no template in it
// left to evaluate (`raw`). Such a pair is equal under every rule: a value
// equals itself as a block, a map, a set, a JSON document or a quantity,
// and a path whose rules skip it (computed) reports nothing either. A pair
// that is not identical is compared in full, so a false here costs only
// the walk to the first difference.
bool identical(const Value& desired, const Value& actual, bool raw) {
  if (desired.kind() != actual.kind()) {
    return false;
  }
  switch (desired.kind()) {
    case Value::Kind::null:
      return true;
    case Value::Kind::boolean:
      return desired.as_bool() == actual.as_bool();
    case Value::Kind::integer:
      return desired.as_int() == actual.as_int();
    case Value::Kind::unsigned_integer:
      return desired.as_unsigned() == actual.as_unsigned();
    case Value::Kind::floating:
      return desired.as_double() == actual.as_double();  // NaN: compared in full
    case Value::Kind::string:
      return desired.as_string() == actual.as_string() && (!raw || !is_template(desired.as_string()));
    case Value::Kind::array:
      if (desired.size() != actual.size()) {
        return false;
      }
      for (std::size_t i = 0; i < desired.size(); ++i) {
        if (!identical(desired[i], actual[i], raw)) {
          return false;
        }
      }
      return true;
    case Value::Kind::object:
      if (desired.size() != actual.size()) {
        return false;
      }
      for (const Member *x = desired.begin_members(), *y = actual.begin_members(); x != desired.end_members();
           ++x, ++y) {
        if (x->key != y->key || !identical(x->value, y->value, raw)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

// The member `key` of the object `members` walks when it has it, else null.
// Inlined: a call per desired key cost more than most walks.
[[gnu::always_inline]] inline const Value& member(MemberCursor& members, std::string_view key) {
  static const Value none;
  const Value* found = members.find(key);
  return found == nullptr ? none : *found;
}

// `raw`: the desired value is as rendered, its strings not yet evaluated
// (CompareScope::templates); a string is evaluated where the comparison
// reaches it, and what evaluation returns is never evaluated again.
class Comparer {
 public:
  Comparer(const CompareScope& scope, std::vector<Change>& changes)
      : m_scope(scope), m_rules(scope.rules->for_type(scope.type)), m_changes(changes) {}

  void block(const Value& desired, const Value& actual, bool raw) {
    MemberCursor actual_members(actual);  // desired's keys come sorted
    for (const Member* it = desired.begin_members(); it != desired.end_members(); ++it) {
      const Value& other = member(actual_members, it->key);
      if (m_scope.fast && identical(it->value, other, raw)) {
        continue;
      }
      const KeyStep step(*this, it->key);
      compare(it->value, other, raw);
    }
  }

  // Compares at the current path. `element`: the values are items of a
  // list, where objects are nested blocks.
  void compare(const Value& rendered, const Value& actual, bool raw, bool element = false) {
    if (m_scope.fast && raw && same_json_document(rendered, actual)) {
      return;
    }
    const Value desired = resolve(rendered, raw);
    if (is_unknown(desired) || desired.is_null() || m_rules.is_computed(m_schema)) {
      return;
    }
    if (!equal_known(desired, actual, raw, element)) {
      if (desired.is_object() && actual.is_array() && actual.size() == 1 && actual[0].is_object()) {
        block(desired, actual[0], raw);
      } else if (desired.is_object() && actual.is_object() && (element || !m_rules.is_map(m_schema))) {
        block(desired, actual, raw);
      } else if (desired.is_object() && actual.is_object()) {
        map(desired, actual, raw);
      } else if (desired.is_array() && actual.is_array() && desired.size() == actual.size() &&
                 !m_rules.is_set(m_schema)) {
        for (std::size_t i = 0; i < desired.size(); ++i) {
          if (m_scope.fast && identical(desired[i], actual[i], raw)) {
            continue;
          }
          push_step({{}, i, false});  // an index is shown, never part of the rules' path
          compare(desired[i], actual[i], raw, true);
          m_steps.pop_back();
        }
      } else {
        add(desired, actual, raw);
      }
    }
  }

 private:
  // One step of the shown path: a key, or (!is_key) a list index.
  struct Step {
    std::string_view key;
    std::size_t index;
    bool is_key;
  };

  // Descends into `key` for its lifetime: the rules' path gets ".key", the
  // shown path a key step; both are cut back when it ends.
  class KeyStep {
   public:
    KeyStep(const Comparer& comparer, std::string_view key)
        : m_comparer(comparer), m_length(comparer.m_schema.size()) {
      if (m_length != 0) {
        m_comparer.m_schema += '.';
      } else if (m_comparer.m_schema.capacity() < 64) {
        m_comparer.m_schema.reserve(64);  // once, not once per growth as the paths deepen
      }
      m_comparer.m_schema += key;
      m_comparer.push_step({key, 0, true});
    }
    ~KeyStep() {
      m_comparer.m_schema.resize(m_length);
      m_comparer.m_steps.pop_back();
    }
    KeyStep(const KeyStep&) = delete;
    KeyStep& operator=(const KeyStep&) = delete;

   private:
    const Comparer& m_comparer;
    std::size_t m_length;
  };

  const CompareScope& m_scope;
  const TypeRuleView m_rules;  // the type's rules, found once per resource
  std::vector<Change>& m_changes;
  // Where the comparison is: the rules' path (`ingress.cidr_blocks`) and the
  // steps of the shown one (`ingress[1].cidr_blocks`). Mutable: equal()
  // descends too, and leaves both as it found them.
  mutable std::string m_schema;
  mutable std::vector<Step> m_steps;
  // What template evaluation builds when the scope has no cache (the sets'
  // evaluated items too); lives as long as the comparison of one resource.
  mutable ValueArena m_arena{1024};

  // Steps room for 16 at the first one: a resource whose attributes are
  // all identical to the actual ones (the fast path) allocates nothing.
  void push_step(const Step& step) const {
    if (m_steps.capacity() == 0) {
      m_steps.reserve(16);
    }
    m_steps.push_back(step);
  }

  // The shown path of the current position, as a Change reports it.
  std::string shown_path() const {
    std::string path;
    for (const Step& step : m_steps) {
      if (!step.is_key) {
        path += "[" + std::to_string(step.index) + "]";
      } else {
        if (!path.empty()) {
          path += '.';
        }
        path += step.key;
      }
    }
    return path;
  }

  // The fast path for a JSON document written with jsonencode (a policy):
  // `rendered` is `${jsonencode(EXPR)}` at a path the rules compare as
  // JSON, and EXPR's value is the document the actual string holds. The
  // same answer as evaluating the template to its JSON text and reading
  // that back, without writing and reading it; anything else (a document
  // that differs, unknown parts, an actual that is not JSON) is compared
  // in full.
  bool same_json_document(const Value& rendered, const Value& actual) const {
    if (!rendered.is_string() || !actual.is_string() || rendered.as_string().rfind("${jsonencode(", 0) != 0 ||
        !m_rules.is_json(m_schema)) {
      return false;
    }
    Value document;
    if (!evaluate_json_document(rendered.as_string(), *m_scope.templates, m_arena, document)) {
      return false;
    }
    ValueArena arena(4096);
    Value held;
    return read_json(actual.as_string(), arena, held) && same_value(document, held);
  }

  // What a desired value stands for: a rendered template string evaluated
  // (into the scope's template cache, or m_arena), anything else itself.
  // Clears `raw` once nothing below is left to evaluate.
  Value resolve(const Value& desired, bool& raw) const {
    if (!raw || desired.is_array() || desired.is_object()) {
      return desired;
    }
    raw = false;
    if (desired.is_string() && is_template(desired.as_string())) {
      return evaluate_rendered(desired, *m_scope.templates, m_arena);
    }
    return desired;
  }

  void add(const Value& rendered, const Value& actual, bool raw) {
    const Value desired = raw ? evaluate_rendered(rendered, *m_scope.templates, m_arena) : rendered;
    Change change;
    change.path = shown_path();
    // A single block written as an object, shown against a list as the list it stands for
    // (findings hold JSON: the one value shown is converted).
    change.desired =
        desired.is_object() && actual.is_array() ? Json::array({to_json(desired)}) : to_json(desired);
    change.actual = to_json(actual);  // findings hold JSON
    change.severity = m_rules.severity(m_schema);
    const std::string top = m_schema.substr(0, m_schema.find('.'));
    change.sensitive = m_scope.sensitive != nullptr && m_scope.sensitive->count(top) != 0;
    m_changes.push_back(std::move(change));
  }

  void map(const Value& desired, const Value& actual, bool raw) {
    block(desired, actual, raw);
    if (m_rules.is_open_map(m_schema)) {
      return;
    }
    for (const Member* it = actual.begin_members(); it != actual.end_members(); ++it) {
      if (has_key(desired, it->key) || it->value.is_null()) {
        continue;
      }
      const KeyStep step(*this, it->key);
      if (!m_rules.is_computed(m_schema)) {
        add(Value(), it->value, false);
      }
    }
  }

  // No difference at all (used for sets and to decide whether to descend).
  // At the current path, which it leaves as it found it.
  bool equal(const Value& rendered, const Value& actual, bool raw, bool element = false) const {
    const Value desired = resolve(rendered, raw);
    if (is_unknown(desired) || desired.is_null() || m_rules.is_computed(m_schema)) {
      return true;
    }
    return equal_known(desired, actual, raw, element);
  }

  // equal() once `desired` is resolved, known, not null and not computed at
  // the current path (compare() has checked that already).
  bool equal_known(const Value& desired, const Value& actual, bool raw, bool element) const {
    const std::string& schema = m_schema;
    if (desired.is_object()) {
      if (actual.is_array() && actual.size() == 1 && actual[0].is_object()) {
        return equal_block(desired, actual[0], raw);
      }
      if (actual.is_object() && (element || !m_rules.is_map(schema))) {
        return equal_block(desired, actual, raw);
      }
      if (actual.is_object() && !m_rules.is_open_map(schema)) {
        for (const Member* it = actual.begin_members(); it != actual.end_members(); ++it) {
          if (!has_key(desired, it->key) && !it->value.is_null()) {
            const KeyStep step(*this, it->key);
            if (!m_rules.is_computed(m_schema)) {
              return false;
            }
          }
        }
        return equal_block(desired, actual, raw);
      }
      if (actual.is_object()) {
        return equal_block(desired, actual, raw);
      }
      return actual.is_null() && desired.empty();
    }
    if (desired.is_array()) {
      if (!actual.is_array()) {
        return actual.is_null() && desired.empty();
      }
      if (desired.size() != actual.size()) {
        return false;
      }
      if (m_rules.is_set(schema)) {
        // Each item is tried against several: evaluated once, not per try.
        const Value items = raw ? evaluate_rendered(desired, *m_scope.templates, m_arena) : desired;
        std::vector<bool> used(actual.size(), false);
        for (const Value* item_it = items.begin_items(); item_it != items.end_items(); ++item_it) {
          const Value& item = *item_it;
          bool found = false;
          for (std::size_t i = 0; i < actual.size() && !found; ++i) {
            if (!used[i] && equal(item, actual[i], false, true)) {
              used[i] = found = true;
            }
          }
          if (!found) {
            return false;
          }
        }
        return true;
      }
      for (std::size_t i = 0; i < desired.size(); ++i) {
        if (!equal(desired[i], actual[i], raw, true)) {
          return false;
        }
      }
      return true;
    }
    return equal_scalar(desired, actual, schema);
  }

  bool equal_block(const Value& desired, const Value& actual, bool raw) const {
    MemberCursor actual_members(actual);  // desired's keys come sorted
    for (const Member* it = desired.begin_members(); it != desired.end_members(); ++it) {
      const Value& other = member(actual_members, it->key);
      if (m_scope.fast && identical(it->value, other, raw)) {
        continue;
      }
      const KeyStep step(*this, it->key);
      if (!equal(it->value, other, raw)) {
        return false;
      }
    }
    return true;
  }

  bool equal_scalar(const Value& desired, const Value& actual, const std::string& schema) const {
    if (same_scalar(desired, actual)) {
      return true;
    }
    if (actual.is_null()) {
      return is_empty_value(desired);
    }
    if (m_rules.is_json(schema) && desired.is_string() && actual.is_string()) {
      // Read by drift's own reader, which accepts what nlohmann does and
      // builds the same tree (json_reader.hpp), without a DOM per policy.
      ValueArena arena(4096);
      Value a;
      Value b;
      return read_json(desired.as_string(), arena, a) && read_json(actual.as_string(), arena, b) &&
             same_value(a, b);
    }
    if (m_rules.is_quantity(schema)) {
      long double a = 0;
      long double b = 0;
      const bool known_a = desired.is_number()
                               ? (a = desired.as_long_double(), true)
                               : desired.is_string() && parse_quantity(std::string(desired.as_string()), a);
      const bool known_b = actual.is_number()
                               ? (b = actual.as_long_double(), true)
                               : actual.is_string() && parse_quantity(std::string(actual.as_string()), b);
      if (known_a && known_b) {
        return same_number(a, b);
      }
    }
    long double a = 0;
    long double b = 0;
    if ((desired.is_number() || actual.is_number()) && numeric(desired, a) && numeric(actual, b)) {
      return same_number(a, b);
    }
    if (desired.is_boolean() && actual.is_string()) {
      return actual.as_string() == (desired.as_bool() ? "true" : "false");
    }
    if (desired.is_string() && actual.is_boolean()) {
      return desired.as_string() == (actual.as_bool() ? "true" : "false");
    }
    return false;
  }
};

}  // namespace

bool parse_quantity(const std::string& text, long double& value) {
  static const std::pair<const char*, long double> k_suffixes[] = {{"Ki", 1024.0L},
                                                                   {"Mi", 1048576.0L},
                                                                   {"Gi", 1073741824.0L},
                                                                   {"Ti", 1099511627776.0L},
                                                                   {"Pi", 1125899906842624.0L},
                                                                   {"Ei", 1152921504606846976.0L},
                                                                   {"n", 1e-9L},
                                                                   {"u", 1e-6L},
                                                                   {"m", 1e-3L},
                                                                   {"k", 1e3L},
                                                                   {"M", 1e6L},
                                                                   {"G", 1e9L},
                                                                   {"T", 1e12L},
                                                                   {"P", 1e15L},
                                                                   {"E", 1e18L}};
  for (const auto& [suffix, factor] : k_suffixes) {
    const std::string s(suffix);
    if (text.size() > s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0) {
      long double number = 0;
      if (parse_number(text.substr(0, text.size() - s.size()), number)) {
        value = number * factor;
        return true;
      }
    }
  }
  return parse_number(text, value);
}

void compare_attributes(const Value& desired, const Value& actual, const CompareScope& scope,
                        std::vector<Change>& changes) {
  Comparer comparer(scope, changes);
  comparer.block(desired, actual, scope.templates != nullptr);
}

void compare_attributes(const Json& desired, const Json& actual, const CompareScope& scope,
                        std::vector<Change>& changes) {
  ValueArena arena;
  compare_attributes(from_json(desired, arena), from_json(actual, arena), scope, changes);
}

}  // namespace dharma::drift

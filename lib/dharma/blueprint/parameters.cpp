#include "dharma/blueprint/parameters.hpp"

#include <re2/re2.h>

#include <set>

#include "dharma/util/find.hpp"
#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::blueprint {

using value::literal_value;
using value::scalar_value;

namespace {

std::string article_type(const std::string& type) {
  if (type == "integer") {
    return "an integer";
  }
  if (type == "list") {
    return "a list";
  }
  if (type == "map") {
    return "a mapping";
  }
  return "a " + type;
}

// Converts a literal to the declared type, or explains why it cannot.
// `show_value` is false for sensitive parameters: their text never appears in a message.
std::optional<Value> coerce(const yaml::Node& node, const std::string& type, std::string& problem,
                            bool show_value = true) {
  if (node.is_scalar() && expr::contains_expression(node.scalar)) {
    problem = "parameter values cannot contain ${...} expressions";
    return std::nullopt;
  }
  Value value = literal_value(node);
  const Value::Kind kind = value.kind();
  bool ok = false;
  if (type == "string") {
    if (node.is_scalar() && !(node.plain && yaml::is_null_scalar(node))) {
      Value text = Value::string(node.scalar);
      text.origin = &node;
      return text;
    }
  } else if (type == "integer") {
    ok = kind == Value::Kind::integer;
  } else if (type == "number") {
    ok = kind == Value::Kind::integer || kind == Value::Kind::number;
  } else if (type == "boolean") {
    ok = kind == Value::Kind::boolean;
  } else if (type == "list") {
    ok = kind == Value::Kind::list;
  } else if (type == "map") {
    ok = kind == Value::Kind::map;
  }
  if (ok) {
    return value;
  }
  problem = "expects " + article_type(type) + ", got " + node.kind_name();
  if (node.is_scalar() && !node.scalar.empty() && show_value) {
    problem += " '" + node.scalar + "'";
  }
  return std::nullopt;
}

class Binder {
 public:
  Binder(const Document& document, bool placeholder_secrets, std::vector<yaml::NodePtr>& keep_alive,
         util::Diagnostics& diagnostics)
      : m_document(document),
        m_placeholder_secrets(placeholder_secrets),
        m_keep_alive(keep_alive),
        m_diagnostics(diagnostics) {
    m_values.resize(document.parameters.size());
    m_sources.resize(document.parameters.size());
    m_value_nodes.resize(document.parameters.size(), nullptr);
  }

  void apply_defaults() {
    for (std::size_t i = 0; i < m_document.parameters.size(); ++i) {
      const auto& decl = m_document.parameters[i];
      if (decl.default_value != nullptr) {
        assign(i, *decl.default_value, "default", util::SourceLocation{});
      }
    }
  }

  void apply_mapping(const yaml::Node& map, const std::string& source) {
    for (const auto& [key, value] : map.entries) {
      const auto index = find(key->scalar, key->location(), "");
      if (index) {
        assign(*index, *value, source, {});
      }
    }
  }

  void apply_values_file(const std::string& file) {
    auto root = yaml::load_file(file, m_diagnostics);
    if (!root) {
      return;
    }
    m_keep_alive.push_back(root);
    if (root->is_null()) {
      return;
    }
    if (!root->is_map()) {
      m_diagnostics.error(root->location(), "a --values file must be a mapping of parameter names to values");
      return;
    }
    apply_mapping(*root, "--values");
  }

  void apply_set(const std::string& assignment) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
      m_diagnostics.error(
          {}, "malformed --set " + util::quoted(assignment) + ": expected KEY=VALUE, e.g. --set web_count=3");
      return;
    }
    const std::string key = assignment.substr(0, equals);
    const std::string text = assignment.substr(equals + 1);
    // The value may be a secret (or a secret typed under a misspelt key), so
    // messages about an assignment quote it only for known, non-sensitive keys.
    const auto index = find(key, {}, "--set " + key + ": ");
    if (!index) {
      return;
    }
    const auto& decl = m_document.parameters[*index];
    const std::string shown = decl.sensitive ? "--set " + key + "=(sensitive value)" : "--set " + assignment;
    util::Diagnostics parse_problems;
    yaml::NodePtr node;
    if (decl.type == "string") {
      auto scalar = std::make_shared<yaml::Node>();
      scalar->kind = yaml::Kind::scalar;
      scalar->scalar = text;
      scalar->plain = false;
      node = scalar;
    } else {
      // No file name: a --set value has no place in a file to point at.
      node = yaml::load(text, "", parse_problems);
    }
    if (!node || parse_problems.has_errors()) {
      // Say what is wrong with the YAML (an unknown alias, an unclosed '['),
      // not only which type was expected; a sensitive value's problem is not
      // quoted, as YAML messages may repeat part of the value.
      std::string problem;
      if (!decl.sensitive && !parse_problems.all().empty()) {
        const auto first = parse_problems.sorted().front();
        problem = ": " + first.message + " (column " + std::to_string(first.location.column) + ")";
      }
      m_diagnostics.error({}, shown + ": parameter " + util::quoted(key) + " expects " +
                                  article_type(decl.type) + (decl.sensitive ? "" : ", got '" + text + "'") +
                                  problem);
      return;
    }
    m_keep_alive.push_back(node);
    assign(*index, *node, "--set", {}, shown + ": ");
  }

  std::vector<ResolvedParameter> finish() {
    std::vector<ResolvedParameter> result;
    for (std::size_t i = 0; i < m_document.parameters.size(); ++i) {
      const auto& decl = m_document.parameters[i];
      ResolvedParameter parameter;
      parameter.name = decl.name;
      parameter.type = decl.type;
      parameter.description = decl.description;
      parameter.sensitive = decl.sensitive;
      parameter.pattern = decl.pattern;
      parameter.origin = decl.node;
      if (decl.min != nullptr) {
        parameter.min = yaml::as_number(*decl.min);
      }
      if (decl.max != nullptr) {
        parameter.max = yaml::as_number(*decl.max);
      }
      if (decl.allowed != nullptr && decl.allowed->is_sequence()) {
        for (const auto& item : decl.allowed->items) {
          std::string problem;
          if (auto allowed = coerce(*item, decl.type, problem)) {
            parameter.allowed.push_back(*allowed);
          } else {
            m_diagnostics.error(item->location(),
                                "allowed value of parameter " + util::quoted(decl.name) + " " + problem);
          }
        }
      }
      if (decl.default_value != nullptr) {
        std::string problem;
        parameter.default_value = coerce(*decl.default_value, decl.type, problem);
      }
      if (!m_values[i] && !m_failed.count(i) && m_placeholder_secrets && decl.sensitive &&
          decl.type == "string") {
        parameter.value = Value::string(secret_placeholder_text(decl.name));
        parameter.value.sensitive = true;
        parameter.value.placeholder = true;
        parameter.source = "placeholder";
        note_unchecked_constraints(decl);
        result.push_back(std::move(parameter));
        continue;
      }
      if (!m_values[i]) {
        if (!m_failed.count(i)) {
          m_diagnostics.error(decl.node->location(), "missing required parameter " + util::quoted(decl.name) +
                                                         " (it has no default: pass --set " + decl.name +
                                                         "=VALUE or a --values file)");
        }
        result.push_back(std::move(parameter));
        continue;
      }
      parameter.value = *m_values[i];
      parameter.value.sensitive = decl.sensitive;
      parameter.source = m_sources[i];
      check_constraints(parameter, i);
      result.push_back(std::move(parameter));
    }
    return result;
  }

 private:
  std::optional<std::size_t> find(const std::string& name, const util::SourceLocation& where,
                                  const std::string& prefix) {
    for (std::size_t i = 0; i < m_document.parameters.size(); ++i) {
      if (m_document.parameters[i].name == name) {
        return i;
      }
    }
    m_diagnostics.error(
        where, prefix + "unknown parameter " + util::quoted(name) +
                   util::did_you_mean(name, util::names_of(m_document.parameters, &ParameterDecl::name)));
    return std::nullopt;
  }

  void assign(std::size_t index, const yaml::Node& node, const std::string& source,
              const util::SourceLocation& /*where*/, const std::string& prefix = "") {
    const auto& decl = m_document.parameters[index];
    std::string problem;
    auto value = coerce(node, decl.type, problem, !decl.sensitive);
    if (!value) {
      const util::SourceLocation where = node.file ? node.location() : util::SourceLocation{};
      m_diagnostics.error(where, prefix + "parameter " + util::quoted(decl.name) + " " + problem);
      m_failed.insert(index);
      m_values[index].reset();
      return;
    }
    m_failed.erase(index);
    m_values[index] = std::move(*value);
    m_sources[index] = source;
    m_value_nodes[index] = &node;
  }

  // A placeholder is not the secret: its constraints wait for the value,
  // and the user should know they were not checked rather than passed.
  void note_unchecked_constraints(const ParameterDecl& decl) {
    std::vector<std::string> unchecked;
    if (decl.allowed != nullptr) {
      unchecked.emplace_back("allowed values");
    }
    if (decl.min != nullptr || decl.max != nullptr) {
      unchecked.emplace_back(decl.min != nullptr && decl.max != nullptr ? "min and max"
                             : decl.min != nullptr                      ? "min"
                                                                        : "max");
    }
    if (!decl.pattern.empty()) {
      unchecked.emplace_back("pattern");
    }
    if (unchecked.empty()) {
      return;
    }
    const bool one = unchecked.size() == 1;
    m_diagnostics.add({util::Severity::note, decl.node->location(),
                       "sensitive parameter " + util::quoted(decl.name) + " has no value, so its " +
                           util::join(unchecked, " and ") + (one ? " was" : " were") +
                           " not checked (pass it with --set or --values to check " + (one ? "it" : "them") +
                           ")"});
  }

  void check_constraints(const ResolvedParameter& parameter, std::size_t index) {
    const yaml::Node* node = m_value_nodes[index];
    const util::SourceLocation where =
        (node != nullptr && node->file) ? node->location() : util::SourceLocation{};
    const std::string prefix = where.file.empty() ? "parameter " : "";
    const std::string shown =
        parameter.sensitive ? "(sensitive value)" : "'" + parameter.value.to_display_string() + "'";
    const std::string origin = where.file.empty() ? " (from " + parameter.source + ")" : "";
    if (!parameter.allowed.empty()) {
      bool found = false;
      std::vector<std::string> options;
      for (const auto& allowed : parameter.allowed) {
        found = found || allowed.same_data(parameter.value);
        options.push_back(allowed.to_display_string());
      }
      if (!found) {
        m_diagnostics.error(
            where,
            "value " + shown + " of parameter " + util::quoted(parameter.name) + origin +
                " is not allowed; expected one of " + util::join(options, ", ") +
                (parameter.sensitive ? ""
                                     : util::did_you_mean(parameter.value.to_display_string(), options)));
      }
    }
    if (parameter.value.kind() == Value::Kind::integer || parameter.value.kind() == Value::Kind::number) {
      const double number = parameter.value.as_number();
      if (parameter.min && number < *parameter.min) {
        m_diagnostics.error(where, "value " + shown + " of parameter " + util::quoted(parameter.name) +
                                       origin + " is below its minimum " +
                                       Value::number(*parameter.min).to_display_string());
      }
      if (parameter.max && number > *parameter.max) {
        m_diagnostics.error(where, "value " + shown + " of parameter " + util::quoted(parameter.name) +
                                       origin + " is above its maximum " +
                                       Value::number(*parameter.max).to_display_string());
      }
    }
    if (!parameter.pattern.empty() && parameter.value.kind() == Value::Kind::string) {
      RE2 pattern(parameter.pattern, RE2::Quiet);
      if (!pattern.ok()) {
        const auto* decl = m_document.find_parameter(parameter.name);
        m_diagnostics.error(
            decl->node->location(),
            "invalid pattern of parameter " + util::quoted(parameter.name) + ": " + pattern.error());
      } else if (!RE2::PartialMatch(parameter.value.as_string(), pattern)) {
        m_diagnostics.error(where, "value " + shown + " of parameter " + util::quoted(parameter.name) +
                                       origin + " does not match its pattern " +
                                       util::quoted(parameter.pattern));
      }
    }
    (void)prefix;
  }

  const Document& m_document;
  bool m_placeholder_secrets;
  std::vector<yaml::NodePtr>& m_keep_alive;
  util::Diagnostics& m_diagnostics;
  std::vector<std::optional<Value>> m_values;
  std::vector<std::string> m_sources;
  std::vector<const yaml::Node*> m_value_nodes;
  std::set<std::size_t> m_failed;
};

}  // namespace

std::string secret_placeholder_text(const std::string& name) {
  return "<placeholder: sensitive parameter " + name + " has no value>";
}

std::vector<ResolvedParameter> bind_parameters(const Document& document, const ParameterInputs& inputs,
                                               std::vector<yaml::NodePtr>& keep_alive,
                                               util::Diagnostics& diagnostics) {
  Binder binder(document, inputs.placeholder_secrets, keep_alive, diagnostics);
  binder.apply_defaults();
  if (inputs.environment != nullptr && inputs.environment->parameters != nullptr) {
    binder.apply_mapping(*inputs.environment->parameters, "environment");
  }
  for (const auto& file : inputs.values_files) {
    binder.apply_values_file(file);
  }
  for (const auto& assignment : inputs.set_values) {
    binder.apply_set(assignment);
  }
  return binder.finish();
}

}  // namespace dharma::blueprint

#include "dharma/policy/policy_listing.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

std::string operand_text(const Check& check) {
  if (!check.parameter.empty()) {
    return "param." + check.parameter;
  }
  return check.value.kind() == value::Value::Kind::string ? "\"" + check.value.as_string() + "\""
                                                          : check.value.to_display_string();
}

// One line per node, indented: `all:`, `- properties.encrypted equals true`.
void describe(const Condition& condition, int depth, std::ostringstream& out) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  switch (condition.kind) {
    case Condition::Kind::all:
    case Condition::Kind::any:
      out << indent << (condition.kind == Condition::Kind::all ? "all of:" : "any of:") << '\n';
      for (const auto& child : condition.children) {
        describe(*child, depth + 1, out);
      }
      return;
    case Condition::Kind::negation:
      out << indent << "not:" << '\n';
      describe(*condition.children.front(), depth + 1, out);
      return;
    case Condition::Kind::check:
      break;
  }
  const Check& check = condition.check;
  out << indent << check.path << ' ' << operator_name(check.op);
  if (check.op == Operator::length) {
    out << ' ' << operator_name(check.compare) << ' ' << operand_text(check);
  } else if (check.where) {
    out << " item where:\n";
    describe(*check.where, depth + 1, out);
    return;
  } else if (check.op != Operator::exists && check.op != Operator::absent) {
    out << ' ' << operand_text(check);
  }
  if (check.missing_result && check.op != Operator::exists && check.op != Operator::absent) {
    out << " (or missing)";
  }
  out << '\n';
}

std::string describe(const Condition& condition) {
  std::ostringstream out;
  describe(condition, 0, out);
  return out.str();
}

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

}  // namespace

std::string list_text(const std::vector<const Policy*>& policies) {
  std::size_t id_width = 2;
  std::size_t name_width = 4;
  for (const Policy* policy : policies) {
    id_width = std::max(id_width, policy->id.size());
    name_width = std::max(name_width, policy->name.size());
  }
  std::ostringstream out;
  out << pad("ID", id_width) << "  " << pad("SEVERITY", 8) << "  " << pad("ENFORCEMENT", 11) << "  "
      << pad("CATEGORY", 11) << "  NAME\n";
  for (const Policy* policy : policies) {
    out << pad(policy->id, id_width) << "  " << pad(severity_name(policy->severity), 8) << "  "
        << pad(enforcement_name(policy->enforcement), 11) << "  " << pad(category_name(policy->category), 11)
        << "  " << policy->name << '\n';
  }
  out << policies.size() << " policies\n";
  return out.str();
}

std::string list_json(const std::vector<const Policy*>& policies) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Policy* policy : policies) {
    nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
    for (const auto& parameter : policy->parameters) {
      parameters[parameter.name] = parameter.description;
    }
    list.push_back({{"id", policy->id},
                    {"name", policy->name},
                    {"description", policy->description},
                    {"severity", severity_name(policy->severity)},
                    {"category", category_name(policy->category)},
                    {"enforcement", enforcement_name(policy->enforcement)},
                    {"applies_to", policy->applies_to},
                    {"remediation", policy->remediation},
                    {"references", policy->references},
                    {"parameters", parameters},
                    {"file", policy->file}});
  }
  return list.dump(2) + "\n";
}

std::string list_markdown(const std::vector<const Policy*>& policies) {
  std::ostringstream out;
  out << "| ID | Name | Severity | Enforcement | Category | Applies to |\n|---|---|---|---|---|---|\n";
  for (const Policy* policy : policies) {
    out << "| [" << policy->id << "](#" << policy->id << ") | " << policy->name << " | "
        << severity_name(policy->severity) << " | " << enforcement_name(policy->enforcement) << " | "
        << category_name(policy->category) << " | `" << util::join(policy->applies_to, "`, `") << "` |\n";
  }
  for (const Policy* policy : policies) {
    out << "\n### " << policy->id << "\n\n**" << policy->name << "** — " << severity_name(policy->severity)
        << ", " << enforcement_name(policy->enforcement) << ", " << category_name(policy->category) << "\n\n"
        << policy->description << "\n\n";
    out << "Applies to: `" << util::join(policy->applies_to, "`, `") << "`\n\n";
    if (policy->when) {
      out << "Only when:\n\n```\n" << describe(*policy->when) << "```\n\n";
    }
    out << "Compliant when:\n\n```\n" << describe(*policy->condition) << "```\n\n";
    for (const auto& parameter : policy->parameters) {
      out << "Parameter `" << parameter.name << "`: " << parameter.description
          << (parameter.default_value ? " Default: `" + parameter.default_value->to_display_string() + "`."
                                      : std::string(" Required: the policy does not run until it is set."))
          << "\n\n";
    }
    out << "Remediation: " << policy->remediation << "\n";
    if (!policy->references.empty()) {
      out << "\nReferences: " << util::join(policy->references, "; ") << "\n";
    }
  }
  return out.str();
}

std::string show_text(const Policy& policy) {
  std::ostringstream out;
  out << policy.id << ": " << policy.name << '\n'
      << "  severity:    " << severity_name(policy.severity) << '\n'
      << "  enforcement: " << enforcement_name(policy.enforcement) << '\n'
      << "  category:    " << category_name(policy.category) << '\n'
      << "  applies to:  " << util::join(policy.applies_to, ", ") << '\n'
      << "  file:        " << policy.file << "\n\n"
      << policy.description << "\n\n";
  if (policy.when) {
    out << "Only when:\n" << describe(*policy.when) << '\n';
  }
  out << "Compliant when:\n" << describe(*policy.condition) << '\n';
  for (const auto& parameter : policy.parameters) {
    out << "Parameter " << parameter.name << ": " << parameter.description;
    auto set = std::find_if(policy.parameter_values.begin(), policy.parameter_values.end(),
                            [&](const auto& entry) { return entry.first == parameter.name; });
    out << (set != policy.parameter_values.end() ? " (now " + set->second.to_display_string() + ")"
                                                 : std::string(" (not set: the policy does not run)"))
        << '\n';
  }
  out << "Message:     " << policy.message << '\n' << "Remediation: " << policy.remediation << '\n';
  if (!policy.references.empty()) {
    out << "References:  " << util::join(policy.references, "; ") << '\n';
  }
  out << "Tests:       " << policy.fixtures.size() << " case(s)\n";
  return out.str();
}

}  // namespace dharma::policy

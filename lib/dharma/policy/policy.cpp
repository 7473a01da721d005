#include "dharma/policy/policy.hpp"

#include <array>

#include "dharma/util/find.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {
constexpr std::array k_severities{"critical", "high", "medium", "low", "info"};
constexpr std::array k_categories{"security", "compliance", "cost", "operations", "reliability"};
constexpr std::array k_enforcements{"advisory", "soft", "hard"};
constexpr std::array k_providers{"aws", "azure", "gcp", "kubernetes"};

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<const char*, N>& names, const std::string& text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text == names[i]) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}
}  // namespace

const char* severity_name(Severity severity) {
  return k_severities.at(static_cast<std::size_t>(severity));
}
const char* category_name(Category category) {
  return k_categories.at(static_cast<std::size_t>(category));
}
const char* enforcement_name(Enforcement enforcement) {
  return k_enforcements.at(static_cast<std::size_t>(enforcement));
}
std::optional<Severity> parse_severity(const std::string& text) {
  return parse_name<Severity>(k_severities, text);
}
std::optional<Category> parse_category(const std::string& text) {
  return parse_name<Category>(k_categories, text);
}
std::optional<Enforcement> parse_enforcement(const std::string& text) {
  return parse_name<Enforcement>(k_enforcements, text);
}
std::vector<std::string> severity_names() {
  return {k_severities.begin(), k_severities.end()};
}

const Parameter* Policy::find_parameter(const std::string& parameter) const {
  return util::find_by(parameters, &Parameter::name, parameter);
}

std::vector<std::string> Policy::missing_parameters() const {
  std::vector<std::string> missing;
  for (const auto& parameter : parameters) {
    bool set = false;
    for (const auto& entry : parameter_values) {
      set = set || entry.first == parameter.name;
    }
    if (!set) {
      missing.push_back(parameter.name);
    }
  }
  return missing;
}

bool applies_to(const Policy& policy, const std::string& type, const std::string& provider) {
  for (const auto& pattern : policy.applies_to) {
    bool is_provider = false;
    for (const char* name : k_providers) {
      is_provider = is_provider || pattern == name;
    }
    if (is_provider ? pattern == provider : util::glob_match(pattern, type)) {
      return true;
    }
  }
  return false;
}

}  // namespace dharma::policy

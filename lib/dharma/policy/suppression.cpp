#include "dharma/policy/suppression.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "dharma/util/text.hpp"

namespace dharma::policy {

bool valid_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  const int year = std::stoi(text.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                     std::chrono::day{day}}
      .ok();
}

void validate_skips(const blueprint::ResolvedBlueprint& blueprint,
                    const std::vector<std::string>* known_policies, util::Diagnostics& diagnostics) {
  for (const auto& resource : blueprint.resources) {
    for (const auto& skip : resource.guard_skips) {
      util::SourceLocation where = skip.origin != nullptr       ? skip.origin->location()
                                   : resource.origin != nullptr ? resource.origin->location()
                                                                : util::SourceLocation{blueprint.file};
      const std::string prefix = "guard.skip on " + util::quoted(resource.name) + ": ";
      if (skip.policy.empty()) {
        diagnostics.error(where, prefix + "missing 'policy' (the id of the policy to skip)");
      } else if (known_policies != nullptr && std::find(known_policies->begin(), known_policies->end(),
                                                        skip.policy) == known_policies->end()) {
        diagnostics.error(where, prefix + "unknown policy " + util::quoted(skip.policy) +
                                     util::did_you_mean(skip.policy, *known_policies) +
                                     " (run 'dharma guard policies list')");
      }
      if (util::trim(skip.reason).empty()) {
        diagnostics.error(where, prefix + "a 'reason' is required: say why the policy does not apply");
      }
      if (!skip.expires.empty() && !valid_date(skip.expires)) {
        diagnostics.error(
            where, prefix + "'expires' must be a date written YYYY-MM-DD, not " + util::quoted(skip.expires));
      }
    }
  }
}

}  // namespace dharma::policy

// The policy engine. For each target (a resource) and each policy that
// applies to its type or provider, it evaluates the policy's `when` (if any)
// and then its `condition`; a condition that does not hold is a finding.
// The work is one pass over resources × policies, linear in both (about
// 0.2 µs per pair, docs/PERFORMANCE.md). A finding is then matched against the resource's `guard.skip`
// entries: a live skip marks it suppressed, an expired one is recorded on the
// finding (so every output can say so) but leaves it open.

#include "dharma/policy/engine.hpp"

#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "dharma/policy/evaluator.hpp"
#include "dharma/policy/message.hpp"
#include "dharma/util/sha256.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

std::optional<Suppression> matching_skip(const Target& target, const Policy& policy,
                                         const std::string& today) {
  if (target.skips == nullptr) {
    return std::nullopt;
  }
  for (const auto& skip : *target.skips) {
    if (skip.policy != policy.id) {
      continue;
    }
    Suppression suppression;
    suppression.reason = skip.reason;
    suppression.expires = skip.expires;
    suppression.expired = !skip.expires.empty() && skip.expires < today;
    suppression.location = skip.origin != nullptr ? skip.origin->location() : target.location;
    return suppression;
  }
  return std::nullopt;
}

// Appends `path` without its list indexes (steps of digits only), so a
// finding keeps its fingerprint when list items are reordered.
void append_without_indexes(std::string& out, std::string_view path) {
  bool first = true;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string_view step =
        path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    const bool index = !step.empty() && step.find_first_not_of("0123456789") == std::string_view::npos;
    if (!index) {
      if (!first) {
        out += '.';
      }
      out.append(step);
      first = false;
    }
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
}

}  // namespace

std::string fingerprint(const std::string& blueprint, const std::string& policy, const std::string& type,
                        const std::string& resource, const std::string& path) {
  std::string input;
  input.reserve(blueprint.size() + policy.size() + type.size() + resource.size() + path.size() + 4);
  input.append(blueprint).append(1, '\n').append(policy).append(1, '\n').append(type).append(1, '\n');
  input.append(resource).append(1, '\n');
  append_without_indexes(input, path);
  const auto digest = util::sha256(input);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex = "v1:";
  for (std::size_t i = 0; i < 8; ++i) {
    hex += k_hex[digest[i] >> 4U];
    hex += k_hex[digest[i] & 0x0FU];
  }
  return hex;
}

EngineResult run_policies(const std::vector<const Policy*>& policies, const std::vector<Target>& targets,
                          const EngineOptions& options) {
  EngineResult result;
  // Which policies apply depends only on the type and provider, of which a
  // blueprint has few: matched once per pair, not once per resource.
  std::map<std::pair<std::string, std::string>, std::vector<char>> applies_by_type;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const Target& target = targets[t];
    auto [found, added] =
        applies_by_type.try_emplace({target.type, target.subject.provider.as_string()}, std::vector<char>());
    std::vector<char>& matching = found->second;
    if (added) {
      matching.reserve(policies.size());
      for (const Policy* policy : policies) {
        matching.push_back(applies_to(*policy, target.type, target.subject.provider.as_string()) ? 1 : 0);
      }
    }
    for (std::size_t p = 0; p < policies.size(); ++p) {
      const Policy* policy = policies[p];
      if (matching[p] == 0) {
        continue;
      }
      if (policy->when) {
        const auto applies = judge(*policy->when, target.subject, policy->parameter_values);
        if (applies.unknown) {
          ++result.unknown;
        }
        if (!applies.holds) {
          continue;
        }
      }
      const auto severity = static_cast<std::size_t>(policy->severity);
      const auto evaluation = judge(*policy->condition, target.subject, policy->parameter_values);
      if (evaluation.unknown) {
        ++result.unknown;  // depends on a secret given no value: neither passed nor failed
        continue;
      }
      if (evaluation.holds) {
        ++result.checked[severity];
        if (options.record_evaluated) {
          result.evaluated.push_back({policy, t, false});
        }
        continue;
      }
      Finding finding;
      finding.policy = policy;
      finding.blueprint = target.blueprint;
      finding.file = target.file;
      finding.resource = target.resource;
      finding.resource_type = target.type;
      finding.resource_index = target.index;
      finding.path = evaluation.blamed();
      finding.location = target.location;
      if (target.locate && !finding.path.empty()) {
        auto property = target.locate(finding.path);
        if (property.has_position()) {
          finding.location = property;
        }
      }
      finding.message = render_message(policy->message, *policy, target.subject);
      finding.fingerprint =
          fingerprint(target.blueprint, policy->id, target.type, target.resource, finding.path);
      finding.suppression = matching_skip(target, *policy, options.today);
      if (finding.suppression && !finding.suppression->expired) {
        finding.state = FindingState::suppressed;
      } else {
        ++result.checked[severity];
        ++result.failed[severity];
      }
      if (options.record_evaluated) {
        result.evaluated.push_back({policy, t, true});
      }
      result.findings.push_back(std::move(finding));
    }
  }
  return result;
}

const char* finding_state_name(FindingState state) {
  switch (state) {
    case FindingState::open:
      return "open";
    case FindingState::suppressed:
      return "suppressed";
    case FindingState::baselined:
      return "baselined";
  }
  return "open";
}

}  // namespace dharma::policy

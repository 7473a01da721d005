#pragma once
// Finding messages: a policy's `message` with `${...}` placeholders filled
// from the resource (docs/guard.md, "Messages").
//
//   ${resource.name} ${resource.type} ${resource.provider} ${resource.region}
//   ${resource.environment} ${policy.id} ${policy.name} ${param.NAME}
//   ${properties.PATH} ${tags.KEY} ${labels.KEY}

#include <string>
#include <vector>

#include "dharma/policy/subject.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::policy {

struct Policy;

// Reports unknown or unterminated placeholders in `text` at `where`.
void validate_message(const std::string& text, const std::vector<std::string>& parameters,
                      const util::SourceLocation& where, util::Diagnostics& diagnostics);

// `text` with placeholders replaced. Sensitive values print as `(sensitive)`,
// missing ones as `(unset)`.
std::string render_message(const std::string& text, const Policy& policy, const Subject& subject);

}  // namespace dharma::policy

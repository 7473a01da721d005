#pragma once
// What `deploy status` and `deploy history` print, from the journal: text
// for people, or one JSON document.

#include <ostream>
#include <string>
#include <vector>

#include "dharma/deploy/journal.hpp"

namespace dharma::api {

void print_status(deploy::Journal& journal, const std::string& environment_id, const std::string& environment,
                  const std::string& format, std::ostream& out);
void print_history(const std::vector<deploy::DeploymentRecord>& deployments, const std::string& format,
                   std::ostream& out);

}  // namespace dharma::api

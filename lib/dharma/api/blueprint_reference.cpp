#include "dharma/api/blueprint_reference.hpp"

#include <cstdlib>
#include <set>

#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {

BlueprintReference parse_blueprint_reference(const std::string& text) {
  BlueprintReference out;
  std::string rest = text;
  if (const auto at = rest.find('@'); at != std::string::npos) {
    const std::string number = rest.substr(at + 1);
    char* end = nullptr;
    const long value = std::strtol(number.c_str(), &end, 10);
    if (number.empty() || *end != '\0' || value < 1 || value > 1'000'000'000) {
      throw util::Error("invalid version in " + util::quoted(text) +
                        ": expected [PROJECT/]NAME@NUMBER, e.g. web@3 or shop/web@3");
    }
    out.version = static_cast<int>(value);
    rest = rest.substr(0, at);
  }
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    out.project = rest.substr(0, slash);
    rest = rest.substr(slash + 1);
    if (out.project.empty() || rest.find('/') != std::string::npos) {
      throw util::Error("invalid blueprint " + util::quoted(text) + ": expected [PROJECT/]NAME[@VERSION]");
    }
  }
  if (rest.empty()) {
    throw util::Error("invalid blueprint " + util::quoted(text) +
                      ": the name is empty (expected [PROJECT/]NAME[@VERSION])");
  }
  out.name = rest;
  return out;
}

std::string choose_project(const std::string& reference_project, const std::string& flag_project,
                           const std::string& name, const std::vector<state::BlueprintSummary>& stored) {
  if (!reference_project.empty() && !flag_project.empty() && reference_project != flag_project) {
    throw util::Error("blueprint " + reference_project + "/" + name + " names project " +
                      util::quoted(reference_project) + " but --project says " + util::quoted(flag_project) +
                      "; give one of them");
  }
  if (!reference_project.empty()) {
    return reference_project;
  }
  if (!flag_project.empty()) {
    return flag_project;
  }
  std::vector<std::string> holding;
  std::set<std::string> projects;
  for (const auto& summary : stored) {
    projects.insert(summary.project);
    if (summary.name == name) {
      holding.push_back(summary.project);
    }
  }
  if (holding.size() == 1) {
    return holding.front();
  }
  if (holding.size() > 1) {
    std::vector<std::string> candidates;
    for (const auto& project : holding) {
      candidates.push_back(project + "/" + name);
    }
    throw util::Error("blueprint " + util::quoted(name) + " is in " + std::to_string(holding.size()) +
                      " projects: " + util::join(candidates, ", ") +
                      "; name one as PROJECT/NAME or with --project");
  }
  if (projects.size() == 1) {
    return *projects.begin();
  }
  const std::vector<std::string> names(projects.begin(), projects.end());
  throw util::Error("--project is required: no stored blueprint " + util::quoted(name) +
                    (names.empty()
                         ? std::string(" and the tenant has no projects yet")
                         : " and the tenant has several projects (" + util::join(names, ", ") + ")") +
                    "; name it as PROJECT/NAME or pass --project");
}

}  // namespace dharma::api

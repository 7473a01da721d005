#pragma once
// The SARIF 2.1.0 scaffolding every dharma report shares (guard's policy
// findings, drift's findings): the tool driver, the run's artifact list
// (each file once, by index), physical and logical locations, the common
// head of a result, and the log around one run. Each report adds its own
// rules, messages and properties; key order is fixed, so goldens compare
// byte for byte.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace dharma::sarif {

using Json = nlohmann::ordered_json;

enum class Level { error, warning, note };

const char* level_name(Level level);

// tool.driver: "dharma-COMMAND", "dharma COMMAND VERSION", the version and
// information URI this binary was built with, and `rules`.
Json driver(const std::string& command, Json rules);

// {"uri", "uriBaseId"?}: a relative path is a URI reference against
// %SRCROOT% (where the scan ran); an absolute one a file:// URI, no base.
Json artifact_location(const std::string& file);

// run.artifacts: each file once, in the order first asked for, with the
// role analysisTarget.
class Artifacts {
 public:
  std::size_t index(const std::string& file);
  Json take() { return std::move(m_list); }

 private:
  Json m_list = Json::array();
  std::map<std::string, std::size_t> m_index;
};

// One location: the file (with its index in run.artifacts) and, when
// `line` > 0, the region line:column; plus a logical location naming the
// resource (kind "resource").
Json location(const std::string& file, std::size_t artifact_index, int line, int column,
              const std::string& name, const std::string& fully_qualified_name);

// The head every result starts with: ruleId, ruleIndex, level, message,
// locations (one), partialFingerprints (one).
Json result(const std::string& rule_id, std::size_t rule_index, Level level, const std::string& message,
            Json one_location, const std::string& fingerprint_name, const std::string& fingerprint);

// A run: tool, artifacts, results, columnKind (Unicode code points).
Json run(Json driver, Json artifacts, Json results);

// The whole log around one run, indented by 2, ending in a newline;
// invalid UTF-8 in any text is replaced, never an error.
std::string log(Json one_run);

}  // namespace dharma::sarif

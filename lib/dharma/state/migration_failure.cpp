#include "dharma/state/migration_failure.hpp"

#include "dharma/util/text.hpp"

namespace dharma::state {

FailurePlace locate_failure(const SqlStatement& statement, const std::string& server_message) {
  FailurePlace place{statement.line, statement.column, ""};
  const auto lines = util::split(server_message, '\n');
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    if (util::starts_with(line, "LINE ")) {
      const auto colon = line.find(": ");
      const int context_line = std::atoi(line.substr(5, colon - 5).c_str());
      if (context_line >= 1 && colon != std::string::npos) {
        place.line = statement.line + context_line - 1;
        const std::string prefix = line.substr(0, colon + 2);
        const bool truncated = util::starts_with(line.substr(prefix.size()), "...");
        if (i + 1 < lines.size() && !truncated) {
          const auto caret = lines[i + 1].find('^');
          if (caret != std::string::npos && caret >= prefix.size()) {
            const int offset = static_cast<int>(caret - prefix.size());
            place.column = (context_line == 1 ? statement.column : 1) + offset;
          }
        } else {
          place.column = 1;
        }
        ++i;  // skip the caret line
      }
      continue;
    }
    if (util::starts_with(line, "ERROR:")) {
      line = util::trim(line.substr(6));
    }
    if (!util::trim(line).empty()) {
      kept.push_back(util::trim(line));
    }
  }
  place.message = util::join(kept, "; ");
  return place;
}

}  // namespace dharma::state

#include "dharma/api/blueprint_commands.hpp"
#include "dharma/blueprint/json_view.hpp"
#include "dharma/yaml/writer.hpp"

namespace dharma::api {

int show_blueprint(const std::string& file, const ResolveOptions& options, const std::string& format,
                   std::ostream& out) {
  const auto resolved = load_blueprint_or_exit(file, options);
  const auto document = blueprint::resolved_to_json(resolved, true);
  if (format == "json") {
    out << document.dump(2) << '\n';
  } else {
    out << yaml::to_yaml(document);
  }
  return 0;
}

}  // namespace dharma::api

#include "dharma/api/blueprint_commands.hpp"
#include "dharma/blueprint/json_view.hpp"
#include "dharma/yaml/writer.hpp"

namespace dharma::api {

int blueprint_show(const BlueprintOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto resolved = load_blueprint_or_exit(context, options.file, options.resolve);
  const auto document = blueprint::resolved_to_json(resolved, true);
  if (options.format == "json") {
    out << document.dump(2) << '\n';
  } else {
    out << yaml::to_yaml(document);
  }
  return 0;
}

}  // namespace dharma::api

#include "command.hpp"

namespace dharma::cli {

std::vector<CommandEntry>& command_registry() {
  static std::vector<CommandEntry> registry;
  return registry;
}

CommandRegistration::CommandRegistration(int order, CommandRegistrar registrar) {
  command_registry().push_back({order, std::move(registrar)});
}

}  // namespace dharma::cli

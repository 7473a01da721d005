#include "command.hpp"

#include <algorithm>
#include <stdexcept>

namespace dharma::cli {
namespace {

// The order of `dharma --help`, and of registration: a registrar that adds
// to another's command ("blueprint store" adds push/pull to "blueprint")
// comes after it.
const std::vector<std::string> k_command_order = {
    "blueprint", "blueprint store", "generate",   "cost",     "guard",  "drift",
    "loadtest",  "loadtest report", "deploy",     "db",       "tenant", "cache",
    "stack",     "version",         "completion", "manpages",
};

std::vector<CommandEntry>& command_registry() {
  static std::vector<CommandEntry> registry;
  return registry;
}

std::size_t position(const std::string& name) {
  const auto it = std::find(k_command_order.begin(), k_command_order.end(), name);
  if (it == k_command_order.end()) {
    throw std::logic_error("command '" + name + "' is not in k_command_order (cli/command.cpp)");
  }
  return static_cast<std::size_t>(it - k_command_order.begin());
}

}  // namespace

std::vector<CommandEntry> ordered_commands() {
  std::vector<CommandEntry> commands = command_registry();
  std::sort(commands.begin(), commands.end(),
            [](const CommandEntry& a, const CommandEntry& b) { return position(a.name) < position(b.name); });
  for (const auto& command : commands) {
    position(command.name);  // a lone registration is checked too
  }
  return commands;
}

CommandRegistration::CommandRegistration(std::string name, CommandRegistrar registrar) {
  command_registry().push_back({std::move(name), std::move(registrar)});
}

}  // namespace dharma::cli

#include "dharma/state/connection_check.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <memory>
#include <string>

#include "dharma/util/connection_url.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

// libpq takes a comma-separated port list for multiple hosts; each must be
// empty (the default) or a number from 1 to 65535.
bool valid_ports(const std::string& ports) {
  for (const auto& port : util::split(ports, ',')) {
    if (port.empty()) {
      continue;
    }
    char* end = nullptr;
    const long value = std::strtol(port.c_str(), &end, 10);
    if (*end != '\0' || value < 1 || value > 65535 || !std::isdigit(static_cast<unsigned char>(port[0]))) {
      return false;
    }
  }
  return true;
}

[[noreturn]] void refuse(const Endpoint& endpoint, const std::string& problem) {
  throw util::Error("invalid connection URL " + endpoint.describe() + ": " +
                        util::trim(util::mask_secrets_in(problem, endpoint.url)),
                    util::ExitCode::invalid_input);
}

}  // namespace

void check_connection_string(const Endpoint& endpoint) {
  char* error = nullptr;
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(endpoint.url.c_str(), &error), &PQconninfoFree);
  if (!options) {
    const std::string problem = error != nullptr ? error : "libpq cannot read it";
    PQfreemem(error);
    refuse(endpoint, problem);
  }
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val != nullptr && std::string(option->keyword) == "port" && !valid_ports(option->val)) {
      refuse(endpoint, "the port " + util::quoted(option->val) + " is not a number from 1 to 65535");
    }
  }
}

}  // namespace dharma::state

#include "dharma/state/local_stack.hpp"

#include <cstdlib>
#include <fstream>
#include <map>

namespace dharma::state {
namespace {

namespace fs = std::filesystem;

// KEY=VALUE lines, as scripts/stack writes them; std::nullopt when unreadable.
std::optional<std::map<std::string, std::string>> read_env_file(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    return std::nullopt;
  }
  std::map<std::string, std::string> values;
  std::string line;
  while (std::getline(in, line)) {
    const auto equals = line.find('=');
    if (equals != std::string::npos && equals > 0) {
      values[line.substr(0, equals)] = line.substr(equals + 1);
    }
  }
  return values;
}

// The pid in `pid_file` is a live process whose name contains `name`.
bool pid_alive(const fs::path& pid_file, const std::string& name) {
  std::ifstream in(pid_file);
  std::string pid;
  if (!(in >> pid) || pid.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  std::ifstream comm("/proc/" + pid + "/comm");
  std::string process;
  return static_cast<bool>(std::getline(comm, process)) && process.find(name) != std::string::npos;
}

std::string port(const std::map<std::string, std::string>& ports, const std::string& key,
                 const char* env_name, const char* fallback) {
  if (auto it = ports.find(key); it != ports.end() && !it->second.empty()) {
    return it->second;
  }
  if (const char* env = std::getenv(env_name); env != nullptr && *env != '\0') {
    return env;
  }
  return fallback;
}

}  // namespace

std::optional<LocalStack> find_running_local_stack(const fs::path& directory) {
  if (!pid_alive(directory / "pgbouncer" / "pgbouncer.pid", "pgbouncer") &&
      !pid_alive(directory / "postgres" / "data" / "postmaster.pid", "postgres")) {
    return std::nullopt;
  }
  const auto secrets = read_env_file(directory / "secrets.env");
  if (!secrets || !secrets->count("owner_password") || !secrets->count("app_password")) {
    return std::nullopt;
  }
  const auto ports = read_env_file(directory / "ports.env").value_or(std::map<std::string, std::string>{});
  const std::string pg = port(ports, "pg_port", "DHARMA_PG_PORT", "55432");
  const std::string bouncer = port(ports, "bouncer_port", "DHARMA_PGBOUNCER_PORT", "56432");
  const std::string redis = port(ports, "redis_port", "DHARMA_REDIS_PORT", "56379");
  const std::string owner = "dharma_owner:" + secrets->at("owner_password") + "@127.0.0.1:";
  LocalStack stack;
  stack.directory = directory;
  stack.database_url =
      "postgresql://dharma_app:" + secrets->at("app_password") + "@127.0.0.1:" + bouncer + "/dharma";
  stack.migration_url = "postgresql://" + owner + bouncer + "/dharma";
  stack.direct_url = "postgresql://" + owner + pg + "/dharma";
  stack.redis_url = "redis://127.0.0.1:" + redis + "/0";
  return stack;
}

std::optional<std::string> local_stack_pgbouncer_admin_url(const fs::path& directory) {
  const auto secrets = read_env_file(directory / "secrets.env");
  if (!secrets || !secrets->count("admin_password")) {
    return std::nullopt;
  }
  const auto ports = read_env_file(directory / "ports.env").value_or(std::map<std::string, std::string>{});
  const std::string bouncer = port(ports, "bouncer_port", "DHARMA_PGBOUNCER_PORT", "56432");
  return "postgresql://dharma_admin:" + secrets->at("admin_password") + "@127.0.0.1:" + bouncer +
         "/pgbouncer";
}

}  // namespace dharma::state

#include "dharma/api/blueprint_store_api.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "dharma/blueprint/json_view.hpp"
#include "dharma/api/state_session.hpp"
#include "dharma/state/api_call_counter.hpp"
#include "dharma/state/names.hpp"
#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/schema_history.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/unified_diff.hpp"

namespace dharma::api {
namespace {

// The state session plus the tenant this command acts for, its API call counted.
struct Session {
  StateSession& state;
  state::BlueprintStore blueprints;
  std::string tenant_slug;
  std::string tenant_id;

  Session(const BlueprintStoreOptions& options, CommandContext& context)
      : state(context.state_session(options.connection, !options.no_cache)),
        blueprints(state.store, state.cache),
        tenant_slug(api::tenant_slug(options.tenant)),
        tenant_id(state.resolve_tenant(tenant_slug)) {
    state::count_api_call(state.store, state.cache, tenant_id);
  }
};

void require_project(const BlueprintStoreOptions& options) {
  if (options.project.empty()) {
    throw util::Error("--project is required");
  }
  state::check_store_name(options.project, "--project");
}

}  // namespace

int blueprint_push(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& file = options.file;
  require_project(options);
  const auto resolved = load_blueprint_or_exit(context, file, options.resolve);
  const std::string source = util::read_file(file);
  Session session(options, context);
  const auto outcome = session.blueprints.push(
      session.tenant_id, {options.project, resolved.metadata.name, source,
                          blueprint::resolved_to_json(resolved).dump(), state::current_actor()});
  const std::string target = options.project + "/" + resolved.metadata.name;
  if (outcome.created) {
    out << "pushed " << target << " version " << outcome.version << " (sha256 "
              << outcome.content_hash.substr(0, 12) << "…) for tenant " << session.tenant_slug << '\n';
  } else {
    out << target << " is unchanged at version " << outcome.version << '\n';
  }
  return 0;
}

// NAME[@VERSION] split; exit 2 for a malformed version.
static std::pair<std::string, std::optional<int>> parse_reference(const std::string& reference) {
  std::string name = reference;
  std::optional<int> version;
  if (const auto at = reference.find('@'); at != std::string::npos) {
    name = reference.substr(0, at);
    const std::string number = reference.substr(at + 1);
    char* end = nullptr;
    const long value = std::strtol(number.c_str(), &end, 10);
    if (number.empty() || *end != '\0' || value < 1 || value > 1'000'000'000) {
      throw util::Error("invalid version in '" + reference + "': expected NAME@NUMBER, e.g. web@3");
    }
    version = static_cast<int>(value);
  }
  state::check_store_name(name, "blueprint name");
  return {name, version};
}

int blueprint_pull(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  require_project(options);
  const auto [name, version] = parse_reference(options.reference);
  Session session(options, context);
  const auto pulled = session.blueprints.pull(session.tenant_id, options.project, name, version);
  if (options.out.empty()) {
    out << pulled.source << std::flush;
  } else {
    util::write_file_atomic(options.out, pulled.source);
    context.err() << "wrote " << options.project << "/" << name << " version " << pulled.version << " to "
              << options.out << '\n';
  }
  return 0;
}

int blueprint_list(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  if (!options.project.empty()) {
    state::check_store_name(options.project, "--project");
  }
  Session session(options, context);
  const auto summaries = session.blueprints.list(session.tenant_id, options.project);
  if (options.format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : summaries) {
      items.push_back({{"project", item.project},
                       {"name", item.name},
                       {"latest_version", item.latest_version},
                       {"updated_at", item.updated_at}});
    }
    out << items.dump(2) << '\n';
    return 0;
  }
  std::size_t width = 7;
  for (const auto& item : summaries) {
    width = std::max(width, item.project.size() + 1 + item.name.size());
  }
  out << "BLUEPRINT" << std::string(width > 9 ? width - 9 + 2 : 2, ' ') << "LATEST  UPDATED\n";
  for (const auto& item : summaries) {
    const std::string id = item.project + "/" + item.name;
    out << id << std::string(std::max<std::size_t>(width, 9) - id.size() + 2, ' ') << "v"
              << item.latest_version << std::string(item.latest_version < 10 ? 6 : 5, ' ') << item.updated_at
              << '\n';
  }
  return 0;
}

int blueprint_history(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& name = options.reference;
  require_project(options);
  state::check_store_name(name, "blueprint name");
  Session session(options, context);
  const auto versions = session.blueprints.history(session.tenant_id, options.project, name);
  if (options.format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : versions) {
      items.push_back({{"version", item.version},
                       {"content_hash", item.content_hash},
                       {"author", item.author},
                       {"created_at", item.created_at}});
    }
    out << items.dump(2) << '\n';
    return 0;
  }
  std::size_t author_width = 6;  // "AUTHOR"
  for (const auto& item : versions) {
    author_width = std::max(author_width, item.author.size());
  }
  const auto pad = [](const std::string& text, std::size_t width) {
    return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
  };
  out << pad("VERSION", 9) << pad("SHA256", 14) << pad("AUTHOR", author_width + 2) << "CREATED\n";
  for (const auto& item : versions) {
    out << pad("v" + std::to_string(item.version), 9) << pad(item.content_hash.substr(0, 12), 14)
              << pad(item.author, author_width + 2) << item.created_at << '\n';
  }
  return 0;
}

int blueprint_diff(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  require_project(options);
  const auto [from_name, from_version] = parse_reference(options.from);
  const auto [to_name, to_version] = parse_reference(options.to);
  Session session(options, context);
  const auto a = session.blueprints.pull(session.tenant_id, options.project, from_name, from_version,
                                         state::PullContent::with_resolved);
  const auto b = session.blueprints.pull(session.tenant_id, options.project, to_name, to_version,
                                         state::PullContent::with_resolved);
  const std::string label_a = options.project + "/" + a.name + "@" + std::to_string(a.version);
  const std::string label_b = options.project + "/" + b.name + "@" + std::to_string(b.version);
  out << util::unified_diff(a.source, b.source, label_a, label_b);
  // Resources by name from each stored resolved form.
  auto resources_of = [](const std::string& resolved) {
    std::map<std::string, nlohmann::json> by_name;
    const auto json = nlohmann::json::parse(resolved, nullptr, false);
    if (json.is_object() && json.contains("resources") && json["resources"].is_array()) {
      for (const auto& resource : json["resources"]) {
        if (resource.is_object() && resource.contains("name") && resource["name"].is_string()) {
          by_name[resource["name"].get<std::string>()] = resource;
        }
      }
    }
    return by_name;
  };
  const auto old_resources = resources_of(a.resolved_json);
  const auto new_resources = resources_of(b.resolved_json);
  std::vector<std::string> added, removed, changed;
  for (const auto& [name, resource] : new_resources) {
    const auto it = old_resources.find(name);
    if (it == old_resources.end()) {
      added.push_back(name);
    } else if (it->second != resource) {
      changed.push_back(name);
    }
  }
  for (const auto& [name, resource] : old_resources) {
    if (new_resources.count(name) == 0) {
      removed.push_back(name);
    }
  }
  auto join = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
      out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? std::string("-") : out;
  };
  out << "resources: " << added.size() << " added, " << removed.size() << " removed, " << changed.size()
            << " changed (" << label_a << " -> " << label_b << ")\n"
            << "  added:   " << join(added) << "\n  removed: " << join(removed) << "\n  changed: " << join(changed)
            << '\n';
  return 0;
}

}  // namespace dharma::api

#include "dharma/api/blueprint_store_api.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "dharma/api/blueprint_reference.hpp"
#include "dharma/api/state_session.hpp"
#include "dharma/blueprint/json_view.hpp"
#include "dharma/state/api_call_counter.hpp"
#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/names.hpp"
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

// The project of `reference` (PROJECT/NAME, --project, or found among the
// tenant's stored blueprints: blueprint_reference.hpp).
std::string project_for(Session& session, const BlueprintStoreOptions& options,
                        const BlueprintReference& reference) {
  state::check_store_name(reference.name, "blueprint name");
  if (!reference.project.empty()) {
    state::check_store_name(reference.project, "project");
  }
  if (!options.project.empty()) {
    state::check_store_name(options.project, "--project");
  }
  if (!reference.project.empty() || !options.project.empty()) {
    return choose_project(reference.project, options.project, reference.name, {});
  }
  return choose_project("", "", reference.name, session.blueprints.list(session.tenant_id, ""));
}

}  // namespace

int blueprint_push(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& file = options.file;
  const auto resolved = load_blueprint_or_exit(context, file, options.resolve);
  const std::string source = util::read_file(file);
  Session session(options, context);
  const std::string project = project_for(session, options, {"", resolved.metadata.name, std::nullopt});
  const auto outcome = session.blueprints.push(
      session.tenant_id, {project, resolved.metadata.name, source,
                          blueprint::resolved_to_json(resolved).dump(), state::current_actor()});
  const std::string target = project + "/" + resolved.metadata.name;
  if (outcome.created) {
    out << "pushed " << target << " version " << outcome.version << " (sha256 "
        << outcome.content_hash.substr(0, 12) << "…) for tenant " << session.tenant_slug << '\n';
  } else {
    out << target << " is unchanged at version " << outcome.version << '\n';
  }
  return 0;
}

int blueprint_pull(const BlueprintStoreOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto reference = parse_blueprint_reference(options.reference);
  Session session(options, context);
  const std::string project = project_for(session, options, reference);
  const auto pulled = session.blueprints.pull(session.tenant_id, project, reference.name, reference.version);
  if (options.out.empty()) {
    out << pulled.source << std::flush;
  } else {
    util::write_file_atomic(options.out, pulled.source);
    context.err() << "wrote " << project << "/" << reference.name << " version " << pulled.version << " to "
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
  const auto reference = parse_blueprint_reference(options.reference);
  if (reference.version) {
    throw util::Error("history lists every version: name the blueprint without @VERSION (" +
                      (reference.project.empty() ? "" : reference.project + "/") + reference.name + ")");
  }
  Session session(options, context);
  const std::string project = project_for(session, options, reference);
  const auto versions = session.blueprints.history(session.tenant_id, project, reference.name);
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
  const auto from_reference = parse_blueprint_reference(options.from);
  const auto to_reference = parse_blueprint_reference(options.to);
  Session session(options, context);
  const std::string from_project = project_for(session, options, from_reference);
  const std::string to_project = project_for(session, options, to_reference);
  const auto a = session.blueprints.pull(session.tenant_id, from_project, from_reference.name,
                                         from_reference.version, state::PullContent::with_resolved);
  const auto b = session.blueprints.pull(session.tenant_id, to_project, to_reference.name,
                                         to_reference.version, state::PullContent::with_resolved);
  const std::string label_a = from_project + "/" + a.name + "@" + std::to_string(a.version);
  const std::string label_b = to_project + "/" + b.name + "@" + std::to_string(b.version);
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
    std::string text;
    for (const auto& name : names) {
      text += (text.empty() ? "" : ", ") + name;
    }
    return text.empty() ? std::string("-") : text;
  };
  out << "resources: " << added.size() << " added, " << removed.size() << " removed, " << changed.size()
      << " changed (" << label_a << " -> " << label_b << ")\n"
      << "  added:   " << join(added) << "\n  removed: " << join(removed) << "\n  changed: " << join(changed)
      << '\n';
  return 0;
}

}  // namespace dharma::api

#include "dharma/api/tenant_api.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "dharma/api/state_session.hpp"
#include "dharma/state/api_call_counter.hpp"
#include "dharma/state/names.hpp"
#include "dharma/state/schema_history.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/state/tenant_transfer.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/printable.hpp"

namespace dharma::api {
namespace {

struct Session {
  StateSession& state;
  state::TenantStore& tenants;

  Session(const TenantOptions& options, CommandContext& context)
      : state(context.state_session(options.connection, !options.no_cache)), tenants(state.tenants) {}

  std::string resolve(const std::string& slug) { return state.resolve_tenant(slug); }

  // After an import, which may change any of the tenant's data: nothing of it may stay cached.
  // (TenantStore removes what its own writes make stale.)
  void invalidate(const std::string& tenant_id) {
    state.cache.remove_prefix(cache::tenant_prefix(state.store.cache_tenant(tenant_id)));
  }
};

nlohmann::json tenant_json(const state::Tenant& tenant) {
  nlohmann::json quotas = nlohmann::json::object();
  for (std::size_t i = 0; i < state::k_quota_fields.size(); ++i) {
    quotas[state::k_quota_fields[i].key] = tenant.quotas[i];
  }
  return {{"id", tenant.id},
          {"slug", tenant.slug},
          {"name", tenant.name},
          {"region", tenant.region},
          {"status", tenant.status},
          {"created_at", tenant.created_at},
          {"updated_at", tenant.updated_at},
          {"quotas", quotas}};
}

void print_quotas(const state::Tenant& tenant, std::ostream& out) {
  for (std::size_t i = 0; i < state::k_quota_fields.size(); ++i) {
    out << fmt::format("  {:<18} {}\n", state::k_quota_fields[i].key, tenant.quotas[i]);
  }
}

// `quota show` and `quota set`: the quotas alone, as JSON or a list.
void print_quota_listing(const state::Tenant& tenant, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << tenant_json(tenant)["quotas"].dump(2) << '\n';
    return;
  }
  out << "quotas of " << tenant.slug << "\n";
  print_quotas(tenant, out);
}

void print_tenant(const state::Tenant& tenant, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << tenant_json(tenant).dump(2) << '\n';
    return;
  }
  out << "tenant   " << tenant.slug << "\nid       " << tenant.id << "\nname     " << tenant.name
      << "\nregion   " << tenant.region << "\nstatus   " << tenant.status << "\ncreated  "
      << tenant.created_at << "\nupdated  " << tenant.updated_at << "\nquotas\n";
  print_quotas(tenant, out);
}

}  // namespace

std::vector<std::pair<std::string, long>> tenant_quota_defaults() {
  std::vector<std::pair<std::string, long>> defaults;
  for (const auto& field : state::k_quota_fields) {
    defaults.emplace_back(field.key, field.default_limit);
  }
  return defaults;
}

int tenant_create(const TenantOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& slug = options.slug;
  if (!options.name || options.name->empty()) {
    throw util::Error("--name is required");
  }
  state::check_tenant_slug(slug, "SLUG");
  state::check_tenant_name(*options.name, "--name");
  Session session(options, context);
  const auto tenant = session.tenants.create(slug, *options.name, options.region.value_or("us-east-1"),
                                             state::current_actor());
  if (options.format == "json") {
    print_tenant(tenant, "json", out);
  } else {
    out << "created tenant " << tenant.slug << " (" << tenant.id << ")\n";
  }
  return 0;
}

int tenant_list(const TenantOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  Session session(options, context);
  const auto tenants = session.tenants.list();
  if (options.format == "json") {
    auto list = nlohmann::json::array();
    for (const auto& t : tenants) {
      list.push_back({{"slug", t.slug},
                      {"name", t.name},
                      {"region", t.region},
                      {"status", t.status},
                      {"created_at", t.created_at}});
    }
    out << list.dump(2) << '\n';
    return 0;
  }
  // Escaped before padding, so a control byte in a name or region (shown as
  // \x1b) cannot shift the columns after it.
  const auto row = [&out](const std::string& slug, const std::string& status, const std::string& region,
                          const std::string& created, const std::string& name) {
    out << fmt::format("{:<24} {:<10} {:<14} {:<20} {}\n", util::printable(slug), util::printable(status),
                       util::printable(region), util::printable(created), util::printable(name));
  };
  row("SLUG", "STATUS", "REGION", "CREATED", "NAME");
  for (const auto& t : tenants) {
    row(t.slug, t.status, t.region, t.created_at, t.name);
  }
  return 0;
}

int tenant_show(const TenantOptions& options, CommandContext& context) {
  Session session(options, context);
  print_tenant(session.tenants.get(session.resolve(options.slug)), options.format, context.out());
  return 0;
}

int tenant_update(const TenantOptions& options, CommandContext& context) {
  const std::string& slug = options.slug;
  if (!options.name && !options.region) {
    throw util::Error("nothing to update: pass --name and/or --region");
  }
  if (options.name) {
    state::check_tenant_name(*options.name, "--name");
  }
  Session session(options, context);
  const auto id = session.resolve(slug);
  print_tenant(session.tenants.update(id, options.name, options.region, state::current_actor()),
               options.format, context.out());
  return 0;
}

int tenant_delete(const TenantOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& slug = options.slug;
  Session session(options, context);
  const auto id = session.resolve(slug);
  const long live = session.tenants.soft_delete(id, options.force, state::current_actor());
  out << "deleted tenant " << slug
      << (live > 0 ? " (forced past " + std::to_string(live) + " live deployment(s))" : "")
      << "; its data is kept and its slug stays reserved\n";
  return 0;
}

int tenant_quota_show(const TenantOptions& options, CommandContext& context) {
  Session session(options, context);
  print_quota_listing(session.tenants.get(session.resolve(options.slug)), options.format, context.out());
  return 0;
}

int tenant_quota_set(const TenantOptions& options, CommandContext& context) {
  const std::string& slug = options.slug;
  if (options.quotas.empty()) {
    throw util::Error("nothing to set: pass at least one quota, e.g. --blueprints 10");
  }
  for (const auto& [key, limit] : options.quotas) {
    state::check_quota_limit(limit, "--" + key);
  }
  Session session(options, context);
  const auto id = session.resolve(slug);
  const auto tenant = session.tenants.set_quotas(id, options.quotas, state::current_actor());
  print_quota_listing(tenant, options.format, context.out());
  return 0;
}

int tenant_usage(const TenantOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string& slug = options.slug;
  Session session(options, context);
  const auto id = session.resolve(slug);
  auto lines = session.tenants.usage(id);
  for (auto& line : lines) {
    if (line.key == "api_calls_per_day") {
      line.used = static_cast<double>(state::api_calls_today(session.state.store, session.state.cache, id));
    }
  }
  auto percent = [](const state::UsageLine& line) {
    return line.limit == 0 ? (line.used > 0 ? 100.0 : 0.0)
                           : 100.0 * line.used / static_cast<double>(line.limit);
  };
  if (options.format == "json") {
    auto list = nlohmann::json::array();
    for (const auto& line : lines) {
      list.push_back(
          {{"quota", line.key}, {"used", line.used}, {"limit", line.limit}, {"percent", percent(line)}});
    }
    out << list.dump(2) << '\n';
    return 0;
  }
  out << fmt::format("{:<18} {:>14} {:>10} {:>7}\n", "QUOTA", "USED", "LIMIT", "USED%");
  for (const auto& line : lines) {
    const bool whole = line.key != "storage_gb";
    out << fmt::format("{:<18} {:>14.{}f} {:>10} {:>6.1f}%\n", line.key, line.used, whole ? 0 : 6, line.limit,
                       percent(line));
  }
  return 0;
}

int tenant_export(const TenantOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  Session session(options, context);
  const std::string document = state::export_tenant(session.state.store, session.resolve(options.slug));
  if (options.out.empty()) {
    out << document;
  } else {
    util::write_file_atomic(options.out, document);
  }
  return 0;
}

int tenant_import(const TenantOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const std::string document = util::read_file(options.file);
  Session session(options, context);
  const auto outcome = state::import_tenant(session.state.store, document, state::current_actor());
  session.invalidate(outcome.tenant_id);
  out << "imported tenant " << outcome.slug << ": "
      << (outcome.tenant_created ? "created" : "already present") << ", " << outcome.rows_inserted
      << " new row(s)\n";
  return 0;
}

}  // namespace dharma::api

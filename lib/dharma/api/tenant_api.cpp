#include "dharma/api/tenant_api.hpp"

#include <cstdio>
#include <iostream>

#include <fmt/printf.h>
#include <nlohmann/json.hpp>

#include "dharma/api/state_session.hpp"
#include "dharma/state/api_call_counter.hpp"
#include "dharma/state/names.hpp"
#include "dharma/state/schema_history.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/state/tenant_transfer.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::api {
namespace {

struct Session {
  StateSession context;
  state::TenantStore& tenants;

  explicit Session(const TenantOptions& options)
      : context(options.connection, !options.no_cache), tenants(context.tenants) {}

  std::string resolve(const std::string& slug) { return context.resolve_tenant(slug); }

  // After an import, which may change any of the tenant's data: nothing of it may stay cached.
  // (TenantStore removes what its own writes make stale.)
  void invalidate(const std::string& tenant_id) { context.cache.remove_prefix(cache::tenant_prefix(context.store.cache_tenant(tenant_id))); }
};

nlohmann::json tenant_json(const state::Tenant& tenant) {
  nlohmann::json quotas = nlohmann::json::object();
  for (std::size_t i = 0; i < state::k_quota_fields.size(); ++i) {
    quotas[state::k_quota_fields[i].key] = tenant.quotas[i];
  }
  return {{"id", tenant.id},         {"slug", tenant.slug},           {"name", tenant.name},
          {"region", tenant.region}, {"status", tenant.status},       {"created_at", tenant.created_at},
          {"updated_at", tenant.updated_at}, {"quotas", quotas}};
}

void print_quotas(const state::Tenant& tenant) {
  for (std::size_t i = 0; i < state::k_quota_fields.size(); ++i) {
    std::cout << fmt::sprintf("  %-18s %ld\n", state::k_quota_fields[i].key, tenant.quotas[i]);
  }
}

// `quota show` and `quota set`: the quotas alone, as JSON or a list.
void print_quota_listing(const state::Tenant& tenant, const std::string& format) {
  if (format == "json") {
    std::cout << tenant_json(tenant)["quotas"].dump(2) << '\n';
    return;
  }
  std::cout << "quotas of " << tenant.slug << "\n";
  print_quotas(tenant);
}

void print_tenant(const state::Tenant& tenant, const std::string& format) {
  if (format == "json") {
    std::cout << tenant_json(tenant).dump(2) << '\n';
    return;
  }
  std::cout << "tenant   " << tenant.slug << "\nid       " << tenant.id << "\nname     " << tenant.name
            << "\nregion   " << tenant.region << "\nstatus   " << tenant.status << "\ncreated  " << tenant.created_at
            << "\nupdated  " << tenant.updated_at << "\nquotas\n";
  print_quotas(tenant);
}

}  // namespace

int tenant_create(const std::string& slug, const TenantOptions& options) {
  if (!options.name || options.name->empty()) {
    throw util::Error("--name is required");
  }
  state::check_tenant_slug(slug, "SLUG");
  state::check_tenant_name(*options.name, "--name");
  Session session(options);
  const auto tenant =
      session.tenants.create(slug, *options.name, options.region.value_or("us-east-1"), state::current_actor());
  if (options.format == "json") {
    print_tenant(tenant, "json");
  } else {
    std::cout << "created tenant " << tenant.slug << " (" << tenant.id << ")\n";
  }
  return 0;
}

int tenant_list(const TenantOptions& options) {
  Session session(options);
  const auto tenants = session.tenants.list();
  if (options.format == "json") {
    auto list = nlohmann::json::array();
    for (const auto& t : tenants) {
      list.push_back({{"slug", t.slug}, {"name", t.name}, {"region", t.region}, {"status", t.status},
                      {"created_at", t.created_at}});
    }
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  std::cout << fmt::sprintf("%-24s %-10s %-14s %-20s %s\n", "SLUG", "STATUS", "REGION", "CREATED", "NAME");
  for (const auto& t : tenants) {
    std::cout << fmt::sprintf("%-24s %-10s %-14s %-20s %s\n", t.slug.c_str(), t.status.c_str(), t.region.c_str(),
                t.created_at.c_str(), t.name.c_str());
  }
  return 0;
}

int tenant_show(const std::string& slug, const TenantOptions& options) {
  Session session(options);
  print_tenant(session.tenants.get(session.resolve(slug)), options.format);
  return 0;
}

int tenant_update(const std::string& slug, const TenantOptions& options) {
  if (!options.name && !options.region) {
    throw util::Error("nothing to update: pass --name and/or --region");
  }
  if (options.name) {
    state::check_tenant_name(*options.name, "--name");
  }
  Session session(options);
  const auto id = session.resolve(slug);
  print_tenant(session.tenants.update(id, options.name, options.region, state::current_actor()), options.format);
  return 0;
}

int tenant_delete(const std::string& slug, const TenantOptions& options) {
  Session session(options);
  const auto id = session.resolve(slug);
  const long live = session.tenants.soft_delete(id, options.force, state::current_actor());
  std::cout << "deleted tenant " << slug << (live > 0 ? " (forced past " + std::to_string(live) + " live deployment(s))" : "")
            << "; its data is kept and its slug stays reserved\n";
  return 0;
}

int tenant_quota_show(const std::string& slug, const TenantOptions& options) {
  Session session(options);
  print_quota_listing(session.tenants.get(session.resolve(slug)), options.format);
  return 0;
}

int tenant_quota_set(const std::string& slug, const TenantOptions& options) {
  if (options.quotas.empty()) {
    throw util::Error("nothing to set: pass at least one quota, e.g. --blueprints 10");
  }
  for (const auto& [key, limit] : options.quotas) {
    state::check_quota_limit(limit, "--" + key);
  }
  Session session(options);
  const auto id = session.resolve(slug);
  const auto tenant = session.tenants.set_quotas(id, options.quotas, state::current_actor());
  print_quota_listing(tenant, options.format);
  return 0;
}

int tenant_usage(const std::string& slug, const TenantOptions& options) {
  Session session(options);
  const auto id = session.resolve(slug);
  auto lines = session.tenants.usage(id);
  for (auto& line : lines) {
    if (line.key == "api_calls_per_day") {
      line.used = static_cast<double>(state::api_calls_today(session.context.store, session.context.cache, id));
    }
  }
  auto percent = [](const state::UsageLine& line) {
    return line.limit == 0 ? (line.used > 0 ? 100.0 : 0.0) : 100.0 * line.used / static_cast<double>(line.limit);
  };
  if (options.format == "json") {
    auto list = nlohmann::json::array();
    for (const auto& line : lines) {
      list.push_back({{"quota", line.key}, {"used", line.used}, {"limit", line.limit}, {"percent", percent(line)}});
    }
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  std::cout << fmt::sprintf("%-18s %14s %10s %7s\n", "QUOTA", "USED", "LIMIT", "USED%");
  for (const auto& line : lines) {
    const bool whole = line.key != "storage_gb";
    std::cout << fmt::sprintf(whole ? "%-18s %14.0f %10ld %6.1f%%\n" : "%-18s %14.6f %10ld %6.1f%%\n", line.key.c_str(), line.used,
                line.limit, percent(line));
  }
  return 0;
}

int tenant_export(const std::string& slug, const TenantOptions& options) {
  Session session(options);
  const std::string document = state::export_tenant(session.context.store, session.resolve(slug));
  if (options.out.empty()) {
    std::cout << document;
  } else {
    util::write_file_atomic(options.out, document);
  }
  return 0;
}

int tenant_import(const std::string& file, const TenantOptions& options) {
  const std::string document = util::read_file(file);
  Session session(options);
  const auto outcome = state::import_tenant(session.context.store, document, state::current_actor());
  session.invalidate(outcome.tenant_id);
  std::cout << "imported tenant " << outcome.slug << ": " << (outcome.tenant_created ? "created" : "already present")
            << ", " << outcome.rows_inserted << " new row(s)\n";
  return 0;
}

}  // namespace dharma::api

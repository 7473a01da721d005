#pragma once
// Entry points for `dharma tenant create|list|show|update|delete|quota|usage|export|import`
// (lib/dharma/state/tenant_store.hpp, tenant_transfer.hpp).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct TenantOptions {
  std::string slug;  // SLUG (every command but list and import)
  std::string file;  // import: FILE
  state::ConnectionFlags connection;
  std::string format = "text";                       // text or json
  std::optional<std::string> name;                   // create (required), update
  std::optional<std::string> region;                 // create (default us-east-1), update
  bool force = false;                                // delete
  std::vector<std::pair<std::string, long>> quotas;  // quota set
  std::string out;                                   // export: --out FILE; empty = stdout
  bool no_cache = false;                             // --no-cache: read PostgreSQL only (state_session.hpp)
};

// Every quota a tenant has, as (key, default limit) in display order: one
// `quota set --KEY N` flag each.
std::vector<std::pair<std::string, long>> tenant_quota_defaults();

int tenant_create(const TenantOptions& options, CommandContext& context);
int tenant_list(const TenantOptions& options, CommandContext& context);
int tenant_show(const TenantOptions& options, CommandContext& context);
int tenant_update(const TenantOptions& options, CommandContext& context);
int tenant_delete(const TenantOptions& options, CommandContext& context);
int tenant_quota_show(const TenantOptions& options, CommandContext& context);
int tenant_quota_set(const TenantOptions& options, CommandContext& context);
int tenant_usage(const TenantOptions& options, CommandContext& context);
int tenant_export(const TenantOptions& options, CommandContext& context);
int tenant_import(const TenantOptions& options, CommandContext& context);

}  // namespace dharma::api

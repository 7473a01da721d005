#pragma once
// Entry points for `dharma tenant create|list|show|update|delete|quota|usage|export|import`
// (lib/dharma/state/tenant_store.hpp, tenant_transfer.hpp).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct TenantOptions {
  state::ConnectionFlags connection;
  std::string format = "text";         // text or json
  std::optional<std::string> name;     // create (required), update
  std::optional<std::string> region;   // create (default us-east-1), update
  bool force = false;                  // delete
  std::vector<std::pair<std::string, long>> quotas;  // quota set
  std::string out;                     // export: --out FILE; empty = stdout
  bool no_cache = false;               // --no-cache: read PostgreSQL only (state_session.hpp)
};

int tenant_create(const std::string& slug, const TenantOptions& options);
int tenant_list(const TenantOptions& options);
int tenant_show(const std::string& slug, const TenantOptions& options);
int tenant_update(const std::string& slug, const TenantOptions& options);
int tenant_delete(const std::string& slug, const TenantOptions& options);
int tenant_quota_show(const std::string& slug, const TenantOptions& options);
int tenant_quota_set(const std::string& slug, const TenantOptions& options);
int tenant_usage(const std::string& slug, const TenantOptions& options);
int tenant_export(const std::string& slug, const TenantOptions& options);
int tenant_import(const std::string& file, const TenantOptions& options);

}  // namespace dharma::api

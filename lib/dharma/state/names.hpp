#pragma once
// The rules the state store's check constraints enforce on names and numbers
// (migrations/V001, V003, V004), checked before any query so a bad name is
// invalid input (exit 2) whose message states the rule, never a database
// error. Each check throws util::Error naming `what` (the flag or field).

#include <cstdint>
#include <string>

namespace dharma::state {

// Tenant slugs: [a-z0-9][a-z0-9-]{0,62}.
void check_tenant_slug(const std::string& slug, const std::string& what);
// Tenant display names: 1 to 200 characters.
void check_tenant_name(const std::string& name, const std::string& what);
// Project, environment and blueprint names: [a-z0-9][a-z0-9._-]{0,62}.
void check_store_name(const std::string& name, const std::string& what);

// Quotas and versions are PostgreSQL `integer` columns.
constexpr long long k_max_store_integer = INT32_MAX;
// A quota limit: 0 to 2147483647.
void check_quota_limit(long long limit, const std::string& what);

}  // namespace dharma::state

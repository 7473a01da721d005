#pragma once
// Read-through caching of the tenant data nearly every command consults:
// which id a slug names, the tenant row with its quotas, and its usage counts.
//
// All three are short-lived (k_tenant_ttl) and removed by every write that
// changes them, so a reader sees a change at once when it went through dharma
// and within the TTL otherwise (an operator editing rows by hand):
//   slug -> id   global key (a slug is not tenant data); removed by delete;
//   tenant row   tenant key "tenant"; removed by update, quota set, delete, import;
//   usage counts tenant key "usage"; removed by a push that stores a row, import, delete.
// Values are JSON with the fields named below; a value of another shape is a
// miss. `tenant` in these keys is Store::cache_tenant(id) and `database` is
// the store's cache scope, so databases sharing one Redis never mix.

#include <chrono>
#include <optional>
#include <string>

#include "dharma/cache/cache.hpp"

namespace dharma::state {

struct Tenant;

inline constexpr std::chrono::seconds k_tenant_ttl{30};

std::string tenant_id_key(const std::string& database, const std::string& slug);
std::string tenant_row_key(const std::string& tenant);
std::string tenant_usage_key(const std::string& tenant);

std::string tenant_to_cache(const Tenant& tenant);
std::optional<Tenant> tenant_from_cache(const std::string& value);

}  // namespace dharma::state

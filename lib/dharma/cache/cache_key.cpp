#include "dharma/cache/cache.hpp"

namespace dharma::cache {

std::string tenant_prefix(std::string_view tenant) {
  return std::string(k_namespace) + "t:" + std::string(tenant) + ":";
}

std::string tenant_key(std::string_view tenant, std::string_view kind, std::string_view id) {
  return tenant_prefix(tenant) + std::string(kind) + ":" + std::string(id);
}

std::string global_key(std::string_view kind, std::string_view id) {
  return std::string(k_namespace) + "g:" + std::string(kind) + ":" + std::string(id);
}

}  // namespace dharma::cache

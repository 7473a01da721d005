#pragma once
// Read-through caching of parsed price catalogs (issue 7). The key is
// `dharma:v1:g:prices:<provider>:<SHA-256 of the file's bytes>`, so an edited
// catalog is a new key and a stale parse can never be read; the value is the
// compact form of price_catalog_codec.hpp. A hit skips the YAML parse and the
// validation (the bytes are those that were validated when the value was
// stored); a miss, an unreadable value or an unavailable cache parses the
// file as always and stores the result. The cache is never the source of
// truth: an invalid catalog is reported from the file and never stored.

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "dharma/cache/cache.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::cost {

// How long a stored catalog lives: long, since a key names exact bytes.
inline constexpr std::chrono::seconds k_price_catalog_ttl = std::chrono::hours(24 * 7);

// Receives one line per lookup for -v: hit, miss and stored, or unreadable value.
using CatalogCacheTrace = std::function<void(const std::string&)>;

// The cache key of `provider`'s catalog whose file holds exactly `bytes`.
std::string price_catalog_key(const std::string& provider, std::string_view bytes);

// Loads `file` (the catalog of `provider`) through `cache`. Problems go to
// `diagnostics` as with load_price_catalog, and the result is then empty.
std::optional<PriceCatalog> load_price_catalog_cached(const std::string& provider,
                                                      const std::filesystem::path& file, cache::Cache& cache,
                                                      util::Diagnostics& diagnostics,
                                                      const CatalogCacheTrace& trace = {});

}  // namespace dharma::cost

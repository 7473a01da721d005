#pragma once
// A compact serialised form of a parsed PriceCatalog, for the read-through
// cache of price catalogs (price_catalog_cache.hpp). It holds everything the
// estimator, the recommendations and their messages use, including the
// source position of every price line, so a catalog decoded from the cache
// behaves exactly like one parsed from YAML.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "dharma/cost/price_catalog.hpp"

namespace dharma::cost {

// Bump whenever the encoded shape, or what the catalog loader makes of the
// same YAML, changes: a value of another format is then a miss, never misread.
inline constexpr int k_price_catalog_format = 1;

// `catalog` as compact JSON with the format version (and dharma's version)
// inside. Source positions are stored without their file name: every
// position of a catalog is in its own file.
std::string encode_price_catalog(const PriceCatalog& catalog);

// The catalog encoded in `value`, with `file` as its file and the file of
// every source position; nothing when `value` is not well-formed, was encoded
// in another format or by another dharma version.
std::optional<PriceCatalog> decode_price_catalog(std::string_view value, const std::filesystem::path& file);

}  // namespace dharma::cost

#include "dharma/cost/price_catalog_cache.hpp"

#include "dharma/cost/price_catalog_codec.hpp"
#include "dharma/state/checksum.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::cost {

std::string price_catalog_key(const std::string& provider, std::string_view bytes) {
  return cache::global_key("prices", provider + ":" + state::sha256_hex(bytes));
}

std::optional<PriceCatalog> load_price_catalog_cached(const std::string& provider,
                                                      const std::filesystem::path& file, cache::Cache& cache,
                                                      util::Diagnostics& diagnostics,
                                                      const CatalogCacheTrace& trace) {
  std::string bytes;
  try {
    bytes = util::read_file(file);
  } catch (const util::Error& e) {
    diagnostics.error({}, e.what());
    return std::nullopt;
  }
  const auto say = [&](const std::string& line) {
    if (trace) {
      trace("price catalog " + file.string() + ": " + line);
    }
  };
  // Hash and parse the same bytes, so what is stored under a key is exactly
  // the parse of the bytes the key names, even if the file changes meanwhile.
  const std::string key = price_catalog_key(provider, bytes);
  const auto cached = cache.get(key);
  if (cached) {
    if (auto catalog = decode_price_catalog(*cached, file)) {
      say("cache hit (" + key + ")");
      return catalog;
    }
    say("cached value unreadable (another format or dharma version), parsing the file (" + key + ")");
  }
  auto catalog = load_price_catalog_text(bytes, file, diagnostics);
  if (catalog) {
    cache.set(key, encode_price_catalog(*catalog), k_price_catalog_ttl);
    if (!cached) {
      say("cache miss, parsed the file and cached it (" + key + ")");
    }
  }
  return catalog;
}

}  // namespace dharma::cost

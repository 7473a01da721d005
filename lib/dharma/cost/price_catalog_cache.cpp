// OpenSSL's low-level SHA-256 rather than the EVP interface that
// state::sha256_hex uses: in OpenSSL 3 the first EVP digest of a process
// loads the default provider, about 1 ms — as long as parsing a catalog, the
// very thing the cache is there to save. The low-level functions are
// deprecated in OpenSSL 3 but compute the same digest in microseconds.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "dharma/cost/price_catalog_cache.hpp"

#include <openssl/sha.h>

#include "dharma/cost/price_catalog_codec.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::cost {
namespace {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, bytes.data(), bytes.size());
  SHA256_Final(digest, &context);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : digest) {
    hex += k_hex[byte >> 4];
    hex += k_hex[byte & 0x0f];
  }
  return hex;
}

}  // namespace

std::string price_catalog_key(const std::string& provider, std::string_view bytes) {
  return cache::global_key("prices", provider + ":" + sha256_hex(bytes));
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

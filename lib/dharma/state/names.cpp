#include "dharma/state/names.hpp"

#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

bool lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// [a-z0-9][a-z0-9<extra>]{0,62}
bool matches_name_rule(const std::string& text, const std::string& extra) {
  if (text.empty() || text.size() > 63 || !lower_or_digit(text[0])) {
    return false;
  }
  for (const char c : text) {
    if (!lower_or_digit(c) && extra.find(c) == std::string::npos) {
      return false;
    }
  }
  return true;
}

std::size_t utf8_characters(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

}  // namespace

void check_tenant_slug(const std::string& slug, const std::string& what) {
  if (!matches_name_rule(slug, "-")) {
    throw util::Error(
        what + ": " + util::quoted(slug) +
        " is not a valid tenant slug: use 1 to 63 characters of a-z, 0-9 and '-', starting with a "
        "letter or digit");
  }
}

void check_tenant_name(const std::string& name, const std::string& what) {
  const std::size_t length = utf8_characters(name);
  if (length < 1 || length > 200) {
    throw util::Error(what + ": a tenant name must be 1 to 200 characters (got " + std::to_string(length) +
                      ")");
  }
}

void check_store_name(const std::string& name, const std::string& what) {
  if (!matches_name_rule(name, "._-")) {
    throw util::Error(
        what + ": " + util::quoted(name) +
        " is not a valid name: use 1 to 63 characters of a-z, 0-9, '.', '_' and '-', starting with a "
        "letter or digit");
  }
}

void check_quota_limit(long long limit, const std::string& what) {
  if (limit < 0 || limit > k_max_store_integer) {
    throw util::Error(what + ": a quota must be from 0 to " + std::to_string(k_max_store_integer) + " (got " +
                      std::to_string(limit) + ")");
  }
}

}  // namespace dharma::state

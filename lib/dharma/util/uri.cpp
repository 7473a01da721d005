#include "dharma/util/uri.hpp"

#include <cstring>

namespace dharma::util {
namespace {

bool is_path_character(unsigned char c, bool colon_allowed) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
    return true;
  }
  if (c == ':') {
    return colon_allowed;
  }
  return c != '\0' && std::strchr("-._~!$&'()*+,;=@/", c) != nullptr;
}

std::string percent_encode(const std::string& path, bool colon_allowed) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_path_character(c, colon_allowed)) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0x0F];
    }
  }
  return out;
}

}  // namespace

bool is_absolute_path(const std::string& path) {
  return !path.empty() && path[0] == '/';
}

std::string path_to_uri(const std::string& path) {
  if (is_absolute_path(path)) {
    return "file://" + percent_encode(path, true);
  }
  return percent_encode(path, false);
}

}  // namespace dharma::util

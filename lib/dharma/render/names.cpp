#include "dharma/render/names.hpp"

#include <cctype>

namespace dharma::render {
namespace {

bool alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string trim_to_alnum(std::string out, std::size_t max_length) {
  if (out.size() > max_length) {
    out.resize(max_length);
  }
  while (!out.empty() && !alnum(out.back())) {
    out.pop_back();
  }
  std::size_t start = 0;
  while (start < out.size() && !alnum(out[start])) {
    ++start;
  }
  return out.substr(start);
}

}  // namespace

std::string dns_label(const std::string& text, std::size_t max_length) {
  std::string out;
  for (char c : text) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      out += lower;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  out = trim_to_alnum(out, max_length);
  return out.empty() ? "x" : out;
}

std::string label_value(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool allowed =
        (alnum(c) && static_cast<unsigned char>(c) < 0x80) || c == '-' || c == '_' || c == '.';
    out += allowed ? c : '-';
  }
  return trim_to_alnum(out, 63);
}

std::string label_key(const std::string& text) {
  const auto slash = text.rfind('/');
  if (slash == std::string::npos) {
    return label_value(text);
  }
  std::string prefix;
  for (char c : text.substr(0, slash)) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    prefix +=
        (alnum(lower) && static_cast<unsigned char>(c) < 0x80) || lower == '.' || lower == '-' ? lower : '-';
  }
  prefix = trim_to_alnum(prefix, 253);
  const std::string name = label_value(text.substr(slash + 1));
  if (prefix.empty() || name.empty()) {
    return name;
  }
  return prefix + "/" + name;
}

std::string terraform_identifier(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool allowed = (alnum(c) && static_cast<unsigned char>(c) < 0x80) || c == '_' || c == '-';
    out += allowed ? c : '_';
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) || out[0] == '-') {
    out = "_" + out;
  }
  return out;
}

}  // namespace dharma::render

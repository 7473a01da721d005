#include "dharma/loadtest/json_text.hpp"

#include <cstring>

namespace dharma::loadtest {

namespace {

bool number_or_space(char c) {
  return std::strchr("0123456789+-.eE, \n", c) != nullptr && c != '\0';
}

}  // namespace

std::string pretty_json(const nlohmann::ordered_json& json) {
  const std::string text = json.dump(2);
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    if (c != '[') {
      out += c;
      continue;
    }
    // A list: when only numbers, commas and white space come before its
    // closing bracket, write it as "[a, b, c]".
    std::size_t end = i + 1;
    while (end < text.size() && number_or_space(text[end])) {
      ++end;
    }
    if (end >= text.size() || text[end] != ']' || end == i + 1) {
      out += c;
      continue;
    }
    out += '[';
    for (std::size_t j = i + 1; j < end; ++j) {
      if (text[j] == ',') {
        out += ", ";
      } else if (text[j] != ' ' && text[j] != '\n') {
        out += text[j];
      }
    }
    out += ']';
    i = end;
  }
  return out + "\n";
}

}  // namespace dharma::loadtest

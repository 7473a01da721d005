#include "dharma/util/placeholder_scan.hpp"

namespace dharma::util {

void scan_placeholders(std::string_view text, const std::function<void(std::string)>& on_literal,
                       const std::function<std::size_t(std::size_t open)>& on_placeholder) {
  std::string literal;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      literal += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      literal += text[i++];
      continue;
    }
    if (!literal.empty()) {
      on_literal(std::move(literal));
      literal.clear();
    }
    i = on_placeholder(i);
    if (i == std::string::npos) {
      return;
    }
  }
  if (!literal.empty()) {
    on_literal(std::move(literal));
  }
}

}  // namespace dharma::util

#include "dharma/util/terminal.hpp"

#include <unistd.h>

#include <cstdlib>

namespace dharma::util {
namespace {
bool g_color_disabled = false;
}

void set_color_disabled(bool disabled) {
  g_color_disabled = disabled;
}

bool use_color(std::FILE* stream) {
  if (g_color_disabled) {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  return ::isatty(::fileno(stream)) != 0;
}

}  // namespace dharma::util

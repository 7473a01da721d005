#include "dharma/util/source_location.hpp"

namespace dharma::util {

std::string SourceLocation::str() const {
  if (!has_position()) {
    return file;
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace dharma::util

#include "dharma/cli_spec/completion.hpp"

namespace dharma::cli_spec {

const std::vector<std::string>& completion_shells() {
  static const std::vector<std::string> k_shells{"bash", "zsh", "fish"};
  return k_shells;
}

}  // namespace dharma::cli_spec

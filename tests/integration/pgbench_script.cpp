// Writes a store operation's statement (store_statements.hpp) as a pgbench
// script, so pgbench runs exactly the SQL dharma runs:
//
//   dharma_pgbench_script pull|list|usage|api-calls|push TENANT_ID PROJECT NAME VERSION FILE
//
// FILE gets the script; stdout the -D arguments of its parameters, one per
// line. Push's source is a random number per transaction, so every push
// stores a new version. Used by tests/integration/test_store_statements_pgbench.sh
// and bench/store.sh.

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "dharma/state/store_statements.hpp"

int main(int argc, char** argv) {
  using namespace dharma::state;
  const auto operation = argc == 7 ? store_operation_named(argv[1]) : std::nullopt;
  if (!operation) {
    std::cerr << "usage: dharma_pgbench_script pull|list|usage|api-calls|push TENANT_ID PROJECT NAME VERSION "
                 "FILE\n";
    return 2;
  }
  try {
    const auto statement = statement_for(*operation, {argv[2], argv[3], argv[4], std::atoi(argv[5])});
    const auto script = pgbench_script(statement, *operation == StoreOperation::push
                                                      ? std::optional<std::size_t>(k_push_source_param)
                                                      : std::nullopt);
    std::ofstream file(argv[6]);
    file << script.script;
    if (!file.flush()) {
      std::cerr << "dharma_pgbench_script: cannot write " << argv[6] << '\n';
      return 3;
    }
    for (const auto& define : script.defines) {
      std::cout << define << '\n';
    }
  } catch (const std::exception& error) {
    std::cerr << "dharma_pgbench_script: " << error.what() << '\n';
    return 2;
  }
  return 0;
}

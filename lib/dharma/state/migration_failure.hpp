#pragma once
// Turning PostgreSQL's error for one statement of a migration file into
// CLI.md's `FILE:LINE:COL: error: MESSAGE`, using the statement's position in
// the file and the `LINE n:` context the server adds to syntax errors.

#include <string>

#include "dharma/state/sql_script.hpp"

namespace dharma::state {

struct FailurePlace {
  int line = 1;
  int column = 1;
  std::string message;  // the server's first line without "ERROR:  ", plus DETAIL/HINT lines
};

// Where in the file `statement` failed with `server_message` (pqxx's what()).
FailurePlace locate_failure(const SqlStatement& statement, const std::string& server_message);

}  // namespace dharma::state

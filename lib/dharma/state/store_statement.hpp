#pragma once
// One store operation as data: SQL text with $n placeholders and its
// parameters in text format, and the rows it returns as plain text values.
// Store::execute runs it through pqxx; the loadtest engine sends the same
// thing with libpq's PQsendQueryParams. The statements themselves are in
// store_statements.hpp.

#include <optional>
#include <string>
#include <vector>

namespace dharma::state {

using StatementValue = std::optional<std::string>;  // text format; nullopt is SQL NULL
using StatementRow = std::vector<StatementValue>;
using StatementRows = std::vector<StatementRow>;

struct StoreStatement {
  std::string sql;                     // placeholders $1..$n, one statement
  std::vector<StatementValue> params;  // $1..$n in order
  // True when the statement writes: after a connection lost once it was sent,
  // its outcome is unknown and it must not be sent again.
  bool writes = false;
};

}  // namespace dharma::state

#pragma once
// Splits a migration file into the statements PostgreSQL will run, remembering
// the line each starts on, so that a failure can be reported as FILE:LINE and
// a `-- dharma:no-transaction` file can be run one statement at a time.
//
// The splitter is a small lexer over PostgreSQL's lexical rules: a `;` ends a
// statement only outside '…' strings (with '' and, in E'…', backslash
// escapes), "…" identifiers, $tag$…$tag$ dollar quotes, -- line comments and
// nested /* */ block comments. It does not parse SQL; the server does that.

#include <string>
#include <string_view>
#include <vector>

namespace dharma::state {

struct SqlStatement {
  std::string text;  // from its first significant character to its `;` (inclusive) or end of file
  int line = 1;      // 1-based line of the first significant character
  int column = 1;
};

// The statements of `script`; comments and blank space between statements are dropped.
// Throws util::Error (exit 2) for an unterminated quote or comment, naming `file` and the line.
std::vector<SqlStatement> split_sql(std::string_view script, const std::string& file);

// True when the first line of `script` is exactly `-- dharma:no-transaction` (trailing space allowed).
bool is_no_transaction(std::string_view script);

}  // namespace dharma::state

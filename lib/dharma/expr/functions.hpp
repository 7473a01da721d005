#pragma once
// The one table of `${...}` functions, for both languages that have them:
// blueprint expressions (docs/blueprint.md, "Functions") and provider mapping
// templates (docs/catalog.md, "The template language"). Each entry says
// where the function may be called; a name both languages allow means the
// same thing in both. Validation and "did you mean" read this table, the
// evaluators implement exactly the names it allows them (a unit test checks
// both ways), and the function lists in the docs are checked against it
// (tests/docs/function_docs.sh).

#include <string>
#include <vector>

namespace dharma::expr {

// Where a function may be called (a bit set).
enum class Language : unsigned { blueprint = 1U, mapping = 2U, both = 3U };

struct Function {
  const char* name;
  int min_args;
  int max_args;  // -1: variadic
  Language allowed_in;
  const char* summary;  // "name(args): what it returns", one line

  bool allowed(Language language) const {
    return (static_cast<unsigned>(allowed_in) & static_cast<unsigned>(language)) != 0;
  }
  bool accepts(int argument_count) const {
    return argument_count >= min_args && (max_args < 0 || argument_count <= max_args);
  }
  // "1", "2 to 3", "at least 2": the arity for messages.
  std::string arity() const;
  // "join() takes 2 arguments, not 1 (join(separator, list): ...)".
  std::string arity_error(int argument_count) const;
};

// Every function, the blueprint's first, in a stable order.
const std::vector<Function>& function_table();

// The function `name` of `language`, or nullptr.
const Function* find_function(const std::string& name, Language language);

// The names `language` allows, in table order.
std::vector<std::string> function_names(Language language);

}  // namespace dharma::expr

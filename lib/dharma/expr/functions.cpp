#include "dharma/expr/functions.hpp"

namespace dharma::expr {
namespace {

constexpr Language blueprint = Language::blueprint;
constexpr Language mapping = Language::mapping;
constexpr Language both = Language::both;

}  // namespace

std::string Function::arity() const {
  if (max_args < 0) {
    return "at least " + std::to_string(min_args);
  }
  if (max_args == min_args) {
    return std::to_string(min_args);
  }
  return std::to_string(min_args) + " to " + std::to_string(max_args);
}

std::string Function::arity_error(int argument_count) const {
  const std::string wanted = arity();
  return std::string(name) + "() takes " + wanted + " argument" + (wanted == "1" ? "" : "s") + ", not " +
         std::to_string(argument_count) + " (" + summary + ")";
}

const std::vector<Function>& function_table() {
  static const std::vector<Function> k_functions{
      // The blueprint's functions first, in the order its "unknown function" message lists them. A name
      // both languages allow means one thing: Terraform's, since blueprint calls are rendered as Terraform
      // calls.
      {"lower", 1, 1, both, "lower(s): s in lower case"},
      {"upper", 1, 1, blueprint, "upper(s): s in upper case"},
      {"join", 2, 2, blueprint, "join(separator, list): the list's items joined by separator"},
      {"format", 1, -1, both,
       "format(spec, args...): printf-style %s %d %v substitution, %% for a percent sign"},
      {"concat", 1, -1, blueprint, "concat(list, list...): one list of all items"},
      {"length", 1, 1, blueprint, "length(x): characters of a string, items of a list or map"},
      {"replace", 3, 3, blueprint, "replace(s, from, to): every occurrence of from replaced by to"},
      {"trimspace", 1, 1, blueprint, "trimspace(s): s without leading and trailing white space"},
      {"default", 2, -1, both,
       "default(x, fallback...): the first argument that is neither null nor the empty string"},
      // Mapping templates only.
      {"if", 3, 3, mapping, "if(condition, then, else): then or else (only the chosen one is evaluated)"},
      {"not", 1, 1, mapping, "not(x): boolean negation"},
      {"has", 1, 1, mapping, "has(x): true when x is present (also for values known only after apply)"},
      {"choose", 3, -1, mapping,
       "choose(value, key1, result1, ...[, fallback]): a lookup table, lazy like if"},
      {"ref", 2, 2, mapping, "ref(entry, attribute): another Terraform resource of this mapping"},
      {"shared", 2, 2, mapping,
       "shared(entry, attribute): a resource the provider file adds once per blueprint"},
      {"var", 1, 1, mapping, "var(name): a Terraform variable the provider file declares"},
      {"attr", 2, 2, mapping,
       "attr(reference, attribute): another exported attribute of the resource a property refers to"},
      {"call", 1, -1, mapping, "call(\"fn\", args...): a Terraform function call, e.g. base64encode"},
      {"fail", 1, 1, mapping,
       "fail(message): stops rendering with this message (for values a provider cannot express)"},
      {"first", 1, 1, mapping, "first(list): the first element of a list"},
      {"list", 0, -1, mapping, "list(x...): a list of its present arguments"},
      {"map", 2, -1, mapping, "map(key1, value1, ...): a map of the pairs whose value is present"},
      {"merge", 2, -1, mapping, "merge(map, map...): one map, later keys win"},
      {"entries", 1, 1, mapping, "entries(map): the map as a list of {key, value} maps, in order"},
      {"pluck", 2, 2, mapping, "pluck(list, key): the values of key in a list of maps, lists flattened"},
      {"lookup_each", 3, -1, mapping,
       "lookup_each(list, key1, value1, ...): choose() applied to every element"},
      {"contains", 2, -1, mapping, "contains(list, values...): true when the list holds any of the values"},
      {"str", 1, 1, mapping, "str(x): the value as a string"},
      {"int", 1, 1, mapping, "int(s): a number written as text, as an integer"},
      {"dns_name", 1, 2, mapping,
       "dns_name(x[, max_length]): a DNS-1123 label made from x (at most 63 by default)"},
      {"alnum", 2, 2, mapping,
       "alnum(x, max_length): lower-case letters and digits only (Azure storage names)"},
      {"part", 3, 3, mapping, "part(x, separator, n): the n-th (0-based) piece of a split string"},
      {"substr", 3, 3, mapping, "substr(x, start, length): part of a string"},
      {"version_part", 2, 2, mapping,
       "version_part(v, n): the first n dot-separated parts (\"16.2\", 1 -> \"16\")"},
      {"zone", 2, 2, mapping,
       "zone(z, separator): a zone letter prefixed with the region and separator; full names unchanged"},
      {"cidr_host", 1, 1, mapping, "cidr_host(cidr): the address part of a CIDR (10.0.1.0/24 -> 10.0.1.0)"},
      {"add", 2, 2, mapping, "add(a, b): the sum of two numbers"},
      {"mul", 2, 2, mapping, "mul(a, b): the product of two numbers"},
  };
  return k_functions;
}

const Function* find_function(const std::string& name, Language language) {
  for (const auto& function : function_table()) {
    if (name == function.name && function.allowed(language)) {
      return &function;
    }
  }
  return nullptr;
}

std::vector<std::string> function_names(Language language) {
  std::vector<std::string> names;
  for (const auto& function : function_table()) {
    if (function.allowed(language)) {
      names.emplace_back(function.name);
    }
  }
  return names;
}

}  // namespace dharma::expr

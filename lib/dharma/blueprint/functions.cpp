// The blueprint functions as a table of name and implementation. Each has
// the meaning of the Terraform function of the same name (default(): of
// coalesce()), because `generate` writes blueprint calls as those calls.

#include "dharma/blueprint/functions.hpp"

#include <algorithm>

#include "dharma/expr/format_spec.hpp"
#include "dharma/util/text.hpp"

namespace dharma::blueprint {
namespace {

using value::List;
using value::Value;
using Arguments = std::vector<Value>;

[[noreturn]] void fail(std::string message) {
  throw FunctionError{std::move(message)};
}

const std::string& string_arg(const char* function, const Arguments& args, std::size_t position) {
  if (args[position].kind() != Value::Kind::string) {
    fail(std::string(function) + "() expects a string as argument " + std::to_string(position + 1) +
         ", got " + args[position].kind_name());
  }
  return args[position].as_string();
}

Value fn_lower(const Arguments& args) {
  return Value::string(util::to_lower(string_arg("lower", args, 0)));
}

Value fn_upper(const Arguments& args) {
  return Value::string(util::to_upper(string_arg("upper", args, 0)));
}

Value fn_trimspace(const Arguments& args) {
  return Value::string(util::trim(string_arg("trimspace", args, 0)));
}

Value fn_replace(const Arguments& args) {
  return Value::string(util::replace_all(string_arg("replace", args, 0), string_arg("replace", args, 1),
                                         string_arg("replace", args, 2)));
}

Value fn_join(const Arguments& args) {
  const std::string& separator = string_arg("join", args, 0);
  if (args[1].kind() != Value::Kind::list) {
    fail("join() expects a list as argument 2, got " + args[1].kind_name());
  }
  std::vector<std::string> parts;
  for (const auto& item : args[1].as_list()) {
    if (!item.is_scalar()) {
      fail("join() can only join strings and numbers, found " + item.kind_name());
    }
    parts.push_back(item.to_display_string());
  }
  return Value::string(util::join(parts, separator));
}

Value fn_concat(const Arguments& args) {
  List all;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].kind() != Value::Kind::list) {
      fail("concat() expects lists, argument " + std::to_string(i + 1) + " is " + args[i].kind_name());
    }
    all.insert(all.end(), args[i].as_list().begin(), args[i].as_list().end());
  }
  return Value::list(std::move(all));
}

Value fn_length(const Arguments& args) {
  switch (args[0].kind()) {
    case Value::Kind::string:
      return Value::integer(static_cast<long long>(args[0].as_string().size()));
    case Value::Kind::list:
      return Value::integer(static_cast<long long>(args[0].as_list().size()));
    case Value::Kind::map:
      return Value::integer(static_cast<long long>(args[0].as_map().size()));
    default:
      fail("length() expects a string, list or mapping, got " + args[0].kind_name());
  }
}

// The first argument that is neither null nor the empty string, else the last.
Value fn_default(const Arguments& args) {
  for (const auto& x : args) {
    if (!x.is_null() && !(x.kind() == Value::Kind::string && x.as_string().empty())) {
      return x;
    }
  }
  return args.back();
}

Value fn_format(const Arguments& args) {
  std::vector<expr::FormatPiece> pieces;
  try {
    pieces = expr::parse_format(string_arg("format", args, 0), args.size() - 1);
  } catch (const expr::FormatError& error) {
    fail(error.what());
  }
  std::string out;
  for (const auto& piece : pieces) {
    if (piece.verb == 0) {
      out += piece.literal;
      continue;
    }
    const Value& arg = args[piece.argument];
    if (piece.verb == 'd' && arg.kind() != Value::Kind::integer) {
      fail("format() %d expects an integer, got " + arg.kind_name());
    }
    out += arg.to_display_string();
  }
  return Value::string(std::move(out));
}

struct Implementation {
  const char* name;
  Value (*run)(const Arguments&);
};

const std::vector<Implementation>& implementations() {
  static const std::vector<Implementation> k_table{
      {"lower", fn_lower},     {"upper", fn_upper},         {"join", fn_join},
      {"format", fn_format},   {"concat", fn_concat},       {"length", fn_length},
      {"replace", fn_replace}, {"trimspace", fn_trimspace}, {"default", fn_default},
  };
  return k_table;
}

}  // namespace

Value apply_function(const std::string& name, const std::vector<Value>& args) {
  const auto& table = implementations();
  const auto found =
      std::find_if(table.begin(), table.end(), [&](const Implementation& f) { return name == f.name; });
  if (found == table.end()) {
    fail("function " + name + "() is not implemented");
  }
  return found->run(args);
}

std::vector<std::string> implemented_functions() {
  std::vector<std::string> names;
  for (const auto& function : implementations()) {
    names.emplace_back(function.name);
  }
  return names;
}

}  // namespace dharma::blueprint

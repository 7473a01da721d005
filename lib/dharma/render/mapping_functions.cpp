// The mapping functions, as a table: name, how its arguments are evaluated,
// implementation. Names, arity and documentation come from
// expr::function_table(), which the catalog checks templates against when
// it loads them, so a call that reaches this table has a known name and a
// fitting number of arguments. Each function works on concrete data when it
// is known; the few that can also work on values decided at apply (format,
// mul, lower) then emit the equivalent Terraform expression instead.

#include "dharma/render/mapping_functions.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "dharma/expr/format_spec.hpp"
#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/names.hpp"
#include "dharma/util/text.hpp"

namespace dharma::render {
namespace {

using catalog::MappingExpr;
using value::Value;

std::string display(const Evaluated& e) {
  const Value& v = e.data;
  switch (v.kind()) {
    case Value::Kind::string:
      return v.as_string();
    case Value::Kind::boolean:
      return v.as_bool() ? "true" : "false";
    case Value::Kind::integer:
      return std::to_string(v.as_integer());
    default:
      return v.to_display_string();
  }
}

Evaluated string_result(const std::string& text) {
  return Evaluated::literal(Value::string(text));
}

// How a function's arguments are evaluated before it runs.
enum class Arguments {
  lazy,       // not at all: the function evaluates what it needs (if, choose, default, ref...)
  evaluated,  // every one, absent ones kept as nullopt (list, map, merge)
  present,    // every one; an absent argument makes the result absent without calling it
};

// One call being evaluated.
class Call {
 public:
  Call(const MappingExpr& expression, const TemplateContext& context, const util::SourceLocation& where)
      : m_expression(expression), m_context(context), m_where(where) {}

  const std::string& name() const { return m_expression.name; }
  const TemplateContext& context() const { return m_context; }
  const util::SourceLocation& where() const { return m_where; }
  std::size_t size() const { return m_expression.args.size(); }

  // Evaluates argument `i` now (lazy functions).
  MaybeEvaluated evaluate(std::size_t i) const {
    return evaluate_expression(m_expression.args[i], m_context, m_where);
  }
  // An argument written as a name or a string: ref(aws_vpc, id), var("region").
  std::string name_argument(std::size_t i) const {
    const MappingExpr& arg = m_expression.args[i];
    return arg.kind == MappingExpr::Kind::string ? arg.name : util::join(arg.path, ".");
  }

  // The evaluated arguments (Arguments::evaluated and ::present).
  const std::vector<MaybeEvaluated>& args() const { return m_args; }
  const Evaluated& arg(std::size_t i) const { return *m_args[i]; }
  void evaluate_all() {
    for (std::size_t i = 0; i < size(); ++i) {
      m_args.push_back(evaluate(i));
    }
  }

  // The argument's data, which must be known before apply and not sensitive.
  const Evaluated& known(const MaybeEvaluated& e) const {
    if (!e->known) {
      fail(name() + "() needs a value known before apply");
    }
    if (e->sensitive) {
      fail(name() + "() would write a value derived from a sensitive parameter literally");
    }
    return *e;
  }
  const Evaluated& known(std::size_t i) const { return known(m_args[i]); }
  std::string text(std::size_t i) const { return display(known(i)); }
  const Value& list(const Evaluated& e) const {
    if (e.data.kind() != Value::Kind::list) {
      fail(name() + "() needs a list");
    }
    return e.data;
  }

  [[noreturn]] void fail(const std::string& message) const { throw RenderError{m_where, message}; }

 private:
  const MappingExpr& m_expression;
  const TemplateContext& m_context;
  const util::SourceLocation& m_where;
  std::vector<MaybeEvaluated> m_args;
};

using Implementation = MaybeEvaluated (*)(const Call&);

struct MappingImplementation {
  const char* name;
  Arguments arguments;
  Implementation run;
};

// --- Choices and presence -------------------------------------------------

MaybeEvaluated fn_default(const Call& call) {
  MaybeEvaluated value;
  for (std::size_t i = 0; i < call.size(); ++i) {
    value = call.evaluate(i);
    const bool empty_string =
        value && value->known && value->data.kind() == Value::Kind::string && value->data.as_string().empty();
    if (value && !empty_string) {
      return value;
    }
  }
  return value;  // none present and non-empty: the last one
}

MaybeEvaluated fn_if(const Call& call) {
  const bool condition = is_true(call.evaluate(0), call.where());
  return call.evaluate(condition ? 1 : 2);
}

MaybeEvaluated fn_not(const Call& call) {
  return Evaluated::literal(Value::boolean(!is_true(call.known(0), call.where())));
}

MaybeEvaluated fn_has(const Call& call) {
  return Evaluated::literal(Value::boolean(call.evaluate(0).has_value()));
}

MaybeEvaluated fn_choose(const Call& call) {
  // Lazy like if(): only the chosen result is evaluated, so fail() can be a fallback.
  MaybeEvaluated value = call.evaluate(0);
  if (!value) {
    return std::nullopt;
  }
  const std::string key = display(call.known(value));
  std::size_t i = 1;
  for (; i + 1 < call.size(); i += 2) {
    MaybeEvaluated candidate = call.evaluate(i);
    if (candidate && display(call.known(candidate)) == key) {
      return call.evaluate(i + 1);
    }
  }
  if (i < call.size()) {
    return call.evaluate(i);
  }
  call.fail("choose(): no entry for '" + key + "'");
}

MaybeEvaluated fn_fail(const Call& call) {
  call.fail(call.text(0));
}

// --- What Terraform decides at apply ---------------------------------------

MaybeEvaluated fn_ref(const Call& call) {
  return Evaluated::unknown(call.context().scope->entry_reference(
      call.name_argument(0), call.name_argument(1), call.context().index));
}

MaybeEvaluated fn_shared(const Call& call) {
  return Evaluated::unknown(
      call.context().scope->shared_reference(call.name_argument(0), call.name_argument(1)));
}

MaybeEvaluated fn_var(const Call& call) {
  return Evaluated::unknown(call.context().scope->variable_reference(call.name_argument(0)));
}

MaybeEvaluated fn_attr(const Call& call) {
  MaybeEvaluated target = call.evaluate(0);
  if (!target) {
    return std::nullopt;
  }
  if (target->data.kind() != Value::Kind::reference) {
    call.fail("attr() needs a property that refers to another resource with ${name.attribute}");
  }
  value::Reference reference = target->data.as_reference();
  reference.attribute = call.name_argument(1);
  return call.context().scope->reference(reference, call.where());
}

MaybeEvaluated fn_call(const Call& call) {
  std::vector<hcl::Expression> codes;
  for (std::size_t i = 1; i < call.size(); ++i) {
    MaybeEvaluated arg = call.evaluate(i);
    if (!arg) {
      return std::nullopt;
    }
    codes.push_back(arg->code);
  }
  return Evaluated::unknown(hcl::Expression::from_call(call.name_argument(0), std::move(codes)));
}

// --- Lists and maps ---------------------------------------------------------

MaybeEvaluated fn_list(const Call& call) {
  Evaluated out;
  std::vector<hcl::Expression> codes;
  value::List data;
  for (const auto& arg : call.args()) {
    if (arg) {
      out.known = out.known && arg->known;
      codes.push_back(arg->code);
      data.push_back(arg->data);
    }
  }
  out.code = hcl::Expression::from_list(std::move(codes));
  out.data = Value::list(std::move(data));
  return out;
}

MaybeEvaluated fn_map(const Call& call) {
  value::Map data;
  for (std::size_t i = 0; i + 1 < call.size(); i += 2) {
    if (call.args()[i] && call.args()[i + 1]) {
      data.emplace_back(call.text(i), call.arg(i + 1).data);
    }
  }
  return evaluate_value(Value::map(std::move(data)), call.context());
}

MaybeEvaluated fn_merge(const Call& call) {
  value::Map data;
  for (const auto& arg : call.args()) {
    if (!arg || arg->data.kind() != Value::Kind::map) {
      continue;
    }
    for (const auto& [key, value] : arg->data.as_map()) {
      std::erase_if(data, [&](const auto& entry) { return entry.first == key; });
      data.emplace_back(key, value);
    }
  }
  return evaluate_value(Value::map(std::move(data)), call.context());
}

MaybeEvaluated fn_first(const Call& call) {
  const Value& list = call.list(call.arg(0));
  if (list.as_list().empty()) {
    return std::nullopt;
  }
  return evaluate_value(list.as_list().front(), call.context());
}

MaybeEvaluated fn_entries(const Call& call) {
  const Evaluated& map = call.arg(0);
  if (map.data.kind() != Value::Kind::map) {
    call.fail("entries() needs a map, not " + map.data.kind_name());
  }
  value::List list;
  for (const auto& [key, value] : map.data.as_map()) {
    list.push_back(Value::map({{"key", Value::string(key)}, {"value", value}}));
  }
  Evaluated out = Evaluated::literal(Value::list(std::move(list)));
  out.known = map.known;
  return out;
}

MaybeEvaluated fn_pluck(const Call& call) {
  const Value& list = call.list(call.arg(0));
  const std::string key = call.text(1);
  value::List out;
  for (const auto& element : list.as_list()) {
    if (const Value* value = element.find(key); value != nullptr && !value->is_null()) {
      if (value->kind() == Value::Kind::list) {
        out.insert(out.end(), value->as_list().begin(), value->as_list().end());  // flattened
      } else {
        out.push_back(*value);
      }
    }
  }
  return evaluate_value(Value::list(std::move(out)), call.context());
}

MaybeEvaluated fn_lookup_each(const Call& call) {
  const Value& list = call.list(call.known(0));
  value::List out;
  std::vector<hcl::Expression> codes;
  for (const auto& element : list.as_list()) {
    const std::string key = element.to_display_string();
    bool found = false;
    for (std::size_t i = 1; i + 1 < call.size(); i += 2) {
      if (call.text(i) == key) {
        const Value& mapped = call.arg(i + 1).data;
        if (std::none_of(out.begin(), out.end(), [&](const Value& v) { return v.same_data(mapped); })) {
          out.push_back(mapped);
          codes.push_back(call.arg(i + 1).code);
        }
        found = true;
        break;
      }
    }
    if (!found) {
      call.fail("lookup_each(): no entry for '" + key + "'");
    }
  }
  Evaluated result = Evaluated::literal(Value::list(std::move(out)));
  result.code = hcl::Expression::from_list(std::move(codes));
  return result;
}

MaybeEvaluated fn_contains(const Call& call) {
  const Value& list = call.list(call.known(0));
  for (const auto& element : list.as_list()) {
    for (std::size_t i = 1; i < call.size(); ++i) {
      if (element.to_display_string() == call.text(i)) {
        return Evaluated::literal(Value::boolean(true));
      }
    }
  }
  return Evaluated::literal(Value::boolean(false));
}

// --- Text ---------------------------------------------------------------------

// format(spec, args...): the spec's text and its arguments as one string
// (concatenate), so values known only at apply become a Terraform template.
MaybeEvaluated fn_format(const Call& call) {
  std::vector<expr::FormatPiece> spec;
  try {
    spec = expr::parse_format(call.text(0), call.size() - 1);
  } catch (const expr::FormatError& error) {
    call.fail(error.what());
  }
  std::vector<MaybeEvaluated> pieces;
  for (const auto& piece : spec) {
    if (piece.verb == 0) {
      pieces.emplace_back(string_result(piece.literal));
      continue;
    }
    const Evaluated& arg = call.arg(piece.argument);
    if (piece.verb == 'd' && arg.known && arg.data.kind() != Value::Kind::integer) {
      call.fail("format() %d expects an integer, got " + arg.data.kind_name());
    }
    pieces.emplace_back(arg);
  }
  if (pieces.empty()) {
    pieces.emplace_back(string_result(""));
  }
  return concatenate(pieces, call.where());
}

MaybeEvaluated fn_str(const Call& call) {
  return string_result(call.text(0));
}

MaybeEvaluated fn_lower(const Call& call) {
  if (!call.arg(0).known) {
    return Evaluated::unknown(hcl::Expression::from_raw("lower(" + hcl::inline_text(call.arg(0).code) + ")"));
  }
  return string_result(util::to_lower(call.text(0)));
}

MaybeEvaluated fn_int(const Call& call) {
  const std::string text = call.text(0);
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used == text.size()) {
      return Evaluated::literal(Value::integer(value));
    }
  } catch (const std::exception&) {
  }
  call.fail("int(): '" + text + "' is not an integer");
}

MaybeEvaluated fn_dns_name(const Call& call) {
  std::size_t max_length = 63;
  const std::string text = call.text(0);
  if (call.size() > 1 && call.known(1).data.kind() == Value::Kind::integer) {
    max_length = static_cast<std::size_t>(std::clamp<long long>(call.arg(1).data.as_integer(), 1, 63));
  }
  return string_result(dns_label(text, max_length));
}

MaybeEvaluated fn_alnum(const Call& call) {
  std::string out;
  for (char c : util::to_lower(call.text(0))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  const Value& max = call.known(1).data;
  if (max.kind() == Value::Kind::integer && out.size() > static_cast<std::size_t>(max.as_integer())) {
    out.resize(static_cast<std::size_t>(max.as_integer()));
  }
  return string_result(out);
}

MaybeEvaluated fn_part(const Call& call) {
  const std::string text = call.text(0);
  const std::string separator = call.text(1);
  const auto pieces = util::split(text, separator.empty() ? ' ' : separator[0]);
  const long long n = call.known(2).data.as_integer();
  if (n < 0 || static_cast<std::size_t>(n) >= pieces.size()) {
    call.fail("'" + text + "' has no part " + std::to_string(n) + " separated by '" + separator + "'");
  }
  return string_result(pieces[static_cast<std::size_t>(n)]);
}

MaybeEvaluated fn_substr(const Call& call) {
  const std::string text = call.text(0);
  const auto start = static_cast<std::size_t>(std::max(0LL, call.known(1).data.as_integer()));
  const auto length = static_cast<std::size_t>(std::max(0LL, call.known(2).data.as_integer()));
  return string_result(start < text.size() ? text.substr(start, length) : "");
}

MaybeEvaluated fn_version_part(const Call& call) {
  const std::string version = call.text(0);
  const Value& count = call.known(1).data;
  const auto parts = util::split(version, '.');
  const auto n = static_cast<std::size_t>(count.kind() == Value::Kind::integer ? count.as_integer() : 1);
  return string_result(
      util::join({parts.begin(), parts.begin() + static_cast<long>(std::min(n, parts.size()))}, "."));
}

MaybeEvaluated fn_zone(const Call& call) {
  const std::string zone = call.text(0);
  const std::string separator = call.text(1);
  return string_result(zone.size() <= 2 ? call.context().blueprint->region + separator + zone : zone);
}

MaybeEvaluated fn_cidr_host(const Call& call) {
  const std::string text = call.text(0);
  return string_result(text.substr(0, text.find('/')));
}

// --- Numbers -------------------------------------------------------------------

MaybeEvaluated fn_add(const Call& call) {
  const Value& a = call.known(0).data;
  const Value& b = call.known(1).data;
  if (a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer) {
    return Evaluated::literal(Value::integer(a.as_integer() + b.as_integer()));
  }
  return Evaluated::literal(Value::number(a.as_number() + b.as_number()));
}

MaybeEvaluated fn_mul(const Call& call) {
  if (!call.arg(0).known || !call.arg(1).known) {
    return Evaluated::unknown(hcl::Expression::from_raw(hcl::inline_text(call.arg(0).code) + " * " +
                                                        hcl::inline_text(call.arg(1).code)));
  }
  const Value& a = call.known(0).data;
  const Value& b = call.known(1).data;
  if (a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer) {
    return Evaluated::literal(Value::integer(a.as_integer() * b.as_integer()));
  }
  return Evaluated::literal(Value::number(a.as_number() * b.as_number()));
}

const std::vector<MappingImplementation>& implementations() {
  using enum Arguments;
  static const std::vector<MappingImplementation> k_table{
      {"default", lazy, fn_default},
      {"if", lazy, fn_if},
      {"not", present, fn_not},
      {"has", lazy, fn_has},
      {"choose", lazy, fn_choose},
      {"fail", present, fn_fail},
      {"ref", lazy, fn_ref},
      {"shared", lazy, fn_shared},
      {"var", lazy, fn_var},
      {"attr", lazy, fn_attr},
      {"call", lazy, fn_call},
      {"list", evaluated, fn_list},
      {"map", evaluated, fn_map},
      {"merge", evaluated, fn_merge},
      {"first", present, fn_first},
      {"entries", present, fn_entries},
      {"pluck", present, fn_pluck},
      {"lookup_each", present, fn_lookup_each},
      {"contains", present, fn_contains},
      {"format", present, fn_format},
      {"str", present, fn_str},
      {"lower", present, fn_lower},
      {"int", present, fn_int},
      {"dns_name", present, fn_dns_name},
      {"alnum", present, fn_alnum},
      {"part", present, fn_part},
      {"substr", present, fn_substr},
      {"version_part", present, fn_version_part},
      {"zone", present, fn_zone},
      {"cidr_host", present, fn_cidr_host},
      {"add", present, fn_add},
      {"mul", present, fn_mul},
  };
  return k_table;
}

}  // namespace

MaybeEvaluated concatenate(const std::vector<MaybeEvaluated>& pieces, const util::SourceLocation& where) {
  Evaluated out;
  std::vector<hcl::StringPart> parts;
  std::string text;
  for (const auto& piece : pieces) {
    if (!piece) {
      return std::nullopt;
    }
    if (piece->data.kind() == Value::Kind::list || piece->data.kind() == Value::Kind::map) {
      throw RenderError{where, "a list or map cannot be part of a string"};
    }
    out.sensitive = out.sensitive || piece->sensitive;
    const hcl::Expression& code = piece->code;
    if (code.kind == hcl::Expression::Kind::string) {
      parts.insert(parts.end(), code.parts.begin(), code.parts.end());
    } else if (code.kind == hcl::Expression::Kind::raw) {
      parts.push_back({code.text, true});
    } else {
      parts.push_back({display(*piece), false});
    }
    if (piece->known) {
      text += display(*piece);
    } else {
      out.known = false;
    }
  }
  out.code = hcl::Expression::from_template(std::move(parts));
  out.data = out.known ? Value::string(text) : Value();
  return out;
}

MaybeEvaluated call_mapping_function(const MappingExpr& expression, const TemplateContext& context,
                                     const util::SourceLocation& where) {
  // By hash, not by comparing the name with each entry of the table in turn: it runs for every call.
  static const std::unordered_map<std::string_view, const MappingImplementation*> k_by_name = [] {
    std::unordered_map<std::string_view, const MappingImplementation*> by_name;
    for (const auto& function : implementations()) {
      by_name.emplace(function.name, &function);
    }
    return by_name;
  }();
  const auto entry = k_by_name.find(expression.name);
  if (entry == k_by_name.end()) {
    throw RenderError{where, "unknown mapping function '" + expression.name + "'"};
  }
  const MappingImplementation* found = entry->second;
  Call call(expression, context, where);
  if (found->arguments != Arguments::lazy) {
    call.evaluate_all();
    if (found->arguments == Arguments::present &&
        std::any_of(call.args().begin(), call.args().end(), [](const MaybeEvaluated& arg) { return !arg; })) {
      return std::nullopt;  // absent when an argument is
    }
  }
  return found->run(call);
}

std::vector<std::string> implemented_mapping_functions() {
  std::vector<std::string> names;
  for (const auto& function : implementations()) {
    names.emplace_back(function.name);
  }
  return names;
}

}  // namespace dharma::render

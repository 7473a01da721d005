// The mapping functions. Each works on concrete data when it is known; the
// few that can also work on values decided at apply (concat, mul, lower)
// then emit the equivalent Terraform expression instead.

#include "dharma/render/mapping_functions.hpp"

#include <algorithm>
#include <cmath>

#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/names.hpp"
#include "dharma/util/text.hpp"

namespace dharma::render {
namespace {

using blueprint::Value;
using catalog::MappingExpr;

std::string display(const Evaluated& e) {
  const Value& v = e.data;
  switch (v.kind()) {
    case Value::Kind::string: return v.as_string();
    case Value::Kind::boolean: return v.as_bool() ? "true" : "false";
    case Value::Kind::integer: return std::to_string(v.as_integer());
    default: return v.to_display_string();
  }
}

const Evaluated& require_known(const MaybeEvaluated& e, const MappingExpr& call, const util::SourceLocation& where) {
  if (!e->known) {
    throw RenderError{where, call.name + "() needs a value known before apply"};
  }
  if (e->sensitive) {
    throw RenderError{where, call.name + "() would write a value derived from a sensitive parameter literally"};
  }
  return *e;
}

std::string name_argument(const MappingExpr& arg) {
  return arg.kind == MappingExpr::Kind::string ? arg.name : util::join(arg.path, ".");
}

const Value& list_data(const Evaluated& e, const MappingExpr& call, const util::SourceLocation& where) {
  if (e.data.kind() != Value::Kind::list) {
    throw RenderError{where, call.name + "() needs a list"};
  }
  return e.data;
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

MaybeEvaluated call_mapping_function(const MappingExpr& call, const TemplateContext& context,
                                     const util::SourceLocation& where) {
  const std::string& name = call.name;
  if (name == "ref" || name == "shared") {
    const std::string entry = name_argument(call.args[0]);
    const std::string attribute = name_argument(call.args[1]);
    return Evaluated::unknown(name == "ref" ? context.scope->entry_reference(entry, attribute, context.index)
                                            : context.scope->shared_reference(entry, attribute));
  }
  if (name == "has") {
    return Evaluated::literal(Value::boolean(evaluate_expression(call.args[0], context, where).has_value()));
  }
  if (name == "attr") {
    MaybeEvaluated target = evaluate_expression(call.args[0], context, where);
    if (!target) {
      return std::nullopt;
    }
    if (target->data.kind() != Value::Kind::reference) {
      throw RenderError{where, "attr() needs a property that refers to another resource with ${name.attribute}"};
    }
    blueprint::Reference reference = target->data.as_reference();
    reference.attribute = name_argument(call.args[1]);
    return context.scope->reference(reference, where);
  }
  if (name == "call") {
    std::vector<hcl::Expression> codes;
    for (std::size_t i = 1; i < call.args.size(); ++i) {
      MaybeEvaluated arg = evaluate_expression(call.args[i], context, where);
      if (!arg) {
        return std::nullopt;
      }
      codes.push_back(arg->code);
    }
    return Evaluated::unknown(hcl::Expression::from_call(name_argument(call.args[0]), std::move(codes)));
  }
  if (name == "var") {
    return Evaluated::unknown(context.scope->variable_reference(name_argument(call.args[0])));
  }
  std::vector<MaybeEvaluated> args;
  if (name == "choose") {
    // Lazy like if(): only the chosen result is evaluated, so fail() can be a fallback.
    MaybeEvaluated value = evaluate_expression(call.args[0], context, where);
    if (!value) {
      return std::nullopt;
    }
    const std::string key = display(require_known(value, call, where));
    std::size_t i = 1;
    for (; i + 1 < call.args.size(); i += 2) {
      MaybeEvaluated candidate = evaluate_expression(call.args[i], context, where);
      if (candidate && display(require_known(candidate, call, where)) == key) {
        return evaluate_expression(call.args[i + 1], context, where);
      }
    }
    if (i < call.args.size()) {
      return evaluate_expression(call.args[i], context, where);
    }
    throw RenderError{where, "choose(): no entry for '" + key + "'"};
  }
  if (name != "if" && name != "default") {
    for (const auto& arg : call.args) {
      args.push_back(evaluate_expression(arg, context, where));
    }
  }
  if (name == "default") {
    for (const auto& arg : call.args) {
      if (auto value = evaluate_expression(arg, context, where)) {
        return value;
      }
    }
    return std::nullopt;
  }
  if (name == "if") {
    const bool condition = is_true(evaluate_expression(call.args[0], context, where), where);
    return evaluate_expression(call.args[condition ? 1 : 2], context, where);
  }
  if (name == "concat") {
    return concatenate(args, where);
  }
  if (name == "merge") {
    blueprint::Map data;
    for (const auto& arg : args) {
      if (!arg || arg->data.kind() != Value::Kind::map) {
        continue;
      }
      for (const auto& [key, value] : arg->data.as_map()) {
        std::erase_if(data, [&](const auto& entry) { return entry.first == key; });
        data.emplace_back(key, value);
      }
    }
    return evaluate_value(Value::map(std::move(data)), context);
  }
  if (name == "map") {
    blueprint::Map data;
    for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
      if (args[i] && args[i + 1]) {
        data.emplace_back(display(require_known(args[i], call, where)), args[i + 1]->data);
      }
    }
    return evaluate_value(Value::map(std::move(data)), context);
  }
  if (name == "list") {
    Evaluated out;
    std::vector<hcl::Expression> codes;
    blueprint::List data;
    for (auto& arg : args) {
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
  for (const auto& arg : args) {
    if (!arg) {
      return std::nullopt;  // every remaining function is absent when an argument is
    }
  }
  if (name == "first") {
    const Value& list = list_data(*args[0], call, where);
    if (list.as_list().empty()) {
      return std::nullopt;
    }
    return evaluate_value(list.as_list().front(), context);
  }
  if (name == "entries") {
    if (args[0]->data.kind() != Value::Kind::map) {
      throw RenderError{where, "entries() needs a map, not " + args[0]->data.kind_name()};
    }
    blueprint::List list;
    for (const auto& [key, value] : args[0]->data.as_map()) {
      list.push_back(Value::map({{"key", Value::string(key)}, {"value", value}}));
    }
    Evaluated out = Evaluated::literal(Value::list(std::move(list)));
    out.known = args[0]->known;
    return out;
  }
  if (name == "zone") {
    const std::string zone = display(require_known(args[0], call, where));
    const std::string separator = display(require_known(args[1], call, where));
    return Evaluated::literal(Value::string(zone.size() <= 2 ? context.blueprint->region + separator + zone : zone));
  }
  if (name == "version_part") {
    const std::string version = display(require_known(args[0], call, where));
    const Value& count = require_known(args[1], call, where).data;
    const auto parts = util::split(version, '.');
    const auto n = static_cast<std::size_t>(count.kind() == Value::Kind::integer ? count.as_integer() : 1);
    return Evaluated::literal(
        Value::string(util::join({parts.begin(), parts.begin() + static_cast<long>(std::min(n, parts.size()))}, ".")));
  }
  if (name == "lookup_each" || name == "contains") {
    const Value& list = list_data(require_known(args[0], call, where), call, where);
    if (name == "contains") {
      for (const auto& element : list.as_list()) {
        for (std::size_t i = 1; i < args.size(); ++i) {
          if (element.to_display_string() == display(require_known(args[i], call, where))) {
            return Evaluated::literal(Value::boolean(true));
          }
        }
      }
      return Evaluated::literal(Value::boolean(false));
    }
    blueprint::List out;
    std::vector<hcl::Expression> codes;
    for (const auto& element : list.as_list()) {
      const std::string key = element.to_display_string();
      bool found = false;
      for (std::size_t i = 1; i + 1 < args.size(); i += 2) {
        if (display(require_known(args[i], call, where)) == key) {
          const Value& mapped = args[i + 1]->data;
          if (std::none_of(out.begin(), out.end(), [&](const Value& v) { return v.same_data(mapped); })) {
            out.push_back(mapped);
            codes.push_back(args[i + 1]->code);
          }
          found = true;
          break;
        }
      }
      if (!found) {
        throw RenderError{where, "lookup_each(): no entry for '" + key + "'"};
      }
    }
    Evaluated result = Evaluated::literal(Value::list(std::move(out)));
    result.code = hcl::Expression::from_list(std::move(codes));
    return result;
  }
  if (name == "pluck") {
    const Value& list = list_data(*args[0], call, where);
    const std::string key = display(require_known(args[1], call, where));
    blueprint::List out;
    for (const auto& element : list.as_list()) {
      if (const Value* value = element.find(key); value != nullptr && !value->is_null()) {
        if (value->kind() == Value::Kind::list) {
          out.insert(out.end(), value->as_list().begin(), value->as_list().end());  // flattened
        } else {
          out.push_back(*value);
        }
      }
    }
    return evaluate_value(Value::list(std::move(out)), context);
  }
  if (name == "fail") {
    throw RenderError{where, display(require_known(args[0], call, where))};
  }
  if (name == "add") {
    const Value& a = require_known(args[0], call, where).data;
    const Value& b = require_known(args[1], call, where).data;
    if (a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer) {
      return Evaluated::literal(Value::integer(a.as_integer() + b.as_integer()));
    }
    return Evaluated::literal(Value::number(a.as_number() + b.as_number()));
  }
  if (name == "alnum") {
    std::string out;
    for (char c : util::to_lower(display(require_known(args[0], call, where)))) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out += c;
      }
    }
    const Value& max = require_known(args[1], call, where).data;
    if (max.kind() == Value::Kind::integer && out.size() > static_cast<std::size_t>(max.as_integer())) {
      out.resize(static_cast<std::size_t>(max.as_integer()));
    }
    return Evaluated::literal(Value::string(out));
  }
  if (name == "part" || name == "substr") {
    const std::string text = display(require_known(args[0], call, where));
    if (name == "part") {
      const std::string separator = display(require_known(args[1], call, where));
      const auto pieces = util::split(text, separator.empty() ? ' ' : separator[0]);
      const long long n = require_known(args[2], call, where).data.as_integer();
      if (n < 0 || static_cast<std::size_t>(n) >= pieces.size()) {
        throw RenderError{where, "'" + text + "' has no part " + std::to_string(n) + " separated by '" + separator + "'"};
      }
      return Evaluated::literal(Value::string(pieces[static_cast<std::size_t>(n)]));
    }
    const auto start = static_cast<std::size_t>(std::max(0LL, require_known(args[1], call, where).data.as_integer()));
    const auto length = static_cast<std::size_t>(std::max(0LL, require_known(args[2], call, where).data.as_integer()));
    return Evaluated::literal(Value::string(start < text.size() ? text.substr(start, length) : ""));
  }
  if (name == "int") {
    const std::string text = display(require_known(args[0], call, where));
    try {
      std::size_t used = 0;
      const long long value = std::stoll(text, &used);
      if (used == text.size()) {
        return Evaluated::literal(Value::integer(value));
      }
    } catch (const std::exception&) {
    }
    throw RenderError{where, "int(): '" + text + "' is not an integer"};
  }
  if (name == "mul") {
    if (!args[0]->known || !args[1]->known) {
      return Evaluated::unknown(hcl::Expression::from_raw(hcl::inline_text(args[0]->code) + " * " +
                                                          hcl::inline_text(args[1]->code)));
    }
    const Value& a = require_known(args[0], call, where).data;
    const Value& b = require_known(args[1], call, where).data;
    if (a.kind() == Value::Kind::integer && b.kind() == Value::Kind::integer) {
      return Evaluated::literal(Value::integer(a.as_integer() * b.as_integer()));
    }
    return Evaluated::literal(Value::number(a.as_number() * b.as_number()));
  }
  if (name == "lower" && !args[0]->known) {
    return Evaluated::unknown(hcl::Expression::from_raw("lower(" + hcl::inline_text(args[0]->code) + ")"));
  }
  const Evaluated& first = require_known(args[0], call, where);
  if (name == "not") {
    return Evaluated::literal(Value::boolean(!is_true(first, where)));
  }
  if (name == "str") {
    return Evaluated::literal(Value::string(display(first)));
  }
  if (name == "lower") {
    return Evaluated::literal(Value::string(util::to_lower(display(first))));
  }
  if (name == "dns_name") {
    std::size_t max_length = 63;
    if (args.size() > 1 && require_known(args[1], call, where).data.kind() == Value::Kind::integer) {
      max_length = static_cast<std::size_t>(std::clamp<long long>(args[1]->data.as_integer(), 1, 63));
    }
    return Evaluated::literal(Value::string(dns_label(display(first), max_length)));
  }
  if (name == "cidr_host") {
    const std::string text = display(first);
    return Evaluated::literal(Value::string(text.substr(0, text.find('/'))));
  }
  throw RenderError{where, "unknown mapping function '" + name + "'"};
}

}  // namespace dharma::render

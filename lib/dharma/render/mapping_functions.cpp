// The mapping functions. Each works on concrete data when it is known; the
// few that can also work on values decided at apply (concat, mul, lower)
// then emit the equivalent Terraform expression instead.

#include "dharma/render/mapping_functions.hpp"

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

std::string name_argument(const MappingExpr& arg) { return util::join(arg.path, "."); }

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
    return Evaluated::unknown(name == "ref" ? context.scope->entry_reference(entry, attribute)
                                            : context.scope->shared_reference(entry, attribute));
  }
  if (name == "var") {
    return Evaluated::unknown(hcl::Expression::from_raw("var." + name_argument(call.args[0])));
  }
  std::vector<MaybeEvaluated> args;
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
    return Evaluated::literal(Value::string(dns_label(display(first))));
  }
  if (name == "cidr_host") {
    const std::string text = display(first);
    return Evaluated::literal(Value::string(text.substr(0, text.find('/'))));
  }
  if (name == "choose") {
    const std::string key = display(first);
    std::size_t i = 1;
    for (; i + 1 < args.size(); i += 2) {
      if (display(require_known(args[i], call, where)) == key) {
        return args[i + 1];
      }
    }
    if (i < args.size()) {
      return args[i];
    }
    throw RenderError{where, "choose(): no entry for '" + key + "'"};
  }
  throw RenderError{where, "unknown mapping function '" + name + "'"};
}

}  // namespace dharma::render

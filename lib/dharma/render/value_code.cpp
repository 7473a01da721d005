// Blueprint values as Terraform code. A value that came from `${...}` keeps
// its parsed template, so `${param.web_count}` is written `var.web_count` and
// `${vpc.id}` `aws_vpc.vpc.id` rather than an evaluated copy: the generated
// Terraform stays connected to its variables and resources. Everything else
// is written as a literal. A sensitive value may only ever reach the output
// through its variable; if it would be written literally, rendering fails.

#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/mapping_evaluator.hpp"

namespace dharma::render {
namespace {

using value::Value;

void append_part(std::vector<hcl::StringPart>& parts, const hcl::Expression& code) {
  switch (code.kind) {
    case hcl::Expression::Kind::string:
      for (const auto& part : code.parts) {
        parts.push_back(part);
      }
      return;
    case hcl::Expression::Kind::number:
    case hcl::Expression::Kind::keyword:
      parts.push_back({code.text, false});
      return;
    case hcl::Expression::Kind::boolean:
      parts.push_back({code.boolean ? "true" : "false", false});
      return;
    case hcl::Expression::Kind::null:
      return;
    default:
      parts.push_back({hcl::inline_text(code), true});
  }
}

hcl::Expression expr_code(const expr::Expr& e, const TemplateContext& context,
                          const util::SourceLocation& where) {
  switch (e.kind) {
    case expr::Expr::Kind::string_literal:
      return hcl::Expression::from_string(e.name);
    case expr::Expr::Kind::number_literal:
      return hcl::Expression::from_number(e.number);
    case expr::Expr::Kind::bool_literal:
      return hcl::Expression::from_bool(e.boolean);
    case expr::Expr::Kind::parameter:
      return hcl::Expression::from_raw("var." + e.name);
    case expr::Expr::Kind::environment:
      return hcl::Expression::from_string(context.blueprint->environment);
    case expr::Expr::Kind::blueprint_name:
      return hcl::Expression::from_string(context.blueprint->metadata.name);
    case expr::Expr::Kind::resource_attr: {
      value::Reference reference{e.name, e.index, e.splat, e.attribute};
      return context.scope->reference(reference, where).code;
    }
    case expr::Expr::Kind::call: {
      // The expression functions share their names and meaning with Terraform's, except default().
      std::string out = e.name == "default" ? "coalesce(" : e.name + "(";
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        out += (i > 0 ? ", " : "") + hcl::inline_text(expr_code(*e.args[i], context, where));
      }
      return hcl::Expression::from_raw(out + ")");
    }
  }
  return {};
}

}  // namespace

hcl::Expression template_code(const expr::Template& tmpl, const TemplateContext& context,
                              const util::SourceLocation& where) {
  if (tmpl.is_single_expression()) {
    return expr_code(*tmpl.parts[0].expression, context, where);
  }
  std::vector<hcl::StringPart> parts;
  for (const auto& part : tmpl.parts) {
    if (part.expression) {
      append_part(parts, expr_code(*part.expression, context, where));
    } else {
      parts.push_back({part.literal, false});
    }
  }
  return hcl::Expression::from_template(std::move(parts));
}

hcl::Expression literal_code(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::boolean:
      return hcl::Expression::from_bool(value.as_bool());
    case Value::Kind::integer:
      return hcl::Expression::from_integer(value.as_integer());
    case Value::Kind::number:
      return hcl::Expression::from_number(value.as_number());
    case Value::Kind::string:
      return hcl::Expression::from_string(value.as_string());
    default:
      return {};
  }
}

namespace {

// `with_data` false: evaluate_value_code (no `data` built at any level).
Evaluated evaluate(const Value& value, const TemplateContext& context, bool with_data) {
  // Neither the location (a copy of the file name) nor a copy of the value
  // is made unless a case below needs it: lists and maps build their data
  // from their items, so copying them here first was wasted work per level.
  Evaluated out;
  out.sensitive = value.sensitive;
  switch (value.kind()) {
    case Value::Kind::reference: {
      Evaluated referenced = context.scope->reference(value.as_reference(), value.location());
      referenced.sensitive = value.sensitive;
      if (!referenced.known && with_data) {
        referenced.data = value;  // attr() and first() need the reference itself
      }
      return referenced;
    }
    case Value::Kind::interpolation: {
      if (with_data) {
        out.data = value;
      }
      const util::SourceLocation where = value.location();
      std::vector<hcl::StringPart> parts;
      std::string text;
      bool known = true;
      for (const auto& part : value.as_interpolation()) {
        if (const auto* literal = std::get_if<std::string>(&part)) {
          parts.push_back({*literal, false});
          text += *literal;
          continue;
        }
        const Evaluated referenced = context.scope->reference(std::get<value::Reference>(part), where);
        append_part(parts, referenced.code);
        if (referenced.known && referenced.data.kind() == Value::Kind::string) {
          if (with_data) {
            text += referenced.data.as_string();
          }
        } else {
          known = false;
        }
      }
      out.code = hcl::Expression::from_template(std::move(parts));
      out.known = known;
      if (known && with_data) {
        out.data = Value::string(text);
      }
      break;
    }
    case Value::Kind::list: {
      std::vector<hcl::Expression> items;
      value::List data;
      items.reserve(value.as_list().size());
      for (const auto& item : value.as_list()) {
        Evaluated e = evaluate(item, context, with_data);
        out.known = out.known && e.known;
        items.push_back(std::move(e.code));
        if (with_data) {
          data.push_back(std::move(e.data));
        }
      }
      out.code = hcl::Expression::from_list(std::move(items));
      if (with_data) {
        out.data = Value::list(std::move(data));
      }
      break;
    }
    case Value::Kind::map: {
      std::vector<std::pair<std::string, hcl::Expression>> entries;
      value::Map data;
      entries.reserve(value.as_map().size());
      for (const auto& [key, item] : value.as_map()) {
        Evaluated e = evaluate(item, context, with_data);
        out.known = out.known && e.known;
        entries.emplace_back(key, std::move(e.code));
        if (with_data) {
          data.emplace_back(key, std::move(e.data));
        }
      }
      out.code = hcl::Expression::from_object(std::move(entries));
      if (with_data) {
        out.data = Value::map(std::move(data));
      }
      break;
    }
    default:
      if (with_data) {
        out.data = value;
      }
      out.code = literal_code(value);
  }
  if (context.terraform && value.expression && value.expression->has_expressions()) {
    out.code = template_code(*value.expression, context, value.location());
  } else if (value.sensitive && value.is_scalar()) {
    throw RenderError{value.location(),
                      context.terraform
                          ? "a value derived from a sensitive parameter would be written into the "
                            "Terraform files literally; pass the parameter through unchanged"
                          : "a value derived from a sensitive parameter cannot be written into a "
                            "Kubernetes manifest; reference a Secret instead (k8s.secret_ref)"};
  }
  return out;
}

}  // namespace

Evaluated evaluate_value(const Value& value, const TemplateContext& context) {
  return evaluate(value, context, true);
}

Evaluated evaluate_value_code(const Value& value, const TemplateContext& context) {
  return evaluate(value, context, !code_only_evaluation());
}

}  // namespace dharma::render

#include "dharma/render/terraform_files.hpp"

#include <cmath>

#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/terraform_body.hpp"

namespace dharma::render {
namespace {

using hcl::Expression;
using value::Value;

std::string type_constraint(const std::string& type) {
  if (type == "integer" || type == "number") {
    return "number";
  }
  if (type == "boolean") {
    return "bool";
  }
  if (type == "list") {
    return "list(any)";
  }
  if (type == "map") {
    return "map(any)";
  }
  return "string";
}

std::string number_text(double value) {
  return Expression::from_number(value).text;
}

void add_validations(hcl::Body& body, const blueprint::ResolvedParameter& parameter) {
  const std::string var = "var." + parameter.name;
  if (!parameter.allowed.empty()) {
    std::vector<Expression> allowed;
    std::string listed;
    for (const auto& value : parameter.allowed) {
      allowed.push_back(Evaluated::literal(value).code);
      listed += (listed.empty() ? "" : ", ") + value.to_display_string();
    }
    auto& validation = body.block("validation");
    validation.body.attribute(
        "condition", Expression::from_raw("contains(" + hcl::inline_text(Expression::from_list(allowed)) +
                                          ", " + var + ")"));
    validation.body.attribute("error_message",
                              Expression::from_string(parameter.name + " must be one of: " + listed + "."));
  }
  if (parameter.min) {
    auto& validation = body.block("validation");
    validation.body.attribute("condition", Expression::from_raw(var + " >= " + number_text(*parameter.min)));
    validation.body.attribute("error_message", Expression::from_string(parameter.name + " must be at least " +
                                                                       number_text(*parameter.min) + "."));
  }
  if (parameter.max) {
    auto& validation = body.block("validation");
    validation.body.attribute("condition", Expression::from_raw(var + " <= " + number_text(*parameter.max)));
    validation.body.attribute("error_message", Expression::from_string(parameter.name + " must be at most " +
                                                                       number_text(*parameter.max) + "."));
  }
  if (!parameter.pattern.empty()) {
    auto& validation = body.block("validation");
    validation.body.attribute(
        "condition", Expression::from_raw("can(regex(" + hcl::quote(parameter.pattern) + ", " + var + "))"));
    validation.body.attribute(
        "error_message", Expression::from_string(parameter.name + " must match " + parameter.pattern + "."));
  }
}

}  // namespace

hcl::Document versions_document(const std::vector<const catalog::ProviderDefinition*>& providers) {
  hcl::Document document;
  auto& terraform = document.block("terraform");
  std::string required_version = ">= 1.5.0";
  for (const auto* provider : providers) {
    if (!provider->required_version.empty()) {
      required_version = provider->required_version;
      break;
    }
  }
  terraform.body.attribute("required_version", Expression::from_string(required_version));
  terraform.body.separator();
  auto& required = terraform.body.block("required_providers");
  for (const auto* provider : providers) {
    required.body.attribute(
        provider->terraform_name,
        Expression::from_object({{"source", Expression::from_string(provider->source)},
                                 {"version", Expression::from_string(provider->version)}}));
  }
  return document;
}

hcl::Document providers_document(const std::vector<const catalog::ProviderDefinition*>& providers,
                                 const TemplateContext& context) {
  hcl::Document document;
  for (const auto* provider : providers) {
    auto& block = document.block("provider", {provider->terraform_name});
    fill_body_from_template(block.body, provider->provider_block, context);
  }
  return document;
}

hcl::Document variables_document(const blueprint::ResolvedBlueprint& blueprint,
                                 const std::vector<const catalog::ProviderDefinition*>& providers,
                                 const std::set<std::string>& used_variables,
                                 const TemplateContext& context) {
  hcl::Document document;
  for (const auto& parameter : blueprint.parameters) {
    auto& block = document.block("variable", {parameter.name});
    block.body.attribute("type", Expression::from_keyword(type_constraint(parameter.type)));
    if (!parameter.description.empty()) {
      block.body.attribute("description", Expression::from_string(parameter.description));
    }
    // The bound value (after --set, --values and the overlay) is the default,
    // so the files reflect the environment they were generated for. Sensitive
    // values are never written: Terraform asks for them (TF_VAR_name).
    if (parameter.sensitive) {
      block.body.attribute("sensitive", Expression::from_bool(true));
    } else if (!parameter.value.is_null()) {
      Value plain = parameter.value;
      plain.expression = nullptr;
      block.body.attribute("default", evaluate_value(plain, context).code);
    }
    add_validations(block.body, parameter);
  }
  for (const auto* provider : providers) {
    for (const auto& variable : provider->variables) {
      if (used_variables.count(variable.name) == 0) {
        continue;
      }
      if (blueprint.find_parameter(variable.name) != nullptr) {
        throw RenderError{{blueprint.file, 0, 0},
                          "parameter '" + variable.name + "' collides with the variable the " +
                              provider->provider + " provider needs; rename the parameter"};
      }
      auto& block = document.block("variable", {variable.name});
      block.body.attribute("type", Expression::from_keyword(variable.type));
      if (!variable.description.empty()) {
        block.body.attribute("description", Expression::from_string(variable.description));
      }
      if (variable.default_value) {
        if (auto value = evaluate_template(*variable.default_value, context)) {
          block.body.attribute("default", value->code);
        }
      }
    }
  }
  return document;
}

hcl::Document outputs_document(const blueprint::ResolvedBlueprint& blueprint,
                               const TemplateContext& context) {
  hcl::Document document;
  for (const auto& output : blueprint.outputs) {
    auto& block = document.block("output", {output.name});
    const Evaluated value = evaluate_value(output.value, context);
    block.body.attribute("value", value.code);
    if (!output.description.empty()) {
      block.body.attribute("description", Expression::from_string(output.description));
    }
    if (output.sensitive || value.sensitive) {
      block.body.attribute("sensitive", Expression::from_bool(true));
    }
  }
  return document;
}

}  // namespace dharma::render

#pragma once
// Evaluates provider mapping templates (catalog::TemplateNode) for one
// resource, producing Terraform code and, where knowable, concrete data.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/mapping_template.hpp"
#include "dharma/render/evaluated.hpp"

namespace dharma::render {

// A problem found while rendering, at the mapping or blueprint node it concerns.
struct RenderError {
  util::SourceLocation location;
  std::string message;
};

// What the renderer knows that a template may point at.
class RenderScope {
 public:
  virtual ~RenderScope() = default;
  // ${vpc.id} written in the blueprint.
  virtual Evaluated reference(const value::Reference& reference, const util::SourceLocation& where) const = 0;
  // ref(entry, attribute): another Terraform resource of the current mapping.
  // `index`: the for_each index in effect, for entries repeated with for_each.
  virtual hcl::Expression entry_reference(const std::string& entry, const std::string& attribute,
                                          std::optional<long long> index) const = 0;
  // var(name): a variable of the provider file; the renderer declares only those used.
  virtual hcl::Expression variable_reference(const std::string& name) const = 0;
  // shared(entry, attribute): a resource of the provider file.
  virtual hcl::Expression shared_reference(const std::string& entry, const std::string& attribute) const = 0;
};

struct ResourceContext;

struct TemplateContext {
  const blueprint::ResolvedBlueprint* blueprint = nullptr;
  const blueprint::ResolvedResource* resource = nullptr;  // null in provider-level templates
  std::string label;                                      // the Terraform label of the current entry
  std::string k8s_name;                                   // the resource's Kubernetes name
  const Evaluated* item = nullptr;                        // for_each element
  std::optional<long long> index;
  const RenderScope* scope = nullptr;
  bool terraform = true;  // false: Kubernetes, where only data matters
  const Evaluated* tags = nullptr;
  const Evaluated* labels = nullptr;
  // Where `labels` is built on first use when `labels` above is null
  // (render/terraform_scope.hpp, resource_labels).
  const ResourceContext* resource_context = nullptr;
};

// Evaluates `node`; nullopt when it is absent. Throws RenderError.
MaybeEvaluated evaluate_template(const catalog::TemplateNode& node, const TemplateContext& context);

// The same evaluation for a caller that reads only `code` (a Terraform
// attribute): `data` is left null, and `known` is meaningful only where the
// code came from a blueprint value. Paths and nested maps and lists then
// build no copy of the data they point at; every argument of a function
// call, `when`, `for_each` and the pieces of a text are still evaluated with
// their data, so the code is the code evaluate_template gives (tests:
// test_render_code_only.cpp renders with and without this path).
MaybeEvaluated evaluate_template_code(const catalog::TemplateNode& node, const TemplateContext& context);

// Turns evaluate_template_code() and evaluate_value_code() into the full
// evaluations (for the differential tests only; on by default).
void set_code_only_evaluation(bool enabled);
bool code_only_evaluation();

MaybeEvaluated evaluate_expression(const catalog::MappingExpr& expression, const TemplateContext& context,
                                   const util::SourceLocation& where);

// True for a list item `- keep_empty: true`: it renders nothing and keeps its
// list as [] when no other item applies.
bool is_keep_empty_marker(const catalog::TemplateNode& item);

// A sequence item: one value, or, for a map with a `for_each` key, one value
// per element of that list with `item` and `index` bound.
std::vector<Evaluated> expand_item(const catalog::TemplateNode& item, const TemplateContext& context);

// Visits what one sequence item of a template stands for: the item itself,
// or with a `for_each` key one copy per element (`item`, `index` bound);
// copies whose `when` key is false are skipped. `body` is the item without
// those keys; `element`, when present, replaces the whole item.
void visit_item(const catalog::TemplateNode& item, const TemplateContext& context,
                const std::function<void(const catalog::TemplateNode& body, const TemplateContext&)>& visit);

// Calls `visit` once per element of the list `list` evaluates to, with
// `item` and `index` bound. Throws RenderError when the list is not known.
void for_each_element(const catalog::TemplateNode& list, const TemplateContext& context,
                      const std::function<void(const TemplateContext&)>& visit);

// A blueprint value as code and data (a property, a tag, an output, a count).
// Throws RenderError for sensitive data that would be written literally.
Evaluated evaluate_value(const value::Value& value, const TemplateContext& context);

// evaluate_value for a caller that reads only `code`, `known` and
// `sensitive`: `data` is left null (no copy of the value is made).
Evaluated evaluate_value_code(const value::Value& value, const TemplateContext& context);

// A scalar value's literal code (Evaluated::literal(value).code without a copy of `value`).
hcl::Expression literal_code(const value::Value& value);

// Terraform code for a blueprint `${...}` template (var.x, aws_vpc.vpc.id, lower(var.y)).
hcl::Expression template_code(const expr::Template& tmpl, const TemplateContext& context,
                              const util::SourceLocation& where);

// True when `evaluated` is a known boolean true (for `when:`). Throws RenderError when unknown.
bool is_true(const MaybeEvaluated& evaluated, const util::SourceLocation& where);

}  // namespace dharma::render

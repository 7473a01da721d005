#pragma once
// What the blueprint says: the Terraform resources `dharma generate` renders
// (the renderer's HCL model of main.tf.json, as generate builds it before
// writing, so drift and generate share one renderer), expanded per `count` instance, with the
// blueprint resource each came from.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dharma/drift/base_address.hpp"
#include "dharma/drift/value.hpp"

// Declared, not included: the HCL model's recursive variant does not compile
// with clang 14 on libstdc++ 12, and the fuzz build includes this header.
namespace dharma::render::hcl {
struct Block;
struct Document;
}  // namespace dharma::render::hcl

namespace dharma::drift {

// Its strings view its `arena` (or text that outlives it): a resource of a
// count shares its type, name and body with its siblings; only the address
// is its own copy.
struct DesiredResource {
  std::string_view address;  // aws_instance.web or aws_instance.web[1]
  std::string_view type;
  std::string_view name;
  std::optional<long long> index;  // the count index, when the resource has a count
  // True when the count is not known offline (`count = var.n`): the
  // resource then stands for every instance the actual state has of it.
  bool any_index = false;
  // As rendered (strings may hold ${...} templates), an object in drift's
  // compact values; the instances of one `count` share it.
  Value attributes = Value::object(nullptr, 0);
  // What `attributes` lives in (shared by the resources read together).
  std::shared_ptr<ValueArena> arena;
  std::string_view blueprint_resource;  // the blueprint resource it renders, "" for shared ones

  std::string base_address() const { return base_address_of(type, name); }
};

// The resources of a rendered main.tf.json in the order of the blueprint
// resources they belong to (shared provider resources first), by type and
// label within one. Meta-arguments (count, depends_on, lifecycle, provider)
// are removed from `attributes`. `owners`: the blueprint resource names in
// declaration order, to tell which one a label belongs to.
std::vector<DesiredResource> desired_resources(const nlohmann::json& main_tf_json,
                                               const std::vector<std::string>& owners);
// The same from the renderer's HCL model of main.tf.json as built
// (render_terraform_documents): each resource block's body is built
// straight into drift's compact values (body_to_value, equal to what
// the renderer's JSON writer hcl::body_to_json gives), with no JSON tree in
// between; a label given twice keeps its last body, as in main.tf.json.
// The values hold copies of the model's strings: `main_tf` may be freed
// once they are built.
std::vector<DesiredResource> desired_resources(const render::hcl::Document& main_tf,
                                               const std::vector<std::string>& owners);

// The same from main.tf.json handed over block by block as the renderer
// builds it (render_terraform_documents with a BlockSink), so the model is
// never whole: each block's values are built at once and the block may be
// freed. The result equals desired_resources over the whole model: the last
// block of a type and label wins, and the provider's shared blocks (handed
// over last with `shared`, first in the model) lose to any other block of
// their type and label.
class DesiredBlocks {
 public:
  explicit DesiredBlocks(const std::vector<std::string>& owners);
  ~DesiredBlocks();
  DesiredBlocks(const DesiredBlocks&) = delete;
  DesiredBlocks& operator=(const DesiredBlocks&) = delete;

  void add(const render::hcl::Block& block, bool shared);
  // The resources, as desired_resources returns them; call once.
  std::vector<DesiredResource> take();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The defaults of a rendered variables.tf.json by variable name (the
// parameter values of the environment); variables without one are left out.
nlohmann::json variable_defaults(const nlohmann::json& variables_tf_json);

}  // namespace dharma::drift

// Reads the renderer's Terraform: either its HCL model as built (each
// `resource TYPE LABEL` block's body built once into drift's compact values
// by body_to_value, desired_value.hpp) or a main.tf.json document {"resource":
// {TYPE: {LABEL: {attributes}}}}; resources are put in blueprint order
// through their owners, by type and label within one. A label belongs to
// the blueprint resource whose Terraform name is its longest prefix (`web`
// renders aws_launch_template.web and aws_autoscaling_group.web; `db`
// renders aws_db_instance.db and aws_db_subnet_group.db); labels no
// resource owns are the provider's shared resources
// (azurerm_resource_group.main). DesiredBlocks reads the model block by
// block as it is built; a block that replaces an earlier one of its type and
// label marks that one's resources dropped.

#include "dharma/drift/desired_state.hpp"

#include <algorithm>
#include <limits>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "dharma/drift/desired_value.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/names.hpp"
#include "dharma/util/flat_index.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

// Terraform's meta-arguments, which are not attributes of the resource:
// count, for_each, depends_on, lifecycle, provider, provisioner, connection.
bool is_meta_argument(std::string_view key) {
  switch (key.empty() ? '\0' : key[0]) {
    case 'c':
      return key == "count" || key == "connection";
    case 'd':
      return key == "depends_on";
    case 'f':
      return key == "for_each";
    case 'l':
      return key == "lifecycle";
    case 'p':
      return key == "provider" || key == "provisioner";
    default:
      return false;
  }
}

// The owner whose identifier is the longest prefix of `label` ending at an
// underscore or at its end; a lookup per candidate prefix, so linear in the
// label, not in the number of resources. Returns its index, or -1.
long owner_of(std::string_view label, const util::FlatIndex& owners, const std::vector<std::string>& names) {
  const auto name_at = [&names](std::size_t at) -> const std::string& { return names[at]; };
  for (std::size_t end = label.size(); end > 0; --end) {
    if (end == label.size() || label[end] == '_') {
      const std::size_t found = owners.find(label.substr(0, end), name_at);
      if (found != util::FlatIndex::npos) {
        return static_cast<long>(found);
      }
    }
  }
  return -1;
}

// Collects the resources in any order, then sorts them into blueprint order.
class Collector {
 public:
  explicit Collector(const std::vector<std::string>& owners)
      : owners_(owners), arena_(std::make_shared<ValueArena>()) {
    names_.reserve(owners.size());
    identifiers_.reserve(owners.size());
    for (std::size_t i = 0; i < owners.size(); ++i) {
      names_.push_back(render::terraform_identifier(owners[i]));
    }
    const auto name_at = [this](std::size_t at) -> const std::string& { return names_[at]; };
    for (std::size_t i = 0; i < owners.size(); ++i) {
      if (identifiers_.find(names_[i], name_at) == util::FlatIndex::npos) {
        identifiers_.add(names_[i], i);  // the first of a name wins, as std::map::emplace
      }
    }
  }

  // One resource block, expanded per count instance; `attributes` is its
  // body (any non-object stands for an empty one), in arena().
  void add(const std::string& type, const std::string& label, const Value& attributes);
  std::size_t size() const { return resources_.size(); }
  // Leaves the resources [begin, end) out of sorted().
  void drop(std::size_t begin, std::size_t end) {
    std::fill(order_.begin() + static_cast<long>(begin), order_.begin() + static_cast<long>(end), k_dropped);
  }
  std::vector<DesiredResource> sorted();
  ValueArena& arena() { return *arena_; }
  // Room for `blocks` resources (one per block without a count).
  void reserve(std::size_t blocks) {
    resources_.reserve(blocks);
    order_.reserve(blocks);
  }

 private:
  const std::vector<std::string>& owners_;
  std::shared_ptr<ValueArena> arena_;
  std::vector<std::string> names_;  // the owners' Terraform identifiers
  util::FlatIndex identifiers_;     // positions in names_ by name
  std::vector<Member> kept_;        // add()'s members without the meta-arguments, reused
  std::string address_;             // add()'s address being built, reused
  std::vector<DesiredResource> resources_;
  std::vector<long> order_;  // owner index per resource, k_dropped once replaced
  static constexpr long k_dropped = std::numeric_limits<long>::min();
};

void Collector::add(const std::string& type, const std::string& label, const Value& attributes) {
  auto& resources = resources_;
  DesiredResource resource;
  resource.type = arena_->intern(type);
  resource.name = arena_->copy(label);
  resource.arena = arena_;
  const long owner = owner_of(label, identifiers_, names_);
  if (owner >= 0) {
    resource.blueprint_resource = arena_->intern(owners_[static_cast<std::size_t>(owner)]);
  }
  // The meta-arguments left out in one pass over the (sorted) body, `count`
  // kept aside; a body without any is used as it is.
  Value count;
  std::vector<Member>& kept = kept_;
  kept.clear();
  bool meta = false;
  for (const Member* it = attributes.begin_members(); it != attributes.end_members(); ++it) {
    if (is_meta_argument(it->key)) {
      if (!meta) {
        kept.assign(attributes.begin_members(), it);  // the members before the first one
        meta = true;
      }
      if (it->key == "count") {
        count = it->value;
      }
    } else if (meta) {
      kept.push_back(*it);
    }
  }
  resource.attributes = !attributes.is_object() ? Value::object(nullptr, 0)
                        : meta                  ? make_object(kept.data(), kept.data() + kept.size(), *arena_)
                                                : attributes;
  const std::size_t before = resources.size();
  if (count.is_null()) {
    address_.clear();
    address_ += type;
    address_ += '.';
    address_ += label;  // base_address(), in one reused buffer
    resource.address = arena_->copy(address_);
    resources.push_back(std::move(resource));
  } else if (count.is_integer()) {
    const long long instances =
        count.kind() == Value::Kind::integer ? count.as_int() : static_cast<long long>(count.as_unsigned());
    // The instances share one body (values are never changed once built).
    for (long long i = 0; i < instances; ++i) {
      DesiredResource instance = i + 1 == instances ? std::move(resource) : resource;
      instance.index = i;
      instance.address = arena_->copy(instance.base_address() + "[" + std::to_string(i) + "]");
      resources.push_back(std::move(instance));
    }
  } else {
    resource.any_index = true;
    resource.address = arena_->copy(resource.base_address() + "[*]");
    resources.push_back(std::move(resource));
  }
  order_.insert(order_.end(), resources.size() - before, owner);
}

std::vector<DesiredResource> Collector::sorted() {
  auto& resources = resources_;
  auto& order = order_;
  std::vector<std::size_t> positions;
  positions.reserve(resources.size());
  for (std::size_t i = 0; i < resources.size(); ++i) {
    if (order[i] != k_dropped) {
      positions.push_back(i);
    }
  }
  // By owner, then by type and label (the renderer's model keeps its own
  // block order, a sorted document its key order: both come out the same).
  std::stable_sort(positions.begin(), positions.end(), [&](std::size_t a, std::size_t b) {
    const DesiredResource& left = resources[a];
    const DesiredResource& right = resources[b];
    return std::tie(order[a], left.type, left.name) < std::tie(order[b], right.type, right.name);
  });
  // Put in that order where they are (a second vector of tens of thousands
  // of resources would be fresh memory): place k takes the resource at
  // positions[k], the dropped ones go last and are cut off.
  const std::size_t kept = positions.size();
  for (std::size_t i = 0; i < resources.size(); ++i) {
    if (order[i] == k_dropped) {
      positions.push_back(i);
    }
  }
  std::vector<char> placed(resources.size(), 0);
  for (std::size_t start = 0; start < resources.size(); ++start) {
    if (placed[start] != 0) {
      continue;
    }
    DesiredResource held = std::move(resources[start]);
    std::size_t at = start;
    while (true) {
      placed[at] = 1;
      const std::size_t from = positions[at];
      if (from == start) {
        resources[at] = std::move(held);
        break;
      }
      resources[at] = std::move(resources[from]);
      at = from;
    }
  }
  resources.resize(kept);
  order.clear();
  return std::move(resources);
}

}  // namespace

std::vector<DesiredResource> desired_resources(const Json& main_tf_json,
                                               const std::vector<std::string>& owners) {
  Collector collector(owners);
  if (main_tf_json.is_object() && main_tf_json.contains("resource")) {
    for (const auto& [type, labels] : main_tf_json["resource"].items()) {
      for (const auto& [label, body] : labels.items()) {
        collector.add(type, label, from_json(body, collector.arena()));
      }
    }
  }
  return collector.sorted();
}

std::vector<DesiredResource> desired_resources(const render::hcl::Document& main_tf,
                                               const std::vector<std::string>& owners) {
  // The last block of a type and label wins, as in the document to_json
  // builds; the position does not matter (the collector sorts), so the
  // blocks are found by hash and built in the model's order.
  using Labels = std::pair<std::string_view, std::string_view>;
  struct LabelsHash {
    std::size_t operator()(const Labels& labels) const {
      const std::hash<std::string_view> hash;
      const std::size_t h = hash(labels.first);
      return h ^ (hash(labels.second) + 0x9e3779b97f4a7c15ULL + (h << 6U) + (h >> 2U));
    }
  };
  std::unordered_map<Labels, const render::hcl::Block*, LabelsHash> last;
  last.reserve(main_tf.blocks.size());
  for (const auto& block : main_tf.blocks) {
    if (block.type == "resource" && block.labels.size() == 2) {
      last[{block.labels[0], block.labels[1]}] = &block;
    }
  }
  Collector collector(owners);
  collector.reserve(last.size());
  for (const auto& block : main_tf.blocks) {
    if (block.type == "resource" && block.labels.size() == 2 &&
        last.find({block.labels[0], block.labels[1]})->second == &block) {
      collector.add(block.labels[0], block.labels[1], body_to_value(block.body, collector.arena()));
    }
  }
  return collector.sorted();
}

// Where each type and label's resources are in the collector, and whether
// they came from a shared block.
struct DesiredBlocks::State {
  struct Slot {
    std::size_t begin;
    std::size_t end;
    bool shared;
  };
  // Room for four Terraform resources per blueprint resource: address
  // space only, as no page of it is touched before a resource is put there,
  // where growing by doubling would copy the resources twice into fresh
  // memory on the way to 20,000 (bench/drift.sh's two per resource).
  explicit State(const std::vector<std::string>& owners) : collector(owners) {
    collector.reserve(4 * owners.size());
    index.reserve(2 * owners.size());
  }
  Collector collector;
  // The slots by "type\0label": keys[i] (a copy in the collector's arena;
  // the block's own strings are freed with it) is slots[i]'s.
  util::FlatIndex index;
  std::vector<std::string_view> keys;
  std::vector<Slot> slots;
  std::string key;  // the key being looked up, reused
};

DesiredBlocks::DesiredBlocks(const std::vector<std::string>& owners)
    : state_(std::make_unique<State>(owners)) {}

DesiredBlocks::~DesiredBlocks() = default;

void DesiredBlocks::add(const render::hcl::Block& block, bool shared) {
  if (block.type != "resource" || block.labels.size() != 2) {
    return;
  }
  const std::string& type = block.labels[0];
  const std::string& label = block.labels[1];
  State& state = *state_;
  std::string& key = state.key;
  key.assign(type);
  key += '\0';
  key += label;
  auto& collector = state.collector;
  const std::uint64_t hash = util::FlatIndex::hash_of(key);
  const std::size_t found =
      state.index.find_hashed(hash, key, [&state](std::size_t at) { return state.keys[at]; });
  if (found != util::FlatIndex::npos) {
    State::Slot& slot = state.slots[found];
    if (shared && !slot.shared) {
      return;  // a shared block comes first in the model: the other one is later and wins
    }
    collector.drop(slot.begin, slot.end);
    slot.begin = collector.size();
    collector.add(type, label, body_to_value(block.body, collector.arena()));
    slot.end = collector.size();
    slot.shared = shared;
    return;
  }
  const std::size_t begin = collector.size();
  collector.add(type, label, body_to_value(block.body, collector.arena()));
  state.index.add_hashed(hash, state.slots.size());
  state.keys.push_back(collector.arena().copy(key));
  state.slots.push_back(State::Slot{begin, collector.size(), shared});
}

std::vector<DesiredResource> DesiredBlocks::take() {
  state_->index = {};
  state_->keys = {};
  state_->slots = {};
  return state_->collector.sorted();
}

Json variable_defaults(const Json& variables_tf_json) {
  Json defaults = Json::object();
  if (variables_tf_json.is_object() && variables_tf_json.contains("variable")) {
    for (const auto& [name, body] : variables_tf_json["variable"].items()) {
      if (body.is_object() && body.contains("default") && !body["default"].is_null()) {
        defaults[name] = body["default"];
      }
    }
  }
  return defaults;
}

}  // namespace dharma::drift

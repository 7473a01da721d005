#pragma once
// Deep merge of YAML trees for environment overlays: mappings merge key by
// key, everything else (scalars, lists) is replaced by the overlay.

#include "dharma/yaml/node.hpp"

namespace dharma::blueprint {

// A new tree: `base` with `overlay` merged in. Unchanged subtrees are shared.
yaml::NodePtr merge_nodes(const yaml::Node& base, const yaml::Node& overlay);

}  // namespace dharma::blueprint

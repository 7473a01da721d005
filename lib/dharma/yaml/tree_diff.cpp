#include "dharma/yaml/tree_diff.hpp"

namespace dharma::yaml {
namespace {

std::string describe(const Node& node) {
  return node.kind_name() + (node.plain ? " plain '" : " quoted '") + node.scalar + "' at " +
         node.location().str();
}

std::string difference(const Node& a, const Node& b, const std::string& path) {
  const bool same_file =
      (a.file == nullptr) == (b.file == nullptr) && (a.file == nullptr || *a.file == *b.file);
  if (a.kind != b.kind || a.scalar != b.scalar || a.plain != b.plain || a.line != b.line ||
      a.column != b.column || !same_file) {
    return path + ": " + describe(a) + " against " + describe(b);
  }
  if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) {
    return path + ": different numbers of children";
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (auto found = difference(*a.items[i], *b.items[i], path + std::to_string(i) + "/"); !found.empty()) {
      return found;
    }
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const auto& [a_key, a_value] = a.entries[i];
    const auto& [b_key, b_value] = b.entries[i];
    if (auto found = difference(*a_key, *b_key, path + "(key)/"); !found.empty()) {
      return found;
    }
    if (auto found = difference(*a_value, *b_value, path + a_key->scalar + "/"); !found.empty()) {
      return found;
    }
  }
  return "";
}

}  // namespace

std::string first_difference(const Node& a, const Node& b) {
  return difference(a, b, "/");
}

}  // namespace dharma::yaml

#pragma once
// A compact byte form of a yaml::Node tree, so that the build can parse the
// shipped data files once and the binary rebuild their trees without parsing
// (data_files.hpp). Positions, quoting and kinds are kept; the file name is
// not (the reader supplies it), and a node reached twice through an alias is
// written twice.

#include <string>
#include <string_view>

#include "dharma/yaml/node.hpp"

namespace dharma::preparsed {

// The tree under `root` in the byte form `decode_tree` reads.
std::string encode_tree(const yaml::Node& root);

// The tree `bytes` (from encode_tree) describes, every node's file set to
// `file` (from yaml::intern_file_name). Throws std::runtime_error on bytes
// that encode_tree did not write.
yaml::NodePtr decode_tree(std::string_view bytes, const std::string* file);

}  // namespace dharma::preparsed

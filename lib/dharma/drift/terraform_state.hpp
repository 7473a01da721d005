#pragma once
// Reads Terraform state without Terraform: the state file format version 4
// (`terraform.tfstate`, as written by Terraform 0.12 and later) and the
// output of `terraform show -json` (`values.root_module`). Older formats and
// files that are not state are refused with a message saying what the file
// is and what to do.

#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/actual_state.hpp"

namespace dharma::drift {

// Adds the managed resources of the state document `text` (read from
// `source`, "-" for stdin) to `state`, their values in a new arena of
// `state.arenas` (copied: `text` is freed on return). Throws util::Error (exit 2) when `text` is not JSON,
// not a state, a state of format version 3 or older, or holds an address `state` already has (from this or an
// earlier file).
void read_terraform_state(std::string text, const std::string& source, ActualState& state);
// The same for a text held in pieces (read_state_pieces).
void read_terraform_state(std::vector<std::string> pieces, const std::string& source, ActualState& state);

// Reads the state file `path` ("-" for standard input) into `state`: a
// regular file is mapped (util::MappedFile) and its strings viewed where
// they have no escapes, the mapping kept by the state's arena; anything
// else is read with read_state_pieces. Throws as read_terraform_state.
void read_terraform_state_file(const std::string& path, std::size_t max_bytes, ActualState& state);

// The file `path` (a regular file) in pieces of a few KiB, each but the
// last cut right after a newline (a text without one stays whole): small
// blocks the heap can place in the holes freed memory left, where one
// 16 MB block needs fresh memory. Standard input ("-"), pipes and every
// error (no such file, larger than `max_bytes`, ...) go through
// util::read_file: one piece, the same messages.
std::vector<std::string> read_state_pieces(const std::string& path, std::size_t max_bytes);

// Turns a flatmap (`attributes_flat` of state files written by Terraform
// 0.11 and kept by 0.12 until refreshed: "tags.%", "ingress.#",
// "ingress.0.from_port") into nested JSON. Values stay strings.
nlohmann::json unflatten_attributes(const nlohmann::json& flat);

}  // namespace dharma::drift

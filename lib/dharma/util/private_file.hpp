#pragma once
// Writing a file only its owner may read (secret values), atomically.

#include <filesystem>
#include <string>

namespace dharma::util {

// Writes `content` to `path` with mode 0600 from the first byte: a temporary
// file created 0600 in the same directory, synced, then renamed over `path`.
// Throws Error (exit 3) on any failure, leaving `path` untouched.
void write_private_file(const std::filesystem::path& path, const std::string& content);

}  // namespace dharma::util

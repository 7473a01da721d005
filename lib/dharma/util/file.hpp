#pragma once
// Reading inputs with a size limit and writing outputs atomically (temporary
// file or directory, then rename), so a failed command never leaves a
// half-written result behind (CLI.md).

#include <cstddef>
#include <filesystem>
#include <string>

namespace dharma::util {

constexpr std::size_t k_default_max_input_bytes = 16U * 1024U * 1024U;

// The whole file. Throws Error (exit 2) when it is missing, a directory, not
// readable or larger than `max_bytes`; `-` reads standard input.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = k_default_max_input_bytes);

// Whether an optional input (the project's dharma.yaml) is there: true for a
// file, false when nothing is at `path`. Throws Error (exit 2) when that
// cannot be told (a directory the user may not search), rather than
// silently running without it.
bool optional_file_exists(const std::filesystem::path& path);

// Writes `content` to `path` through a temporary file in the same directory
// and a rename. Throws Error (exit 3) on any write failure, leaving `path` untouched.
// A `path` that is a device or pipe (/dev/null, /dev/stdout) is written in place.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

// Creates (or truncates) `path` and writes `content`; with `sync`, fsyncs it.
// Throws Error (exit 3) on failure. Not atomic: for files in a staging folder
// that are renamed into place later. Writing many files, sync their file
// system once instead (one fsync per file made writing 4,000 manifests take
// half a minute).
void write_new_file(const std::filesystem::path& path, const std::string& content, bool sync = true);

}  // namespace dharma::util

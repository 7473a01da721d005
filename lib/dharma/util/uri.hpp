#pragma once
// File paths as URI references (RFC 3986), for formats such as SARIF that
// name files by URI.

#include <string>

namespace dharma::util {

// `path` as a URI reference: an absolute path becomes `file:///...`; a
// relative one stays a relative reference (no scheme). Every byte outside
// the unreserved and sub-delimiter characters, ':', '@' and '/' is
// percent-encoded (%XX, upper case), and in a relative reference ':' too,
// so that its first segment cannot be read as a scheme.
std::string path_to_uri(const std::string& path);

// True when path_to_uri(`path`) is a `file:` URI rather than a relative reference.
bool is_absolute_path(const std::string& path);

}  // namespace dharma::util

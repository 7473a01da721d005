#pragma once
// The checksum recorded for every applied migration: SHA-256 (OpenSSL's
// libcrypto) of the file with CRLF and lone CR line endings turned into LF,
// so a Windows checkout of the same file is not mistaken for an edit.

#include <string>
#include <string_view>

namespace dharma::state {

// `text` with "\r\n" and "\r" replaced by "\n".
std::string normalize_line_endings(std::string_view text);

// Lower-case hex SHA-256 of exactly the bytes of `text`.
std::string sha256_hex(std::string_view text);

// Lower-case hex SHA-256 of normalize_line_endings(`text`).
std::string migration_checksum(std::string_view text);

}  // namespace dharma::state

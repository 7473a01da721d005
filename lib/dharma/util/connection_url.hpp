#pragma once
// Connection strings as users write them (postgresql://user:secret@host:port/db,
// libpq's key=value form, redis://:secret@host:port/n) and the one rule about
// them: a password never reaches output, logs or error messages (CLI.md).

#include <string>
#include <string_view>

namespace dharma::util {

// `url` with its password replaced by `****`; URLs without one are unchanged.
std::string mask_password(std::string_view url);

// `text` (for example a server's error message) with every occurrence of the
// password found in `url` replaced by `****`.
std::string mask_secrets_in(std::string_view text, std::string_view url);

// The password in `url` (URI userinfo or key=value `password=`), or "".
std::string password_of(std::string_view url);

// `url` pointing at database `database` instead of its own (URI form or key=value form).
std::string with_database(std::string_view url, std::string_view database);

}  // namespace dharma::util

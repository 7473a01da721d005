#pragma once
// A PostgreSQL connection string checked before dharma connects: libpq reads
// a malformed one (a bad URI, an unquoted space, a port that is not a number)
// only when connecting and reports it like an unreachable server. Checked
// here, it is invalid input (exit 2), as a malformed Redis URL already is;
// the message shows the URL with its password masked.

#include "dharma/state/connection_settings.hpp"

namespace dharma::state {

// Throws util::Error (exit 2) when `endpoint.url` is not a connection string
// libpq can use.
void check_connection_string(const Endpoint& endpoint);

}  // namespace dharma::state

#pragma once
// A one-thread, non-blocking libpq driver for the store's statements
// (store_statements.hpp), the way the loadtest engine sends them: CLIENTS
// connections on one poll() loop, each sending its statement with
// PQsendQueryParams (the unnamed statement) as soon as the previous result
// is in, and every result decoded with the store's own decoder. It measures
// the statements without a thread per client.

#include <functional>
#include <string>

#include "dharma/state/store_statement.hpp"

namespace dharma::bench {

struct AsyncRun {
  long long completed = 0;  // statements whose result decoded, within the time
  double seconds = 0;
};

// Runs `next_statement()` on `clients` connections to `url` for `seconds`;
// `decode` gets each result's rows and returns false when they are not the
// expected answer (the run then fails). Throws std::runtime_error on a
// connection or statement error.
AsyncRun run_async(const std::string& url, int clients, double seconds,
                   const std::function<state::StoreStatement()>& next_statement,
                   const std::function<bool(const state::StatementRows&)>& decode);

}  // namespace dharma::bench

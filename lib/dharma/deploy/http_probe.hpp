#pragma once
// One HTTP/1.0 GET over loopback TCP with a deadline: how the health gate and
// the analyses ask a colour's instance whether it is healthy. Deliberately
// tiny (status line only): it checks a health endpoint, it is no client.

#include <chrono>
#include <string>

namespace dharma::deploy {

struct ProbeResult {
  int status = 0;     // the HTTP status; 0 when there was no answer
  std::string error;  // why there was no answer ("connection refused", "timed out after 2s")
  std::chrono::milliseconds elapsed{0};
};

// GET `path` from `host`:`port` (an IPv4 address or "localhost"), giving up after `timeout`.
ProbeResult probe_http(const std::string& host, int port, const std::string& path,
                       std::chrono::nanoseconds timeout);

}  // namespace dharma::deploy

#pragma once
// Sends one request of a scenario's mix on a VU: the store kinds
// (store_requests.hpp) or HTTP (http_requests.hpp).

#include <functional>
#include <string>

#include "dharma/loadtest/sample.hpp"
#include "dharma/loadtest/virtual_user.hpp"

namespace dharma::loadtest {

struct Outcome {
  bool ok = true;
  CacheUse cache = CacheUse::none;
  std::string error;  // when !ok
};

using RequestDone = std::function<void(const Outcome&)>;

class RequestDriver {
 public:
  virtual ~RequestDriver() = default;
  // Gives `vu` what it needs (a connection); `done` with an empty error on success.
  virtual void prepare_vu(VirtualUser& vu, std::function<void(const std::string& error)> done) = 0;
  // Whether `vu` must be prepared again before its next request (its connection broke).
  virtual bool needs_prepare(const VirtualUser& vu) const = 0;
  // Sends `request` on a prepared `vu`; `done` is called once, possibly after the
  // engine gave up on it (the engine ignores such late answers).
  virtual void send(VirtualUser& vu, const RequestSpec& request, RequestDone done) = 0;
  // The engine gave up on `vu`'s request (timeout): drop whatever it holds.
  virtual void abandon(VirtualUser& vu) = 0;
};

}  // namespace dharma::loadtest

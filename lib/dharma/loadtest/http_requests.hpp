#pragma once
// The http request kind: each VU sends its request on its own kept-alive
// connection (HttpClient) and the answer counts as an error when the status
// is not the expected one.

#include <string>

#include "dharma/loadtest/http_client.hpp"
#include "dharma/loadtest/request_driver.hpp"

namespace dharma::loadtest {

class HttpRequests final : public RequestDriver {
 public:
  // `base_url` is joined to relative request URLs (or replaces a scenario's own target).
  HttpRequests(EventLoop& loop, std::string base_url, std::chrono::milliseconds timeout);

  void prepare_vu(VirtualUser& vu, std::function<void(const std::string& error)> done) override;
  bool needs_prepare(const VirtualUser& vu) const override { return !vu.http; }
  void send(VirtualUser& vu, const RequestSpec& request, RequestDone done) override;
  void abandon(VirtualUser& vu) override { vu.http.reset(); }

  // `url` resolved against `base`: absolute URLs stay, paths are appended.
  static std::string resolve(const std::string& base, const std::string& url);

 private:
  HttpClient m_client;
  std::string m_base_url;
};

}  // namespace dharma::loadtest

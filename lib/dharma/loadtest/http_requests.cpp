#include "dharma/loadtest/http_requests.hpp"

namespace dharma::loadtest {

HttpRequests::HttpRequests(EventLoop& loop, std::string base_url, std::chrono::milliseconds timeout)
    : m_client(loop, timeout), m_base_url(std::move(base_url)) {}

std::string HttpRequests::resolve(const std::string& base, const std::string& url) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 || base.empty()) {
    return url;
  }
  if (!base.empty() && base.back() == '/' && !url.empty() && url.front() == '/') {
    return base + url.substr(1);
  }
  if (!url.empty() && url.front() != '/' && (base.empty() || base.back() != '/')) {
    return base + "/" + url;
  }
  return base + url;
}

void HttpRequests::prepare_vu(VirtualUser& vu, std::function<void(const std::string&)> done) {
  vu.http = m_client.handle();
  done("");
}

void HttpRequests::send(VirtualUser& vu, const RequestSpec& request, RequestDone done) {
  if (request.kind != RequestKind::http) {
    done(Outcome{false, CacheUse::none, "request kind " + request.name + " needs the store as target"});
    return;
  }
  HttpRequest http;
  http.method = request.http.method;
  http.url = resolve(m_base_url, request.http.url);
  http.headers = request.http.headers;
  http.body = request.http.body;
  const long expected = request.http.expect_status;
  m_client.send(*vu.http, http, [done = std::move(done), expected](const HttpResponse& response) {
    if (!response.error.empty()) {
      done(Outcome{false, CacheUse::none, response.error});
    } else if (response.status != expected) {
      done(Outcome{false, CacheUse::none,
                   "status " + std::to_string(response.status) + ", expected " + std::to_string(expected)});
    } else {
      done(Outcome{true, CacheUse::none, {}});
    }
  });
}

}  // namespace dharma::loadtest

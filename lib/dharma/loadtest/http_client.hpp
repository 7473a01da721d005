#pragma once
// HTTP requests on the event loop: libcurl's multi interface driven by
// libuv (curl_multi_socket_action on each socket event and on curl's
// timer). Each VU owns one easy handle and reuses it, so its connection is
// kept alive between requests as a browser's or a CI job's would be.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dharma/loadtest/event_loop.hpp"

namespace dharma::loadtest {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

struct HttpResponse {
  long status = 0;      // 0 when no response arrived
  std::string error;    // transport error (connect refused, timeout); empty otherwise
};

class HttpClient {
 public:
  class Handle;
  using Done = std::function<void(const HttpResponse&)>;

  HttpClient(EventLoop& loop, std::chrono::milliseconds timeout);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // A reusable handle for one VU (one kept-alive connection).
  std::unique_ptr<Handle> handle();
  // Sends `request` on `handle`; `done` is called once. One request per handle at a time.
  void send(Handle& handle, const HttpRequest& request, Done done);

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

class HttpClient::Handle {
 public:
  ~Handle();
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

 private:
  friend class HttpClient;
  friend struct HttpClient::Impl;
  Handle() = default;
  void* m_easy = nullptr;
  HttpClient::Impl* m_client = nullptr;
  void* m_headers = nullptr;
  std::string m_body;
  Done m_done;
};

}  // namespace dharma::loadtest

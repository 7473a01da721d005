#include "dharma/loadtest/http_client.hpp"

#include <curl/curl.h>

namespace dharma::loadtest {
namespace {

struct SocketWatch {
  uv_poll_t poll{};
  curl_socket_t socket = CURL_SOCKET_BAD;
  CURLM* multi = nullptr;
  void* impl = nullptr;
};

size_t discard_body(char*, size_t size, size_t count, void*) {
  return size * count;
}

}  // namespace

struct HttpClient::Impl {
  EventLoop& loop;
  std::chrono::milliseconds timeout;
  CURLM* multi = nullptr;
  Timer timer;

  Impl(EventLoop& event_loop, std::chrono::milliseconds request_timeout)
      : loop(event_loop), timeout(request_timeout), timer(event_loop) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
  }

  ~Impl() { curl_multi_cleanup(multi); }

  void act(curl_socket_t socket, int flags) {
    int running = 0;
    curl_multi_socket_action(multi, socket, flags, &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) {
        continue;
      }
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      Handle* handle = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &handle);
      curl_multi_remove_handle(multi, easy);
      HttpResponse response;
      if (code == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
      } else {
        response.error = curl_easy_strerror(code);
      }
      if (handle != nullptr) {
        auto done = std::move(handle->m_done);
        handle->m_done = nullptr;
        if (done) {
          done(response);
        }
      }
    }
  }

  static int on_socket(CURL*, curl_socket_t socket, int what, void* user, void* socket_data) {
    auto* self = static_cast<Impl*>(user);
    auto* watch = static_cast<SocketWatch*>(socket_data);
    if (what == CURL_POLL_REMOVE) {
      if (watch != nullptr) {
        uv_poll_stop(&watch->poll);
        curl_multi_assign(self->multi, socket, nullptr);
        close_and_free(reinterpret_cast<uv_handle_t*>(&watch->poll), watch);
      }
      return 0;
    }
    if (watch == nullptr) {
      watch = new SocketWatch;
      watch->socket = socket;
      watch->impl = self;
      uv_poll_init_socket(self->loop.raw(), &watch->poll, socket);
      watch->poll.data = watch;
      curl_multi_assign(self->multi, socket, watch);
    }
    int events = 0;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) {
      events |= UV_READABLE;
    }
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) {
      events |= UV_WRITABLE;
    }
    uv_poll_start(&watch->poll, events, [](uv_poll_t* poll, int status, int ready) {
      auto* current = static_cast<SocketWatch*>(poll->data);
      int flags = 0;
      if (status < 0) {
        flags = CURL_CSELECT_ERR;
      } else {
        flags |= (ready & UV_READABLE) != 0 ? CURL_CSELECT_IN : 0;
        flags |= (ready & UV_WRITABLE) != 0 ? CURL_CSELECT_OUT : 0;
      }
      static_cast<Impl*>(current->impl)->act(current->socket, flags);
    });
    return 0;
  }

  static int on_timer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (timeout_ms < 0) {
      self->timer.stop();
      return 0;
    }
    // libuv before 1.45 runs a 0 ms timer started inside a timer callback in
    // the same pass without updating its clock: when every request fails at
    // once (no file descriptor left for a socket), each failure starts the
    // next request, curl asks for 0 ms again, and the loop never reaches the
    // end of the run. Inside our own callback, wait at least 1 ms.
    if (timeout_ms == 0 && self->in_timer_callback) {
      timeout_ms = 1;
    }
    self->timer.start(std::chrono::milliseconds(timeout_ms), [self] {
      self->in_timer_callback = true;
      self->act(CURL_SOCKET_TIMEOUT, 0);
      self->in_timer_callback = false;
    });
    return 0;
  }

  bool in_timer_callback = false;
};

HttpClient::HttpClient(EventLoop& loop, std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>(loop, timeout)) {}

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::Handle> HttpClient::handle() {
  std::unique_ptr<Handle> handle(new Handle);
  handle->m_easy = curl_easy_init();
  handle->m_client = m_impl.get();
  return handle;
}

HttpClient::Handle::~Handle() {
  if (m_easy != nullptr) {
    if (m_done) {
      curl_multi_remove_handle(m_client->multi, m_easy);
    }
    curl_easy_cleanup(m_easy);
  }
  if (m_headers != nullptr) {
    curl_slist_free_all(static_cast<curl_slist*>(m_headers));
  }
}

void HttpClient::send(Handle& handle, const HttpRequest& request, Done done) {
  CURL* easy = handle.m_easy;
  if (handle.m_headers != nullptr) {
    curl_slist_free_all(static_cast<curl_slist*>(handle.m_headers));
    handle.m_headers = nullptr;
  }
  curl_slist* headers = nullptr;
  for (const auto& header : request.headers) {
    headers = curl_slist_append(headers, header.c_str());
  }
  handle.m_headers = headers;
  handle.m_body = request.body;
  handle.m_done = std::move(done);
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(easy, CURLOPT_NOBODY, request.method == "HEAD" ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  if (!handle.m_body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, handle.m_body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(handle.m_body.size()));
  } else if (request.method == "GET" || request.method == "HEAD" || request.method == "DELETE") {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, request.method == "GET" ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &discard_body);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &handle);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(m_impl->timeout.count()));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  // Loopback and operator-given URLs only: no redirects followed, no proxy from the environment.
  curl_easy_setopt(easy, CURLOPT_PROXY, "");
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_multi_add_handle(m_impl->multi, easy);
}

}  // namespace dharma::loadtest

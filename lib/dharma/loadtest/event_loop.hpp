#pragma once
// The one event loop a load test runs on (libuv), and timers on it.
//
// Every VU, every connection and every timer of a run lives on this loop,
// on one thread: there is no locking anywhere in the engine. libuv handles
// must outlive their close callbacks, so handles are heap objects released
// by that callback (close_and_free below); owners call close, never delete.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include <uv.h>

namespace dharma::loadtest {

using Clock = std::chrono::steady_clock;

class EventLoop {
 public:
  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  uv_loop_t* raw() { return &m_loop; }
  // Runs until nothing is left to do or stop() is called.
  void run();
  void stop() { uv_stop(&m_loop); }
  // Monotonic time in nanoseconds (uv_hrtime: not the loop's cached ms clock).
  static std::int64_t now_ns() { return static_cast<std::int64_t>(uv_hrtime()); }

 private:
  uv_loop_t m_loop{};
};

// Closes `handle` and deletes `owner` (the struct embedding it) once libuv is done with it.
template <typename Owner>
void close_and_free(uv_handle_t* handle, Owner* owner) {
  handle->data = owner;
  uv_close(handle, [](uv_handle_t* closed) { delete static_cast<Owner*>(closed->data); });
}

// A restartable one-shot or repeating timer; safe to destroy from its own callback.
class Timer {
 public:
  explicit Timer(EventLoop& loop);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  // Calls `callback` after `delay`, then every `repeat` when non-zero.
  void start(std::chrono::milliseconds delay, std::function<void()> callback,
             std::chrono::milliseconds repeat = std::chrono::milliseconds{0});
  void stop();

 private:
  struct Handle {
    uv_timer_t timer{};
    std::function<void()> callback;
  };
  Handle* m_handle;
};

}  // namespace dharma::loadtest

#include "dharma/loadtest/event_loop.hpp"

#include <stdexcept>
#include <string>

namespace dharma::loadtest {

EventLoop::EventLoop() {
  if (const int error = uv_loop_init(&m_loop); error != 0) {
    throw std::runtime_error(std::string("uv_loop_init: ") + uv_strerror(error));
  }
}

EventLoop::~EventLoop() {
  // Let pending close callbacks run (they free their handles), then close.
  uv_run(&m_loop, UV_RUN_DEFAULT);
  uv_loop_close(&m_loop);
}

void EventLoop::run() { uv_run(&m_loop, UV_RUN_DEFAULT); }

Timer::Timer(EventLoop& loop) : m_handle(new Handle) {
  uv_timer_init(loop.raw(), &m_handle->timer);
  m_handle->timer.data = m_handle;
}

Timer::~Timer() {
  uv_timer_stop(&m_handle->timer);
  m_handle->callback = nullptr;
  close_and_free(reinterpret_cast<uv_handle_t*>(&m_handle->timer), m_handle);
}

void Timer::start(std::chrono::milliseconds delay, std::function<void()> callback,
                  std::chrono::milliseconds repeat) {
  m_handle->callback = std::move(callback);
  uv_timer_start(
      &m_handle->timer,
      [](uv_timer_t* timer) {
        auto* handle = static_cast<Handle*>(timer->data);
        // A copy: the callback may restart or destroy this timer.
        auto copy = handle->callback;
        if (copy) {
          copy();
        }
      },
      static_cast<std::uint64_t>(delay.count()), static_cast<std::uint64_t>(repeat.count()));
}

void Timer::stop() { uv_timer_stop(&m_handle->timer); }

}  // namespace dharma::loadtest

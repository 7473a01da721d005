#include "dharma/loadtest/engine.hpp"

#include <algorithm>

#include "dharma/loadtest/fixtures.hpp"
#include "dharma/loadtest/schedule.hpp"

namespace dharma::loadtest {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds k_tick{1};
constexpr milliseconds k_sweep{100};

}  // namespace

Engine::Engine(EventLoop& loop, const Scenario& scenario, RequestDriver& driver, SampleSink& sink,
               const std::vector<TenantFixture>& tenants, EngineOptions options)
    : m_loop(loop),
      m_scenario(scenario),
      m_driver(driver),
      m_sink(sink),
      m_tenants(tenants),
      m_options(options),
      m_random(options.seed),
      m_control(loop),
      m_sweeper(loop) {
  double total = 0;
  for (const auto& request : scenario.requests) {
    total += request.weight;
    m_cumulative_weights.push_back(total);
  }
}

Engine::~Engine() = default;

VirtualUser& Engine::add_vu() {
  auto vu = std::make_unique<VirtualUser>();
  vu->index = static_cast<int>(m_vus.size());
  if (!m_tenants.empty()) {
    vu->tenant = &m_tenants[static_cast<std::size_t>(vu->index) % m_tenants.size()];
  }
  m_vus.push_back(std::move(vu));
  m_in_flight.emplace_back();
  return *m_vus.back();
}

int Engine::active_vus() const {
  if (m_scenario.executor.open_model()) {
    return m_busy;
  }
  return std::min<int>(m_target_vus, static_cast<int>(m_vus.size()));
}

void Engine::start(std::function<void(const std::string&)> started, std::function<void()> finished) {
  m_on_finished = std::move(finished);
  const auto& executor = m_scenario.executor;
  const int initial = executor.open_model() ? executor.pre_allocated_vus : executor.peak_vus();
  for (int i = 0; i < initial; ++i) {
    add_vu();
  }
  prepare_initial(static_cast<std::size_t>(initial), [this, started](const std::string& error) {
    if (!error.empty()) {
      m_stopping = true;
      started(error);
      check_finished();
      return;
    }
    started("");
    begin();
  });
}

// Prepares VUs [0, count) with at most max_parallel_connects at once; the
// first failure ends the preparation with its message. A driver may answer
// at once (HTTP): pump() loops instead of recursing, so 10,000 VUs do not
// nest 10,000 calls deep.
void Engine::prepare_initial(std::size_t count, std::function<void(const std::string&)> done) {
  struct Progress {
    std::size_t next = 0;
    std::size_t in_flight = 0;
    std::size_t finished = 0;
    std::size_t count = 0;
    std::size_t parallel = 1;
    bool pumping = false;
    bool reported = false;
    std::string error;
    std::function<void(const std::string&)> done;
  };
  auto progress = std::make_shared<Progress>();
  progress->count = count;
  progress->parallel = static_cast<std::size_t>(std::max(1, m_options.max_parallel_connects));
  progress->done = std::move(done);
  auto pump = std::make_shared<std::function<void()>>();
  *pump = [this, progress, weak_pump = std::weak_ptr<std::function<void()>>(pump)] {
    auto state = progress;
    if (state->pumping) {
      return;
    }
    state->pumping = true;
    while (state->error.empty() && state->next < state->count && state->in_flight < state->parallel) {
      const std::size_t index = state->next++;
      ++state->in_flight;
      m_driver.prepare_vu(*m_vus[index], [state, weak_pump](const std::string& error) {
        --state->in_flight;
        ++state->finished;
        if (!error.empty() && state->error.empty()) {
          state->error = error;
        }
        if (auto again = weak_pump.lock()) {
          (*again)();
        }
      });
    }
    state->pumping = false;
    const bool all_done = state->finished == state->count;
    const bool failed_and_drained = !state->error.empty() && state->in_flight == 0;
    if (!state->reported && (all_done || failed_and_drained)) {
      state->reported = true;
      auto report = std::move(state->done);
      if (report) {
        report(state->error);
      }
    }
  };
  m_prepare_pump = pump;
  (*pump)();
}

void Engine::begin() {
  m_start_ns = EventLoop::now_ns();
  for (auto& vu : m_vus) {
    m_free.push_back(vu.get());
  }
  std::reverse(m_free.begin(), m_free.end());
  m_sweeper.start(k_sweep, [this] { sweep_timeouts(); }, k_sweep);
  if (m_scenario.executor.open_model()) {
    m_next_arrival = 0;
    m_next_arrival_ns = m_start_ns + arrival_time(m_scenario.executor, 0).count();
    m_control.start(milliseconds{0}, [this] { tick_open(); }, k_tick);
  } else {
    m_control.start(milliseconds{0}, [this] { control_closed(); }, k_tick);
  }
}

const RequestSpec& Engine::pick_request() {
  if (m_scenario.requests.size() == 1) {
    return m_scenario.requests.front();
  }
  std::uniform_real_distribution<double> pick(0, m_cumulative_weights.back());
  const double point = pick(m_random);
  const auto it = std::upper_bound(m_cumulative_weights.begin(), m_cumulative_weights.end(), point);
  const auto index = std::min<std::size_t>(static_cast<std::size_t>(it - m_cumulative_weights.begin()),
                                           m_scenario.requests.size() - 1);
  return m_scenario.requests[index];
}

void Engine::control_closed() {
  const std::int64_t now = EventLoop::now_ns();
  const Duration elapsed(now - m_start_ns);
  if (elapsed >= m_scenario.executor.total_duration()) {
    stop();
    return;
  }
  // VUs resting after think_time whose rest is over.
  if (!m_thinking.empty()) {
    std::vector<std::pair<std::int64_t, VirtualUser*>> still;
    auto resting = std::move(m_thinking);
    m_thinking.clear();
    for (auto& [until, vu] : resting) {
      if (until <= now) {
        if (vu->active && !m_stopping) {
          run_request(*vu, now);
        }
      } else {
        m_thinking.emplace_back(until, vu);
      }
    }
  }
  const int target = std::min<int>(vus_at(m_scenario.executor, elapsed), static_cast<int>(m_vus.size()));
  if (target == m_target_vus) {
    return;
  }
  // Only the VUs between the old and the new target change.
  const int from = std::min(target, m_target_vus);
  const int to = std::max(target, m_target_vus);
  for (int i = from; i < to; ++i) {
    auto& vu = *m_vus[static_cast<std::size_t>(i)];
    const bool wanted = i < target;
    if (wanted && !vu.active) {
      vu.active = true;
      if (!vu.busy) {
        run_request(vu, now);
      }
    } else if (!wanted) {
      vu.active = false;
    }
  }
  m_target_vus = target;
}

void Engine::tick_open() {
  const std::int64_t now = EventLoop::now_ns();
  const auto& executor = m_scenario.executor;
  const std::int64_t end_ns = m_start_ns + executor.total_duration().count();
  while (!m_stopping && m_next_arrival_ns <= now && m_next_arrival_ns < end_ns) {
    const std::int64_t intended = m_next_arrival_ns;
    ++m_next_arrival;
    m_next_arrival_ns = m_start_ns + arrival_time(executor, m_next_arrival).count();
    if (!m_free.empty()) {
      VirtualUser* vu = m_free.back();
      m_free.pop_back();
      run_request(*vu, intended);
    } else if (static_cast<int>(m_vus.size()) < executor.max_vus) {
      run_request(add_vu(), intended);
    } else {
      m_sink.iteration_dropped(intended);
    }
  }
  if (now >= end_ns || m_next_arrival_ns >= end_ns) {
    stop();
  }
}

void Engine::run_request(VirtualUser& vu, std::int64_t intended_ns) {
  const RequestSpec& request = pick_request();
  vu.busy = true;
  ++m_busy;
  ++vu.iteration;
  auto& flight = m_in_flight[static_cast<std::size_t>(vu.index)];
  flight = InFlight{&request, intended_ns, EventLoop::now_ns()};
  if (m_driver.needs_prepare(vu)) {
    const std::uint64_t iteration = vu.iteration;
    m_driver.prepare_vu(vu, [this, &vu, iteration, &request, intended_ns](const std::string& error) {
      if (vu.iteration != iteration || !vu.busy) {
        return;  // the sweep gave up on it already
      }
      if (!error.empty()) {
        request_done(vu, iteration, Outcome{false, CacheUse::none, error});
        return;
      }
      send_prepared(vu, intended_ns, request);
    });
    return;
  }
  send_prepared(vu, intended_ns, request);
}

void Engine::send_prepared(VirtualUser& vu, std::int64_t intended_ns, const RequestSpec& request) {
  const std::int64_t started = EventLoop::now_ns();
  m_in_flight[static_cast<std::size_t>(vu.index)].started_ns = started;
  if (started - intended_ns > k_late_start_ns) {
    m_sink.late_start(intended_ns, started);
  }
  const std::uint64_t iteration = vu.iteration;
  m_driver.send(vu, request, [this, &vu, iteration](const Outcome& outcome) { request_done(vu, iteration, outcome); });
}

void Engine::request_done(VirtualUser& vu, std::uint64_t iteration, const Outcome& outcome) {
  if (vu.iteration != iteration || !vu.busy) {
    return;  // an answer after the sweep gave up on the request
  }
  finish_request(vu, outcome);
}

void Engine::finish_request(VirtualUser& vu, const Outcome& outcome) {
  const auto& flight = m_in_flight[static_cast<std::size_t>(vu.index)];
  Sample sample;
  sample.request = flight.request;
  sample.intended_ns = flight.intended_ns;
  sample.started_ns = flight.started_ns;
  sample.finished_ns = EventLoop::now_ns();
  sample.ok = outcome.ok;
  sample.cache = outcome.cache;
  if (!outcome.ok) {
    m_sink.request_error(*flight.request, outcome.error);
  }
  m_sink.request_finished(sample);
  vu.busy = false;
  --m_busy;
  after_request(vu);
}

void Engine::after_request(VirtualUser& vu) {
  if (m_stopping) {
    check_finished();
    return;
  }
  if (m_scenario.executor.open_model()) {
    m_free.push_back(&vu);
    return;
  }
  if (!vu.active) {
    return;
  }
  if (m_scenario.think_time.count() > 0) {
    m_thinking.emplace_back(EventLoop::now_ns() + m_scenario.think_time.count(), &vu);
    return;
  }
  run_request(vu, EventLoop::now_ns());
}

void Engine::sweep_timeouts() {
  const std::int64_t now = EventLoop::now_ns();
  const std::int64_t limit = m_scenario.timeout.count();
  for (auto& vu : m_vus) {
    if (!vu->busy) {
      continue;
    }
    const auto& flight = m_in_flight[static_cast<std::size_t>(vu->index)];
    if (now - flight.started_ns > limit) {
      // A new iteration number first: whatever the abandoned request still
      // calls back with is then ignored.
      ++vu->iteration;
      m_driver.abandon(*vu);
      finish_request(*vu, Outcome{false, CacheUse::none,
                                  "no answer within the timeout of " + std::to_string(limit / 1'000'000) + " ms"});
    }
  }
}

void Engine::stop() {
  if (m_stopping) {
    return;
  }
  m_stopping = true;
  m_control.stop();
  m_thinking.clear();
  for (auto& vu : m_vus) {
    vu->active = false;
  }
  check_finished();
}

void Engine::check_finished() {
  if (m_finished || !m_stopping || m_busy > 0) {
    return;
  }
  m_finished = true;
  m_sweeper.stop();
  m_control.stop();
  if (auto finished = std::move(m_on_finished)) {
    m_on_finished = nullptr;
    finished();
  }
}

}  // namespace dharma::loadtest

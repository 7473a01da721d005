#pragma once
// The load engine: runs one scenario's executor on the event loop.
//
// Before the clock starts, the VUs a run needs at first are prepared
// (connected through PgBouncer) a bounded number at a time, so connection
// set-up is not measured as load. Then:
//   * closed model — a 100 ms controller sets how many VUs are active
//     (vus_at); an active VU sends its next request as soon as its last one
//     ended (after think_time), a VU beyond the target stops after its
//     current request;
//   * open model — a 1 ms ticker starts every iteration whose intended time
//     (arrival_time) has come on a free VU of the pool, adds a VU when none
//     is free and the pool is below max_vus (its connect time is then part
//     of that request's latency), and drops the iteration otherwise.
// A sweep every 100 ms fails requests older than the scenario's timeout, so
// a stalled server cannot keep the run from ending. At the end (or abort())
// nothing new starts and the run finishes when the last request has ended.

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "dharma/loadtest/event_loop.hpp"
#include "dharma/loadtest/request_driver.hpp"
#include "dharma/loadtest/sample.hpp"
#include "dharma/loadtest/scenario.hpp"

namespace dharma::loadtest {

struct TenantFixture;

struct EngineOptions {
  int max_parallel_connects = 64;
  std::uint32_t seed = 1;  // the request mix's random choices
};

class Engine {
 public:
  Engine(EventLoop& loop, const Scenario& scenario, RequestDriver& driver, SampleSink& sink,
         const std::vector<TenantFixture>& tenants, EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Prepares the first VUs, then calls `started` (empty error) and runs;
  // `finished` once everything has ended. A preparation failure calls
  // `started` with the error and then `finished`.
  void start(std::function<void(const std::string& error)> started, std::function<void()> finished);
  // Stops starting requests; the run finishes when those in flight end.
  void stop();

  std::int64_t start_ns() const { return m_start_ns; }
  int active_vus() const;
  int pool_size() const { return static_cast<int>(m_vus.size()); }
  bool stopping() const { return m_stopping; }

 private:
  VirtualUser& add_vu();
  void prepare_initial(std::size_t count, std::function<void(const std::string&)> done);
  void begin();
  void control_closed();
  void tick_open();
  void sweep_timeouts();
  // Sends the next request on `vu`, intended to start at `intended_ns`.
  void run_request(VirtualUser& vu, std::int64_t intended_ns);
  void send_prepared(VirtualUser& vu, std::int64_t intended_ns, const RequestSpec& request);
  void request_done(VirtualUser& vu, std::uint64_t iteration, const Outcome& outcome);
  void finish_request(VirtualUser& vu, const Outcome& outcome);
  void after_request(VirtualUser& vu);
  void check_finished();
  const RequestSpec& pick_request();

  EventLoop& m_loop;
  const Scenario& m_scenario;
  RequestDriver& m_driver;
  SampleSink& m_sink;
  const std::vector<TenantFixture>& m_tenants;
  EngineOptions m_options;
  std::vector<std::unique_ptr<VirtualUser>> m_vus;
  std::vector<VirtualUser*> m_free;  // open model: idle VUs
  struct InFlight {
    const RequestSpec* request = nullptr;
    std::int64_t intended_ns = 0;
    std::int64_t started_ns = 0;
  };
  std::vector<InFlight> m_in_flight;  // by VU index
  std::vector<double> m_cumulative_weights;
  std::mt19937 m_random;
  Timer m_control;
  Timer m_sweeper;
  std::int64_t m_start_ns = 0;
  std::int64_t m_next_arrival = 0;      // open model: the next iteration's number
  std::int64_t m_next_arrival_ns = 0;   // and its intended start
  int m_target_vus = 0;
  int m_busy = 0;
  bool m_stopping = false;
  bool m_finished = false;
  std::function<void()> m_on_finished;
  std::shared_ptr<std::function<void()>> m_prepare_pump;  // kept while VUs are being prepared
  std::vector<std::pair<std::int64_t, VirtualUser*>> m_thinking;  // closed model with think_time
};

}  // namespace dharma::loadtest

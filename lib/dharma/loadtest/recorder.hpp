#pragma once
// Turns what the engine and the sampler observe into a RunReport: each
// request counts under "all", "kind:<kind>", the scenario's tags and its
// own, and in the timeline second (wall clock) in which it ended; latency
// is finished - intended (the open model's intended start, so a stall the
// request waited through shows). Also keeps the figures of the live line.

#include <cstdint>
#include <string>
#include <vector>

#include "dharma/loadtest/run_report.hpp"
#include "dharma/loadtest/sample.hpp"
#include "dharma/loadtest/signal_sampler.hpp"

namespace dharma::loadtest {

class Recorder final : public SampleSink {
 public:
  // `start_ns` (EventLoop::now_ns()) happened at wall-clock `start`.
  Recorder(RunReport& report, const Scenario& scenario);

  void begin(std::int64_t start_ns, std::chrono::system_clock::time_point start);
  void request_finished(const Sample& sample) override;
  void iteration_dropped(std::int64_t intended_ns) override;
  void late_start(std::int64_t intended_ns, std::int64_t started_ns) override;
  void request_error(const RequestSpec& request, const std::string& message) override;
  void server_sample(const SignalSample& sample);
  // The VUs active during the second now ending.
  void active_vus(std::int64_t now_ns, int vus);

  // The first error messages, by request name, for the summary.
  const std::vector<std::string>& first_errors() const { return m_first_errors; }
  std::int64_t unix_second(std::int64_t ns) const;

 private:
  TimelineSecond& second(std::int64_t unix_second);

  RunReport& m_report;
  std::vector<std::string> m_scenario_tags;
  std::int64_t m_start_ns = 0;
  std::int64_t m_start_unix_ns = 0;
  std::vector<std::string> m_first_errors;
  std::vector<std::vector<std::string>> m_tags_by_request;  // by index in the scenario's requests
  const Scenario& m_scenario;
};

}  // namespace dharma::loadtest

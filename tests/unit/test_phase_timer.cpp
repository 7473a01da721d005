// PhaseTimer (-v): one detail line per phase, with the resident memory's
// growth, wall time and CPU time, in a shape bench/guard can read the CPU
// time from; nothing at all without -v.

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <vector>

#include "dharma/api/phase_timer.hpp"

namespace {

class RecordingStatus : public dharma::util::SilentStatus {
 public:
  void detail(const std::string& message) override { details.push_back(message); }
  std::vector<std::string> details;
};

}  // namespace

TEST_CASE("phase timer: each lap is one detail line with resident growth, heap in use, wall and cpu time") {
  RecordingStatus status;
  dharma::api::PhaseTimer timer(true, "drift", status);
  std::vector<char> touched(8 << 20, 1);  // grows the resident set by up to 8 MB
  timer.lap("render 3 desired resources");
  timer.lap("compare");
  REQUIRE(status.details.size() == 2);
  const RE2 shape(
      R"(drift: (render 3 desired resources|compare): [+-]\d+\.\d MB anonymous resident, \d+\.\d MB heap in use, )"
      R"(\d+\.\d\d ms wall, )"
      R"(\d+\.\d\d ms cpu)");
  for (const auto& line : status.details) {
    CHECK_MESSAGE(RE2::FullMatch(line, shape), line);
  }
  // bench/guard/run.py reads the CPU time as the field after the last ", ".
  const std::string& last = status.details.back();
  CHECK(last.substr(last.rfind(", ") + 2).find(" ms cpu") != std::string::npos);
  CHECK(touched.back() == 1);
}

TEST_CASE("phase timer: without -v it reports nothing") {
  RecordingStatus status;
  dharma::api::PhaseTimer timer(false, "guard", status);
  timer.lap("load policies");
  CHECK(status.details.empty());
}

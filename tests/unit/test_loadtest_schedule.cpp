#include <doctest/doctest.h>

#include "dharma/loadtest/builtin_scenarios.hpp"
#include "dharma/loadtest/schedule.hpp"

using namespace dharma::loadtest;
using std::chrono::seconds;

TEST_CASE("arrival_time, the open model's timetable") {
  SUBCASE("constant rate: iteration k at k / rate, exactly rate × duration iterations") {
    Executor executor;
    executor.type = ExecutorType::constant_arrival_rate;
    executor.rate = 200;
    executor.duration = seconds(8);
    CHECK(arrival_time(executor, 0).count() == 0);
    CHECK(arrival_time(executor, 1).count() == 5'000'000);
    CHECK(arrival_time(executor, 1599) < executor.total_duration());
    CHECK(arrival_time(executor, 1600) == executor.total_duration());
  }
  SUBCASE("time_unit divides the rate") {
    Executor executor;
    executor.type = ExecutorType::constant_arrival_rate;
    executor.rate = 30;
    executor.time_unit = std::chrono::minutes(1);
    executor.duration = seconds(60);
    CHECK(arrival_time(executor, 1).count() == 2'000'000'000);
  }
  SUBCASE("a ramp from 0 to 100/s over 10 s schedules its area, 500 iterations") {
    Executor executor;
    executor.type = ExecutorType::ramping_arrival_rate;
    executor.start_rate = 0;
    executor.stages = {{seconds(10), 100}};
    CHECK(arrivals_by(executor, seconds(10)) == doctest::Approx(500));
    CHECK(arrival_time(executor, 499) < seconds(10));
    CHECK(arrival_time(executor, 500) == seconds(10));
    // Half the area is reached at 10/√2 s.
    CHECK(static_cast<double>(arrival_time(executor, 250).count()) / 1e9 == doctest::Approx(7.0711).epsilon(0.001));
  }
}

TEST_CASE("vus_at, the closed model's VU count") {
  Executor executor;
  executor.type = ExecutorType::ramping_vus;
  executor.vus = 0;
  executor.stages = {{seconds(10), 100}, {seconds(10), 100}, {seconds(5), 0}};
  CHECK(vus_at(executor, seconds(0)) == 0);
  CHECK(vus_at(executor, seconds(5)) == 50);
  CHECK(vus_at(executor, seconds(15)) == 100);
  CHECK(vus_at(executor, std::chrono::milliseconds(22500)) == 50);
  CHECK(vus_at(executor, seconds(25)) == 0);
}

TEST_CASE("builtin_scenario, scaled by --vus and --duration") {
  SUBCASE("spike keeps its shape at 50 VUs over 6 s") {
    BuiltinOverrides overrides;
    overrides.vus = 50;
    overrides.duration = seconds(6);
    const auto spike = builtin_scenario("spike", overrides);
    CHECK(spike.executor.peak_vus() == 50);
    CHECK(spike.executor.total_duration() == seconds(6));
    CHECK(spike.requests.size() == default_store_mix().size());
  }
  SUBCASE("soak is constant") {
    BuiltinOverrides overrides;
    overrides.vus = 7;
    const auto soak = builtin_scenario("soak", overrides);
    CHECK(soak.executor.type == ExecutorType::constant_vus);
    CHECK(soak.executor.vus == 7);
    CHECK(soak.executor.total_duration() == std::chrono::minutes(30));
  }
  SUBCASE("a URL target gets one GET") {
    BuiltinOverrides overrides;
    overrides.target = "http://127.0.0.1:8080/health";
    const auto baseline = builtin_scenario("baseline", overrides);
    REQUIRE(baseline.requests.size() == 1);
    CHECK(baseline.requests[0].kind == RequestKind::http);
    CHECK(baseline.executor.peak_vus() == 100);
  }
}

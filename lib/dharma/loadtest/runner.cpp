// One run, start to end (runner.hpp): the order matters because each step
// can fail in a way the person must hear about differently — an unprepared
// store (exit 2) before anything connects, an unreachable target (exit 3)
// before the clock starts, a threshold (exit 1, judged by the caller) only
// after the run. Everything between start and end happens on one event
// loop on this thread; this file only wires the parts together and keeps
// the once-a-second duties: the live line, the timeline's VU count and the
// abort_on_fail thresholds.

#include "dharma/loadtest/runner.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "dharma/cache/redis_cache.hpp"
#include "dharma/cost/price_catalog_cache.hpp"
#include "dharma/cost/price_catalog_codec.hpp"
#include "dharma/loadtest/engine.hpp"
#include "dharma/loadtest/fixtures.hpp"
#include "dharma/loadtest/http_requests.hpp"
#include "dharma/loadtest/limits.hpp"
#include "dharma/loadtest/recorder.hpp"
#include "dharma/loadtest/signal_sampler.hpp"
#include "dharma/loadtest/store_requests.hpp"
#include "dharma/loadtest/threshold_judge.hpp"
#include "dharma/util/connection_url.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::loadtest {
namespace {

using std::chrono::milliseconds;

bool uses_store(const Scenario& scenario) {
  for (const auto& request : scenario.requests) {
    if (request.kind != RequestKind::http) {
      return true;
    }
  }
  return false;
}

bool uses_kind(const Scenario& scenario, RequestKind kind) {
  for (const auto& request : scenario.requests) {
    if (request.kind == kind) {
      return true;
    }
  }
  return false;
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// "  12s  vus 100  ops/s 5210  p95 3.1 ms  errors 0  cache 93%  waiting 0"
std::string live_line(std::int64_t elapsed_s, int vus, const TimelineSecond* second, std::uint64_t errors,
                      const RunReport& report) {
  std::string line = fixed(static_cast<double>(elapsed_s), 0) + "s  vus " + std::to_string(vus);
  if (second != nullptr) {
    line += "  ops/s " + std::to_string(second->ops) + "  p95 " +
            fixed(static_cast<double>(second->latency.value_at_percentile(95)) / 1000.0, 1) + " ms";
    const auto lookups = second->cache_hits + second->cache_misses;
    if (lookups > 0) {
      line += "  cache " +
              fixed(100.0 * static_cast<double>(second->cache_hits) / static_cast<double>(lookups), 0) + "%";
    }
  }
  line += "  errors " + std::to_string(errors);
  if (!report.server.empty() && report.server.back().pgbouncer) {
    line += "  waiting " + std::to_string(report.server.back().pgbouncer->cl_waiting);
  }
  return line;
}

// `url` with libpq's connect_timeout set to `timeout` (whole seconds, at
// least 1) unless it sets one: the fixture lookup before the run connects
// with pqxx, which otherwise waits PGCONNECT_TIMEOUT (10 s) for a server that
// accepts but never answers (a stopped PgBouncer), not --connect-timeout.
std::string with_connect_timeout(const std::string& url, milliseconds timeout) {
  if (url.find("connect_timeout=") != std::string::npos) {
    return url;
  }
  const auto seconds = std::max<std::int64_t>(1, (timeout.count() + 999) / 1000);
  const std::string setting = "connect_timeout=" + std::to_string(seconds);
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + setting;
  }
  return url + " " + setting;  // key=value form
}

// The database a connection URL names: the PgBouncer pool whose signals count.
std::string database_name(const std::string& url) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(url.c_str(), &error),
                                                                       &PQconninfoFree);
  if (error != nullptr) {
    PQfreemem(error);
  }
  for (auto* option = options.get(); option != nullptr && option->keyword != nullptr; ++option) {
    if (std::string(option->keyword) == "dbname" && option->val != nullptr) {
      return option->val;
    }
  }
  return "dharma";
}

StoreTarget store_target(const Scenario& scenario, const RunSettings& settings,
                         const std::string& cache_scope) {
  StoreTarget target;
  target.database_url = settings.database_url;
  target.redis_url = settings.redis_url;
  target.cache_scope = cache_scope;
  target.connect_timeout = settings.connect_timeout;
  target.redis_connections = settings.redis_connections;
  if (uses_kind(scenario, RequestKind::price)) {
    const auto bytes = util::read_file(settings.price_catalog_file);
    target.price_file = settings.price_catalog_file.string();
    target.price_key = cost::price_catalog_key("aws", bytes);
    util::Diagnostics diagnostics;
    cache::NullCache none;
    const auto catalog =
        cost::load_price_catalog_cached("aws", settings.price_catalog_file, none, diagnostics);
    if (!catalog) {
      throw util::Error("the price catalog " + target.price_file + " does not load",
                        util::ExitCode::invalid_input);
    }
    target.price_value = cost::encode_price_catalog(*catalog);
  }
  return target;
}

void warn_about_limits(int peak_vus, const RunSettings& settings, bool store, util::Status& status) {
  const long needed = static_cast<long>(peak_vus) + 256;
  const auto files = raise_file_limit(needed);
  if (files.after < needed) {
    status.warning("the open-file limit is " + std::to_string(files.after) + " (hard limit " +
                   std::to_string(files.hard) + "), below the " + std::to_string(needed) + " that " +
                   std::to_string(peak_vus) + " VUs need; raise it (ulimit -Hn) or expect connection errors");
  } else if (files.after > files.before) {
    status.note("raised the open-file limit from " + std::to_string(files.before) + " to " +
                std::to_string(files.after) + " for " + std::to_string(peak_vus) + " VUs");
  }
  if (!store) {
    return;
  }
  if (const auto pooler = read_pooler_limits(settings.pgbouncer_admin_url)) {
    if (pooler->max_client_conn > 0 && peak_vus + 8 > pooler->max_client_conn) {
      status.warning("PgBouncer's max_client_conn is " + std::to_string(pooler->max_client_conn) +
                     ", below the " + std::to_string(peak_vus) +
                     " VUs of this run (each VU is one client connection); raise it or "
                     "expect refused connections");
    }
  }
}

}  // namespace

RunReport run_scenario(const Scenario& scenario, const RunSettings& settings, util::Status& status) {
  RunReport report;
  report.scenario = scenario.name;
  const bool store = uses_store(scenario);
  const std::string http_base =
      settings.http_base_url.value_or(scenario.target == "store" ? "" : scenario.target);
  report.target = store ? "store" : util::mask_password(http_base);

  std::vector<TenantFixture> tenants;
  std::string cache_scope;
  if (store) {
    // Cache keys are scoped by the URL the CLI uses, not the one with the
    // timeout; one attempt, so an unreachable store fails within the timeout.
    state::StoreOptions store_options;
    store_options.max_attempts = 1;
    store_options.cache_scope =
        state::Store(state::Endpoint{settings.database_url, settings.database_source, "PgBouncer"})
            .cache_scope();
    state::Store sync_store(
        state::Endpoint{with_connect_timeout(settings.database_url, settings.connect_timeout),
                        settings.database_source, "PgBouncer"},
        store_options);
    cache::RedisCache sync_cache(settings.redis_url,
                                 [&status](const std::string& warning) { status.warning(warning); });
    tenants = find_fixtures(sync_store, sync_cache, scenario.tenants);
    cache_scope = sync_store.cache_scope();
  }
  const int peak_vus = scenario.executor.peak_vus();
  warn_about_limits(peak_vus, settings, store, status);

  EventLoop loop;
  std::unique_ptr<StoreRequests> store_requests;
  std::unique_ptr<HttpRequests> http_requests;
  RequestDriver* driver = nullptr;
  if (store) {
    store_requests = std::make_unique<StoreRequests>(loop, store_target(scenario, settings, cache_scope));
    driver = store_requests.get();
  } else {
    http_requests = std::make_unique<HttpRequests>(
        loop, http_base, std::chrono::duration_cast<milliseconds>(scenario.timeout));
    driver = http_requests.get();
  }
  Recorder recorder(report, scenario);
  EngineOptions options;
  options.seed = settings.seed;
  Engine engine(loop, scenario, *driver, recorder, tenants, options);
  SignalSources sources;
  if (store) {
    sources.pgbouncer_admin_url = settings.pgbouncer_admin_url;
    sources.pgbouncer_database = database_name(settings.database_url);
    sources.postgres_url = settings.direct_url;
    sources.redis_url = settings.redis_url;
  }
  SignalSampler sampler(loop, sources);
  Timer every_second(loop);

  std::string start_error;
  std::chrono::system_clock::time_point started_at{};
  std::int64_t end_ns = 0;
  std::uint64_t errors_so_far = 0;
  std::size_t live_from = 0;
  std::int64_t last_live_second = -1;

  auto once_a_second = [&] {
    const std::int64_t now = EventLoop::now_ns();
    const std::int64_t elapsed_ns = now - engine.start_ns();
    recorder.active_vus(now, engine.active_vus());
    const auto all = report.tags.find(k_all_tag);
    errors_so_far = all == report.tags.end() ? 0 : all->second.errors;
    // The second that just ended, when it has entries.
    const TimelineSecond* last = nullptr;
    const std::int64_t previous_second = recorder.unix_second(now) - 1;
    for (std::size_t i = live_from; i < report.timeline.size(); ++i) {
      if (report.timeline[i].unix_second == previous_second) {
        last = &report.timeline[i];
        live_from = i;
      }
    }
    if (elapsed_ns / 1'000'000'000 != last_live_second) {
      last_live_second = elapsed_ns / 1'000'000'000;
      status.live(live_line(last_live_second, engine.active_vus(), last, errors_so_far, report));
    }
    // abort_on_fail thresholds, each once its delay has passed.
    if (engine.stopping()) {
      return;
    }
    report.duration = milliseconds(elapsed_ns / 1'000'000);
    for (const auto& threshold : scenario.thresholds) {
      if (!threshold.abort_on_fail || elapsed_ns < threshold.delay_abort_eval.count()) {
        continue;
      }
      const auto result = judge(threshold, report);
      if (!result.passed) {
        report.aborted = true;
        report.abort_reason = "threshold '" + threshold.text + "' failed (abort_on_fail)";
        status.warning("aborting the run: " + report.abort_reason);
        engine.stop();
        return;
      }
    }
  };

  auto start_engine = [&] {
    engine.start(
        [&](const std::string& error) {
          if (!error.empty()) {
            start_error = error;
            return;
          }
          started_at = std::chrono::system_clock::now();
          recorder.begin(engine.start_ns(), started_at);
          status.step_started(
              "running " + scenario.name + ": " + executor_type_name(scenario.executor.type) + ", up to " +
              std::to_string(peak_vus) + " VUs for " +
              fixed(static_cast<double>(scenario.executor.total_duration().count()) / 1e9, 0) + "s");
          sampler.start([&recorder](const SignalSample& sample) { recorder.server_sample(sample); });
          every_second.start(milliseconds(1000), once_a_second, milliseconds(1000));
        },
        [&] {
          end_ns = EventLoop::now_ns();
          every_second.stop();
          sampler.stop();
          if (store_requests) {
            store_requests->shutdown();
          }
          // Idle connections keep their sockets watched: end the loop here;
          // the handles are closed as their owners go out of scope.
          loop.stop();
        });
  };

  if (store_requests) {
    const int initial = scenario.executor.open_model() ? scenario.executor.pre_allocated_vus : peak_vus;
    status.step_started("connecting " + std::to_string(initial) + " VUs through PgBouncer");
    store_requests->connect_redis([&](const std::string& error) {
      if (!error.empty()) {
        start_error = "Redis: " + error;
        store_requests->shutdown();
        loop.stop();
        return;
      }
      start_engine();
    });
  } else {
    start_engine();
  }
  loop.run();
  status.live("");

  if (!start_error.empty()) {
    throw util::Error("cannot start the load test: " + start_error +
                          "; check that the stack is up (`dharma stack status`) and the connection settings",
                      util::ExitCode::unavailable);
  }
  for (const auto& unavailable : sampler.unavailable()) {
    status.warning("server signal not sampled: " + unavailable);
  }
  report.started_at = iso8601_utc(started_at);
  report.duration = milliseconds((end_ns - engine.start_ns()) / 1'000'000);
  for (const auto& threshold : scenario.thresholds) {
    auto result = judge(threshold, report);
    result.aborted_run =
        report.aborted && report.abort_reason.find("'" + threshold.text + "'") != std::string::npos;
    report.thresholds.push_back(result);
  }
  for (const auto& error : recorder.first_errors()) {
    status.note("request failed: " + error);
  }
  return report;
}

bool thresholds_passed(const RunReport& report) {
  for (const auto& threshold : report.thresholds) {
    if (!threshold.passed) {
      return false;
    }
  }
  return true;
}

}  // namespace dharma::loadtest

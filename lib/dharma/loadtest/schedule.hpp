#pragma once
// The executor's timetable as functions of time since the start: how many
// VUs should be active (closed model), and how many iterations should have
// started (open model: the integral of the arrival rate) — and when the
// k-th should start, by bisection on that integral, so each iteration has
// an exact intended start time whatever the loop's timer resolution.

#include <cstdint>

#include "dharma/loadtest/scenario.hpp"

namespace dharma::loadtest {

// Active VUs at `elapsed` (ramping: linear within each stage).
int vus_at(const Executor& executor, Duration elapsed);
// Iterations per second at `elapsed`.
double rate_at(const Executor& executor, Duration elapsed);
// Iterations due by `elapsed` (not rounded).
double arrivals_by(const Executor& executor, Duration elapsed);
// When iteration `k` (0-based) is due; total_duration() when never.
Duration arrival_time(const Executor& executor, std::int64_t k);

}  // namespace dharma::loadtest

#!/usr/bin/env python3
"""Benchmarks `dharma cost` on generated AWS blueprints (bench/gen_blueprint.py).

For each size it times, side by side and alternating which goes first:
  * `dharma blueprint validate FILE`  -- read, parse, resolve, check
  * `dharma cost FILE`                -- the same, then price and render a table
  * `dharma cost FILE --format json --recommend`
and prints the median wall time and the median CPU time (user + system of
the child, less disturbed by other load on a shared machine) of each, and
the ratios cost / validate, so the pricing overhead is measured against the
parsing it builds on. Blueprints
are generated into a temporary directory at run time, never committed.

usage: bench/cost.py DHARMA_BINARY [ROUNDS]      (default 15 rounds)
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

SIZES = [50, 10_000]


def cpu_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command):
    """(wall seconds, CPU seconds) of one run."""
    cpu_before = cpu_children()
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"command failed with exit {result.returncode}: {' '.join(command)}")
    return elapsed, cpu_children() - cpu_before


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    dharma = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) == 3 else 15
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory(prefix="dharma-bench-cost-") as scratch:
        print(f"rounds: {rounds}; load average: {os.getloadavg()[0]:.1f}")
        print(f"{'resources':>9}  {'measure':>7}  {'validate':>10}  {'cost':>10}  {'cost json+rec':>13}  "
              f"{'cost/validate':>13}  {'json/validate':>13}")
        for size in SIZES:
            path = os.path.join(scratch, f"bench-{size}.yaml")
            with open(path, "w") as out:
                subprocess.run([sys.executable, os.path.join(here, "gen_blueprint.py"), str(size)], stdout=out, check=True)
            commands = {
                "validate": [dharma, "blueprint", "validate", path],
                "cost": [dharma, "cost", path],
                "json": [dharma, "cost", path, "--format", "json", "--recommend"],
            }
            times = {name: [] for name in commands}
            for name, command in commands.items():  # warm the page cache once
                run(command)
            for round_index in range(rounds):
                order = list(commands) if round_index % 2 == 0 else list(reversed(commands))
                for name in order:
                    times[name].append(run(commands[name]))
            for index, measure in ((0, "wall"), (1, "cpu")):
                median = {name: statistics.median(v[index] for v in values) for name, values in times.items()}
                print(f"{size:>9}  {measure:>7}  {median['validate'] * 1000:>8.1f}ms  {median['cost'] * 1000:>8.1f}ms  "
                      f"{median['json'] * 1000:>11.1f}ms  {median['cost'] / median['validate']:>13.2f}  "
                      f"{median['json'] / median['validate']:>13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

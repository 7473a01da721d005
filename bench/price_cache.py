#!/usr/bin/env python3
"""Benchmarks the price catalog cache of `dharma cost` (issue 7), side by side.

1. Whole process: for each example, `dharma cost EXAMPLE --env prod` with the
   cache warm (DHARMA_REDIS_URL set, the catalog's key already stored) against
   `--no-cache` (the catalog parsed from YAML), alternating which goes first
   each round; median wall and CPU time (user + system of the child) of each
   and the ratio no-cache / cached (above 1: the cache is faster).
2. The catalog load alone, in one process (bench/price_cache_bench.cpp):
   YAML parse, warm cached load and JSON decode alone, per catalog.

Both outputs are checked identical before timing.

usage: bench/price_cache.py DHARMA_BINARY PRICE_CACHE_BENCH_BINARY [ROUNDS]   (default 21)
needs DHARMA_REDIS_URL (scripts/stack up; eval "$(scripts/stack env)")
"""
import os
import resource
import statistics
import subprocess
import sys
import time

EXAMPLES = [
    ("aws-web-app", "aws-web-app.values.yaml"),
    ("azure-app", "azure-app.values.yaml"),
    ("gcp-data-platform", "gcp-data-platform.values.yaml"),
    ("k8s-platform", None),
]


def cpu_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command, env):
    """(wall seconds, CPU seconds, stdout) of one run."""
    cpu_before = cpu_children()
    start = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or result.stderr:
        sys.exit(f"exit {result.returncode}: {' '.join(command)}\n{result.stderr.decode()}")
    return elapsed, cpu_children() - cpu_before, result.stdout


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    dharma, bench = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) == 4 else 21
    redis_url = os.environ.get("DHARMA_REDIS_URL")
    if not redis_url:
        sys.exit("DHARMA_REDIS_URL is not set: scripts/stack up; eval \"$(scripts/stack env)\"")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, DHARMA_HOME=root)
    print(f"rounds: {rounds}; load average: {os.getloadavg()[0]:.1f}")
    print(f"{'example':<18} {'measure':>7} {'cached':>10} {'no-cache':>10} {'no-cache/cached':>16}")
    for example, values in EXAMPLES:
        command = [dharma, "cost", os.path.join(root, "examples", example + ".yaml"), "--env", "prod",
                   "--format", "json", "--recommend"]
        if values:
            command += ["--values", os.path.join(root, "tests", "examples", values)]
        commands = {"cached": command, "no-cache": command + ["--no-cache"]}
        outputs = {name: run(c, env)[2] for name, c in commands.items()}  # also warms the cache
        if outputs["cached"] != outputs["no-cache"]:
            sys.exit(f"{example}: output differs with and without the cache")
        times = {name: [] for name in commands}
        for round_index in range(rounds):
            order = list(commands) if round_index % 2 == 0 else list(reversed(commands))
            for name in order:
                times[name].append(run(commands[name], env)[:2])
        for index, measure in ((0, "wall"), (1, "cpu")):
            median = {name: statistics.median(v[index] for v in values) for name, values in times.items()}
            print(f"{example:<18} {measure:>7} {median['cached'] * 1000:>8.2f}ms {median['no-cache'] * 1000:>8.2f}ms "
                  f"{median['no-cache'] / median['cached']:>16.2f}")
    print()
    print("catalog load alone, in one process (medians):")
    sys.stdout.flush()
    return subprocess.run([bench, os.path.join(root, "pricing"), redis_url, str(rounds * 10)]).returncode


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes dharma-loadtest-report/1 documents from deterministic samples, for
the report tests. It buckets latencies the way docs/loadtest-report.md
describes (exact below 128 us, then 64 buckets per power of two), written
here independently of the C++ code, so a test of `loadtest merge` and
`loadtest report` compares dharma against a second implementation.

usage: make_report.py OUT.json --seed N --start UNIX --seconds S --rate R
                      [--latency-scale F] [--errors-every K] [--scenario NAME]
                      [--threshold TEXT:OBSERVED:PASSED] [--samples-out FILE]
       make_report.py OUT.json --combine A.samples B.samples ...   (one run of all samples)
"""
import argparse
import json
import math
import random
import sys
import time


def bucket_lower(value):
    value = max(0, value)
    width = value.bit_length()
    shift = max(0, width - 7)
    return (value >> shift) << shift


def histogram(values):
    buckets = {}
    for value in values:
        lower = bucket_lower(value)
        buckets[lower] = buckets.get(lower, 0) + 1
    return {"count": len(values), "min": min(values) if values else 0, "max": max(values) if values else 0,
            "sum": sum(values), "buckets": [[lower, buckets[lower]] for lower in sorted(buckets)]}


def make_samples(seed, start, seconds, rate, scale, errors_every):
    rng = random.Random(seed)
    samples = []
    n = 0
    for second in range(seconds):
        for _ in range(rate):
            latency = int(rng.lognormvariate(7.0, 0.8) * scale)
            kind = "kind:pull" if rng.random() < 0.7 else "kind:push"
            n += 1
            error = errors_every > 0 and n % errors_every == 0
            samples.append({"second": start + second, "latency": latency, "kind": kind, "error": error,
                            "hit": kind == "kind:pull" and rng.random() < 0.9})
    return samples


def report(samples, scenario, start, duration_ms, thresholds):
    tags = {}
    timeline = {}
    hits = misses = 0
    for s in samples:
        for tag in ("all", s["kind"]):
            t = tags.setdefault(tag, {"requests": 0, "errors": 0, "values": []})
            t["requests"] += 1
            t["errors"] += 1 if s["error"] else 0
            t["values"].append(s["latency"])
        sec = timeline.setdefault(s["second"], {"ops": 0, "errors": 0, "hits": 0, "misses": 0, "values": []})
        sec["ops"] += 1
        sec["errors"] += 1 if s["error"] else 0
        sec["values"].append(s["latency"])
        if s["kind"] == "kind:pull":
            sec["hits" if s["hit"] else "misses"] += 1
            if s["hit"]:
                hits += 1
            else:
                misses += 1
    server = []
    for i, second in enumerate(sorted(timeline)):
        server.append({"second": second,
                       "pgbouncer": {"cl_active": 20, "cl_waiting": i % 3, "sv_active": 8, "maxwait_us": 1000 * (i % 3)},
                       "redis": {"keyspace_hits": 1000 + 90 * i, "keyspace_misses": 100 + 10 * i, "hit_rate": 0.9,
                                 "connected_clients": 21},
                       "postgres": {"xact_commit": 5000 + 40 * i, "xact_rollback": 2}})
    return {
        "format": "dharma-loadtest-report/1",
        "scenario": scenario,
        "target": "store",
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)),
        "duration_ms": duration_ms,
        "aborted": False,
        "abort_reason": "",
        "counters": {"dropped_iterations": 0, "late_starts": 0, "cache_hits": hits, "cache_misses": misses},
        "thresholds": thresholds,
        "tags": {name: {"requests": t["requests"], "errors": t["errors"], "latency_us": histogram(t["values"])}
                 for name, t in sorted(tags.items())},
        "timeline": [{"second": second, "ops": s["ops"], "errors": s["errors"], "active_vus": 10,
                      "cache_hits": s["hits"], "cache_misses": s["misses"], "latency_us": histogram(s["values"])}
                     for second, s in sorted(timeline.items())],
        "server": server,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=1796190000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--latency-scale", type=float, default=1.0)
    parser.add_argument("--errors-every", type=int, default=0)
    parser.add_argument("--scenario", default="baseline")
    parser.add_argument("--threshold", action="append", default=[])
    parser.add_argument("--samples-out")
    parser.add_argument("--combine", nargs="+")
    args = parser.parse_args()
    thresholds = []
    for text in args.threshold:
        name, observed, passed = text.rsplit(":", 2)
        thresholds.append({"text": name, "observed": float(observed), "passed": passed == "true",
                           "aborted_run": False})
    if args.combine:
        samples = []
        for path in args.combine:
            with open(path) as f:
                samples += json.load(f)
        first = min(s["second"] for s in samples)
        last = max(s["second"] for s in samples)
        document = report(samples, args.scenario, first, (last - first + 1) * 1000, thresholds)
    else:
        samples = make_samples(args.seed, args.start, args.seconds, args.rate, args.latency_scale, args.errors_every)
        document = report(samples, args.scenario, args.start, args.seconds * 1000, thresholds)
    if args.samples_out:
        with open(args.samples_out, "w") as f:
            json.dump(samples, f)
    with open(args.out, "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs every row of issue 17's table side by side in one run and prints it
(docs/PERFORMANCE.md, "Issue 17, every row in one run").

Each command runs as a whole process; for each it reports the median CPU
time (user + sys of the process, from wait4, so microsecond-exact rather than
/usr/bin/time's 10 ms steps), wall time and peak RSS, for two dharma binaries
(BEFORE and AFTER, alternating which goes first each round) and the ratios:

  1. `blueprint validate`, 10,000 resources            (goal <= 0.10 s CPU)
  2. `generate --target terraform`, 10,000 resources   (goal <= 0.25 s CPU)
  3. `guard` and `cost`, 10,000 resources              (goal <= 0.15 s CPU each)
  4. 2,000 Kubernetes Deployments: `generate --target kubernetes` in each
     --k8s-layout against `kubectl kustomize` of the same objects (the
     per-object folder dharma wrote), CPU and wall ratios (goal >= 50x less
     CPU); skipped without kubectl
  5. start-up: `version`, `blueprint validate`, `generate`, `guard`, `cost`
     on a 50-resource blueprint, wall (goal <= 10 ms on an idle machine)
  6. peak RSS of `generate --target terraform`, 10,000 resources (goal <= 60 MB)

Blueprints come from bench/gen_blueprint.py and bench/gen_k8s_blueprint.py,
generated into a temporary folder. Nothing here is pass/fail.

usage: bench/speed_rows.py BEFORE AFTER [--rounds N] [--startup-runs N]
                           [--k8s-rounds N] [--deployments N] [--resources N]
"""
import argparse
import os
import statistics
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command, stdout=subprocess.DEVNULL, ok=(0, 1)):
    """(cpu_ms, wall_ms, rss_mb, user_ms, sys_ms) of one run of `command`."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.exit(f"failed with exit {code}: {' '.join(command)}")
    return ((usage.ru_utime + usage.ru_stime) * 1000, wall * 1000, usage.ru_maxrss / 1024,
            usage.ru_utime * 1000, usage.ru_stime * 1000)


def medians(samples):
    return tuple(statistics.median(column) for column in zip(*samples))


def side_by_side(commands, rounds):
    """commands: {label: argv}; runs them `rounds` times, rotating the order.
    Returns {label: (cpu_ms, wall_ms, rss_mb)} medians."""
    samples = {label: [] for label in commands}
    labels = list(commands)
    for r in range(rounds):
        order = labels[r % len(labels):] + labels[:r % len(labels)]
        for label in order:
            samples[label].append(run(commands[label]))
    return {label: medians(samples[label]) for label in labels}


def ratio(a, b):
    return f"{a / b:.2f}" if b > 0 else "-"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--startup-runs", type=int, default=30)
    parser.add_argument("--k8s-rounds", type=int, default=1)
    parser.add_argument("--deployments", type=int, default=2000)
    parser.add_argument("--resources", type=int, default=10000)
    parser.add_argument("--only", choices=["big", "startup", "k8s"], help="run one part of the table")
    args = parser.parse_args()
    before, after = os.path.realpath(args.before), os.path.realpath(args.after)
    os.environ.setdefault("DHARMA_HOME", os.path.dirname(HERE))
    os.environ["NO_COLOR"] = "1"
    work = tempfile.mkdtemp(prefix="dharma-speed-")
    try:
        with open("/proc/loadavg") as f:
            load = " ".join(f.read().split()[:3])
        print(f"== {os.cpu_count()} cores, load average {load}; before {before}, after {after}")
        print("   CPU = user + sys of the process; medians; times in ms, RSS in MB\n")

        def bp(kind, n):
            path = os.path.join(work, f"{kind}-{n}.yaml")
            if not os.path.exists(path):
                script = "gen_blueprint.py" if kind == "aws" else "gen_k8s_blueprint.py"
                with open(path, "w") as out:
                    subprocess.run([sys.executable, os.path.join(HERE, script), str(n)], stdout=out, check=True)
            return path

        rows = []
        big = bp("aws", args.resources) if args.only in (None, "big") else None
        for name, argv in [("blueprint validate", ["blueprint", "validate", big]),
                           ("generate --target terraform", ["generate", big, "--target", "terraform",
                                                            "--out", os.path.join(work, "out-tf")]),
                           ("guard", ["guard", big]),
                           ("cost", ["cost", big])] if big else []:
            result = side_by_side({"before": [before] + argv, "after": [after] + argv}, args.rounds)
            rows.append((f"`{name}`, {args.resources:,} resources", result))
        if rows:
            print(f"| work | CPU before | CPU after | CPU before / after | wall before | wall after | "
                  f"peak RSS before | after |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for label, r in rows:
            b, a = r["before"], r["after"]
            print(f"| {label} | {b[0]:.0f} | {a[0]:.0f} | {ratio(b[0], a[0])} | {b[1]:.0f} | {a[1]:.0f} | "
                  f"{b[2]:.0f} | {a[2]:.0f} |")

        # Row 5: start-up on a typical blueprint.
        small = bp("aws", 50)
        startup = {}
        commands = [("version", ["version"]), ("blueprint validate", ["blueprint", "validate", small]),
                    ("generate", ["generate", small, "--out", os.path.join(work, "out-50")]),
                    ("guard", ["guard", small]), ("cost", ["cost", small])]
        for name, argv in commands if args.only in (None, "startup") else []:
            startup[name] = side_by_side({"before": [before] + argv, "after": [after] + argv},
                                         args.startup_runs)
        if startup:
            print(f"\nStart-up, 50 resources, medians of {args.startup_runs} runs:\n")
            print("| command | CPU before | CPU after | before / after | wall before | wall after | before / after |")
            print("|---|---:|---:|---:|---:|---:|---:|")
        for name, r in startup.items():
            b, a = r["before"], r["after"]
            print(f"| `{name}` | {b[0]:.1f} | {a[0]:.1f} | {ratio(b[0], a[0])} | {b[1]:.1f} | {a[1]:.1f} | "
                  f"{ratio(b[1], a[1])} |")

        if args.only not in (None, "k8s"):
            return
        # Row 4: Kubernetes layouts against kubectl kustomize.
        k8s = bp("k8s", args.deployments)
        commands = {}
        for layout in ("per-object", "per-kind"):
            commands[f"after {layout}"] = [after, "generate", k8s, "--target", "kubernetes", "--k8s-layout",
                                           layout, "--out", os.path.join(work, f"k8s-{layout}")]
        commands["after stream"] = [after, "generate", k8s, "--target", "kubernetes", "--k8s-layout", "stream"]
        commands["before per-object"] = [before, "generate", k8s, "--target", "kubernetes",
                                         "--out", os.path.join(work, "k8s-before")]
        run(commands["after per-object"])  # the folder kustomize reads
        kubectl = shutil.which("kubectl")
        if kubectl:
            commands["kubectl kustomize"] = [kubectl, "kustomize",
                                             os.path.join(work, "k8s-per-object", "kubernetes")]
        samples = {label: [] for label in commands}
        labels = list(commands)
        for r in range(max(args.rounds, args.k8s_rounds)):
            for label in labels[r % len(labels):] + labels[:r % len(labels)]:
                if r < (args.k8s_rounds if label == "kubectl kustomize" else args.rounds):
                    samples[label].append(run(commands[label]))
        k = {label: medians(s) for label, s in samples.items() if s}
        print(f"\n{args.deployments:,} Deployments (medians; dharma {args.rounds} runs, kubectl "
              f"{args.k8s_rounds}):\n")
        print("| command | CPU | user | sys | wall | peak RSS | kubectl / this, CPU | kubectl / this, wall |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        kc = k.get("kubectl kustomize")
        for label, m in k.items():
            print(f"| {label} | {m[0]:.0f} | {m[3]:.0f} | {m[4]:.0f} | {m[1]:.0f} | {m[2]:.0f} | "
                  f"{ratio(kc[0], m[0]) if kc else '-'} | {ratio(kc[1], m[1]) if kc else '-'} |")
        if not kc:
            print("(kubectl not installed: no ratio)")

        if not rows:
            return
        peak = rows[1][1]
        print(f"\nPeak RSS, `generate --target terraform`, {args.resources:,} resources: "
              f"before {peak['before'][2]:.0f} MB, after {peak['after'][2]:.0f} MB (goal <= 60 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

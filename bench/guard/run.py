#!/usr/bin/env python3
"""Benchmark `dharma guard` with the whole default policy pack.

Generates blueprints of N resources at run time (a realistic mix: network,
compute, data, storage and Kubernetes types, with references, tags and some
violations), then times, side by side in one run and on the same files:

  * `dharma version`                    process start-up alone
  * `dharma blueprint validate FILE`    load + resolve, no policies
  * `dharma guard FILE --only sec-001`  one policy
  * `dharma guard FILE`                 the whole default pack
  * `dharma -v guard FILE`              the same, reading the engine's own
                                        timing of the evaluation phase

Each command runs REPEAT times; the minimum wall time is kept (the least
disturbed run on a shared machine). Ratios between columns are what
docs/PERFORMANCE.md records; absolute times depend on the machine.

Usage: bench/guard/run.py [--dharma BUILD/cli/dharma] [--sizes 50,2500,5000,10000] [--repeat 5]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

HEADER = """apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: bench-{n}
  version: 1.0.0
  owner: team-bench
  labels: {{project: bench, owner: team-bench, environment: "${{env}}"}}
provider: aws
region: us-east-1
parameters:
  db_password: {{type: string, sensitive: true, default: "bench-password-0123456789"}}
resources:
  - name: vpc
    type: network.vpc
    properties: {{cidr: 10.0.0.0/16}}
  - name: private_a
    type: network.subnet
    properties: {{vpc: "${{vpc.id}}", cidr: 10.0.1.0/24, zone: a}}
  - name: private_b
    type: network.subnet
    properties: {{vpc: "${{vpc.id}}", cidr: 10.0.2.0/24, zone: b}}
"""

TEMPLATES = [
    """  - name: sg{i}
    type: network.security_group
    properties:
      vpc: ${{vpc.id}}
      ingress:
        - {{port: 443, cidrs: [0.0.0.0/0]}}
        - {{port: {port}, cidrs: [10.0.0.0/8]}}
""",
    """  - name: vm{i}
    type: compute.instance
    properties: {{size: t3.medium, subnet: "${{private_a.id}}", disk_gb: 30}}
    tags: {{tier: web}}
""",
    """  - name: db{i}
    type: database.postgres
    properties: {{size: db.t3.medium, storage_gb: 50, password: "${{param.db_password}}", subnets: ["${{private_a.id}}", "${{private_b.id}}"], multi_az: {multi}}}
""",
    """  - name: bucket{i}
    type: storage.bucket
    properties: {{versioning: {multi}, lifecycle: [{{expire_days: 365}}]}}
""",
    """  - name: app{i}
    type: k8s.deployment
    properties:
      image: registry.example.com/shop/app:{i}.0.0
      replicas: 2
      resources: {{limits: {{cpu: 500m, memory: 256Mi}}}}
      readiness_probe: {{http_path: /ready, port: 8080}}
""",
]


def blueprint(n):
    parts = [HEADER.format(n=n)]
    for i in range(n - 3):
        template = TEMPLATES[i % len(TEMPLATES)]
        parts.append(template.format(i=i, port=22 + (i % 7), multi="true" if i % 3 else "false"))
    return "".join(parts)


def best_time(command, repeat, env):
    """(wall, cpu) seconds: the minimum of each over `repeat` runs. CPU time
    (user + system) is what the process itself needs; wall time also holds
    waiting for a CPU on a busy machine."""
    best_wall = best_cpu = None
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{' '.join(command)} exited {code}")
        best_wall = wall if best_wall is None else min(best_wall, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return best_wall, best_cpu


def best_evaluation(command, repeat, env):
    """CPU milliseconds of the evaluation phase as `dharma -v guard` reports it (minimum)."""
    best = None
    for _ in range(repeat):
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        for line in result.stderr.splitlines():
            if line.startswith("dharma: guard: evaluate "):
                ms = float(line.rsplit(", ", 1)[1].split()[0])  # "... ms wall, C ms cpu"
                best = ms if best is None else min(best, ms)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dharma", default=os.path.join(ROOT, "build", "cli", "dharma"))
    parser.add_argument("--sizes", default="50,2500,5000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ, DHARMA_HOME=ROOT, NO_COLOR="1")
    policies = len([f for f in os.listdir(os.path.join(ROOT, "policies")) if f.endswith(".yaml")])
    startup = best_time([args.dharma, "version"], args.repeat, env)
    print(f"dharma: {args.dharma}; default pack: {policies} policies; best of {args.repeat} runs; "
          f"start-up (dharma version): {startup[0] * 1000:.1f} ms wall, {startup[1] * 1000:.1f} ms CPU\n")
    print("Times are wall / CPU (user + system) in ms.\n")
    print("| resources | validate | guard, 1 policy | guard, full pack | "
          "full pack / validate (CPU) | full pack / 1 policy (CPU) | evaluation phase (CPU ms) | per resource x policy (ns) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as scratch:
        for n in [int(s) for s in args.sizes.split(",")]:
            path = os.path.join(scratch, f"bench-{n}.yaml")
            with open(path, "w") as f:
                f.write(blueprint(n))
            validate = best_time([args.dharma, "blueprint", "validate", path], args.repeat, env)
            one = best_time([args.dharma, "guard", path, "--only", "sec-001"], args.repeat, env)
            full = best_time([args.dharma, "guard", path], args.repeat, env)
            evaluation = best_evaluation([args.dharma, "-v", "guard", path], args.repeat, env)
            per_pair = evaluation / (n * (policies - 1)) * 1e6

            def cell(t):
                return f"{t[0] * 1000:.1f} / {t[1] * 1000:.1f}"

            print(f"| {n} | {cell(validate)} | {cell(one)} | {cell(full)} | "
                  f"{full[1] / max(validate[1], 1e-6):.2f} | {full[1] / max(one[1], 1e-6):.2f} | {evaluation:.1f} | "
                  f"{per_pair:.0f} |")


if __name__ == "__main__":
    main()

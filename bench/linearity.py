#!/usr/bin/env python3
"""Linearity of the core pipeline (issue 17): CPU time per resource of
`blueprint validate`, `generate --target terraform`, `guard` and `cost` over
generated AWS blueprints (bench/gen_blueprint.py) of 1,000 / 2,500 / 5,000 /
10,000 / 20,000 resources.

CPU time is user + system of the child process as the kernel reports it
(os.wait4, microseconds), the least of ROUNDS runs: on a shared machine other
work only ever adds to it, and the marginal figure at 1,000 resources moves by
10 us per resource for every 10 ms of noise. Two per-resource figures:
whole process / N, and the marginal cost above a 50-resource run
((cpu(N) - cpu(50)) / (N - 50)), which leaves out start-up (catalog, policies,
prices) that does not grow with N. A command is linear when its marginal
figure stays within +-20 % of its mean over the sizes; the exit status is 1
when one is not. The runs go round by round over every size and command,
so a burst of other work on the machine falls on every size alike. Nothing
in ctest runs this.

40 rounds by default (about 5 minutes on 2 cores): the least of a few runs
is far from the undisturbed time at 20,000 resources, where few runs of
150-200 ms escape other work entirely (least 118 ms, median 179 ms in one
40-round run of validate). Split into four batches of 10 rounds, one
40-round run gave spreads of 14-28 % (validate), 10-30 % (generate), 12-23 %
(guard) and 14-27 % (cost) depending on the batch; all 40 rounds together:
12 / 13 / 16 / 13 % (docs/PERFORMANCE.md, linearity, fifth session).

Fresh memory is made hot before every run (--prewarm-mb, 512 by default): the
bench maps that much memory as transparent huge pages, touches it and gives
it back, so the run that follows finds recently freed 2 MiB blocks. On a VM
whose balloon reports free memory to the host (virtio-balloon free page
reporting, /sys/module/page_reporting/parameters/page_reporting_order = 9,
that is 2 MiB blocks - the size dharma's huge-page heap asks for), a block
freed more than about two seconds earlier has been handed back, and the
guest's first touch of it costs about ten times more (bench/fresh_pages.c:
0.11-0.14 ms/MB within 2 s of the free, 1.4-1.9 ms/MB after 5 s). Without the
prewarm, a run that needs more memory than the run before it freed pays that
for the difference, so the larger sizes pay more per resource for a reason
that is the host's, not dharma's; --prewarm-mb 0 measures that way. Peak RSS
is printed so a run larger than the prewarm shows.

    bench/linearity.py DHARMA [ROUNDS] [SIZES...] [--prewarm-mb MB]    (default 40 rounds)
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
COMMANDS = {
    "validate": ["blueprint", "validate", "{bp}"],
    "generate": ["generate", "{bp}", "--target", "terraform", "--out", "{out}"],
    "guard": ["guard", "{bp}"],
    "cost": ["cost", "{bp}"],
}


def build_prewarm(work):
    """bench/fresh_pages.c, compiled into `work`: it maps MB megabytes as
    transparent huge pages, touches them and exits. A child process, because
    a child's peak RSS counts its parent's peak at the fork: the bench itself
    must never hold the prewarmed memory."""
    helper = os.path.join(work, "fresh_pages")
    subprocess.run(["cc", "-O2", "-o", helper, os.path.join(HERE, "fresh_pages.c")], check=True)
    return helper


def prewarm(helper, megabytes):
    """Touches `megabytes` of transparent huge pages and frees them (see above)."""
    if megabytes > 0:
        subprocess.run([helper, str(megabytes), "1"], check=True)


def run(argv):
    """CPU ms (user + system) and peak RSS in MB of one run."""
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(child.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # guard exits 1 on findings
        sys.exit(f"failed ({code}): {' '.join(argv)}")
    return (usage.ru_utime + usage.ru_stime) * 1000.0, usage.ru_maxrss / 1024.0


def spread_of(figures):
    """The largest distance of a figure from the figures' mean, as a fraction of it, and the mean."""
    mean = statistics.mean(figures.values())
    return max(abs(v - mean) / mean for v in figures.values()), mean


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dharma")
    parser.add_argument("rounds", nargs="?", type=int, default=40)
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--prewarm-mb", type=int, default=512)
    args = parser.parse_args()
    dharma = os.path.abspath(args.dharma)
    rounds = args.rounds
    sizes = args.sizes or [1000, 2500, 5000, 10000, 20000]
    os.environ.setdefault("DHARMA_HOME", os.path.dirname(HERE))
    os.environ["NO_COLOR"] = "1"
    with tempfile.TemporaryDirectory() as work:
        helper = build_prewarm(work) if args.prewarm_mb > 0 else None
        runs = {}
        for n in [50] + sizes:
            bp = os.path.join(work, f"bp{n}.yaml")
            with open(bp, "w") as out:
                subprocess.run([sys.executable, os.path.join(HERE, "gen_blueprint.py"), str(n)], stdout=out,
                               check=True)
        # Rounds outermost: a burst of other work on the machine then falls on
        # every size alike instead of on one size's runs.
        for _ in range(rounds):
            for n in [50] + sizes:
                bp = os.path.join(work, f"bp{n}.yaml")
                for name, template in COMMANDS.items():
                    argv = [dharma] + [a.format(bp=bp, out=os.path.join(work, "out")) for a in template]
                    prewarm(helper, args.prewarm_mb)
                    runs.setdefault((name, n), []).append(run(argv))
        cpu = {key: min(cpu for cpu, _ in values) for key, values in runs.items()}
        peak = {key: max(rss for _, rss in values) for key, values in runs.items()}
    with open("/proc/loadavg") as load:
        print(f"== {os.cpu_count()} cores, load average {' '.join(load.read().split()[:3])}; "
              f"least CPU (user+sys) of {rounds} runs; "
              + (f"{args.prewarm_mb} MB prewarmed before each run" if args.prewarm_mb > 0 else "no prewarm"))
    print(f"{'command':<9} {'resources':>9} {'CPU ms':>9} {'us/resource':>12} {'marginal us/res':>16} "
          f"{'peak MB':>8}")
    worst = 0.0
    for name in COMMANDS:
        marginal = {}
        for n in sizes:
            marginal[n] = (cpu[name, n] - cpu[name, 50]) * 1000.0 / (n - 50)
            print(f"{name:<9} {n:>9} {cpu[name, n]:>9.1f} {cpu[name, n] * 1000.0 / n:>12.1f} "
                  f"{marginal[n]:>16.1f} {peak[name, n]:>8.0f}")
        spread, mean = spread_of(marginal)
        whole_spread, _ = spread_of({n: cpu[name, n] / n for n in sizes})
        worst = max(worst, spread)
        print(f"{name:<9} marginal cost per resource within +-{spread * 100:.0f} % of its mean "
              f"({mean:.1f} us): {'linear' if spread <= 0.20 else 'NOT linear within 20 %'} "
              f"(whole process per resource: +-{whole_spread * 100:.0f} %)")
    if args.prewarm_mb > 0 and max(peak.values()) > args.prewarm_mb:
        print(f"note: a run's peak RSS ({max(peak.values()):.0f} MB) is above the prewarm "
              f"({args.prewarm_mb} MB); raise --prewarm-mb")
    return 0 if worst <= 0.20 else 1


if __name__ == "__main__":
    sys.exit(main())

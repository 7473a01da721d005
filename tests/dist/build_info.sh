#!/usr/bin/env bash
# The commit `dharma version` reports: the build writes `git rev-parse HEAD`
# of the source tree (cmake/BuildInfo.cmake), "unknown" outside a git
# checkout, and an explicit COMMIT (-DDHARMA_GIT_COMMIT) wins.
# Usage: build_info.sh DHARMA SOURCE_DIR SCRATCH
set -u
dharma=$1 source_dir=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch/not-a-checkout" || exit 2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
script=$source_dir/cmake/BuildInfo.cmake

if head=$(git -C "$source_dir" rev-parse HEAD 2>/dev/null); then
  got=$("$dharma" version --format json | sed -n 's/.*"commit": "\(.*\)".*/\1/p')
  [[ $got == "$head" ]] || fail "dharma version says commit '$got', the checkout is at $head (rebuild after committing)"
fi
GIT_CEILING_DIRECTORIES=$scratch cmake -DSOURCE_DIR="$scratch/not-a-checkout" -DOUTPUT="$scratch/a.hpp" -P "$script" ||
  fail "BuildInfo.cmake failed outside a checkout"
grep -qx '#define DHARMA_GIT_COMMIT "unknown"' "$scratch/a.hpp" || fail "outside a checkout: $(cat "$scratch/a.hpp")"
cmake -DSOURCE_DIR="$source_dir" -DOUTPUT="$scratch/b.hpp" -DCOMMIT=0123abc -P "$script" || fail "BuildInfo.cmake failed"
grep -qx '#define DHARMA_GIT_COMMIT "0123abc"' "$scratch/b.hpp" || fail "explicit commit: $(cat "$scratch/b.hpp")"

if ((failures)); then echo "$failures failure(s)"; exit 1; fi
echo "build info: ok"

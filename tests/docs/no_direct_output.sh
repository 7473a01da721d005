#!/usr/bin/env bash
# Keeps docs/ARCHITECTURE.md's rule "who may print": nothing under lib/ writes
# to stdout or stderr directly. Commands write to their CommandContext's
# streams, long-running work reports through util::Status (printed by
# api::StatusPrinter), and failures travel up as exceptions that cli/main.cpp
# prints. Lists every offending line and fails when there is one.
#
# Usage: no_direct_output.sh [SOURCE_ROOT]   (default: the checkout holding this script)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}

# The only files below lib/ allowed to write to a standard stream themselves, and why.
allowed=(
  # The SIGINT/SIGTERM handler: only write(2) is async-signal-safe there.
  lib/dharma/util/interrupt.cpp
)

# std::cout/cerr/clog; printf/puts/putchar/perror; fprintf/fputs/fwrite/fputc
# to stdout or stderr; write(2) to descriptors 1 and 2; fmt::print; spdlog.
pattern='std::(w?cout|w?cerr|w?clog)\b'
pattern+='|(^|[^A-Za-z0-9_:.>])(std::)?(printf|vprintf|puts|putchar|perror)[[:space:]]*\('
pattern+='|\bf(printf|puts|write|putc|flush)[[:space:]]*\([^;]*\b(stdout|stderr)\b'
pattern+='|\bwrite[[:space:]]*\([[:space:]]*(1|2|STDOUT_FILENO|STDERR_FILENO)[[:space:]]*,'
pattern+='|\bfmt::print\b|\bspdlog::'

cd "$root"
offenders=$(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' --include='*.cc' "$pattern" lib/ \
  | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true)
for file in "${allowed[@]}"; do
  offenders=$(printf '%s\n' "$offenders" | grep -v "^$file:" || true)
done
offenders=$(printf '%s\n' "$offenders" | sed '/^$/d')
if [[ -n $offenders ]]; then
  echo "Code under lib/ writes to stdout/stderr directly (docs/ARCHITECTURE.md, \"Who may print\"):"
  printf '%s\n' "$offenders"
  echo "Write to the CommandContext's out()/err(), report through util::Status, or throw util::Error /"
  echo "util::DiagnosedError for cli/main.cpp to print."
  exit 1
fi
echo "no direct output under lib/ (allowed: ${allowed[*]})"

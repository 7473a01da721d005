#!/usr/bin/env bash
# Keeps docs/ARCHITECTURE.md's layering one-way: the folders under
# lib/dharma/ (one namespace each) form an acyclic graph, where folder A
# depends on folder B when a file in A includes "dharma/B/...". Prints each
# folder's dependencies, then fails naming a cycle when there is one
# (A -> B -> ... -> A) and the lines that make it.
#
# Usage: no_folder_cycles.sh [SOURCE_ROOT]   (default: the checkout holding this script)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root/lib/dharma"

# Edges "A B", one per line, from every #include "dharma/B/..." in folder A.
edges=$(grep -rHoE --include='*.cpp' --include='*.hpp' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"dharma/[A-Za-z0-9_]+/' . \
  | sed -E 's|^\./([^/]+)/[^:]*:.*"dharma/([^/]+)/$|\1 \2|' | awk '$1 != $2' | sort -u)

declare -A deps=()
for folder in */; do deps[${folder%/}]=""; done
while read -r from to; do
  [[ -n "$from" ]] && deps[$from]+="$to "
done <<<"$edges"
for folder in $(printf '%s\n' "${!deps[@]}" | sort); do
  echo "$folder -> ${deps[$folder]:-(nothing)}"
done

# Depth-first search; a folder met again while still on the path closes a cycle.
declare -A state=()  # 1: on the current path, 2: finished
path=()
visit() {
  local folder=$1 next
  state[$folder]=1
  path+=("$folder")
  for next in ${deps[$folder]:-}; do
    if [[ ${state[$next]:-0} == 1 ]]; then
      local cycle="" i start=0
      for i in "${!path[@]}"; do [[ ${path[$i]} == "$next" ]] && start=$i; done
      for ((i = start; i < ${#path[@]}; i++)); do cycle+="${path[$i]} -> "; done
      echo "folder cycle: ${cycle}${next}" >&2
      for ((i = start; i < ${#path[@]}; i++)); do
        local a=${path[$i]} b=$next
        ((i + 1 < ${#path[@]})) && b=${path[$((i + 1))]}
        grep -rnE --include='*.cpp' --include='*.hpp' "#[[:space:]]*include[[:space:]]*\"dharma/$b/" "$a" | sed 's/^/  lib\/dharma\//' >&2
      done
      exit 1
    fi
    [[ ${state[$next]:-0} == 0 ]] && visit "$next"
  done
  unset 'path[${#path[@]}-1]'
  state[$folder]=2
}
for folder in $(printf '%s\n' "${!deps[@]}" | sort); do
  [[ ${state[$folder]:-0} == 0 ]] && visit "$folder"
done
echo "no folder cycles"

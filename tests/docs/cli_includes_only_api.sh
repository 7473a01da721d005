#!/usr/bin/env bash
# Keeps docs/ARCHITECTURE.md's rule "the CLI calls only api/": files under cli/
# include dharma headers from lib/dharma/api/ and, for errors, exits and the
# standard streams, lib/dharma/util/ — never a domain folder's (blueprint/,
# state/, cli_spec/, ...). What a flag needs from below, the api/ header offers
# (api::tenant_quota_defaults, api::completion_shells). Lists every offending
# line and fails when there is one.
#
# Usage: cli_includes_only_api.sh [SOURCE_ROOT]   (default: the checkout holding this script)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"

offenders=$(grep -rnE --include='*.cpp' --include='*.hpp' '^[[:space:]]*#[[:space:]]*include[[:space:]]*"dharma/' cli/ \
  | grep -vE '"dharma/(api|util)/' || true)
if [[ -n $offenders ]]; then
  echo "cli/ includes a domain folder's header (docs/ARCHITECTURE.md, \"Layers and who may call whom\"):"
  printf '%s\n' "$offenders"
  echo "Offer what the CLI needs from an api/ header instead."
  exit 1
fi
echo "cli/ includes only api/ and util/ headers ($(grep -rlE '#include "dharma/' cli/ | wc -l) files checked)"

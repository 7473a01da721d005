#!/usr/bin/env bash
# `dharma drift --k8s live` runs kubectl through the process runner:
#   1. no kubectl on PATH -> exit 3 saying so;
#   2. the real kubectl with no current context (an empty KUBECONFIG) ->
#      exit 3 saying so (kubectl is Debian's kubernetes-client, which
#      scripts/bootstrap --test installs; skipped loudly where it is missing);
#   3. the exact command lines: a kubectl on PATH that records its arguments
#      and answers with the API server's objects of the golden case
#      drift-k8s-in-sync -> in sync, and the recorded lines are exactly
#      `config current-context` then `get deployment,horizontalpodautoscaler,
#      namespace,service --all-namespaces --output json`.
#
# Usage: check_kubectl_live.sh DHARMA SOURCE_DIR SCRATCH
set -u
dharma=$1 source=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch/bin" "$scratch/empty" && cd "$scratch" || exit 2
cp "$source/tests/cli/cases/drift-k8s-in-sync/app.yaml" "$source/tests/cli/cases/drift-k8s-in-sync/objects.json" .
failed=0
fail() { echo "FAIL: $*"; failed=1; }

PATH="$scratch/empty" "$dharma" drift app.yaml --k8s live >no-kubectl.out 2>no-kubectl.err
status=$?
[[ $status == 3 ]] || fail "without kubectl: exit $status"
grep -q "^dharma: error: --k8s live needs kubectl, which is not on PATH" no-kubectl.err || { fail "without kubectl: message"; cat no-kubectl.err; }

cat >bin/kubectl <<KUBECTL
#!/bin/sh
echo "\$*" >>"$scratch/kubectl.log"
case "\$1" in
  config) echo recorded-context ;;
  get) cat "$scratch/objects.json" ;;
  *) exit 1 ;;
esac
KUBECTL
chmod +x bin/kubectl
PATH="$scratch/bin:/usr/bin:/bin" "$dharma" drift app.yaml --k8s live >recorded.out 2>recorded.err
status=$?
[[ $status == 0 ]] || { fail "recorded kubectl: exit $status"; cat recorded.out recorded.err; }
printf '%s\n' "config current-context" \
  "get deployment,horizontalpodautoscaler,namespace,service --all-namespaces --output json" >expected.log
diff -u expected.log kubectl.log || fail "kubectl command lines differ"

real=$(command -v kubectl)
if [[ -z $real ]]; then
  echo "SKIPPED (loudly): kubectl is not installed, so the no-context case did not run"
  ((failed)) && exit 1
  exit 77
fi
: >empty-kubeconfig
KUBECONFIG="$scratch/empty-kubeconfig" PATH="$(dirname "$real"):/usr/bin:/bin" "$dharma" drift app.yaml --k8s live \
  >no-context.out 2>no-context.err
status=$?
[[ $status == 3 ]] || fail "no context: exit $status"
grep -q "^dharma: error: kubectl has no current context" no-context.err || { fail "no context: message"; cat no-context.err; }

if ((failed)); then exit 1; fi
echo "ok: no kubectl -> 3; no context -> 3; command lines as expected"

#!/usr/bin/env bash
# The Debian package, end to end: `cpack -G DEB` builds it from the build
# folder, lintian finds no error in it, apt-get installs it into this very
# system, and the installed /usr/bin/dharma — run from a folder outside the
# checkout with no DHARMA_HOME, so it must find /usr/share/dharma — prints
# its version, writes, validates, generates, guards and prices a starter
# blueprint; its man page and completions are where man and the shells look.
# Then `apt-get remove -y dharma` takes it away again (also on failure,
# by trap) and /usr/bin/dharma is gone.
#
# It touches the real system, so it refuses to run when a dharma package is
# installed already that it did not install itself (a run killed before its
# trap, e.g. by a ctest timeout, leaves a marker in /var/tmp: that package it
# removes first), and it needs root or passwordless sudo: without them it
# skips, or fails under DHARMA_TEST_STRICT=1.
# Usage: package_deb.sh BUILD_DIR SCRATCH
set -u
build_dir=$1 scratch=$2
strict=${DHARMA_TEST_STRICT:-}
skip() {
  if [[ $strict == 1 ]]; then echo "FAIL (DHARMA_TEST_STRICT=1): $*"; exit 1; fi
  echo "SKIP: $*"; exit 0
}
fail() { echo "FAIL: $*"; exit 1; }

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo -n true 2>/dev/null || skip "needs root or passwordless sudo to install a package"
  sudo=(sudo -n)
fi
for tool in cpack apt-get dpkg-query dpkg-deb; do
  command -v $tool >/dev/null || skip "$tool is not installed"
done
marker=/var/tmp/dharma-package-test.installed   # "this test installed the dharma package now on the system"
package_installed() { dpkg-query -W -f='${Status}' dharma 2>/dev/null | grep -q "install ok installed"; }
if package_installed && [[ -f $marker ]]; then
  echo "removing the dharma package an earlier, interrupted run of this test installed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq -o DPkg::Lock::Timeout=300 dharma >/dev/null ||
    fail "cannot remove the dharma package left by an earlier run"
fi
if package_installed; then
  skip "a dharma package is installed already; this test installs and removes its own, so it leaves that one alone"
fi
rm -f "$marker"

rm -rf "$scratch" && mkdir -p "$scratch/package" || exit 2
installed=0
remove_package() {
  if ((installed)); then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq -o DPkg::Lock::Timeout=300 dharma >/dev/null ||
      { echo "FAIL: apt-get remove dharma failed; remove it by hand"; return; }
    rm -f "$marker"
    installed=0
  fi
}
trap remove_package EXIT
trap 'exit 130' INT TERM

echo "== cpack -G DEB"
(cd "$scratch/package" && cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$scratch/package") >"$scratch/cpack.log" 2>&1 ||
  { cat "$scratch/cpack.log"; fail "cpack failed"; }
debs=("$scratch"/package/dharma_*_amd64.deb)
[[ -f ${debs[0]} && ${#debs[@]} -eq 1 ]] || fail "expected one dharma_VERSION_amd64.deb, found: ${debs[*]}"
deb=${debs[0]}
depends=$(dpkg-deb -f "$deb" Depends)
[[ $depends == *libyaml-0-2* && $depends == *libpq* && $depends == *libc6* ]] ||
  fail "Depends was not computed from the shared libraries: '$depends'"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/dharma ./usr/share/dharma/templates/types/compute.instance.yaml ./usr/share/dharma/pricing/aws.yaml \
  ./usr/share/dharma/policies/ ./usr/share/dharma/migrations/V001__tenants_and_roles.sql \
  ./usr/share/man/man1/dharma.1.gz ./usr/share/man/man1/dharma-blueprint.1.gz \
  ./usr/share/bash-completion/completions/dharma ./usr/share/zsh/vendor-completions/_dharma \
  ./usr/share/fish/vendor_completions.d/dharma.fish ./usr/share/doc/dharma/copyright \
  ./usr/share/doc/dharma/changelog.gz ./usr/share/doc/dharma/examples/aws-web-app.yaml; do
  grep -qxF -- "$path" <<<"$contents" || fail "the package lacks $path"
done

if command -v lintian >/dev/null; then
  echo "== lintian"
  lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v "running with root privileges" | tee "$scratch/lintian.log"
  ((PIPESTATUS[0] == 0)) || fail "lintian reports errors"
elif [[ $strict == 1 ]]; then
  fail "lintian is not installed (scripts/bootstrap --test installs it)"
fi

echo "== apt-get install $deb"
installed=1
touch "$marker"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$deb" >"$scratch/apt.log" 2>&1 ||
  { cat "$scratch/apt.log"; fail "apt-get install failed"; }
[[ -x /usr/bin/dharma ]] || fail "/usr/bin/dharma is not there after install"

work=$(mktemp -d /tmp/dharma-package-test.XXXXXX) || exit 2
trap 'remove_package; rm -rf "$work"' EXIT
cd "$work" || exit 2
run() {  # run ALLOWED_CODES COMMAND...: the installed dharma, without DHARMA_HOME
  local allowed=$1; shift
  echo "\$ dharma $*"
  env -u DHARMA_HOME NO_COLOR=1 /usr/bin/dharma "$@" >out.txt 2>err.txt
  local status=$?
  [[ " $allowed " == *" $status "* ]] || { cat out.txt err.txt; fail "dharma $* exited $status"; }
}
run 0 --version
grep -qx "dharma [0-9.]*" out.txt || fail "--version printed: $(cat out.txt)"
run 0 version --format json
grep -q '"data_directory": "/usr/share/dharma"' out.txt || fail "the installed dharma does not use /usr/share/dharma: $(cat out.txt)"
run 0 blueprint init shop --provider aws
run 0 blueprint validate shop.yaml
run 0 generate shop.yaml --target all --out out
ls out/terraform/*.tf >/dev/null 2>&1 || fail "generate wrote no Terraform"
run "0 1" guard shop.yaml --format json
grep -q '"dharma-guard-report/v1"' out.txt || fail "guard printed no report: $(head -c 300 out.txt)"
run 0 cost shop.yaml --format json
grep -q '"as_of"' out.txt || fail "cost printed no priced report: $(head -c 300 out.txt)"
man -w dharma-blueprint 2>/dev/null | grep -q /usr/share/man/man1/dharma-blueprint.1.gz || fail "man does not find dharma-blueprint(1)"
bash --norc -c 'source /usr/share/bash-completion/completions/dharma && complete -p dharma' >/dev/null ||
  fail "the installed bash completion does not load"

echo "== apt-get remove dharma"
remove_package
[[ ! -e /usr/bin/dharma ]] || fail "/usr/bin/dharma is still there after apt-get remove"
[[ ! -e /usr/share/dharma/templates ]] || fail "/usr/share/dharma/templates is still there after apt-get remove"
echo "package: built, lintian-clean, installed, used and removed"

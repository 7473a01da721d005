#!/usr/bin/env bash
# What the dynamic loader does at every start (cmake/StaticDeps.cmake,
# cli/lazy_libraries.cpp): the libraries linked statically are not loaded as
# shared objects, libpq, libcurl and libcrypto are not loaded by a command
# that needs none of them, `db new` loads libcrypto for its checksums, and a command that calls libpq loads it on first use and works
# (a malformed URL is still libpq's exit 2, an unreachable server exit 3).
# Usage: startup_libraries.sh DHARMA STATIC_DEPS LAZY_LIBRARIES SCRATCH (ON/OFF flags of the build)
set -u
dharma=$1 static=$2 lazy=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" || exit 2
cd "$scratch" || exit 2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
needed=$(readelf -d "$dharma" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "NEEDED: $(tr '\n' ' ' <<<"$needed")"
if [[ $static == ON ]]; then
  for library in libpqxx libhiredis libre2 libuv; do
    grep -q "^$library[-.]" <<<"$needed" && fail "$library is still a shared dependency"
  done
fi
# `dharma version` loads the catalog and prices, nothing of the state store.
LD_DEBUG=files "$dharma" version >version.out 2>version.err || fail "dharma version failed: $(tail -3 version.err)"
if [[ $lazy == ON ]]; then
  for library in libpq libcurl libcrypto; do
    grep -q "^$library\." <<<"$needed" && fail "$library is a DT_NEEDED entry"
    grep -q "file=$library\.so.*generating link map" version.err && fail "dharma version loaded $library"
  done
fi
# libcrypto, through the lazy path: guard's fingerprints no longer need it
# (util/sha256.cpp); the migrations' checksums do (`db new` reads the
# existing files).
if [[ $lazy == ON ]]; then
  LD_DEBUG=files "$dharma" guard "$DHARMA_HOME/examples/aws-web-app.yaml" --format json >guard.out 2>guard.err
  status=$?
  ((status <= 1)) || fail "guard: exit $status: $(grep -v '^ *[0-9]*:' guard.err | tail -3)"
  grep -q '"fingerprint": "v1:' guard.out || fail "guard: no fingerprint in its JSON"
  grep -q "file=libcrypto\.so.*generating link map" guard.err && fail "guard loaded libcrypto"
  mkdir -p migrations && "$dharma" db new first --dir migrations >/dev/null 2>&1
  LD_DEBUG=files "$dharma" db new second --dir migrations >new.out 2>new.err || fail "db new failed: $(tail -3 new.err)"
  grep -q "file=libcrypto\.so.*generating link map" new.err || fail "libcrypto was not loaded on first use"
fi
# libpq, called through the lazy path: parsing a URL (exit 2, password masked) ...
DHARMA_DATABASE_URL='postgresql://u:s3cretpw@127.0.0.1:notaport/db' LD_DEBUG=files "$dharma" tenant list \
  >bad.out 2>bad.err
status=$?
((status == 2)) || fail "malformed URL: exit $status, expected 2: $(grep -v '^ *[0-9]*:' bad.err | tail -3)"
grep -q "invalid connection URL" bad.err || fail "malformed URL: no 'invalid connection URL' message"
grep -q "s3cretpw" bad.err && fail "malformed URL: the password was printed"
[[ $lazy == ON ]] && ! grep -q "file=libpq\.so.*generating link map" bad.err && fail "libpq was not loaded on first use"
# ... and connecting to a port nothing listens on (exit 3).
DHARMA_DATABASE_URL='postgresql://u@127.0.0.1:1/db?connect_timeout=2' "$dharma" tenant list >down.out 2>down.err
status=$?
((status == 3)) || fail "unreachable server: exit $status, expected 3: $(tail -3 down.err)"
if ((failures)); then echo "$failures failure(s)"; exit 1; fi
echo "start-up libraries: ok"

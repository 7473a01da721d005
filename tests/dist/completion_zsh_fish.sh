#!/usr/bin/env bash
# `dharma completion zsh` and `fish`: each script parses in its shell
# (`zsh -n`, `fish --no-execute`); the zsh one registers `_dharma` for
# dharma with compinit, answers its tables, and its driver offers the right
# values, subcommands, options and files for a typed line; fish completes
# subcommands, enumerated values and options through `complete -C`. Skips a shell that is
# not installed, unless DHARMA_TEST_STRICT=1 (CI), where that fails.
# Usage: completion_zsh_fish.sh DHARMA SCRATCH
set -u
dharma=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch/home" && cd "$scratch" || exit 2
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
failures=0 skipped=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
missing() {
  if [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then fail "$1 is not installed (scripts/bootstrap --test installs it)"; else
    echo "SKIP: $1 is not installed"; skipped=$((skipped + 1)); fi
}

if command -v zsh >/dev/null; then
  "$dharma" completion zsh >_dharma || fail "dharma completion zsh"
  zsh -n _dharma || fail "zsh -n rejects the script"
  got=$(zsh -f -c 'autoload -U compinit && compinit -u -D && source ./_dharma && print -r -- $_comps[dharma]' 2>&1)
  [[ $got == _dharma ]] || fail "zsh: dharma is completed by '$got', not _dharma"
  got=$(zsh -f -c 'autoload -U compinit && compinit -u -D && source ./_dharma && _dharma_value "generate|--target" && print -r -- $REPLY' 2>&1)
  [[ $got == "terraform kubernetes all" ]] || fail "zsh: --target values are '$got'"
  got=$(zsh -f -c 'source ./_dharma 2>/dev/null; _dharma_subcommands ""; print -rl -- ${reply%%:*}' 2>&1 | tr '\n' ' ')
  [[ " $got " == *" blueprint "* && " $got " == *" completion "* ]] || fail "zsh: top-level commands are '$got'"
  # The driver, run with $words and $CURRENT as the line editor sets them. zsh's
  # completion builtins work only inside the line editor, so stand-ins print what
  # _dharma hands them (zsh itself then filters by the typed prefix).
  offer() {
    zsh -f -c 'source ./_dharma 2>/dev/null
      compadd() { [[ $1 == -a ]] && print -rl -- ${(P)2}; }
      _describe() { print -rl -- ${${(P)4}%%:*}; }
      _files() { print -r -- "<files>"; }
      _message() { print -r -- "<message>"; }
      compset() { true; }
      words=("$@"); CURRENT=$#; _dharma' zsh "$@" | sort | tr '\n' ' '
  }
  got=$(offer dharma generate --target '')
  [[ $got == "all kubernetes terraform " ]] || fail "zsh: --target offers '$got'"
  got=$(offer dharma guard --format=s)
  [[ $got == "json junit markdown sarif text " ]] || fail "zsh: --format= offers '$got'"
  got=$(offer dharma blueprint '')
  [[ " $got " == *" validate "* && " $got " == *" types "* ]] || fail "zsh: blueprint subcommands are '$got'"
  got=$(offer dharma blueprint validate --env prod --f)
  [[ " $got " == *" --format "* && " $got " != *" --env prod "* ]] || fail "zsh: options after a value are '$got'"
  got=$(offer dharma blueprint validate '')
  [[ $got == "<files> " ]] || fail "zsh: a blueprint argument offers '$got'"
  got=$(offer dharma deploy blue-green shop.yaml --driver '')
  [[ $got == "haproxy kubernetes nginx " ]] || fail "zsh: --driver offers '$got'"
  got=$(offer dharma drift shop.yaml --state '')
  [[ $got == "<files> " ]] || fail "zsh: drift --state offers '$got'"
else
  missing zsh
fi

if command -v fish >/dev/null; then
  "$dharma" completion fish >dharma.fish || fail "dharma completion fish"
  fish --no-execute dharma.fish || fail "fish --no-execute rejects the script"
  complete_fish() { fish -N -c "source ./dharma.fish; complete -C '$1'" 2>&1 | cut -f1 | sort | tr '\n' ' '; }
  got=$(complete_fish "dharma blu")
  [[ $got == "blueprint " ]] || fail "fish: 'dharma blu' gives '$got'"
  got=$(complete_fish "dharma generate --target ")
  [[ $got == "all kubernetes terraform " ]] || fail "fish: --target values are '$got'"
  got=$(complete_fish "dharma blueprint validate --env prod --for")
  [[ $got == "--format " ]] || fail "fish: options after a value give '$got'"
  got=$(complete_fish "dharma completion ")
  [[ $got == "bash fish zsh " ]] || fail "fish: completion shells are '$got'"
  got=$(complete_fish "dharma deploy blue-green shop.yaml --driver ")
  [[ $got == "haproxy kubernetes nginx " ]] || fail "fish: --driver values are '$got'"
  touch prod.tfstate
  got=$(complete_fish "dharma drift shop.yaml --state prod")
  [[ $got == "prod.tfstate " ]] || fail "fish: drift --state gives '$got'"
else
  missing fish
fi

if ((failures)); then echo "$failures failure(s)"; exit 1; fi
if ((skipped)); then echo "zsh and fish completion: ok ($skipped skipped)"; else echo "zsh and fish completion: ok"; fi

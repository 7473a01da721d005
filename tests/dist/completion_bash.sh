#!/usr/bin/env bash
# `dharma completion bash` in a real bash: the script loads, registers
# `complete -F _dharma dharma`, offers every subcommand and option spelling
# the --help of each command lists, walked from `dharma --help` (commands
# added anywhere are checked without being listed here), the
# choices of enumerated flags (--format, --target, --driver), options after
# option values, and files for blueprint arguments and file flags, in every
# family (drift, deploy and loadtest included).
# Usage: completion_bash.sh DHARMA SCRATCH
set -u
dharma=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2
"$dharma" completion bash >dharma.bash || { echo "dharma completion bash failed"; exit 1; }
touch shop.yaml staging.yaml
mkdir infra

failures=0
# complete WORDS... : what _dharma offers for the last word, sorted, one line
complete_words() {
  bash --norc --noprofile -c '
    source ./dharma.bash || exit 3
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _dharma
    ((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' bash "$@"
}
expect() {  # expect "EXPECTED" WORDS...
  local want=$1; shift
  local got; got=$(complete_words "$@")
  if [[ "$got" != "$want" ]]; then
    echo "FAIL: completing '$*': expected '$want', got '$got'"; failures=$((failures + 1))
  fi
}
expect_contains() {  # expect_contains WORD WORDS...
  local want=$1; shift
  local got; got=$(complete_words "$@")
  if [[ " $got " != *" $want "* ]]; then
    echo "FAIL: completing '$*': '$want' missing from '$got'"; failures=$((failures + 1))
  fi
}

registered=$(bash --norc --noprofile -c 'source ./dharma.bash && complete -p dharma')
[[ $registered == "complete -F _dharma dharma" ]] || { echo "FAIL: complete -p dharma says '$registered'"; failures=$((failures + 1)); }

# Every subcommand of `dharma --help`, at the top level; the hidden `manpages` is not offered.
top=$(complete_words dharma "")
for command in $("$dharma" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'); do
  [[ " $top " == *" $command "* ]] || { echo "FAIL: top level lacks '$command': $top"; failures=$((failures + 1)); }
done
[[ " $top " != *" manpages "* ]] || { echo "FAIL: the hidden manpages command is offered"; failures=$((failures + 1)); }

expect "validate " dharma blueprint va
expect "generate " dharma --no-color gen
expect "all kubernetes terraform " dharma generate --target ""
expect "sarif " dharma guard --format s
expect "json junit markdown sarif text " dharma guard --format = ""
expect "critical " dharma guard --fail-on = cr
expect "bash fish zsh " dharma completion ""
expect "--format " dharma blueprint validate --env prod --for
expect "--fail-above --fail-above-percent " dharma cost diff --fail-a
expect "shop.yaml staging.yaml " dharma blueprint validate s
expect "shop.yaml " dharma generate shop.yaml --target all --values sh
expect "infra " dharma guard --out inf
expect "" dharma blueprint validate --env ""         # an environment name: no files offered
expect_contains policies dharma guard ""               # subcommand beside the FILE argument
expect_contains shop.yaml dharma guard ""
# The families added after completion: drift, deploy, loadtest, their flags and values.
expect "--only-managed " dharma drift shop.yaml --only
expect "json markdown sarif text " dharma drift shop.yaml --format ""
expect "shop.yaml staging.yaml " dharma drift s
expect "shop.yaml staging.yaml " dharma drift shop.yaml --state s   # a state file, though its help says "Terraform state"
expect "shop.yaml staging.yaml " dharma drift shop.yaml --k8s s
expect "abort blue-green history resume rollback status " dharma deploy ""
expect "haproxy kubernetes nginx " dharma deploy blue-green shop.yaml --driver ""
expect "--driver --dry-run " dharma deploy blue-green --d
expect "shop.yaml staging.yaml " dharma deploy blue-green s
expect "json text " dharma deploy status --format ""
expect "baseline merge prepare report run runs soak spike stress " dharma loadtest ""
expect "--fail-on-regression " dharma loadtest stress --fail
expect "shop.yaml staging.yaml " dharma loadtest merge s          # FILES: reports
expect "shop.yaml staging.yaml " dharma loadtest report s
expect "--cleanup " dharma loadtest prepare --c

# Every command path of --help, walked from the top: its subcommands and every
# option spelling its --help lists are offered. The walk writes one line per
# query (PATH|WORD|EXPECTED), then one bash answers them all.
help_subcommands() { sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'; }
help_option_spellings() {
  awk '/^[A-Za-z]+:$/ { in_options = ($0 == "Options:"); next } in_options && /^  -/ { print $1 }' | tr ',' ' '
}
walk() {  # walk WORDS... (the command path after "dharma")
  local help_text; help_text=$("$dharma" "$@" --help)
  printf '%s|-|%s\n' "$*" "$(help_option_spellings <<<"$help_text" | tr '\n' ' ')"
  local subs; subs=$(help_subcommands <<<"$help_text")
  [[ -z $subs ]] && return
  printf '%s||%s\n' "$*" "$(tr '\n' ' ' <<<"$subs")"
  local sub
  for sub in $subs; do walk "$@" "$sub"; done
}
for command in $("$dharma" --help | help_subcommands); do walk "$command"; done >queries.txt
answers=$(bash --norc --noprofile -c '
  source ./dharma.bash || exit 3
  while IFS="|" read -r path word expected; do
    COMP_WORDS=(dharma $path "$word"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _dharma
    printf "%s|%s|%s\n" "$path" "$word" "${COMPREPLY[*]}"
  done <queries.txt')
commands_checked=0
while IFS='|' read -r path word expected && IFS='|' read -r _ _ offered <&3; do
  [[ $word == - ]] && commands_checked=$((commands_checked + 1))
  missing=''
  for item in $expected; do [[ " $offered " == *" $item "* ]] || missing+=" $item"; done
  [[ -z $missing ]] || { echo "FAIL: 'dharma $path $word' lacks$missing"; failures=$((failures + 1)); }
done <queries.txt 3<<<"$answers"
((commands_checked > 50)) || { echo "FAIL: only $commands_checked commands found in --help"; failures=$((failures + 1)); }

if ((failures)); then echo "$failures failure(s)"; exit 1; fi
echo "bash completion: ok ($commands_checked commands: every subcommand and option of their --help)"

#!/usr/bin/env bash
# The man pages the build generated (build/dist/man) agree with --help: there
# is dharma.1 and one dharma-FAMILY.1 per command `dharma --help` lists; for
# every command (found by walking --help's Subcommands) the page's section for
# it lists exactly the options and, in order, the positional arguments --help
# lists, each with --help's description.
# Every page renders with groff without a warning.
# Usage: man_pages.sh DHARMA MAN_DIR
set -u
dharma=$1 man_dir=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Subcommands in a --help text on stdin.
subcommands() { sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}'; }
# Options in a --help text on stdin: "NAME<TAB>DESCRIPTION" per spelling list.
help_options() {
  awk '
    /^[A-Za-z]+:$/ { in_options = ($0 == "Options:"); next }
    !in_options { next }
    /^  -/ { if (name != "") print name "\t" desc; name = $1; sub(/^  [^ ]+( [^ ]+)*  +/, "", $0); desc = ($0 ~ /^  -/) ? "" : $0; next }
    /^      +/ { if (desc == "") { sub(/^ +/, "", $0); desc = $0 } next }
    END { if (name != "") print name "\t" desc }' | sed -E 's/^([^ \t]+)[ \t]/\1\t/; s/^([^\t]*) [^\t]*\t/\1\t/'
}
# Positional arguments in a --help text on stdin: "NAME<TAB>DESCRIPTION".
help_positionals() {
  awk '
    /^[A-Za-z]+:$/ { in_positionals = ($0 == "Positionals:"); next }
    !in_positionals { next }
    /^  [A-Z]/ { if (name != "") print name "\t" desc; name = $1; sub(/^  [^ ]+( [^ ]+)*  +/, "", $0); desc = ($0 ~ /^  [A-Z]/) ? "" : $0; next }
    /^      +/ { if (desc == "") { sub(/^ +/, "", $0); desc = $0 } next }
    END { if (name != "") print name "\t" desc }'
}
# The roff section of PATH in PAGE, unescaped to plain text.
man_section() {
  awk -v title=".SS \"$(sed 's/-/\\\\-/g' <<<"dharma $1")\"" '
    index($0, ".SS ") == 1 { on = ($0 == title); next }
    /^\.SH/ { on = 0 }
    on' "$2" | sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\f[BIR]//g' -e 's/\\&//g'
}
# Option spellings listed in a section: the .TP term lines that start with a dash.
man_options() { awk 'prev == ".TP" && /^-/ { print } { prev = $0 }' | sed -E 's/ [^ -][^ ]*$//; s/, /,/g'; }
# Positional arguments listed in a section: the upper-case .TP term lines.
man_positionals() { awk 'prev == ".TP" && /^[A-Z][A-Z_]*(\.\.\.)?$/ { sub(/\.\.\.$/, ""); print } { prev = $0 }'; }

families=$("$dharma" --help | subcommands)
expected_pages=$(printf "dharma.1\n"; for f in $families; do echo "dharma-$f.1"; done)
actual_pages=$(cd "$man_dir" && ls ./*.1 | sed 's|^\./||')
[[ $(sort <<<"$expected_pages") == $(sort <<<"$actual_pages") ]] ||
  fail "pages in $man_dir: $(echo $actual_pages), expected $(echo $expected_pages)"

check_command() {  # check_command PATH (e.g. "blueprint validate")
  local path=$1 family=${1%% *}
  local page=$man_dir/dharma-$family.1
  local section; section=$(man_section "$path" "$page")
  [[ -n $section ]] || { fail "$page has no section for 'dharma $path'"; return; }
  local help_text; help_text=$("$dharma" $path --help)
  local help; help=$(help_options <<<"$help_text")
  local from_help from_man
  from_help=$(cut -f1 <<<"$help" | sort)
  from_man=$(man_options <<<"$section" | sort)
  [[ $from_help == "$from_man" ]] || fail "dharma $path: --help options [$(echo $from_help)] but man page [$(echo $from_man)]"
  local positionals; positionals=$(help_positionals <<<"$help_text")
  from_help=$(cut -f1 <<<"$positionals" | sed '/^$/d')
  from_man=$(man_positionals <<<"$section")
  [[ $from_help == "$from_man" ]] ||
    fail "dharma $path: --help arguments [$(echo $from_help)] but man page [$(echo $from_man)]"
  while IFS=$'\t' read -r name description; do
    [[ -z $description ]] && continue
    grep -qxF -- "$description" <<<"$section" || fail "dharma $path: man page lacks the description of $name: '$description'"
  done <<<"$help"$'\n'"$positionals"
  local sub
  for sub in $(subcommands <<<"$help_text"); do check_command "$path $sub"; done
}
for family in $families; do check_command "$family"; done

# The root page lists the global options of `dharma --help`.
root_help=$("$dharma" --help | help_options | cut -f1 | tr ',' '\n')
for option in $root_help; do
  grep -qF -- "\\fB$(sed 's/-/\\-/g' <<<"$option")\\fR" "$man_dir/dharma.1" || fail "dharma.1 lacks $option"
done

if command -v groff >/dev/null; then
  for page in "$man_dir"/*.1; do
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [[ -z $warnings ]] || fail "groff warns on $(basename "$page"): $warnings"
  done
elif [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then
  fail "groff is not installed"
fi

if ((failures)); then echo "$failures failure(s)"; exit 1; fi
echo "man pages: $(wc -w <<<"$actual_pages") pages agree with --help"

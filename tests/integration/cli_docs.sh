#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The manual pages render without a warning, and each shell completion loads
# in its shell and completes a command name; every command of the command
# table (as `walkbreak --help` lists it) is in each completion and in
# walkbreak(1). Skips (77) only when man, zsh or fish is not installed.
# Usage: cli_docs.sh SOURCE_DIR PATH/TO/walkbreak
set -euo pipefail
source_dir=$1
walkbreak=$2
for tool in man groff zsh fish; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool missing"; exit 77; }
done
fail() { echo "FAIL: $*" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for page in walkbreak.1 walkbreakd.8 walkbreak.toml.5; do
  path="$source_dir/docs/man/$page"
  warnings=$(MANWIDTH=80 man --warnings -l "$path" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "$page: $warnings"
  MANWIDTH=80 man -l "$path" 2>/dev/null | grep -q "SEE ALSO" || fail "$page renders no SEE ALSO"
done

completions="$source_dir/docs/completions"
commands=$("$walkbreak" --help | awk '/^  [a-z]+ +[A-Z]/ {print $1}')
[ "$(wc -w <<<"$commands")" -ge 15 ] || fail "walkbreak --help lists: $commands"
for command in $commands; do
  grep -qw "$command" "$completions/walkbreak.bash" || fail "bash lacks $command"
  grep -q "'$command:" "$completions/_walkbreak" || fail "zsh lacks $command"
  grep -q -- "-a $command " "$completions/walkbreak.fish" || fail "fish lacks $command"
  grep -q "^\.B $command" "$source_dir/docs/man/walkbreak.1" || fail "walkbreak.1 lacks $command"
done

out=$(bash -c 'source "$1"; complete -p walkbreak
  COMP_WORDS=(walkbreak st); COMP_CWORD=1; _walkbreak; echo "${COMPREPLY[*]}"' _ \
  "$completions/walkbreak.bash" 2>&1) || fail "bash: $out"
[[ "$out" == *"complete -F _walkbreak walkbreak"* ]] || fail "bash registered: $out"
[[ "$out" == *"status stats"* ]] || fail "bash completes st to: $out"

out=$(HOME="$scratch" zsh -fc 'fpath=("$1" $fpath); autoload -U compinit
  compinit -u -d "$HOME/zcompdump"; print -r -- $_comps[walkbreak]
  autoload +X _walkbreak && print ok' _ "$completions" 2>&1) || fail "zsh: $out"
[ "$out" = $'_walkbreak\nok' ] || fail "zsh said: $out"

out=$(HOME="$scratch" XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" \
  fish -c 'source $argv[1]; and complete -C "walkbreak st"' "$completions/walkbreak.fish" 2>&1) \
  || fail "fish: $out"
grep -q "^stats" <<<"$out" && grep -q "^status" <<<"$out" || fail "fish completes st to: $out"

echo "cli_docs: ok"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CLI latency on years of data: each report command of `walkbreak` against
# the sqlite3 shell running the equivalent raw query on the same file, both
# timed by hyperfine (--warmup 3, no intermediate shell).
#
# The raw queries read what the CLI reads, through the same indexes: for a
# range of days, the longest walk and sitting bout (which widen the range
# scan on start_utc, as core/store_totals.cpp does), then walks, sitting
# bouts and reminders in [from - 38 h, to + 1 day + 38 h) grouped by local
# day. The CLI does more on top — it splits spans that cross midnight,
# fills empty days, applies goals and renders text or JSON — and that is
# the cost being judged.
#
# Usage: bench/cli_latency.sh BUILD_DIR [--years N] [--out DIR] [--check]
#                              [--limit-ms MS] [--max-ratio R]
#   --years N      size of the synthetic database (10)
#   --out DIR      keep the database, hyperfine's JSON and the table there
#   --check        exit 1 when a command misses a target
#   --limit-ms MS  the target for each command's mean (20)
#   --max-ratio R  the target for walkbreak's mean over the raw query's (1.5)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: cli_latency.sh BUILD_DIR [--years N] [--out DIR] [--check]}
shift
years=10
out=""
check=0
limit_ms=20
max_ratio=1.5
while [ $# -gt 0 ]; do
  case "$1" in
    --years) years=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --check) check=1; shift ;;
    --limit-ms) limit_ms=$2; shift 2 ;;
    --max-ratio) max_ratio=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in hyperfine sqlite3 /usr/bin/python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (scripts/install-deps bench)"
    exit 77
  fi
done
cli=$(cd "$build" && pwd)/cli/walkbreak
[ -x "$cli" ] || { echo "$cli is not built" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$out" ] || out=$work
mkdir -p "$out"
db=$out/walkbreak-${years}y.db

# Both sides in UTC with an empty config: same days, default goals.
export TZ=UTC LC_ALL=C.UTF-8
: >"$work/config.toml"
/usr/bin/python3 "$here/make_ten_year_db.py" "$cli" "$db" --years "$years"
wb=("$cli" --config "$work/config.toml" --db "$db" --socket "$work/none.sock")

today=$(date +%F)
week_from=$(date -d "today - $(( $(date +%u) - 1 )) days" +%F)
week_to=$(date -d "$week_from + 6 days" +%F)
month_from=$(date +%Y-%m-01)
month_to=$(date -d "$month_from + 1 month - 1 day" +%F)
all_from=$(date -d "today - $years years" +%F)

# The day totals of [$1, $2] as SQL, with the CLI's scan bounds.
day_totals_sql() {
  local margin=$(( 38 * 3600 ))
  local lo hi
  lo=$(( $(date -d "$1" +%s) - margin ))
  hi=$(( $(date -d "$2 + 1 day" +%s) + margin ))
  cat <<SQL
SELECT 'walks', date(start_utc + utc_offset, 'unixepoch'), sum(end_utc - start_utc), count(*)
  FROM walks
  WHERE start_utc >= $lo - (SELECT max(end_utc - start_utc) FROM walks)
    AND start_utc < $hi AND end_utc >= $lo
  GROUP BY 2;
SELECT 'sitting', date(start_utc + utc_offset, 'unixepoch'), sum(end_utc - start_utc),
       max(end_utc - start_utc)
  FROM sitting_bouts
  WHERE start_utc >= $lo - (SELECT max(end_utc - start_utc) FROM sitting_bouts)
    AND start_utc < $hi AND end_utc >= $lo
  GROUP BY 2;
SELECT 'reminders', date(shown_utc + utc_offset, 'unixepoch'), count(*),
       sum(outcome = 'walked'), sum(outcome = 'snoozed'), sum(outcome = 'skipped'),
       sum(outcome = 'ignored')
  FROM reminders
  WHERE shown_utc >= $lo AND shown_utc < $hi
  GROUP BY 2;
SQL
}

day_totals_sql "$week_from" "$week_to" >"$work/week.sql"
day_totals_sql "$month_from" "$month_to" >"$work/month.sql"
day_totals_sql "$all_from" "$today" >"$work/all.sql"
day_totals_sql "$today" "$today" >"$work/today.sql"
cat >"$work/history.sql" <<'SQL'
SELECT id, start_utc, end_utc, utc_offset, how, note FROM walks
  ORDER BY start_utc DESC, id DESC LIMIT 50;
SQL

# name | walkbreak arguments | raw query file
cases=(
  "stats --week|stats --week|week"
  "stats --month|stats --month|month"
  "stats --from $all_from --to today --json|stats --from $all_from --to today --json|all"
  "history --limit 50|history --limit 50|history"
  "today|today|today"
)
results=()
for c in "${cases[@]}"; do
  IFS='|' read -r name args sql <<<"$c"
  read -r -a argv <<<"$args"
  # Each side must succeed before it is timed.
  "${wb[@]}" "${argv[@]}" >/dev/null
  sqlite3 -readonly "$db" <"$work/$sql.sql" >/dev/null
  json=$out/hyperfine-$sql.json
  hyperfine -N --warmup 3 --min-runs 30 --style basic --export-json "$json" \
    -n "walkbreak $name" "$(printf '%q ' "${wb[@]}" "${argv[@]}")" \
    -n "sqlite3 ($sql.sql)" "sqlite3 -readonly $(printf '%q' "$db") -cmd '.read $work/$sql.sql' .quit" \
    >"$out/hyperfine-$sql.txt"
  results+=("$name|$json")
done

# One table: mean and sigma of each side, the ratio, CPU time (user + sys,
# which load on the machine inflates less than the wall clock), the verdict.
/usr/bin/python3 - "$check" "$limit_ms" "$max_ratio" "${results[@]}" <<'PY' | tee "$out/cli_latency.md"
import json, os, sys
check = sys.argv[1] == "1"
limit, max_ratio = float(sys.argv[2]), float(sys.argv[3])
failed = False
print(f"load average while measured: {os.getloadavg()[0]:.2f}\n")
print(f"| command | walkbreak (ms) | sqlite3 raw (ms) | ratio | CPU walkbreak / raw (ms) "
      f"| < {limit:g} ms | <= {max_ratio:g}x raw |")
print("|---|---|---|---|---|---|---|")
for arg in sys.argv[4:]:
    name, path = arg.split("|")
    with open(path) as f:
        cli, raw = json.load(f)["results"]
    ratio = cli["mean"] / raw["mean"]
    fast = cli["mean"] * 1000 < limit
    close = ratio <= max_ratio
    failed |= not (fast and close)
    cpu = lambda r: (r["user"] + r["system"]) * 1000
    print(f"| `walkbreak {name}` | {cli['mean'] * 1000:.2f} ± {cli['stddev'] * 1000:.2f} "
          f"| {raw['mean'] * 1000:.2f} ± {raw['stddev'] * 1000:.2f} | {ratio:.2f} "
          f"| {cpu(cli):.1f} / {cpu(raw):.1f} "
          f"| {'met' if fast else 'not met'} | {'met' if close else 'not met'} |")
sys.exit(1 if check and failed else 0)
PY

#!/usr/bin/env bash
# Times `serve`'s rebuild after a one-file edit on a generated archive.
#
#   benches/serve.sh ARCHIVE_DIR [EDITS]
#
# Starts `igf-archive serve` on ARCHIVE_DIR (for instance the 10,000-report
# corpus that benches/run.sh generates), waits for the first build, then
# appends a sentence to one session report EDITS times (5 by default),
# 12 seconds apart, and prints what serve reports for each: the time from
# the end of the 25 ms settle window to the edited page being rendered,
# and to the end of the follow-up (lists, track indexes, feeds, search).
# The report is restored afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:?usage: benches/serve.sh ARCHIVE_DIR [EDITS]}
edits=${2:-5}
cargo build --release --quiet --bin igf-archive
report=$(find "$archive/content" -path '*/sessions/*' -name '*.md' ! -name '*.*.md' | sort | sed -n 1p)
backup=$(mktemp)
cp "$report" "$backup"
log=$(mktemp)
port=$((20000 + RANDOM % 10000))
target/release/igf-archive serve --root "$archive" --port "$port" 2>"$log" >/dev/null &
server=$!
trap 'kill $server 2>/dev/null; cp "$backup" "$report"; rm -f "$backup" "$log"' EXIT
until grep -q "Built the site" "$log"; do sleep 1; done
grep "Built the site" "$log" >&2
for i in $(seq "$edits"); do
  echo "Edit number $i adds this sentence to the report." >>"$report"
  sleep 12
done
grep -E "Rendered the edited page|Rebuilt in" "$log"

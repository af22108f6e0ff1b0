#!/usr/bin/env bash
# Times a full build of igf-archive against Hugo on the same generated
# session reports (examples/gen-corpus.rs), at 1,000 and 10,000 reports, and
# 100,000 with --large.
#
#   benches/run.sh [--large]          BENCH_DIR=/some/dir benches/run.sh
#   BENCH_SIZES="1000" benches/run.sh   (only the sizes listed)
#   BENCH_OUT=/dev/shm benches/run.sh   (both tools write their output there,
#                                        for instance to a RAM disk)
#   BENCH_PREPARE=rm benches/run.sh     (delete each output before a run,
#                                        rather than move it aside)
#   BENCH_ENGLISH_ONLY=1 benches/run.sh (the English reports only, in an
#                                        English-only site for both tools)
#   BENCH_PAIRS=8 benches/run.sh        (paired runs per size, below, made
#                                        even; default 6, and 0 at 100,000)
#
# For each size it generates the corpus (the archive, and the same session
# reports and translations as a minimal multilingual Hugo site), checks it
# with `igf-archive check --deny-warnings`, then times both builds in one
# hyperfine invocation (every run starts from an empty output folder: the
# last run's output is moved aside, and deleted once all runs are done),
# measures each build's peak memory with GNU time (`/usr/bin/time -v`,
# Debian package `time`, installed if missing) and the size of what it
# wrote.
#
# Then paired runs: one build of each tool, one right after the other
# (in turn first), BENCH_PAIRS times, and the median and range of the
# ratios of the two times in each pair. hyperfine runs all of one tool's
# builds before the other's, so on a shared machine whose speed drifts
# over minutes its ratio of medians moves with the drift; two builds a few
# seconds apart see much the same machine.
#
# Why move outputs aside: on ext4 without a journal (this project's
# development machine), creating a file scans past every inode deleted in
# the last one to five minutes, so a build started just after deleting the
# last one's 20,000–30,000 files spends more time in the kernel than
# building, whichever tool it is. BENCH_PREPARE=rm measures that case.
# On a RAM disk (tmpfs) outputs are always deleted: deleting costs the next
# build nothing there, and what is moved aside would hold memory.
#
# Prints a Markdown table on stdout (everything else goes to stderr) and
# keeps hyperfine's JSON, the table and the corpora under BENCH_DIR (a new
# temporary folder if unset).
set -euo pipefail
# A failed build inside `$(…)` stops the script too, not only a table cell.
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$PWD

read -r -a sizes <<<"${BENCH_SIZES:-1000 10000}"
for arg in "$@"; do
  case $arg in
    --large) sizes+=(100000) ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian() {
  echo "--- installing Debian's $1" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >&2
}

[ -x /usr/bin/time ] || install_debian time
command -v jq >/dev/null || install_debian jq
for tool in hyperfine hugo; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done

bench_dir=${BENCH_DIR:-$(mktemp -d -t igf-bench.XXXXXX)}
mkdir -p "$bench_dir"
bench_dir=$(cd "$bench_dir" && pwd)

echo "--- building the release binary and the generator" >&2
cargo build --release --quiet --bin igf-archive --example gen-corpus
igf=$repo/target/release/igf-archive
gen=$repo/target/release/examples/gen-corpus

# Empties a folder's place: moves the folder into `moved-aside` next to it
# (deleted at the end), or deletes it with BENCH_PREPARE=rm or on a RAM
# disk (see above).
clear_output() {
  local parent aside
  parent=$(dirname "$1")
  if [ "${BENCH_PREPARE:-move}" = rm ] || [ "$(stat -f -c %T "$parent" 2>/dev/null)" = tmpfs ]; then
    rm -rf "$1"
    return
  fi
  aside=$parent/moved-aside
  if [ -e "$1" ]; then mkdir -p "$aside" && mv "$1" "$(mktemp -d "$aside/XXXXXX")"; fi
}
export -f clear_output
export BENCH_PREPARE

# One build from an empty output folder `out`, under GNU time: prints
# what `format` asks of it (`%e` seconds, `%M` peak KB). A failed build
# stops the script.
timed() {
  local format=$1 out=$2 log
  shift 2
  log=$(mktemp)
  clear_output "$out"
  if ! /usr/bin/time -f "$format" -o "$log" "$@" >/dev/null 2>&1; then
    echo "run.sh: a build failed ($(head -n 1 "$log")): $*" >&2
    rm -f "$log"
    return 1
  fi
  cat "$log"
  rm -f "$log"
}

# Peak resident memory of one build, in MB.
peak_mb() {
  timed %M "$@" | awk '{ printf "%.0f", $1 / 1024 }'
}

# Median seconds of one command in a hyperfine JSON file.
median() {
  jq -r --arg name "$2" '.results[] | select(.command == $name) | .median' "$1"
}

mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }

# `pairs` pairs of builds, one of each tool, igf-archive first in odd
# pairs and Hugo first in even ones (the build that goes second inherits
# the first one's writeback and freed memory): the median (and the range)
# of igf-archive's time over Hugo's in each pair.
paired_ratios() {
  local pairs=$1 i igf_s hugo_s
  for ((i = 0; i < pairs; i++)); do
    if ((i % 2 == 0)); then
      igf_s=$(timed %e "$igf_out" "${igf_cmd[@]}")
      hugo_s=$(timed %e "$hugo_out" "${hugo_cmd[@]}")
    else
      hugo_s=$(timed %e "$hugo_out" "${hugo_cmd[@]}")
      igf_s=$(timed %e "$igf_out" "${igf_cmd[@]}")
    fi
    echo "pair $((i + 1)): igf-archive $igf_s s, hugo $hugo_s s" >&2
    echo "$igf_s $hugo_s"
  done | awk '{ printf "%.4f\n", $1 / $2 }' | sort -n | awk '{ r[NR] = $1 }
    END {
      if (NR == 0) { print "–"; exit }
      m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "%.2f (%.2f–%.2f)", m, r[1], r[NR]
    }'
}

table=$bench_dir/results.md
{
  if [ "${BENCH_ENGLISH_ONLY:-0}" = 1 ]; then echo "English reports only, English-only sites:"; echo; fi
  echo "| reports | tool | median (s) | × Hugo | × Hugo, paired | peak RSS (MB) | output (MB) | output files |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|"
} >"$table"

for n in "${sizes[@]}"; do
  dir=$bench_dir/n$n
  echo "--- $n reports: generating into $dir" >&2
  clear_output "$dir"
  mkdir -p "$dir"
  gen_args=("$dir/archive" "$n" --hugo "$dir/hugo")
  if [ "${BENCH_ENGLISH_ONLY:-0}" = 1 ]; then gen_args+=(--english-only); fi
  "$gen" "${gen_args[@]}" >&2
  "$igf" check --root "$dir/archive" --deny-warnings >&2

  if [ "$n" -ge 100000 ]; then runs=(--warmup 0 --runs 2); else runs=(--warmup 1 --runs 5); fi
  out_dir=$dir
  if [ -n "${BENCH_OUT:-}" ]; then out_dir=$BENCH_OUT/igf-bench-n$n; mkdir -p "$out_dir"; fi
  igf_out=$out_dir/out-igf-archive
  hugo_out=$out_dir/out-hugo
  igf_cmd=("$igf" build --root "$dir/archive" --output "$igf_out" --quiet)
  hugo_cmd=(hugo --quiet -s "$dir/hugo" -d "$hugo_out")
  json=$bench_dir/hyperfine-$n.json

  echo "--- $n reports: timing" >&2
  prepare="clear_output '$igf_out'; clear_output '$hugo_out'"
  hyperfine "${runs[@]}" --shell=bash --export-json "$json" \
    --prepare "$prepare" \
    -n igf-archive "${igf_cmd[*]@Q}" \
    -n hugo "${hugo_cmd[*]@Q}" >&2

  echo "--- $n reports: peak memory" >&2
  igf_peak=$(peak_mb "$igf_out" "${igf_cmd[@]}")
  hugo_peak=$(peak_mb "$hugo_out" "${hugo_cmd[@]}")

  # An even number, so that each tool goes first in half the pairs.
  if [ "$n" -ge 100000 ]; then pairs=${BENCH_PAIRS:-0}; else pairs=${BENCH_PAIRS:-6}; fi
  pairs=$(((pairs + 1) / 2 * 2))
  echo "--- $n reports: $pairs paired runs" >&2
  paired=$(paired_ratios "$pairs")

  hugo_median=$(median "$json" hugo)
  for tool in igf-archive hugo; do
    if [ "$tool" = hugo ]; then out=$hugo_out peak=$hugo_peak pair=1.00; else out=$igf_out peak=$igf_peak pair=$paired; fi
    m=$(median "$json" "$tool")
    files=$(find "$out" -type f | wc -l)
    awk -v n="$n" -v tool="$tool" -v m="$m" -v h="$hugo_median" -v pair="$pair" -v peak="$peak" \
      -v size="$(mb "$out")" -v files="$files" \
      'BEGIN { printf "| %d | %s | %.2f | %.2f | %s | %s | %s | %d |\n", n, tool, m, m / h, pair, peak, size, files }' \
      >>"$table"
  done
done

echo "--- deleting the folders moved aside" >&2
rm -rf "$bench_dir/moved-aside" "$bench_dir"/n*/moved-aside
if [ -n "${BENCH_OUT:-}" ]; then rm -rf "$BENCH_OUT"/igf-bench-n*/moved-aside; fi

echo "--- results (also in $table; hyperfine's JSON in $bench_dir/hyperfine-*.json)" >&2
cat "$table"

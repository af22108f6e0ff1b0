#!/usr/bin/env bash
# Times a full build of igf-archive against Hugo, and against Hugo +
# Pagefind (Pagefind indexing Hugo's HTML), on the same generated session
# reports (examples/gen-corpus.rs), at 1,000 and 10,000 reports, and
# 100,000 with --large.
#
#   benches/run.sh [--large]          BENCH_DIR=/some/dir benches/run.sh
#   BENCH_SIZES="1000" benches/run.sh   (only the sizes listed)
#   BENCH_OUT=/dev/shm benches/run.sh   (all tools write their output there,
#                                        for instance to a RAM disk)
#   BENCH_PREPARE=rm benches/run.sh     (delete each output before a run,
#                                        rather than move it aside)
#   BENCH_ENGLISH_ONLY=1 benches/run.sh (the English reports only, in an
#                                        English-only site for both tools)
#   BENCH_PAIRS=8 benches/run.sh        (paired runs per size, below, made
#                                        even; default 6, and 0 at 100,000)
#   BENCH_RUNS=3 benches/run.sh         (hyperfine runs per tool; default 5,
#                                        and 1 at 100,000: see below)
#   BENCH_PAGEFIND=0 benches/run.sh     (no Pagefind)
#   BENCH_PAGEFIND_RUNS=5 benches/run.sh (Pagefind runs per size; default 3,
#                                        1 at 100,000)
#   BENCH_RETRIES=0 benches/run.sh      (times a size again, up to this many
#                                        times, if a compiler or fuzzer ran
#                                        meanwhile; default 2, 0 at 100,000)
#   BENCH_MEM_LIMIT_GB=16 benches/run.sh (address space for each build run
#                                        once, and Pagefind; default the
#                                        machine's memory less 2 GB)
#
# For each size it generates the corpus (the archive, and the same session
# reports and translations as a minimal multilingual Hugo site), checks it
# with `igf-archive check --deny-warnings`, waits while a compiler, cargo
# or a fuzz target (fuzz/, cargo fuzz) is running (checking every 30 s;
# the wait is noted under the table; if one is seen while the size is
# timed, looking every 5 s, the size is timed again, BENCH_RETRIES times at
# most, and the last time noted), then times both builds in one hyperfine
# invocation (every run starts from an empty output folder: the last
# run's output is moved aside, and deleted once all runs are done),
# measures each build's peak memory with GNU time (`/usr/bin/time -v`,
# Debian package `time`, installed if missing) and the size of what it
# wrote. With one run per tool (BENCH_RUNS=1, the default at 100,000)
# there is no hyperfine: one build of each under GNU time gives both its
# time and its peak memory, under a limit of address space
# (BENCH_MEM_LIMIT_GB), so that a tool that would need more than the
# machine has fails alone instead of waking the kernel's out-of-memory
# killer; its row in the table then says how far it got, and the script
# goes on.
#
# Then paired runs: one build of each tool, one right after the other
# (in turn first), BENCH_PAIRS times, and the median and range of the
# ratios of the two times in each pair. hyperfine runs all of one tool's
# builds before the other's, so on a shared machine whose speed drifts
# over minutes its ratio of medians moves with the drift; two builds a few
# seconds apart see much the same machine.
#
# Then Pagefind (npm package `pagefind`, pinned in benches/package.json
# and installed into benches/node_modules with `npm ci` if missing) over
# the last Hugo build's HTML: `pagefind --site <Hugo's output>
# --output-path <a folder beside it>`, BENCH_PAGEFIND_RUNS times under GNU
# time and the same limit, each into an empty folder (not if Hugo failed);
# its median time is added to Hugo's
# ("hugo + pagefind"; its peak memory is the larger of the two, as they
# run one after the other). Pagefind's time does not depend on either
# build, so it is not paired: the paired ratio to Hugo + Pagefind divides
# our time in each pair by Hugo's in the same pair plus Pagefind's median.
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
# keeps hyperfine's JSON, each pair's and each Pagefind run's times, the
# table and the corpora under BENCH_DIR (a new temporary folder if unset).
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
pagefind=$repo/benches/node_modules/.bin/pagefind
if [ "${BENCH_PAGEFIND:-1}" != 0 ] && [ ! -x "$pagefind" ]; then
  command -v npm >/dev/null || { echo "run.sh: npm is not installed (or set BENCH_PAGEFIND=0)" >&2; exit 1; }
  echo "--- installing Pagefind (npm ci in benches/)" >&2
  (cd benches && npm ci --no-audit --no-fund >&2)
fi

pf_version="no Pagefind"
if [ "${BENCH_PAGEFIND:-1}" != 0 ]; then pf_version="Pagefind $("$pagefind" --version | awk '{ print $2 }')"; fi

bench_dir=${BENCH_DIR:-$(mktemp -d -t igf-bench.XXXXXX)}
mkdir -p "$bench_dir"
bench_dir=$(cd "$bench_dir" && pwd)

echo "--- building the release binary and the generator" >&2
cargo build --release --quiet --bin igf-archive --example gen-corpus
# Copies, so that a cargo build started meanwhile cannot replace them.
mkdir -p "$bench_dir/bin"
cp target/release/igf-archive target/release/examples/gen-corpus "$bench_dir/bin/"
igf=$bench_dir/bin/igf-archive
gen=$bench_dir/bin/gen-corpus
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)

# Processes that would take the CPU from the builds: a compiler, cargo, or
# a fuzz target (run from this repository's fuzz/target, or by a target's
# name). The folder goes to awk through its environment, so that awk's own
# command line does not match.
busy_processes() {
  ps -eo pid=,comm=,args= | FUZZ_DIR="$repo/fuzz/target/" awk '
    $2 == "rustc" || $2 == "cargo" || $2 ~ /^(markdown_safe|serve_request|site_config|meeting_yaml|verify_manifest)$/ \
      || index($0, ENVIRON["FUZZ_DIR"]) { print substr($0, 1, 160) }'
}

notes=()
# Waits, checking every 30 s, until no such process runs; notes the wait.
wait_quiet() {
  local busy waited=0
  while busy=$(busy_processes) && [ -n "$busy" ]; do
    if [ "$waited" = 0 ]; then
      echo "--- $1: waiting for these to end (checking every 30 s):" >&2
      echo "$busy" >&2
    fi
    sleep 30
    waited=$((waited + 30))
  done
  if [ "$waited" -gt 0 ]; then
    echo "--- $1: waited $waited s" >&2
    notes+=("$1: waited $waited s for a compiler, cargo or a fuzz target to end before timing.")
  fi
}

# While a size is timed, looks for such processes every 5 s in the
# background (watch_start); watch_stop fails if it saw any.
watch_start() {
  watch_log=$bench_dir/busy-$1.txt
  : >"$watch_log"
  while sleep 5; do busy_processes | sed "s/^/$(date +%T) /" >>"$watch_log"; done &
  watcher=$!
}
watch_stop() {
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  if [ -s "$watch_log" ]; then
    echo "--- $1: seen while timing (in $watch_log):" >&2
    sort -u -k2,3 "$watch_log" | sort >&2
    return 1
  fi
}
trap 'if [ -n "${watcher:-}" ]; then kill "$watcher" 2>/dev/null || true; fi' EXIT

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

# As `timed`, under a limit of BENCH_MEM_LIMIT_GB of address space
# (prlimit; by default the machine's memory less 2 GB, so that a tool
# that would need more fails alone rather than wake the kernel's
# out-of-memory killer), and a failure does not stop the script: it
# prints `failed`, how long and how large it got, and the tool's first
# line of error output instead.
limited() {
  local format=$1 out=$2 log err
  shift 2
  log=$(mktemp)
  err=$(mktemp)
  clear_output "$out"
  if /usr/bin/time -f "$format" -o "$log" prlimit --as="$mem_limit" -- "$@" >/dev/null 2>"$err"; then
    cat "$log"
  else
    echo "failed after $(tail -n 1 "$log" | awk '{ printf "%s s, %.0f MB", $1, $2 / 1024 }'): $(grep -v '^\s*$' "$err" | head -n 1 | cut -c1-120)"
    echo "run.sh: a build failed under the ${mem_limit_gb} GB limit ($(head -n 1 "$log")): $*" >&2
    grep -v '^\s*$' "$err" | tail -n 5 >&2
  fi
  rm -f "$log" "$err"
}
mem_limit_gb=${BENCH_MEM_LIMIT_GB:-$(awk '/^MemTotal:/ { printf "%d", $2 / 1048576 - 2 }' /proc/meminfo)}
mem_limit=$((mem_limit_gb * 1024 * 1024 * 1024))

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
# the first one's writeback and freed memory): prints each pair's times,
# igf-archive's then Hugo's.
paired_runs() {
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
  done
}

# The median (and the range) over the pairs in file $1 of igf-archive's
# time over Hugo's plus $2 seconds (Pagefind's median, or 0).
pair_ratio() {
  awk -v add="$2" '{ printf "%.4f\n", $1 / ($2 + add) }' "$1" | sort -n | awk '{ r[NR] = $1 }
    END {
      if (NR == 0) { print "–"; exit }
      m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "%.2f (%.2f–%.2f)", m, r[1], r[NR]
    }'
}

# Median of the numbers on stdin.
median_of() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

table=$bench_dir/results.md
{
  echo "igf-archive $commit, Hugo $(hugo version | awk '{ print $2 }'), $pf_version, $(nproc) cores, output in ${BENCH_OUT:-$bench_dir}:"
  echo
  if [ "${BENCH_ENGLISH_ONLY:-0}" = 1 ]; then echo "English reports only, English-only sites:"; echo; fi
  echo "| reports | tool | median (s) | × Hugo | × Hugo, paired | × Hugo + Pagefind | × Hugo + Pagefind, paired | peak RSS (MB) | output (MB) | output files |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$table"

files() { find "$1" -type f | wc -l; }

# A row for a tool that failed: $3 is why.
fail_row() {
  echo "| $1 | $2 | failed: ${3//|/\\|} | – | – | – | – | – | – | – |" >>"$table"
}

# One row of the table.
row() {
  awk -v n="$1" -v tool="$2" -v m="$3" -v h="$4" -v hp="$5" -v pair="$6" -v pair_hp="$7" \
    -v peak="$8" -v size="$9" -v files="${10}" '
    function x(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "–" }
    BEGIN { printf "| %d | %s | %.2f | %s | %s | %s | %s | %s | %s | %d |\n", n, tool, m, x(m, h), pair, x(m, hp), pair_hp, peak, size, files }' \
    >>"$table"
}

# Times one size: hyperfine (or one build each), peak memory, the pairs,
# Pagefind. Uses the variables the loop below sets for the size.
time_size() {
  igf_failed='' hugo_failed='' pf_failed=''
  if [ "$runs" -gt 1 ]; then
    echo "--- $(date +%T) $n reports: timing ($runs runs each)" >&2
    if [ "$n" -ge 100000 ]; then warmup=0; else warmup=1; fi
    prepare="clear_output '$igf_out'; clear_output '$hugo_out'"
    hyperfine --warmup "$warmup" --runs "$runs" --shell=bash --export-json "$json" \
      --prepare "$prepare" \
      -n igf-archive "${igf_cmd[*]@Q}" \
      -n hugo "${hugo_cmd[*]@Q}" >&2
    igf_median=$(median "$json" igf-archive)
    hugo_median=$(median "$json" hugo)

    echo "--- $(date +%T) $n reports: peak memory" >&2
    igf_peak=$(peak_mb "$igf_out" "${igf_cmd[@]}")
    hugo_peak=$(peak_mb "$hugo_out" "${hugo_cmd[@]}")
  else
    echo "--- $(date +%T) $n reports: one build each, time and peak memory (under a $mem_limit_gb GB limit)" >&2
    result=$(limited "%e %M" "$igf_out" "${igf_cmd[@]}")
    read -r igf_median igf_peak <<<"$result"
    echo "igf-archive: $result" >&2
    result=$(limited "%e %M" "$hugo_out" "${hugo_cmd[@]}")
    read -r hugo_median hugo_peak <<<"$result"
    echo "hugo: $result" >&2
    if [ "$igf_median" = failed ]; then igf_failed=$igf_peak igf_peak=0; else igf_peak=$((igf_peak / 1024)); fi
    if [ "$hugo_median" = failed ]; then hugo_failed=$hugo_peak hugo_peak=0; else hugo_peak=$((hugo_peak / 1024)); fi
  fi

  # An even number, so that each tool goes first in half the pairs.
  if [ "$n" -ge 100000 ]; then pairs=${BENCH_PAIRS:-0}; else pairs=${BENCH_PAIRS:-6}; fi
  pairs=$(((pairs + 1) / 2 * 2))
  echo "--- $(date +%T) $n reports: $pairs paired runs" >&2
  paired_runs "$pairs" >"$pairs_file"
  # The last build of Hugo's is in $hugo_out now (the last pair runs Hugo
  # first), and Pagefind indexes it.

  pf_median=0
  : >"$pf_file"
  if [ -n "$hugo_failed" ]; then
    echo "--- $n reports: no Pagefind, as Hugo failed" >&2
  elif [ "${BENCH_PAGEFIND:-1}" != 0 ]; then
    if [ "$n" -ge 100000 ]; then pf_runs=${BENCH_PAGEFIND_RUNS:-1}; else pf_runs=${BENCH_PAGEFIND_RUNS:-3}; fi
    echo "--- $(date +%T) $n reports: Pagefind over Hugo's HTML, $pf_runs runs" >&2
    for ((i = 0; i < pf_runs; i++)); do
      result=$(limited "%e %M" "$pf_out" "${pf_cmd[@]}")
      echo "pagefind: $result" >&2
      if [[ $result = failed* ]]; then pf_failed=${result#failed }; break; fi
      echo "$result" >>"$pf_file"
    done
    if [ -z "$pf_failed" ]; then
      pf_median=$(awk '{ print $1 }' "$pf_file" | median_of)
      pf_peak=$(awk '{ print $2 }' "$pf_file" | median_of | awk '{ printf "%.0f", $1 / 1024 }')
    fi
  fi
}

for n in "${sizes[@]}"; do
  dir=$bench_dir/n$n
  echo "--- $n reports: generating into $dir" >&2
  clear_output "$dir"
  mkdir -p "$dir"
  gen_args=("$dir/archive" "$n" --hugo "$dir/hugo")
  if [ "${BENCH_ENGLISH_ONLY:-0}" = 1 ]; then gen_args+=(--english-only); fi
  "$gen" "${gen_args[@]}" >&2
  "$igf" check --root "$dir/archive" --deny-warnings >&2

  if [ "$n" -ge 100000 ]; then runs=${BENCH_RUNS:-1}; else runs=${BENCH_RUNS:-5}; fi
  out_dir=$dir
  if [ -n "${BENCH_OUT:-}" ]; then out_dir=$BENCH_OUT/igf-bench-n$n; mkdir -p "$out_dir"; fi
  igf_out=$out_dir/out-igf-archive
  hugo_out=$out_dir/out-hugo
  pf_out=$out_dir/out-pagefind
  igf_cmd=("$igf" build --root "$dir/archive" --output "$igf_out" --quiet)
  hugo_cmd=(hugo --quiet -s "$dir/hugo" -d "$hugo_out")
  pf_cmd=("$pagefind" --site "$hugo_out" --output-path "$pf_out" --silent)
  json=$bench_dir/hyperfine-$n.json
  pairs_file=$bench_dir/pairs-$n.txt
  pf_file=$bench_dir/pagefind-$n.txt

  if [ "$n" -ge 100000 ]; then retries=${BENCH_RETRIES:-0}; else retries=${BENCH_RETRIES:-2}; fi
  for ((attempt = 0; ; attempt++)); do
    wait_quiet "$n reports"
    watch_start "$n"
    time_size
    if watch_stop "$n reports"; then break; fi
    if ((attempt >= retries)); then
      notes+=("$n reports: a compiler, cargo or a fuzz target ran during part of the timing ($(awk '{ print $3 }' "$watch_log" | sort -u | paste -sd, -), $(awk 'NR == 1 { a = $1 } { b = $1 } END { print a "–" b }' "$watch_log")); these figures may be slow.")
      break
    fi
    notes+=("$n reports: timed again, as a compiler, cargo or a fuzz target ran during part of the timing.")
    echo "--- $n reports: timing again ($((attempt + 1)) of $retries)" >&2
  done

  # A tool that failed (at 100,000 reports, see `limited`) gets a row
  # that says so, and no ratio to it.
  h=$hugo_median hp=0 pair_hp=–
  if [ -n "$hugo_failed" ]; then h=0; fi
  if [ "${BENCH_PAGEFIND:-1}" != 0 ] && [ -z "$hugo_failed" ] && [ -z "$pf_failed" ]; then
    hp=$(awk -v h="$hugo_median" -v p="$pf_median" 'BEGIN { print h + p }')
    pair_hp=$(pair_ratio "$pairs_file" "$pf_median")
  fi
  if [ -n "$igf_failed" ]; then
    fail_row "$n" igf-archive "$igf_failed"
  else
    row "$n" igf-archive "$igf_median" "$h" "$hp" "$(pair_ratio "$pairs_file" 0)" "$pair_hp" \
      "$igf_peak" "$(mb "$igf_out")" "$(files "$igf_out")"
  fi
  if [ -n "$hugo_failed" ]; then
    fail_row "$n" hugo "$hugo_failed"
  else
    row "$n" hugo "$hugo_median" "$h" "$hp" 1.00 – "$hugo_peak" "$(mb "$hugo_out")" "$(files "$hugo_out")"
  fi
  if [ "${BENCH_PAGEFIND:-1}" = 0 ]; then
    :
  elif [ -n "$hugo_failed" ]; then
    fail_row "$n" pagefind "not run, as Hugo failed"
  elif [ -n "$pf_failed" ]; then
    fail_row "$n" pagefind "$pf_failed"
  else
    row "$n" "pagefind (median of $pf_runs)" "$pf_median" 0 0 – – "$pf_peak" "$(mb "$pf_out")" "$(files "$pf_out")"
    row "$n" "hugo + pagefind" "$hp" "$hugo_median" "$hp" – 1.00 \
      "$((hugo_peak > pf_peak ? hugo_peak : pf_peak))" \
      "$(du -scb "$hugo_out" "$pf_out" | awk 'END { printf "%.1f", $1 / 1e6 }')" \
      "$(($(files "$hugo_out") + $(files "$pf_out")))"
  fi
done

if [ "${#notes[@]}" -gt 0 ]; then
  { echo; printf -- '- %s\n' "${notes[@]}"; } >>"$table"
fi

echo "--- deleting the folders moved aside" >&2
rm -rf "$bench_dir/moved-aside" "$bench_dir"/n*/moved-aside
if [ -n "${BENCH_OUT:-}" ]; then rm -rf "$BENCH_OUT"/igf-bench-n*/moved-aside; fi

echo "--- results (also in $table; hyperfine's JSON in $bench_dir/hyperfine-*.json)" >&2
cat "$table"

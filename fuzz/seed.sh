#!/usr/bin/env bash
# Copies the committed seeds of each fuzz target into its corpus, where
# `cargo fuzz run` starts from (fuzz/corpus/<target>/, not committed).
# Files already in a corpus are kept: a corpus grown by earlier runs is
# only added to.
#
#   fuzz/seed.sh                 every target
#   fuzz/seed.sh report site_config
#   fuzz/seed.sh --all [TARGET…]  also every report and YAML file of
#                                 content/ and tests/fixtures/
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
all=false
targets=()
for arg in "$@"; do
  case $arg in
    --all) all=true ;;
    -h | --help)
      sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "seed.sh: unknown option $arg" >&2
      exit 2
      ;;
    *) targets+=("$arg") ;;
  esac
done
if [[ ${#targets[@]} -eq 0 ]]; then
  for dir in "$here"/seeds/*/; do
    targets+=("$(basename "$dir")")
  done
fi

# Extra files for --all: target, then a `find` expression under the repo.
extra() {
  case $1 in
    report | markdown_safe) find "$repo/content" "$repo/tests/fixtures" -name '*.md' -size -64k ;;
    site_config) find "$repo" "$repo/tests/fixtures" -maxdepth 2 -name site.yaml ;;
    meeting_yaml) find "$repo/content" "$repo/tests/fixtures" -name meeting.yaml ;;
  esac
}

for target in "${targets[@]}"; do
  seeds=$here/seeds/$target
  if [[ ! -d $seeds ]]; then
    echo "seed.sh: no seeds for $target (fuzz/seeds/$target/)" >&2
    exit 2
  fi
  corpus=$here/corpus/$target
  mkdir -p "$corpus"
  before=$(find "$corpus" -type f | wc -l)
  cp -n "$seeds"/* "$corpus"/
  if $all; then
    while IFS= read -r file; do
      name=${file#"$repo"/}
      cp -n "$file" "$corpus/${name//\//-}"
    done < <(extra "$target")
  fi
  after=$(find "$corpus" -type f | wc -l)
  echo "$target: $((after - before)) added, $after in fuzz/corpus/$target/"
done

#!/usr/bin/env bash
# `cargo check` of the crate generated from the benchmarks' synthetic spec at several sizes, to show that the
# compile cost of generated code grows linearly with the number of operations.
#
#   scripts/synthetic-compile-times.sh [SIZES...]     # default: 2500 5000 10000
#
# NO_CHAIN=1 drops the spec's chain of items each holding the previous one (`xtask synthetic-spec --no-chain`),
# whose depth grows with the size and makes rustc's cost quadratic in it.
#
# Dependencies are built first; each size is checked once more after touching its lib.rs, and that run is
# reported (wall time, peak rustc RSS, lines of src/).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2500 5000 10000)
work=$(mktemp -d /tmp/synthetic-compile.XXXXXX)
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT

cargo build -q --release -p swagger2rs -p xtask --manifest-path "$repo/Cargo.toml"
bin=${CARGO_TARGET_DIR:-$repo/target}/release
members=""
for n in "${sizes[@]}"; do
  "$bin/xtask" synthetic-spec "$n" "$work/synthetic_$n.json" ${NO_CHAIN:+--no-chain}
  "$bin/swagger2rs" generate "$work/synthetic_$n.json" -o "$work/ws/s$n" --name "synthetic_$n" >/dev/null 2>&1
  members+="\"s$n\", "
done
cp "$repo/Cargo.lock" "$work/ws/"
printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "$members" > "$work/ws/Cargo.toml"
export CARGO_TARGET_DIR=$work/target
cd "$work/ws"
echo '| operations | lines of `src/` | `cargo check` wall s | per 1,000 operations | peak RSS MiB |'
echo '|---:|---:|---:|---:|---:|'
for n in "${sizes[@]}"; do
  cargo check -q -p "synthetic_$n" 2>/dev/null
  touch "s$n/src/lib.rs"
  /usr/bin/time -v -o "$work/time.txt" cargo check -q -p "synthetic_$n" 2>/dev/null
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print (length(t) == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2])}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
  lines=$(find "s$n/src" -name '*.rs' -exec cat {} + | wc -l)
  printf '| %s | %s | %.1f | %.2f | %s |\n' "$n" "$lines" "$wall" "$(awk "BEGIN {print $wall * 1000 / $n}")" "$rss"
done

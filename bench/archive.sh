#!/usr/bin/env bash
# Archive index benchmark: builds bench_archive (into BUILD_DIR, default build-bench) and fills a
# fresh index with N synthetic award records (default 1,000,000) the way `tdkt reindex` writes
# its temporary database, then runs Q diacritic-insensitive name queries with a year filter
# (every second one also with an award-form filter). Prints build rate and p50/p99 latency.
#   bench/archive.sh [N] [Q] [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000000}"
q="${2:-2000}"
build="${3:-$root/build-bench}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTDKT_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target bench_archive >/dev/null
TDKT_DATA_DIR="$root" "$build/bench/bench_archive" "$n" "$q"

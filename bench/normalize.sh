#!/usr/bin/env bash
# Normalisation benchmark: builds bench_normalize (into BUILD_DIR, default build-bench) and runs
# it. Prints MB/s of normalize() on one core over a generated mixed corpus (mostly clean Unicode,
# some NFD, some legacy-encoded) and over its clean and ASCII parts alone.
#   bench/normalize.sh [MEGABYTES] [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-50}"
build="${2:-$root/build-bench}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTDKT_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target bench_normalize >/dev/null
"$build/bench/bench_normalize" "$mb"

#!/usr/bin/env bash
# Rendering benchmark: builds bench_render (into BUILD_DIR, default build-bench) and runs it on a
# generated round of N awardees (default 10,000). Prints items/s, bytes per item and peak memory
# for the combined print file, one PDF per certificate and the decision with its list.
#   bench/render.sh [N] [BUILD_DIR]
# TDKT_BENCH_BATCH=K sets the documents per libharu batch of the one-PDF-per-certificate run;
# TDKT_BENCH_ONLY=combined|each|decision measures one output. "CPU s" is the CPU time of all
# threads: on a machine shared with other work it varies much less than items/s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-10000}"
build="${2:-$root/build-bench}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTDKT_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target bench_render >/dev/null
out="$(mktemp -d "${TMPDIR:-/tmp}/tdkt-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT
TDKT_DATA_DIR="$root" "$build/bench/bench_render" "$n" "$out"
echo "targets (2 cores): combined >= 5000 certificates/s with flat peak memory;" \
  "one PDF per certificate >= 500 files/s and <= 30000 bytes/file; decision with 10,000 rows < 2 s"

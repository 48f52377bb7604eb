#!/usr/bin/env bash
# Archive index benchmark: builds bench_archive (into BUILD_DIR, default build-bench) and fills a
# fresh index with N synthetic award records (default 1,000,000) the way `tdkt reindex` writes
# its temporary database (IndexWriter::addAll: records made and keys folded on a worker thread
# while the main thread inserts), then runs Q diacritic-insensitive name queries with a year
# filter (every second one also with an award-form filter) through one archive::Searcher.
# Prints build rate and p50/p99 latency, each also as CPU time (the build machine is shared:
# wall time there includes waiting for a core), the inserting thread's CPU time (the build's
# wall time on two idle cores), then the same for Q/4 queries of the most frequent family name
# alone, Q/20 queries of decision-level words only ("bang khen") and Q/4 queries through
# archive::search (index opened per query, as `tdkt search`); then Q/10 runs of the real
# BUILD_DIR/tdkt search as separate processes (start-up included; the quick `tdkt`), Q/40 of
# them with --award (handed to tdkt-full, which reads the award catalogue) and Q/10 runs of
# `tdkt --version`, each as p50/p99 wall ms per call with the p50 CPU time and page faults.
#   bench/archive.sh [N] [Q] [BUILD_DIR]
# TDKT_BENCH_KEEP=1 keeps the index; TDKT_BENCH_ROOT=<its folder> then only runs the queries.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000000}"
q="${2:-2000}"
build="${3:-$root/build-bench}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTDKT_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target bench_archive tdkt >/dev/null
TDKT_DATA_DIR="$root" TDKT_BENCH_TDKT="$build/tdkt" "$build/bench/bench_archive" "$n" "$q"

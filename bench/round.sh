#!/usr/bin/env bash
# End-to-end round benchmark: the path the clerk waits for. Builds tdkt and bench_make_round
# (into BUILD_DIR, default build-bench), generates a Hà Nội year-end round of N nominations
# (default 10,000) in DOSSIERS dossier 2.0 files (default 160; see bench/make_round.cpp), then
# times each stage on a fresh archive: `tdkt validate` of all files, `tdkt issue` of all files,
# `tdkt verify --archive` and `tdkt search` of a name. Prints per stage wall and CPU seconds
# (user + sys), awards/s (N / wall) and peak memory (GNU time), then the fsync/fdatasync/syncfs
# calls of the issue stage, counted by strace in a second issue into another fresh archive (so
# that strace's overhead stays out of the timing), the decisions filed and the archive's size,
# with issue 10's targets beside them. Never fails on a target.
#   bench/round.sh [N] [DOSSIERS] [BUILD_DIR]
# TDKT_BENCH_KEEP=1 keeps the round, the archive and every stage's output (and prints where);
# TDKT_BENCH_SEED=S generates another round; TDKT_BENCH_TIMEOUT=SEC stops a stage after SEC
# seconds (exit 124 in the table); TDKT_BENCH_STRACE=0 skips the counting run.
set -euo pipefail
export LC_ALL=C.UTF-8
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-10000}"
dossiers="${2:-160}"
build="${3:-$root/build-bench}"
seed="${TDKT_BENCH_SEED:-20260105}"
limit="${TDKT_BENCH_TIMEOUT:-}"

# GNU time (peak memory) and strace (sync calls), from Debian like scripts/lib.sh installs.
missing=()
[ -x /usr/bin/time ] || missing+=(time)
[ "${TDKT_BENCH_STRACE:-1}" = 0 ] || command -v strace >/dev/null || missing+=(strace)
if [ ${#missing[@]} -gt 0 ]; then
  echo "round: cài các gói còn thiếu: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"; } >/dev/null || echo "round: could not install ${missing[*]}" >&2
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target tdkt bench_make_round >/dev/null
tdkt="$build/tdkt"
export TDKT_DATA_DIR="$root" SOURCE_DATE_EPOCH=1767225600 TDKT_AS_OF=2026-12-31

work="$(mktemp -d "${TMPDIR:-/tmp}/tdkt-bench-round.XXXXXX")"
if [ "${TDKT_BENCH_KEEP:-0}" = 1 ]; then
  trap 'echo "kept $work (round/, archive/, logs/)"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/logs"
round="$work/round"
archive="$work/archive"

t0=$(date +%s.%N)
"$build/bench/bench_make_round" --seed "$seed" "$n" "$dossiers" "$round" >"$work/logs/generate.out"
t1=$(date +%s.%N)
sed 's/^/  /' "$work/logs/generate.out" | grep -v '^  search:'
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "  generated in %.2f s\n", b - a }'
name="$(sed -n 's/^search: //p' "$work/logs/generate.out")"
files=("$round"/*.xml)

# run STAGE COMMAND...: times COMMAND (GNU time: wall, user, sys, peak RSS of the process tree)
# with its output in logs/STAGE.out and .err; leaves "wall cpu peak_kb exit" in logs/STAGE.t.
run() {
  local stage="$1" rc=0
  shift
  if [ -n "$limit" ]; then set -- timeout "$limit" "$@"; fi
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S %M' -o "$work/logs/$stage.time" "$@" \
      >"$work/logs/$stage.out" 2>"$work/logs/$stage.err" || rc=$?
    tail -n 1 "$work/logs/$stage.time" |
      awk -v rc="$rc" '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, rc }' >"$work/logs/$stage.t"
  else # no peak memory without GNU time
    local TIMEFORMAT='%R %U %S'
    { time "$@" >"$work/logs/$stage.out" 2>"$work/logs/$stage.err" || rc=$?; } \
      2>"$work/logs/$stage.time"
    awk -v rc="$rc" '{ printf "%s %.2f - %s\n", $1, $2 + $3, rc }' \
      "$work/logs/$stage.time" >"$work/logs/$stage.t"
  fi
  if [ "$rc" -ne 0 ]; then
    echo "  $stage: exit $rc$([ "$rc" = 124 ] && echo " (stopped after $limit s)")" \
      "— first problems (logs/$stage.out, .err):"
    local first
    first="$(grep -h 'lỗi' "$work/logs/$stage.err" "$work/logs/$stage.out" | head -n 3 || true)"
    [ -n "$first" ] || first="$(tail -n 3 "$work/logs/$stage.err")"
    [ -n "$first" ] || first="(no message)"
    printf '%s\n' "$first" | cut -c 1-300 | sed 's/^/    /'
  fi
}

run validate "$tdkt" validate "${files[@]}"
run issue "$tdkt" issue "${files[@]}" --archive "$archive"
run verify "$tdkt" verify --archive "$archive"
run search "$tdkt" search "$name" --archive "$archive"

echo "stage      wall s    CPU s   awards/s   peak MB  exit"
for stage in validate issue verify search; do
  read -r wall cpu kb rc <"$work/logs/$stage.t"
  awk -v s="$stage" -v w="$wall" -v c="$cpu" -v k="$kb" -v rc="$rc" -v n="$n" 'BEGIN {
    printf "%-8s %8.2f %8.2f %10.0f %9s %5s\n", s, w, c, (w > 0 ? n / w : 0),
      (k == "-" ? "-" : sprintf("%.0f", k / 1024)), rc }'
done
cat "$work"/logs/{validate,issue,verify,search}.t | awk -v n="$n" '
  { w += $1; c += $2; if ($3 != "-" && $3 > k) k = $3 }
  END { printf "%-8s %8.2f %8.2f %10.0f %9.0f\n", "round", w, c, (w > 0 ? n / w : 0), k / 1024
        printf "targets (issue 10, 2 cores, N = 10,000): whole round < 10 s (>= 1000 awards/s" \
          " end to end), peak < 256 MB; measured here: %.1f s, %.0f awards/s, %.0f MB on %d" \
          " cores\n", w, (w > 0 ? n / w : 0), k / 1024, '"$(nproc)"' }'

decisions=$(find "$archive" -mindepth 4 -maxdepth 4 -name bagit.txt -not -path '*/.staging/*' \
  2>/dev/null | wc -l)
certificates=$(find "$archive" -path '*/data/certificates/*.pdf' 2>/dev/null | wc -l)
bytes=$(du -sb "$archive" 2>/dev/null | cut -f 1)
tree_files=$(find "$archive" -type f 2>/dev/null | wc -l)
echo "issue: $decisions decisions filed ($(grep -cE '^  [0-9]+/QĐ-' "$work/logs/issue.out" || true)" \
  "reported), $certificates certificate PDFs; archive $(awk -v b="${bytes:-0}" \
  'BEGIN { printf "%.1f MB", b / 1e6 }') in $tree_files files"
echo "verify: $(cat "$work/logs/verify.out" "$work/logs/verify.err" | grep . | tail -n 1)"
echo "search «$name»: $(tail -n 1 "$work/logs/search.out")"

if [ "${TDKT_BENCH_STRACE:-1}" != 0 ] && command -v strace >/dev/null; then
  # Only the sync calls are traced (seccomp-bpf: the others do not even stop), into another
  # fresh archive; the timing above is strace-free.
  bpf=()
  if strace -f --seccomp-bpf -e trace=fsync -o /dev/null true 2>/dev/null; then
    bpf=(--seccomp-bpf)
  fi
  strace -f "${bpf[@]}" -c -e trace=fsync,fdatasync,syncfs -o "$work/logs/issue.strace" \
    "$tdkt" issue "${files[@]}" --archive "$work/archive-strace" >/dev/null 2>&1 || true
  awk '$NF == "fsync" || $NF == "fdatasync" || $NF == "syncfs" { c[$NF] = $4 }
    END { printf "issue sync calls (strace -f, separate run): %d fsync, %d fdatasync, %d syncfs" \
            " (%d per decision)\n", c["fsync"], c["fdatasync"], c["syncfs"],
            (d > 0 ? (c["fsync"] + c["fdatasync"] + c["syncfs"]) / d : 0) }' \
    d="$decisions" "$work/logs/issue.strace"
  rm -rf "$work/archive-strace"
fi

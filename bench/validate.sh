#!/usr/bin/env bash
# Validation benchmark (issue 11): DOSSIERS dossiers of NOMINEES nominees each (default 1,000 ×
# 100, from bench_make_round) checked by `tdkt validate --archive` — schema and every rule of
# config/rules.xml, against an archive of RECORDS earlier awards (default 100,000, loaded with
# `tdkt history import` from a CSV made of the round's own people in earlier years plus others,
# so that lookups hit) — next to `xmllint --schema dossier-2.0.xsd` alone on the same files.
# Prints wall and CPU seconds, dossiers per second and peak memory of each; the target is tdkt
# no slower than xmllint. Never fails on a target.
#   bench/validate.sh [DOSSIERS] [NOMINEES] [RECORDS] [BUILD_DIR]
# TDKT_BENCH_KEEP=1 keeps the files and logs (and prints where).
set -euo pipefail
export LC_ALL=C.UTF-8
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dossiers="${1:-1000}"
nominees="${2:-100}"
records="${3:-100000}"
build="${4:-$root/build-bench}"

missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "validate: cài các gói còn thiếu: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"; } >/dev/null || echo "validate: could not install ${missing[*]}" >&2
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j"$(nproc)" --target tdkt bench_make_round >/dev/null
tdkt="$build/tdkt"
export TDKT_DATA_DIR="$root" SOURCE_DATE_EPOCH=1767225600 TDKT_AS_OF=2026-12-31

work="$(mktemp -d "${TMPDIR:-/tmp}/tdkt-bench-validate.XXXXXX")"
if [ "${TDKT_BENCH_KEEP:-0}" = 1 ]; then
  trap 'echo "kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/logs"

n=$((dossiers * nominees))
t0=$(date +%s.%N)
"$build/bench/bench_make_round" "$n" "$dossiers" "$work/round" >"$work/logs/generate.out"
files=("$work"/round/*.xml)

# The archive: the round's individuals (name, birth year) with Lao động tiên tiến in 2022–2024,
# then invented people, RECORDS rows in all, 50 awards per decision number.
cat "${files[@]}" | awk -v records="$records" '
  /<fullName>/ { sub(/.*<fullName>/, ""); sub(/<\/fullName>.*/, ""); name = $0 }
  /<birthYear>/ && name != "" { sub(/.*<birthYear>/, ""); sub(/<\/birthYear>.*/, "");
    names[++people] = name; years[people] = $0; name = "" }
  END {
    print "STT;Loại đối tượng;Họ tên;Năm sinh;Đơn vị;Hình thức khen thưởng;Năm;Số quyết định;Ngày quyết định"
    for (i = 1; i <= records; i++) {
      year = 2022 + (i % 3)
      if (i <= people * 3 && people > 0) { p = (i - 1) % people + 1; who = names[p]; born = years[p] }
      else { who = "Người Lưu Trữ " i; born = 1960 + i % 40 }
      printf "%d;Cá nhân;%s;%d;Đơn vị %d;Lao động tiên tiến;%d;%d/QĐ-UBND;20/12/%d\n",
        i, who, born, i % 160, year, int(i / 50) + 1, year
    }
  }' >"$work/history.csv"
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v n="$n" -v d="$dossiers" -v r="$records" \
  'BEGIN { printf "generated %d dossiers, %d nominations, %d archive records in %.1f s\n", d, n, r, b - a }'
/usr/bin/time -f '%e' -o "$work/logs/import.time" \
  "$tdkt" history import "$work/history.csv" --archive "$work/kho" >"$work/logs/import.out" 2>&1 ||
  { echo "history import failed:"; tail -n 5 "$work/logs/import.out"; exit 1; }
echo "archive: $records records imported in $(cat "$work/logs/import.time") s"

# run STAGE COMMAND...: "wall cpu peak_kb exit" into logs/STAGE.t
run() {
  local stage="$1" rc=0
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/logs/$stage.time" "$@" \
    >"$work/logs/$stage.out" 2>"$work/logs/$stage.err" || rc=$?
  tail -n 1 "$work/logs/$stage.time" |
    awk -v rc="$rc" '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, rc }' >"$work/logs/$stage.t"
}

run xmllint xmllint --noout --nonet --schema "$root/schemas/dossier-2.0.xsd" "${files[@]}"
run tdkt "$tdkt" validate "${files[@]}" --archive "$work/kho"

echo "checker    wall s    CPU s  dossiers/s   peak MB  exit"
for stage in xmllint tdkt; do
  read -r wall cpu kb rc <"$work/logs/$stage.t"
  awk -v s="$stage" -v w="$wall" -v c="$cpu" -v k="$kb" -v rc="$rc" -v d="$dossiers" 'BEGIN {
    printf "%-8s %8.2f %8.2f %11.0f %9.0f %5s\n", s, w, c, (w > 0 ? d / w : 0), k / 1024, rc }'
done
echo "tdkt: $(tail -n 1 "$work/logs/tdkt.out" "$work/logs/tdkt.err" 2>/dev/null | grep 'Đã kiểm tra' | head -n 1)"
read -r xw _ _ _ <"$work/logs/xmllint.t"
read -r tw _ _ _ <"$work/logs/tdkt.t"
awk -v x="$xw" -v t="$tw" 'BEGIN {
  printf "target (issue 11): tdkt (XSD + every rule + archive) no slower than xmllint (XSD only);" \
    " measured: %.2f× xmllint'"'"'s time\n", (x > 0 ? t / x : 0) }'

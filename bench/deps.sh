#!/usr/bin/env bash
# bench/deps.sh: speed of secaudit's dependency scanner against osv-scanner v2,
# both offline on the same OSV database (../shared/osv) and the same lockfiles
# (../shared/lockfiles), both warm (one untimed run first, files in the page
# cache). Reports the median wall time and the median CPU time (user+sys) of
# RUNS runs each; on a shared, loaded machine CPU time is the steadier figure.
#
#   bench/deps.sh            # RUNS=5 by default
#   RUNS=9 bench/deps.sh
#   INPROCESS=1 bench/deps.sh   # also the warm in-process Go benchmarks
#
# osv-scanner runs with --offline as well as --offline-vulnerabilities so that
# neither tool touches the network (without --offline osv-scanner also asks
# deps.dev about Maven packages, which only adds waiting). It reads a local
# database from
# $OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY/osv-scalibr/<ecosystem>/all.zip; the
# script builds that layout with symlinks in a temporary directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
lockfiles=$shared/lockfiles
db=$shared/osv
runs=${RUNS:-5}
osv=${OSV_SCANNER:-$(command -v osv-scanner || echo /root/go/bin/osv-scanner)}

if [ ! -d "$lockfiles" ] || [ ! -d "$db" ]; then
  echo "bench/deps.sh: $lockfiles or $db missing; skipping" >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure NAME CMD...: runs CMD once untimed, then $runs times; prints medians.
measure() {
  local name=$1; shift
  "$@" >/dev/null 2>&1 || true
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local t0 t1 c0 c1
    c0=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
    t0=$(date +%s%N)
    ( "$@" >/dev/null 2>&1 || true ) 
    t1=$(date +%s%N)
    # children's CPU time, in clock ticks, accumulated in this shell's cutime/cstime
    c1=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
    walls+=($(( (t1 - t0) / 1000000 )))
    cpus+=($(( (c1 - c0) * 1000 / $(getconf CLK_TCK) )))
  done
  local mw mc
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  mc=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  printf '%-12s median wall %6d ms   median cpu %6d ms   (%d runs)\n' "$name" "$mw" "$mc" "$runs"
  eval "${name//-/_}_wall=$mw; ${name//-/_}_cpu=$mc"
}

if [ -x "$osv" ]; then
  mkdir -p "$tmp/osvcache/osv-scalibr"
  for d in "$db"/*/; do ln -s "$d" "$tmp/osvcache/osv-scalibr/$(basename "$d")"; done
  export OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY=$tmp/osvcache
  measure osv-scanner "$osv" scan source -r --offline --offline-vulnerabilities --format json "$lockfiles"
else
  echo "osv-scanner not found (set OSV_SCANNER); measuring secaudit only" >&2
fi

cd "$root"
if [ -d cmd/secaudit ] && go build -o "$tmp/secaudit" ./cmd/secaudit 2>/dev/null; then
  measure secaudit "$tmp/secaudit" scan "$lockfiles" --scanners deps --db "$db" --format json
else
  # The CLI is not wired yet: bench/deps-scan runs the same scanner the same
  # way (walk, Scan per lockfile, Finish) as a process.
  echo "cmd/secaudit does not build; timing bench/deps-scan (the deps scanner alone)" >&2
  go build -o "$tmp/deps-scan" ./bench/deps-scan
  measure secaudit "$tmp/deps-scan" -db "$db" "$lockfiles"
fi
if [ "${INPROCESS:-0}" = 1 ]; then
  go test -run '^$' -bench 'BenchmarkScanSharedLockfiles|BenchmarkNPMLockfile' -benchtime 10x ./internal/scan/deps/
fi

if [ -n "${osv_scanner_wall:-}" ] && [ -n "${secaudit_wall:-}" ]; then
  awk -v ow="$osv_scanner_wall" -v sw="$secaudit_wall" -v oc="$osv_scanner_cpu" -v sc="$secaudit_cpu" \
    'BEGIN{printf "speed-up: %.1fx wall, %.1fx cpu (target: 5x)\n", ow/(sw>0?sw:1), oc/(sc>0?sc:1)}'
fi

#!/usr/bin/env bash
# bench/route.sh: the routing figures of issue 5.
#   1. planning 10,000 findings across 500 files to 5 teams with a CODEOWNERS
#      (target < 100 ms): the Go benchmark, then the whole CLI
#      (`secaudit route --dry-run`, JSON decode included) on a generated
#      report, median wall time of RUNS runs;
#   2. a full route of 50 incidents against the local fakes of GitHub, Slack
#      and PagerDuty (target < 2 s, no duplicate on the second run).
# There is no peer tool for routing (Alertmanager routes alerts, not audit
# results), so there is no side-by-side column.
#
#   bench/route.sh          # RUNS=5 by default
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
cd "$root"

echo "== planning benchmark (go test -bench BenchmarkBuild10kFindings ./internal/route/)"
go test -run '^$' -bench 'BenchmarkBuild10kFindings' -benchtime 3s -benchmem ./internal/route/ | grep -E '^Benchmark'

echo "== planning CPU time, min of 3 (go test -run TestBuildFigure -v ./internal/route/)"
go test -run 'TestBuildFigure' -count 1 -v ./internal/route/ | grep -E 'CPU|^(ok|FAIL)'

echo "== 50 incidents against the fakes (go test -run TestRoute50Incidents -v ./internal/app/)"
go test -run 'TestRoute50Incidents' -count 1 -v ./internal/app/ | grep -E 'incidents routed|^(ok|FAIL|---)'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! go build -o "$tmp/secaudit" ./cmd/secaudit 2>"$tmp/build.log"; then
  echo "== CLI: cmd/secaudit does not build here; skipping (see below)"
  cat "$tmp/build.log"
  exit 0
fi
go run ./bench/routegen -findings 10000 -files 500 -out "$tmp/repo"
echo "== CLI: secaudit route --dry-run on 10,000 findings ($(du -h "$tmp/repo/report.json" | cut -f1) report), median of $runs"
times=()
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  (cd "$tmp/repo" && "$tmp/secaudit" route --dry-run --format json report.json >/dev/null)
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "wall ms: ${times[*]}  median: ${sorted[$((runs / 2))]} ms"

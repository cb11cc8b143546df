#!/usr/bin/env bash
# Secret scanning speed, side by side, on the Go standard library sources
# ($(go env GOROOT)/src, about 127 MB): secaudit, gitleaks and trivy (each
# skipped with a message when not installed). Prints wall time, peak RSS,
# finding counts and the ratio to secaudit.
#
#   bash bench/secrets.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-$(go env GOROOT)/src}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -x /usr/bin/time ]]; then
  echo "secrets.sh: /usr/bin/time is required (apt-get install time)" >&2
  exit 1
fi
echo "target: $target ($(du -sh "$target" | cut -f1)), $(nproc) cores"
if ! go build -o "$work/secaudit" ./cmd/secaudit; then
  echo "secrets.sh: cannot build ./cmd/secaudit" >&2
  exit 1
fi

# measure NAME COUNT-COMMAND -- CMD...: runs CMD under /usr/bin/time -v.
declare -A wall cpu rss count
measure() {
  local name="$1" counter="$2"
  shift 3
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || true
  wall[$name]=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time")
  cpu[$name]=$(awk -F': ' '/User time|System time/ {t += $2} END {printf "%.2f", t}' "$work/$name.time")
  rss[$name]=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/$name.time")
  count[$name]=$(eval "$counter" 2>/dev/null || echo "?")
}

seconds() { awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$1"; }

measure secaudit "jq '.findings | length' $work/secaudit.json" -- \
  sh -c "'$work/secaudit' scan '$target' --scanners secrets --format json > '$work/secaudit.json'"

peers=(secaudit)
if command -v gitleaks >/dev/null || [[ -x /root/go/bin/gitleaks ]]; then
  gl="$(command -v gitleaks || echo /root/go/bin/gitleaks)"
  measure gitleaks "jq length $work/gitleaks.json" -- \
    "$gl" dir "$target" --report-format json --report-path "$work/gitleaks.json" --no-banner --exit-code 0
  peers+=(gitleaks)
else
  echo "gitleaks: not installed, skipped"
fi
if command -v trivy >/dev/null || [[ -x /root/go/bin/trivy ]]; then
  tv="$(command -v trivy || echo /root/go/bin/trivy)"
  measure trivy "jq '[.Results[]?.Secrets[]?] | length' $work/trivy.json" -- \
    "$tv" fs --scanners secret --format json --output "$work/trivy.json" --skip-db-update --offline-scan "$target"
  peers+=(trivy)
else
  echo "trivy: not installed, skipped"
fi

base=$(seconds "${wall[secaudit]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a/b; else print "?" }'; }
# CPU time is printed too: on a shared, loaded machine it is the steadier figure.
printf '%-10s %10s %10s %10s %10s %12s %12s\n' tool wall cpu peak_rss findings "wall ratio" "cpu ratio"
for p in "${peers[@]}"; do
  s=$(seconds "${wall[$p]}")
  printf '%-10s %9ss %9ss %8sMB %10s %11sx %11sx\n' "$p" "$s" "${cpu[$p]}" "${rss[$p]}" "${count[$p]}" "$(ratio "$s" "$base")" "$(ratio "${cpu[$p]}" "${cpu[secaudit]}")"
done

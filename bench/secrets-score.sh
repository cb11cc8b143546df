#!/usr/bin/env bash
# Secret detection quality on a generated labelled corpus (bench/corpus):
# recall and precision of secaudit, gitleaks and trivy (each skipped when
# missing),
# matching findings to planted lines by path and line.
#
#   bash bench/secrets-score.sh [SEED] [-v]
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-1}"
verbose="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
corpus="$work/corpus"

go run ./bench/corpus -out "$corpus" -seed "$seed"
go build -o "$work/secaudit" ./cmd/secaudit
"$work/secaudit" scan "$corpus" --scanners secrets --format json >"$work/secaudit.json" || true
args=(-labels "$corpus/labels.json" -secaudit "$work/secaudit.json" -root "$corpus")
gl="$(command -v gitleaks || echo /root/go/bin/gitleaks)"
if [[ -x "$gl" ]]; then
  "$gl" dir "$corpus" --report-format json --report-path "$work/gitleaks.json" --no-banner --exit-code 0 2>/dev/null
  args+=(-gitleaks "$work/gitleaks.json")
else
  echo "gitleaks: not installed, skipped"
fi
tv="$(command -v trivy || echo /root/go/bin/trivy)"
if [[ -x "$tv" ]]; then
  (cd "$corpus" && "$tv" fs --scanners secret --format json --output "$work/trivy.json" --skip-db-update --offline-scan . 2>/dev/null)
  args+=(-trivy "$work/trivy.json")
else
  echo "trivy: not installed, skipped"
fi
[[ "$verbose" == -v ]] && args+=(-v)
go run ./bench/secrets-score "${args[@]}"

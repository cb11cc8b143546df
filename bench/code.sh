#!/usr/bin/env bash
# bench/code.sh: compare secaudit's code scanner with bandit (Python) and
# gosec (Go) on real trees, rule by rule and location by location, and time
# all three. Peer tools are optional: a missing one is skipped with a message.
#
#   bench/code.sh [PYTHON_TREE] [GO_TREE]
#
# Defaults: the system Python standard library (/usr/lib/python3.11) and
# $(go env GOROOT)/src/net/http. Our counts come from bench/codecount, which
# calls internal/scan/code directly (no CLI needed).
set -euo pipefail
cd "$(dirname "$0")/.."

PY_TREE=${1:-$(ls -d /usr/lib/python3.1[0-9] 2>/dev/null | sort -V | tail -1)}
GO_TREE=${2:-$(go env GOROOT)/src/net/http}
GOSEC=${GOSEC:-$(command -v gosec || echo /root/go/bin/gosec)}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

go build -o "$OUT/codecount" ./bench/codecount

# seconds runs a command and prints its wall and CPU seconds on stderr.
seconds() {
  local label=$1; shift
  /usr/bin/env time -f "$label: %e s wall, %U s user, %S s sys" "$@"
}

echo "== Python: $PY_TREE"
seconds "secaudit code" "$OUT/codecount" -json "$PY_TREE" >"$OUT/ours-py.jsonl"
if command -v bandit >/dev/null; then
  # bandit exits 1 when it finds issues; that is not a failure here.
  seconds "bandit" bandit -q -r -f json -o "$OUT/bandit.json" "$PY_TREE" || true
  python3 bench/code_compare.py bandit "$PY_TREE" "$OUT/bandit.json" "$OUT/ours-py.jsonl"
else
  echo "bandit not installed (apt-get install python3-bandit): Python comparison skipped"
fi

echo
echo "== Go: $GO_TREE (non-test files, as gosec by default)"
seconds "secaudit code" "$OUT/codecount" -json -skip-tests "$GO_TREE" >"$OUT/ours-go.jsonl"
if [ -x "$GOSEC" ]; then
  (cd "$GO_TREE" && seconds "gosec" "$GOSEC" -quiet -fmt json -out "$OUT/gosec.json" ./... ) || true
  python3 bench/code_compare.py gosec "$GO_TREE" "$OUT/gosec.json" "$OUT/ours-go.jsonl"
else
  echo "gosec not installed (go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0): Go comparison skipped"
fi

echo
echo "== Speed: all of $(go env GOROOT)"
seconds "secaudit code (GOROOT)" "$OUT/codecount" "$(go env GOROOT)" | tail -1

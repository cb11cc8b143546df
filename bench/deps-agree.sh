#!/usr/bin/env bash
# bench/deps-agree.sh: agreement of secaudit's dependency scanner with
# osv-scanner v2 on ../shared/lockfiles and the same offline database
# (../shared/osv-scanner-raw holds osv-scanner's results). Prints the
# agreement figures and every difference with its explanation; the test
# fails on an unexplained difference. Skips when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -count=1 -run 'TestAgreementWithOSVScanner' -v ./internal/scan/deps/ |
  grep -E 'agreement:|only (secaudit|osv-scanner) reports|SKIP|FAIL|^ok' || true

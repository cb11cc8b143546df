#!/usr/bin/env bash
# container.sh: run secaudit's container checks and trivy's Dockerfile checks
# over the same corpus (bench/dockerfiles, real Dockerfiles listed in
# bench/dockerfiles/SOURCES) and print per-rule hit counts side by side.
#
# Usage: bench/container.sh [CORPUS_DIR]
# trivy is looked up in $TRIVY, /root/go/bin/trivy, then PATH; without it
# the script prints secaudit's counts only and says so.
# TRIVY_PER_FILE=1 runs trivy once per Dockerfile instead of once on the
# tree: one file that makes a trivy check fail (a rego eval error) then
# only loses that check for itself, not for the whole corpus.
# VERBOSE=1 lists the files only one tool flags, per rule.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-$here/dockerfiles}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Lay each corpus file out as <name>/Dockerfile, a name both tools detect.
mkdir -p "$work/tree"
n=0
for f in "$corpus"/*.txt "$corpus"/*/*.txt; do
	[[ -e "$f" ]] || continue
	d="$work/tree/$(basename "$f" .txt)"
	mkdir -p "$d"
	cp "$f" "$d/Dockerfile"
	n=$((n + 1))
done
echo "corpus: $n Dockerfiles from $corpus"

(cd "$root" && go build -o "$work/containerscan" ./bench/containerscan)

trivy=${TRIVY:-}
if [[ -z "$trivy" ]]; then
	if [[ -x /root/go/bin/trivy ]]; then
		trivy=/root/go/bin/trivy
	else
		trivy=$(command -v trivy || true)
	fi
fi

start=$(date +%s.%N)
"$work/containerscan" "$work/tree" > "$work/ours.txt" 2> "$work/ours.err" || { cat "$work/ours.err"; exit 1; }
ours_s=$(echo "$(date +%s.%N) - $start" | bc)

if [[ -z "$trivy" ]]; then
	echo "trivy not found (set TRIVY=/path/to/trivy): showing secaudit's counts only; the comparison still needs trivy"
	cat "$work/ours.txt"
	echo "secaudit time: ${ours_s}s"
	exit 0
fi

echo "trivy: $("$trivy" --version 2>/dev/null | head -1)"
start=$(date +%s.%N)
if [[ -n "${TRIVY_PER_FILE:-}" ]]; then
	mkdir -p "$work/trivy"
	for d in "$work/tree"/*/; do
		name=$(basename "$d")
		"$trivy" config --skip-check-update --format json --output "$work/trivy/$name.json" "$d" 2>> "$work/trivy.err" ||
			{ echo "trivy failed on $name:"; cat "$work/trivy.err"; exit 1; }
	done
	report="$work/trivy"
else
	"$trivy" config --skip-check-update --format json --output "$work/trivy.json" "$work/tree" 2> "$work/trivy.err" ||
		{ echo "trivy failed:"; cat "$work/trivy.err"; exit 1; }
	report="$work/trivy.json"
fi
trivy_s=$(echo "$(date +%s.%N) - $start" | bc)
if grep -q "Error occurred while applying rule" "$work/trivy.err"; then
	echo "trivy check errors (the check then reports nothing for the files scanned with it):"
	grep "Error occurred while applying rule" "$work/trivy.err" | sed -E 's/.*file_path="([^"]*)".*err="([^"]*)".*/  \1: \2/' | sort | uniq -c
fi

"$work/containerscan" -trivy "$report" "$work/tree" 2>/dev/null
echo "time: secaudit ${ours_s}s, trivy ${trivy_s}s"

#!/usr/bin/env python3
"""Compare a peer tool's results (bandit or gosec JSON) with secaudit's code
findings (JSON lines from bench/codecount -json), per rule and per location.

usage: [DETAILS=N] code_compare.py bandit|gosec ROOT PEER.json OURS.jsonl

DETAILS=N lists up to N locations only one side flagged, per rule.
"""
import collections
import json
import os
import sys

# Peer rule -> our rule. Peer rules absent here are outside our scope.
BANDIT = {
    "B101": "py-assert", "B102": "py-exec", "B307": "py-eval",
    "B301": "py-pickle-load", "B302": "py-marshal-load", "B506": "py-yaml-load",
    "B602": "py-subprocess-shell", "B604": "py-subprocess-shell", "B605": "py-os-system",
    "B608": "py-sql-injection", "B501": "py-requests-verify",
    "B303": "py-weak-hash", "B324": "py-weak-hash", "B201": "py-flask-debug",
    "B306": "py-mktemp", "B323": "py-ssl-unverified",
    "B401": "py-cleartext-protocol", "B402": "py-cleartext-protocol",
    "B311": "py-weak-random", "B701": "py-jinja2-autoescape", "B202": "py-tar-extractall",
    "B304": "py-weak-cipher", "B305": "py-weak-cipher", "B308": "py-mark-safe", "B703": "py-mark-safe", "B103": "py-chmod-permissive", "B507": "py-ssh-autoadd",
}
GOSEC = {
    "G201": "go-sql-injection", "G202": "go-sql-injection", "G204": "go-command-injection",
    "G401": "go-weak-hash", "G501": "go-weak-hash", "G505": "go-weak-hash",
    "G405": "go-weak-cipher", "G406": "go-weak-cipher", "G502": "go-weak-cipher", "G503": "go-weak-cipher",
    "G402": "go-tls-insecure-skip-verify|go-tls-min-version", "G404": "go-weak-rand",
    "G114": "go-http-listen-no-timeout", "G112": "go-http-server-no-timeout",
    "G301": "go-dir-permissions", "G302": "go-file-permissions", "G306": "go-file-permissions",
    "G305": "go-zip-slip", "G303": "go-unsafe-tempfile",
    "G403": "go-weak-rsa-key", "G304": "go-path-traversal", "G107": "go-ssrf", "G203": "go-unescaped-template",
}


def rel(root, path):
    path = os.path.normpath(path)
    root = os.path.normpath(root)
    return os.path.relpath(path, root) if os.path.isabs(path) else path


def peer_results(tool, root, path):
    with open(path) as f:
        data = json.load(f)
    out = []
    if tool == "bandit":
        for r in data.get("results", []):
            out.append((r["test_id"], rel(root, r["filename"]), int(r["line_number"])))
    else:
        for r in data.get("Issues") or []:
            out.append((r["rule_id"], rel(root, r["file"]), int(str(r["line"]).split("-")[0])))
    return out


def main():
    tool, root, peer_path, ours_path = sys.argv[1:5]
    details = int(os.environ.get("DETAILS", "0"))
    mapping = BANDIT if tool == "bandit" else GOSEC
    peer = peer_results(tool, root, peer_path)
    ours = []
    with open(ours_path) as f:
        for line in f:
            d = json.loads(line)
            loc = d["location"]
            ours.append((d["rule_id"], loc["path"], loc["start_line"], loc.get("end_line") or loc["start_line"]))

    groups = collections.OrderedDict()
    for pid, oid in mapping.items():
        groups.setdefault(oid, []).append(pid)
    print(f"{'peer rules':<22}{'peer':>6}  {'our rule(s)':<52}{'ours':>6}{'both':>6}")
    for oid, pids in groups.items():
        oids = oid.split("|")
        p = {(f, l) for r, f, l in peer if r in pids}
        spans = [(f, a, b) for r, f, a, b in ours if r in oids]
        o = {(f, a) for f, a, _ in spans}
        # A peer finding agrees with ours when its line falls inside the span
        # of our finding: tools report multi-line calls at different lines.
        both = {(f, l) for f, l in p if any(f == g and a <= l <= b for g, a, b in spans)}
        matched = {(g, a) for g, a, b in spans if any(f == g and a <= l <= b for f, l in p)}
        print(f"{'/'.join(pids):<22}{len(p):>6}  {oid.replace('|', ' + '):<52}{len(o):>6}{len(both):>6}")
        if details:
            for label, locs in (("peer only", p - both), ("ours only", o - matched)):
                for f, l in sorted(locs)[:details]:
                    print(f"      {label}: {f}:{l}")
    other = collections.Counter(r for r, _, _ in peer if r not in mapping)
    ours = [(r, f, a) for r, f, a, _ in ours]
    if other:
        print("peer rules outside our scope:", ", ".join(f"{k} {v}" for k, v in sorted(other.items())))
    extra = collections.Counter(r for r, _, _ in ours if r not in {x for v in mapping.values() for x in v.split("|")})
    if extra:
        print("our rules without a peer rule:", ", ".join(f"{k} {v}" for k, v in sorted(extra.items())))


if __name__ == "__main__":
    main()

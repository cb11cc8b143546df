package container

import (
	"context"
	"testing"

	"github.com/secaudit/secaudit/internal/scan"
)

// FuzzDockerfile feeds arbitrary bytes to the Dockerfile checks: they may
// return an error but must never panic (Scan's recover would hide a panic,
// so the fuzz target calls the unguarded path).
func FuzzDockerfile(f *testing.F) {
	for _, seed := range []string{
		"FROM debian\nRUN apt-get install curl | sh\n",
		"# escape=`\nFROM a AS b\nRUN x `\n  y\n",
		"ARG V=1\nFROM x:${V}\nRUN <<EOF\ncd /\nEOF\nUSER 0\nEXPOSE 1-99999\n",
		"FROM a\nONBUILD COPY . .\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\nCOPY --from=a . .\n",
		"RUN \"unterminated\nFROM\n",
	} {
		f.Add([]byte(seed))
	}
	s := newTestScanner(f, map[string]string{})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = s.scanDockerfile(scan.File{Path: "Dockerfile", Data: data})
	})
}

// FuzzCompose feeds arbitrary bytes to the compose checks.
func FuzzCompose(f *testing.F) {
	for _, seed := range []string{
		"services:\n  a:\n    image: x\n    privileged: true\n    ports: [\"5432:5432\"]\n",
		"services:\n  a:\n    environment: [\"API_KEY=abc123\"]\n    volumes: [\"/:/h\"]\n",
		"services: {a: {cap_add: [ALL], security_opt: [\"seccomp=unconfined\"]}}\n",
		"x: &a {b: *a}\n",
		"services:\n  a:\n    ports: [\"${P:?x}:80\"]\n",
	} {
		f.Add([]byte(seed))
	}
	s := newTestScanner(f, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = s.scanCompose(context.Background(), scan.File{Path: "compose.yaml", Data: data})
	})
}

// FuzzKubernetes feeds arbitrary bytes to the Kubernetes manifest checks.
func FuzzKubernetes(f *testing.F) {
	for _, seed := range []string{
		"apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  containers:\n    - image: x\n      securityContext: {privileged: true}\n",
		"apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{image: a}]}}}}}\n---\nkind: x\n",
		"apiVersion: v1\nkind: Pod\nspec: [1, 2]\n",
	} {
		f.Add([]byte(seed))
	}
	s := newTestScanner(f, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = s.scanKubernetes(scan.File{Path: "pod.yaml", Data: data})
	})
}

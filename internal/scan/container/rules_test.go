package container

import (
	"os"
	"strings"
	"testing"
)

// ruleCase is one sample for one rule: want says whether the rule must fire.
type ruleCase struct {
	rule string
	name string
	src  string
	want bool
	// path defaults to "Dockerfile"; files are extra files in the tree
	// (a .dockerignore) besides the scanned one.
	path  string
	files map[string]string
}

const goodTail = "USER app\nHEALTHCHECK CMD [\"/bin/true\"]\n"

func dockerfileCases() []ruleCase {
	return []ruleCase{
		{rule: "dockerfile-image-latest", name: "no tag", src: "FROM ubuntu\n", want: true},
		{rule: "dockerfile-image-latest", name: "latest", src: "FROM nginx:latest\n", want: true},
		{rule: "dockerfile-image-latest", name: "arg default latest", src: "ARG V=latest\nFROM golang:${V}\n", want: true},
		{rule: "dockerfile-image-latest", name: "registry port no tag", src: "FROM localhost:5000/app\n", want: true},
		{rule: "dockerfile-image-latest", name: "tagged", src: "FROM nginx:1.25\n", want: false},
		{rule: "dockerfile-image-latest", name: "image ID", src: "FROM 82ad5fa11820c2889c60f7f748d67aab04400700c581843db0d1e68735327443\n", want: false},
		{rule: "dockerfile-image-latest", name: "scratch", src: "FROM scratch\n", want: false},
		{rule: "dockerfile-image-latest", name: "stage reference", src: "FROM golang:1.22 AS build\nFROM build\n", want: false},
		{rule: "dockerfile-image-latest", name: "arg default resolves", src: "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}\n", want: false},
		{rule: "dockerfile-image-latest", name: "arg without default unknown", src: "ARG BASE\nFROM ${BASE}\n", want: false},
		{rule: "dockerfile-image-latest", name: "digest", src: "FROM alpine@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b\n", want: false},

		{rule: "dockerfile-image-no-digest", name: "tag only", src: "FROM debian:12\n", want: true},
		{rule: "dockerfile-image-no-digest", name: "digest", src: "FROM debian:12@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b\n", want: false},
		{rule: "dockerfile-image-no-digest", name: "latest reported by the latest rule", src: "FROM debian\n", want: false},

		{rule: "dockerfile-from-platform", name: "hard-coded", src: "FROM --platform=linux/amd64 debian:12\n", want: true},
		{rule: "dockerfile-from-platform", name: "build platform", src: "FROM --platform=$BUILDPLATFORM debian:12\n", want: false},

		{rule: "dockerfile-duplicate-stage-name", name: "duplicate", src: "FROM a:1 AS x\nFROM b:1 AS x\n", want: true},
		{rule: "dockerfile-duplicate-stage-name", name: "unique", src: "FROM a:1 AS x\nFROM b:1 AS y\n", want: false},

		{rule: "dockerfile-copy-from-self", name: "self", src: "FROM a:1 AS x\nCOPY --from=x /a /b\n", want: true},
		{rule: "dockerfile-copy-from-self", name: "earlier stage", src: "FROM a:1 AS x\nFROM b:1 AS y\nCOPY --from=x /a /b\n", want: false},

		{rule: "dockerfile-root-user", name: "no user", src: "FROM debian:12\nRUN true\n", want: true},
		{rule: "dockerfile-root-user", name: "user root last", src: "FROM debian:12\nUSER app\nUSER root\n", want: true},
		{rule: "dockerfile-root-user", name: "uid 0:0", src: "FROM debian:12\nUSER 0:0\n", want: true},
		{rule: "dockerfile-root-user", name: "builder unprivileged but final not", src: "FROM debian:12 AS b\nUSER app\nFROM debian:12\n", want: true},
		{rule: "dockerfile-root-user", name: "non-root", src: "FROM debian:12\nUSER 10001:10001\n", want: false},
		{rule: "dockerfile-root-user", name: "root then app", src: "FROM debian:12\nUSER root\nRUN true\nUSER app\n", want: false},
		{rule: "dockerfile-root-user", name: "inherited from stage", src: "FROM debian:12 AS base\nUSER app\nFROM base\nRUN true\n", want: false},
		{rule: "dockerfile-root-user", name: "stage chosen by build arg", src: "FROM d:1 AS app-linux\nUSER app\nFROM d:1 AS app-windows\nUSER app\nFROM app-${TARGETOS}\n", want: false},
		{rule: "dockerfile-root-user", name: "scratch after unprivileged builder", src: "FROM d:1 AS b\nUSER app\nFROM scratch\nCOPY --from=b /x /x\n", want: true},
		{rule: "dockerfile-root-user", name: "distroless nonroot", src: "FROM gcr.io/distroless/static:nonroot\n", want: false},

		{rule: "dockerfile-sudo", name: "sudo", src: "FROM d:1\nRUN sudo apt-get update\n", want: true},
		{rule: "dockerfile-sudo", name: "windows image", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN sudo x\n", want: false},
		{rule: "dockerfile-sudo", name: "powershell inherited", src: "FROM d:1 AS a\nSHELL [\"pwsh\", \"-c\"]\nFROM a\nRUN sudo x\n", want: false},
		{rule: "dockerfile-sudo", name: "no sudo", src: "FROM d:1\nRUN echo sudo is a word\n", want: false},

		{rule: "dockerfile-useradd-no-log-init", name: "high uid", src: "FROM d:1\nRUN useradd -u 123456789 app\n", want: true},
		{rule: "dockerfile-useradd-no-log-init", name: "with -l", src: "FROM d:1\nRUN useradd -l -u 123456789 app\n", want: false},
		{rule: "dockerfile-useradd-no-log-init", name: "low uid", src: "FROM d:1\nRUN useradd -u 1000 app\n", want: false},

		{rule: "dockerfile-chmod-777", name: "777", src: "FROM d:1\nRUN chmod -R 777 /app\n", want: true},
		{rule: "dockerfile-chmod-777", name: "a+rwx", src: "FROM d:1\nRUN chmod a+rwx /app\n", want: true},
		{rule: "dockerfile-chmod-777", name: "0666", src: "FROM d:1\nRUN chmod 0666 /app/f\n", want: true},
		{rule: "dockerfile-chmod-777", name: "755", src: "FROM d:1\nRUN chmod 755 /app\n", want: false},
		{rule: "dockerfile-chmod-777", name: "sticky tmp", src: "FROM d:1\nRUN chmod 1777 /tmp\n", want: false},
		{rule: "dockerfile-chmod-777", name: "u+x", src: "FROM d:1\nRUN chmod u+x /app/run\n", want: false},

		{rule: "dockerfile-curl-pipe-shell", name: "curl sh", src: "FROM d:1\nRUN curl -fsSL https://x.io/install.sh | sh\n", want: true},
		{rule: "dockerfile-curl-pipe-shell", name: "wget bash continued", src: "FROM d:1\nRUN apt-get update && \\\n    wget -qO- https://x.io/i | sudo bash -s --\n", want: true},
		{rule: "dockerfile-curl-pipe-shell", name: "command substitution", src: "FROM d:1\nRUN sh -c \"$(curl -fsSL https://x.io/i)\"\n", want: true},
		{rule: "dockerfile-curl-pipe-shell", name: "heredoc", src: "FROM d:1\nRUN <<EOF\nset -e\ncurl -s https://x.io/i | bash\nEOF\n", want: true},
		{rule: "dockerfile-curl-pipe-shell", name: "bash heredoc", src: "FROM d:1\nRUN bash <<EOF\ncurl -s https://x.io/i | bash\nEOF\n", want: true},
		{rule: "dockerfile-curl-pipe-shell", name: "python heredoc", src: "FROM d:1\nRUN python3 <<EOF\nprint('curl x | sh')\nEOF\n", want: false},
		{rule: "dockerfile-curl-pipe-shell", name: "curl to tar", src: "FROM d:1\nRUN curl -fsSL https://x.io/a.tgz | tar xz\n", want: false},
		{rule: "dockerfile-curl-pipe-shell", name: "download then verify", src: "FROM d:1\nRUN curl -o i.sh https://x.io/i && sha256sum -c i.sha && sh i.sh\n", want: false},

		{rule: "dockerfile-run-insecure", name: "insecure", src: "FROM d:1\nRUN --security=insecure mount -t tmpfs none /mnt\n", want: true},
		{rule: "dockerfile-run-insecure", name: "sandbox", src: "FROM d:1\nRUN --security=sandbox true\n", want: false},
		{rule: "dockerfile-run-network-host", name: "host", src: "FROM d:1\nRUN --network=host make\n", want: true},
		{rule: "dockerfile-run-network-host", name: "none", src: "FROM d:1\nRUN --network=none make\n", want: false},

		{rule: "dockerfile-tls-verification-disabled", name: "curl -k", src: "FROM d:1\nRUN curl -fsSLk https://x/a -o a\n", want: true},
		{rule: "dockerfile-tls-verification-disabled", name: "wget", src: "FROM d:1\nRUN wget --no-check-certificate https://x/a\n", want: true},
		{rule: "dockerfile-tls-verification-disabled", name: "pip trusted host", src: "FROM d:1\nRUN pip install --no-cache-dir --trusted-host pypi.org a==1\n", want: true},
		{rule: "dockerfile-tls-verification-disabled", name: "git", src: "FROM d:1\nRUN git config --global http.sslVerify false\n", want: true},
		{rule: "dockerfile-tls-verification-disabled", name: "verified", src: "FROM d:1\nRUN curl -fsSL https://x/a -o a && wget https://x/b\n", want: false},
		{rule: "dockerfile-tls-verification-disabled", name: "env node", src: "FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n", want: true},
		{rule: "dockerfile-tls-verification-disabled", name: "env git", src: "FROM d:1\nENV GIT_SSL_NO_VERIFY true\n", want: true},
		{rule: "dockerfile-tls-verification-disabled", name: "env on", src: "FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n", want: false},
		{rule: "dockerfile-plain-http-download", name: "curl http", src: "FROM d:1\nRUN curl -fsSL -o /usr/bin/tool http://downloads.example.com/tool\n", want: true},
		{rule: "dockerfile-plain-http-download", name: "add http", src: "FROM d:1\nADD http://downloads.example.com/tool.tgz /tmp/\n", want: true},
		{rule: "dockerfile-plain-http-download", name: "https", src: "FROM d:1\nRUN curl -fsSL -o /usr/bin/tool https://downloads.example.com/tool\n", want: false},
		{rule: "dockerfile-plain-http-download", name: "localhost probe", src: "FROM d:1\nHEALTHCHECK CMD curl -f http://localhost:8080/\nRUN curl http://127.0.0.1:9000/ready\n", want: false},
		{rule: "dockerfile-unsigned-packages", name: "apk untrusted", src: "FROM alpine:3\nRUN apk add --no-cache --allow-untrusted ./x.apk\n", want: true},
		{rule: "dockerfile-unsigned-packages", name: "yum nogpgcheck", src: "FROM centos:7\nRUN yum install -y --nogpgcheck x && yum clean all\n", want: true},
		{rule: "dockerfile-unsigned-packages", name: "apt", src: "FROM d:1\nRUN apt-get install -y --allow-unauthenticated x\n", want: true},
		{rule: "dockerfile-unsigned-packages", name: "signed", src: "FROM centos:7\nRUN yum install -y x && yum clean all\n", want: false},
		{rule: "dockerfile-credentials-in-url", name: "git clone", src: "FROM d:1\nRUN git clone https://bot:hunter2hunter2@git.example.com/app.git\n", want: true},
		{rule: "dockerfile-credentials-in-url", name: "add", src: "FROM d:1\nADD https://u:p4ssw0rd123@files.example.com/a.tgz /a.tgz\n", want: true},
		{rule: "dockerfile-credentials-in-url", name: "variable", src: "FROM d:1\nRUN git clone https://bot:${TOKEN}@git.example.com/app.git\n", want: false},
		{rule: "dockerfile-credentials-in-url", name: "user only", src: "FROM d:1\nRUN git clone https://bot@git.example.com/app.git\n", want: false},
		{rule: "dockerfile-ssh-server", name: "apt", src: "FROM d:1\nRUN apt-get install -y openssh-server\n", want: true},
		{rule: "dockerfile-ssh-server", name: "client", src: "FROM d:1\nRUN apt-get install -y openssh-client\n", want: false},
		{rule: "dockerfile-pipefail", name: "pipe", src: "FROM d:1\nRUN wget -O - https://x/a | tar xz\n", want: true},
		{rule: "dockerfile-pipefail", name: "set -o pipefail", src: "FROM d:1\nRUN set -eux -o pipefail; wget -O - https://x/a | tar xz\n", want: false},
		{rule: "dockerfile-pipefail", name: "shell", src: "FROM d:1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://x/a | tar xz\n", want: false},
		{rule: "dockerfile-run-cd", name: "cd", src: "FROM d:1\nRUN cd /src && make\n", want: true},
		{rule: "dockerfile-run-cd", name: "workdir", src: "FROM d:1\nWORKDIR /src\nRUN make\n", want: false},

		{rule: "dockerfile-add-local", name: "local file", src: "FROM d:1\nADD app.py /app/\n", want: true},
		{rule: "dockerfile-add-local", name: "archive", src: "FROM d:1\nADD rootfs.tar.gz /\n", want: false},
		{rule: "dockerfile-add-local", name: "copy", src: "FROM d:1\nCOPY app.py /app/\n", want: false},
		{rule: "dockerfile-add-remote", name: "url", src: "FROM d:1\nADD https://x.io/tool /usr/bin/tool\n", want: true},
		{rule: "dockerfile-add-remote", name: "url with checksum", src: "# syntax=docker/dockerfile:1\nFROM d:1\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://x.io/tool /usr/bin/tool\n", want: false},
		{rule: "dockerfile-add-remote", name: "local", src: "FROM d:1\nADD rootfs.tar /\n", want: false},

		{rule: "dockerfile-copy-context-no-dockerignore", name: "copy dot", src: "FROM d:1\nCOPY . /app\n", want: true},
		{rule: "dockerfile-copy-context-no-dockerignore", name: "add dot", src: "FROM d:1\nADD . .\n", want: true},
		{rule: "dockerfile-copy-context-no-dockerignore", name: "dockerignore next to it", src: "FROM d:1\nCOPY . /app\n", want: false, files: map[string]string{".dockerignore": ".git\n"}},
		{rule: "dockerfile-copy-context-no-dockerignore", name: "named dockerignore", path: "docker/app.Dockerfile", src: "FROM d:1\nCOPY . /app\n", want: false, files: map[string]string{"docker/app.Dockerfile.dockerignore": ".git\n"}},
		{rule: "dockerfile-copy-context-no-dockerignore", name: "selected files", src: "FROM d:1\nCOPY go.mod go.sum ./\n", want: false},
		{rule: "dockerfile-copy-context-no-dockerignore", name: "from stage", src: "FROM d:1 AS b\nFROM d:1\nCOPY --from=b . /app\n", want: false},

		{rule: "dockerfile-expose-ssh", name: "22", src: "FROM d:1\nEXPOSE 80 22/tcp\n", want: true},
		{rule: "dockerfile-expose-ssh", name: "range", src: "FROM d:1\nEXPOSE 20-25\n", want: true},
		{rule: "dockerfile-expose-ssh", name: "2222", src: "FROM d:1\nEXPOSE 2222\n", want: false},
		{rule: "dockerfile-expose-invalid-port", name: "too big", src: "FROM d:1\nEXPOSE 70000\n", want: true},
		{rule: "dockerfile-expose-invalid-port", name: "valid", src: "FROM d:1\nEXPOSE 8080/udp\n", want: false},

		{rule: "dockerfile-missing-healthcheck", name: "none", src: "FROM d:1\nUSER app\n", want: true},
		{rule: "dockerfile-missing-healthcheck", name: "only in builder", src: "FROM d:1 AS b\nHEALTHCHECK CMD true\nFROM d:1\n", want: true},
		{rule: "dockerfile-missing-healthcheck", name: "present", src: "FROM d:1\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n", want: false},
		{rule: "dockerfile-missing-healthcheck", name: "explicit none", src: "FROM d:1\nHEALTHCHECK NONE\n", want: false},
		{rule: "dockerfile-multiple-healthcheck", name: "two", src: "FROM d:1\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n", want: true},
		{rule: "dockerfile-multiple-healthcheck", name: "two stages", src: "FROM d:1 AS a\nHEALTHCHECK CMD a\nFROM d:1\nHEALTHCHECK CMD b\n", want: false},
		{rule: "dockerfile-multiple-cmd", name: "two", src: "FROM d:1\nCMD [\"a\"]\nCMD [\"b\"]\n", want: true},
		{rule: "dockerfile-multiple-cmd", name: "one per stage", src: "FROM d:1 AS a\nCMD [\"a\"]\nFROM d:1\nCMD [\"b\"]\n", want: false},
		{rule: "dockerfile-multiple-entrypoint", name: "two", src: "FROM d:1\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", want: true},
		{rule: "dockerfile-multiple-entrypoint", name: "one", src: "FROM d:1\nENTRYPOINT [\"a\"]\nCMD [\"b\"]\n", want: false},
		{rule: "dockerfile-shell-form-entrypoint", name: "shell", src: "FROM d:1\nENTRYPOINT /app/server --port 80\n", want: true},
		{rule: "dockerfile-shell-form-entrypoint", name: "exec", src: "FROM d:1\nENTRYPOINT [\"/app/server\"]\n", want: false},
		{rule: "dockerfile-shell-form-cmd", name: "shell", src: "FROM d:1\nCMD python app.py\n", want: true},
		{rule: "dockerfile-shell-form-cmd", name: "exec", src: "FROM d:1\nCMD [\"python\", \"app.py\"]\n", want: false},
		{rule: "dockerfile-relative-workdir", name: "relative", src: "FROM d:1\nWORKDIR app\n", want: true},
		{rule: "dockerfile-relative-workdir", name: "absolute", src: "FROM d:1\nWORKDIR /app\n", want: false},
		{rule: "dockerfile-relative-workdir", name: "variable", src: "FROM d:1\nWORKDIR $HOME/app\n", want: false},
		{rule: "dockerfile-relative-workdir", name: "windows", src: "FROM d:1\nWORKDIR C:\\\\app\n", want: false},
		{rule: "dockerfile-copy-dest-not-dir", name: "no slash", src: "FROM d:1\nCOPY a.txt b.txt /app\n", want: true},
		{rule: "dockerfile-copy-dest-not-dir", name: "slash", src: "FROM d:1\nCOPY a.txt b.txt /app/\n", want: false},
		{rule: "dockerfile-copy-dest-not-dir", name: "one source", src: "FROM d:1\nCOPY a.txt /app\n", want: false},
		{rule: "dockerfile-workdir-system-dir", name: "proc", src: "FROM d:1\nWORKDIR /proc/self\n", want: true},
		{rule: "dockerfile-workdir-system-dir", name: "app", src: "FROM d:1\nWORKDIR /srv/process\n", want: false},
		{rule: "dockerfile-wget-and-curl", name: "both", src: "FROM d:1\nRUN curl -o a https://x/a\nRUN wget https://x/b\n", want: true},
		{rule: "dockerfile-wget-and-curl", name: "one", src: "FROM d:1\nRUN curl -o a https://x/a && curl -o b https://x/b\n", want: false},
		{rule: "dockerfile-maintainer", name: "maintainer", src: "FROM d:1\nMAINTAINER Jane <j@example.com>\n", want: true},
		{rule: "dockerfile-maintainer", name: "label", src: "FROM d:1\nLABEL org.opencontainers.image.authors=\"j@example.com\"\n", want: false},
		{rule: "dockerfile-onbuild-copy", name: "onbuild copy", src: "FROM d:1\nONBUILD COPY . /app\n", want: true},
		{rule: "dockerfile-onbuild-copy", name: "onbuild run", src: "FROM d:1\nONBUILD RUN make\n", want: false},

		{rule: "dockerfile-secret-env", name: "password", src: "FROM d:1\nENV DB_PASSWORD=hunter2hunter2\n", want: true},
		{rule: "dockerfile-secret-env", name: "legacy form", src: "FROM d:1\nENV GITHUB_TOKEN ghp_abcdefghijklmnopqrstuvwxyz0123456789\n", want: true},
		{rule: "dockerfile-secret-env", name: "reference", src: "FROM d:1\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\n", want: false},
		{rule: "dockerfile-secret-env", name: "file path", src: "FROM d:1\nENV DB_PASSWORD_FILE=/run/secrets/db\n", want: false},
		{rule: "dockerfile-secret-env", name: "empty", src: "FROM d:1\nENV API_KEY=\"\"\n", want: false},
		{rule: "dockerfile-secret-env", name: "unrelated", src: "FROM d:1\nENV PATH=/usr/local/bin:$PATH LANG=C.UTF-8\n", want: false},
		{rule: "dockerfile-secret-arg", name: "default", src: "ARG NPM_TOKEN=npm_abcdefabcdefabcdef\nFROM d:1\n", want: true},
		{rule: "dockerfile-secret-arg", name: "in stage", src: "FROM d:1\nARG API_KEY=sk_live_abcdef123456\n", want: true},
		{rule: "dockerfile-secret-arg", name: "no default", src: "FROM d:1\nARG API_KEY\n", want: false},
		{rule: "dockerfile-secret-arg", name: "not secret", src: "FROM d:1\nARG VERSION=1.2.3\n", want: false},
		{rule: "dockerfile-secret-build-arg", name: "no default", src: "FROM d:1\nARG GITHUB_TOKEN\n", want: true},
		{rule: "dockerfile-secret-build-arg", name: "not secret", src: "FROM d:1\nARG VERSION\n", want: false},
		{rule: "dockerfile-secret-file-copy", name: "ssh key", src: "FROM d:1\nCOPY id_rsa /root/.ssh/id_rsa\n", want: true},
		{rule: "dockerfile-secret-file-copy", name: "env file", src: "FROM d:1\nCOPY .env /app/.env\n", want: true},
		{rule: "dockerfile-secret-file-copy", name: "npmrc", src: "FROM d:1\nCOPY .npmrc package.json /app/\n", want: true},
		{rule: "dockerfile-secret-file-copy", name: "aws credentials", src: "FROM d:1\nCOPY .aws/credentials /root/.aws/credentials\n", want: true},
		{rule: "dockerfile-secret-file-copy", name: "source dir named credentials", src: "FROM d:1\nCOPY credentials credentials\n", want: false},
		{rule: "dockerfile-secret-file-copy", name: "env example", src: "FROM d:1\nCOPY .env.example /app/.env\n", want: false},
		{rule: "dockerfile-secret-file-copy", name: "public key", src: "FROM d:1\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n", want: false},
	}
}

func allCases() []ruleCase {
	return append(append(append(dockerfileCases(), packageCases()...), composeCases()...), kubernetesCases()...)
}

func TestRules(t *testing.T) {
	for _, tc := range allCases() {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			p := tc.path
			if p == "" {
				p = "Dockerfile"
			}
			s := newTestScanner(t, tc.files)
			got, err := scanOne(t, s, p, tc.src)
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			fired := false
			for _, f := range got {
				if f.RuleID == tc.rule {
					fired = true
				}
			}
			if fired != tc.want {
				t.Errorf("rule %s fired=%v, want %v; findings: %v\n%s", tc.rule, fired, tc.want, ruleIDs(got), tc.src)
			}
		})
	}
}

// TestRulesHaveSamples checks the table: every rule has a positive and a
// negative sample, a title, rationale and fix, and a unique ID.
func TestRulesHaveSamples(t *testing.T) {
	pos, neg := map[string]int{}, map[string]int{}
	for _, tc := range allCases() {
		if tc.want {
			pos[tc.rule]++
		} else {
			neg[tc.rule]++
		}
	}
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule ID %s", r.ID)
		}
		seen[r.ID] = true
		if pos[r.ID] == 0 || neg[r.ID] == 0 {
			t.Errorf("rule %s has %d positive and %d negative samples, want at least one of each", r.ID, pos[r.ID], neg[r.ID])
		}
		if r.Title == "" || r.Rationale == "" || r.Fix == "" || r.Severity == 0 {
			t.Errorf("rule %s lacks a title, rationale, fix or severity", r.ID)
		}
		if !strings.HasPrefix(r.ID, r.Kind+"-") {
			t.Errorf("rule %s: ID does not start with its kind %q", r.ID, r.Kind)
		}
	}
	for id := range pos {
		if !seen[id] {
			t.Errorf("sample for unknown rule %s", id)
		}
	}
	if len(Rules()) < 30 {
		t.Errorf("%d rules, want at least 30", len(Rules()))
	}
}

// TestDocListsRules keeps the rule list in doc.go in step with Rules().
func TestDocListsRules(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !strings.Contains(string(doc), "\t"+r.ID+" ") {
			t.Errorf("doc.go does not list rule %s", r.ID)
		}
	}
}

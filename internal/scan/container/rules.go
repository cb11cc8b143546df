package container

import "github.com/secaudit/secaudit/internal/finding"

// Rule describes one check: its stable ID, how bad a hit is, why it matters
// and how to fix it. A finding copies its rule's fields.
type Rule struct {
	// ID is stable across releases: "dockerfile-..." or "compose-...". It is
	// what .secaudit.yaml's container.disable lists.
	ID string
	// Kind is "dockerfile" or "compose"; it is also the finding's tag.
	Kind       string
	Severity   finding.Severity
	Confidence string
	Title      string
	// Rationale says why the rule matters; it ends every finding's message.
	Rationale string
	Fix       string
	CWE       []string
}

// Rules returns the rule table, Dockerfile rules first. The returned slice is
// a fresh copy that the caller may keep.
//
// Severities are chosen so that no container rule is critical: a critical
// finding would be classed as exit code 2 (critical vulnerabilities, pages
// Security) instead of 5.
func Rules() []Rule {
	rules := append(imageRules(), userRules()...)
	rules = append(rules, runRules()...)
	rules = append(rules, packageRules()...)
	rules = append(rules, instructionRules()...)
	rules = append(rules, secretRules()...)
	rules = append(rules, composeRules()...)
	return append(rules, kubernetesRules()...)
}

func df(id string, sev finding.Severity, conf, title, why, fix string, cwe ...string) Rule {
	return Rule{ID: id, Kind: "dockerfile", Severity: sev, Confidence: conf, Title: title, Rationale: why, Fix: fix, CWE: cwe}
}

func imageRules() []Rule {
	return []Rule{
		df("dockerfile-image-latest", finding.Medium, "high",
			"Base image without a tag or with :latest",
			"an untagged or :latest base image changes under you: builds are not reproducible and may silently pull a vulnerable or incompatible image",
			"pin the base image to a specific version tag (and ideally a digest), e.g. FROM debian:12.5-slim",
			"CWE-1357"),
		df("dockerfile-image-no-digest", finding.Low, "high",
			"Base image not pinned by digest",
			"a tag can be moved to a different image by whoever controls the registry; only a digest identifies the exact image that was reviewed",
			"append the digest: FROM image:tag@sha256:<digest> (tools like Renovate keep digests current)",
			"CWE-1357"),
		df("dockerfile-from-platform", finding.Info, "medium",
			"FROM --platform with a hard-coded platform",
			"a hard-coded platform forces emulation or a wrong architecture on multi-platform builds",
			"use --platform=$BUILDPLATFORM or $TARGETPLATFORM, or drop the flag"),
		df("dockerfile-duplicate-stage-name", finding.Low, "high",
			"Two build stages share a name",
			"references to a duplicated stage name are ambiguous, so COPY --from may take files from the wrong stage",
			"give every stage a unique name"),
		df("dockerfile-copy-from-self", finding.Low, "high",
			"COPY --from refers to the stage it is in",
			"a stage cannot copy from itself; the instruction fails or copies from an image of the same name",
			"refer to an earlier stage or an image"),
	}
}

func userRules() []Rule {
	return []Rule{
		df("dockerfile-root-user", finding.High, "medium",
			"Final image runs as root",
			"a process running as root in the container turns any code execution into root on the container and eases escape to the host",
			"create an unprivileged user and add USER <name> (or a numeric UID) to the final stage",
			"CWE-250"),
		df("dockerfile-sudo", finding.Medium, "high",
			"sudo used in RUN",
			"sudo has unpredictable TTY and signal behaviour and its presence in an image gives an easy privilege escalation path",
			"RUN as root where needed and switch with USER; use gosu or su-exec in entrypoints",
			"CWE-250"),
		df("dockerfile-useradd-no-log-init", finding.Low, "medium",
			"useradd with a high UID without -l",
			"useradd without -l (--no-log-init) writes a sparse lastlog/faillog entry sized by the UID, which can add gigabytes to the image",
			"add -l / --no-log-init to useradd"),
		df("dockerfile-chmod-777", finding.Medium, "high",
			"World-writable permissions (chmod 777)",
			"world-writable files and directories let any user or process in the container modify programs and data",
			"grant the minimum permissions needed (e.g. 755 or 750) and set ownership with COPY --chown",
			"CWE-732"),
	}
}

func runRules() []Rule {
	return []Rule{
		df("dockerfile-curl-pipe-shell", finding.High, "high",
			"Remote script piped into a shell",
			"piping a download straight into a shell runs code that was never verified; a compromised or spoofed server gets code execution in the build",
			"download to a file, verify its checksum or signature, then run it",
			"CWE-494"),
		df("dockerfile-run-insecure", finding.High, "high",
			"RUN --security=insecure",
			"insecure mode runs the build step with all capabilities and no sandbox, like a privileged container on the build host",
			"remove --security=insecure; perform privileged work outside the image build",
			"CWE-250"),
		df("dockerfile-run-network-host", finding.Medium, "high",
			"RUN --network=host",
			"host networking gives the build step access to the build host's network namespace and local services",
			"remove --network=host; use build args or secrets for what the step needs"),
		df("dockerfile-tls-verification-disabled", finding.Medium, "high",
			"TLS certificate verification disabled",
			"curl -k, wget --no-check-certificate, pip --trusted-host, git http.sslVerify=false and similar accept any certificate, so a network attacker can substitute what the build downloads",
			"fix the trust store (install ca-certificates, add the internal CA) instead of disabling verification",
			"CWE-295"),
		df("dockerfile-plain-http-download", finding.Low, "medium",
			"Download over plain HTTP",
			"content fetched over http:// can be replaced in transit; unlike apt repositories, a plain download carries no signature",
			"use https:// and verify a checksum",
			"CWE-319", "CWE-494"),
		df("dockerfile-unsigned-packages", finding.Medium, "high",
			"Package signature checks disabled",
			"apk --allow-untrusted, yum/dnf --nogpgcheck, rpm --nosignature and apt --allow-unauthenticated install packages whose origin is not verified",
			"import the repository's signing key and keep signature checks on",
			"CWE-494"),
		df("dockerfile-credentials-in-url", finding.High, "high",
			"Credentials embedded in a URL",
			"a user:password@ URL in RUN or ADD is stored in the image history and the Dockerfile's repository",
			"use RUN --mount=type=secret (or a .netrc secret mount) to pass credentials at build time",
			"CWE-798"),
		df("dockerfile-ssh-server", finding.Medium, "high",
			"SSH server installed in the image",
			"an SSH daemon in a container is an extra remote login surface with its own keys and users to manage",
			"remove openssh-server; use docker exec or kubectl exec for access"),
		df("dockerfile-pipefail", finding.Info, "medium",
			"Pipe in RUN without pipefail",
			"a RUN step only fails when the last command of a pipe fails, so a failed download piped into another command goes unnoticed",
			`add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the RUN, or start it with set -o pipefail`),
		df("dockerfile-wget-and-curl", finding.Info, "high",
			"Both wget and curl used",
			"installing two download tools doubles the image's download attack surface for no benefit",
			"pick one of curl or wget"),
		df("dockerfile-run-cd", finding.Info, "high",
			"cd used in RUN",
			"a cd inside RUN is easy to misread and does not persist to later instructions",
			"use WORKDIR to change directory"),
	}
}

func instructionRules() []Rule {
	return []Rule{
		df("dockerfile-add-local", finding.Low, "high",
			"ADD used where COPY serves",
			"ADD silently unpacks archives and fetches URLs; COPY of a local file states the intent and cannot surprise",
			"use COPY for local files and directories"),
		df("dockerfile-add-remote", finding.Medium, "high",
			"ADD of a remote URL without a checksum",
			"ADD <url> downloads content at build time without integrity verification",
			"use ADD --checksum=sha256:<digest> <url>, or RUN curl with a checksum check",
			"CWE-494"),
		df("dockerfile-copy-context-no-dockerignore", finding.Medium, "medium",
			"Whole build context copied without a .dockerignore",
			"COPY . copies everything in the build context, including .git, .env files and credentials, into an image layer",
			"add a .dockerignore next to the Dockerfile (or at the context root), or copy only the files needed",
			"CWE-538"),
		df("dockerfile-expose-ssh", finding.Medium, "high",
			"SSH port 22 exposed",
			"an SSH server in a container is a remote login surface that bypasses the orchestrator's access controls",
			"remove EXPOSE 22 and the SSH server; use docker exec or kubectl exec for access"),
		df("dockerfile-expose-invalid-port", finding.Low, "high",
			"EXPOSE with a port out of range",
			"ports must be 0-65535; an invalid port is a typo that leaves the intended port unpublished",
			"fix the port number"),
		df("dockerfile-missing-healthcheck", finding.Low, "medium",
			"No HEALTHCHECK in the final image",
			"without a healthcheck the runtime cannot tell a hung service from a healthy one",
			"add HEALTHCHECK CMD <probe>, or HEALTHCHECK NONE to state that none is wanted"),
		df("dockerfile-multiple-healthcheck", finding.Low, "high",
			"More than one HEALTHCHECK in a stage",
			"only the last HEALTHCHECK takes effect; earlier ones are dead code that misleads readers",
			"keep a single HEALTHCHECK"),
		df("dockerfile-multiple-cmd", finding.Low, "high",
			"More than one CMD in a stage",
			"only the last CMD takes effect; earlier ones are dead code that misleads readers",
			"keep a single CMD"),
		df("dockerfile-multiple-entrypoint", finding.Low, "high",
			"More than one ENTRYPOINT in a stage",
			"only the last ENTRYPOINT takes effect; earlier ones are dead code that misleads readers",
			"keep a single ENTRYPOINT"),
		df("dockerfile-shell-form-entrypoint", finding.Low, "high",
			"ENTRYPOINT in shell form",
			"in shell form the process runs under /bin/sh -c as PID 1, so it does not receive SIGTERM and is killed after the grace period",
			`use the exec (JSON) form: ENTRYPOINT ["/app/server"]`),
		df("dockerfile-shell-form-cmd", finding.Info, "high",
			"CMD in shell form",
			"in shell form the command runs under /bin/sh -c and does not receive signals directly",
			`use the exec (JSON) form: CMD ["executable", "arg"]`),
		df("dockerfile-relative-workdir", finding.Low, "high",
			"WORKDIR with a relative path",
			"a relative WORKDIR depends on every earlier WORKDIR, which makes the effective directory easy to get wrong",
			"use an absolute path"),
		df("dockerfile-copy-dest-not-dir", finding.Low, "high",
			"COPY of several sources to a destination without a trailing slash",
			"with more than one source the destination must be a directory ending in /, otherwise the build fails",
			"end the destination with /"),
		df("dockerfile-workdir-system-dir", finding.Low, "high",
			"WORKDIR in a system directory",
			"working in /proc, /sys, /dev or /boot writes into kernel or device interfaces",
			"use an application directory such as /app"),
		df("dockerfile-maintainer", finding.Info, "high",
			"Deprecated MAINTAINER instruction",
			"MAINTAINER is deprecated",
			`use LABEL org.opencontainers.image.authors="..."`),
		df("dockerfile-onbuild-copy", finding.Info, "medium",
			"ONBUILD ADD or COPY",
			"ONBUILD ADD/COPY copies files from whatever context a downstream image builds in, which its author may not expect",
			"copy files explicitly in the downstream Dockerfile"),
	}
}

func secretRules() []Rule {
	return []Rule{
		df("dockerfile-secret-env", finding.High, "medium",
			"Secret in ENV",
			"ENV values are stored in the image config and visible to anyone who can pull the image (docker inspect)",
			"pass secrets at run time (orchestrator secrets, mounted files) and at build time with RUN --mount=type=secret",
			"CWE-798", "CWE-538"),
		df("dockerfile-secret-arg", finding.High, "medium",
			"Secret as ARG default",
			"ARG values are recorded in the image history (docker history) of every image built with them",
			"use RUN --mount=type=secret,id=... and docker build --secret",
			"CWE-798", "CWE-538"),
		df("dockerfile-secret-build-arg", finding.Low, "low",
			"Credential passed as a build arg",
			"a value passed with --build-arg is recorded in the image history of every image built with it",
			"use RUN --mount=type=secret,id=... and docker build --secret instead of an ARG",
			"CWE-538"),
		df("dockerfile-secret-file-copy", finding.High, "medium",
			"Credential file copied into the image",
			"a private key or credential file copied into a layer stays in the image even if a later layer deletes it",
			"use RUN --mount=type=secret or --mount=type=ssh at build time and runtime secrets for the container",
			"CWE-538"),
	}
}

package container

// TrivyChecks maps trivy's Dockerfile check IDs (normalized to "DS001") to
// the secaudit rules that check the same thing. Trivy's DS031 (secrets in
// ENV/ARG) corresponds to three rules. The bench compares the two tools with
// it, and an importer of trivy results can use it to tell duplicates apart.
func TrivyChecks() map[string][]string {
	return map[string][]string{
		"DS001": {"dockerfile-image-latest"},
		"DS002": {"dockerfile-root-user"},
		"DS004": {"dockerfile-expose-ssh"},
		"DS005": {"dockerfile-add-local"},
		"DS006": {"dockerfile-copy-from-self"},
		"DS007": {"dockerfile-multiple-entrypoint"},
		"DS008": {"dockerfile-expose-invalid-port"},
		"DS009": {"dockerfile-relative-workdir"},
		"DS010": {"dockerfile-sudo"},
		"DS011": {"dockerfile-copy-dest-not-dir"},
		"DS012": {"dockerfile-duplicate-stage-name"},
		"DS013": {"dockerfile-run-cd"},
		"DS014": {"dockerfile-wget-and-curl"},
		"DS015": {"dockerfile-yum-not-cleaned"},
		"DS016": {"dockerfile-multiple-cmd"},
		"DS017": {"dockerfile-pkg-update-alone"},
		"DS019": {"dockerfile-dnf-not-cleaned"},
		"DS020": {"dockerfile-zypper-not-cleaned"},
		"DS021": {"dockerfile-apt-missing-y"},
		"DS022": {"dockerfile-maintainer"},
		"DS023": {"dockerfile-multiple-healthcheck"},
		"DS024": {"dockerfile-apt-upgrade"},
		"DS025": {"dockerfile-apk-no-cache"},
		"DS026": {"dockerfile-missing-healthcheck"},
		"DS027": {"dockerfile-dnf-not-cleaned"},
		"DS029": {"dockerfile-apt-no-install-recommends"},
		"DS030": {"dockerfile-workdir-system-dir"},
		"DS031": {"dockerfile-secret-env", "dockerfile-secret-arg", "dockerfile-secret-build-arg"},
	}
}

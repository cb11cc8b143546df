// Package container checks Dockerfiles (and Containerfiles), Docker Compose
// files and Kubernetes workload manifests for security and hygiene
// problems, in the spirit of hadolint's and trivy's Dockerfile checks. Every finding it reports has the
// category finding.Container, which the default exit-code table maps to
// exit code 5 (Infrastructure team).
//
// Dockerfiles are parsed with BuildKit's own parser
// (github.com/moby/buildkit/frontend/dockerfile/parser and instructions), so
// multi-stage builds, heredocs, line continuations and the "# syntax=" and
// "# escape=" directives are understood exactly as "docker build" does.
// Default values of the ARGs declared before the first FROM are substituted
// into base image references. Shell commands in RUN are parsed with
// mvdan.cc/sh so that pipes, "&&" chains and quoting are seen as a shell sees
// them. Compose files are loaded with compose-go and positions are recovered
// from a yaml.v3 node tree.
//
// Rule IDs are descriptive and stable: "dockerfile-<what>" for Dockerfile
// rules and "compose-<what>" for compose rules. Rules() returns the table
// with each rule's rationale, fix and CWE; in short (a test keeps this list
// in step with it):
//
//	dockerfile-image-latest                    medium   Base image without a tag or with :latest
//	dockerfile-image-no-digest                 low      Base image not pinned by digest
//	dockerfile-from-platform                   info     FROM --platform with a hard-coded platform
//	dockerfile-duplicate-stage-name            low      Two build stages share a name
//	dockerfile-copy-from-self                  low      COPY --from refers to the stage it is in
//	dockerfile-root-user                       high     Final image runs as root
//	dockerfile-sudo                            medium   sudo used in RUN
//	dockerfile-useradd-no-log-init             low      useradd with a high UID without -l
//	dockerfile-chmod-777                       medium   World-writable permissions (chmod 777)
//	dockerfile-curl-pipe-shell                 high     Remote script piped into a shell
//	dockerfile-run-insecure                    high     RUN --security=insecure
//	dockerfile-run-network-host                medium   RUN --network=host
//	dockerfile-tls-verification-disabled       medium   TLS certificate verification disabled
//	dockerfile-plain-http-download             low      Download over plain HTTP
//	dockerfile-unsigned-packages               medium   Package signature checks disabled
//	dockerfile-credentials-in-url              high     Credentials embedded in a URL
//	dockerfile-ssh-server                      medium   SSH server installed in the image
//	dockerfile-pipefail                        info     Pipe in RUN without pipefail
//	dockerfile-wget-and-curl                   info     Both wget and curl used
//	dockerfile-run-cd                          info     cd used in RUN
//	dockerfile-apt-missing-y                   medium   apt-get install without -y
//	dockerfile-apt-no-install-recommends       low      apt-get install without --no-install-recommends
//	dockerfile-apt-lists-not-cleaned           low      apt lists not removed after apt-get install
//	dockerfile-apt-unpinned                    low      apt-get install without version pins
//	dockerfile-pkg-update-alone                medium   Package index update in its own RUN
//	dockerfile-apt-upgrade                     info     apt-get upgrade or dist-upgrade in a Dockerfile
//	dockerfile-apt-cli                         info     apt used instead of apt-get
//	dockerfile-apk-no-cache                    low      apk add without --no-cache
//	dockerfile-apk-unpinned                    low      apk add without version pins
//	dockerfile-pip-unpinned                    low      pip install without version pins
//	dockerfile-pip-no-cache-dir                low      pip install without --no-cache-dir
//	dockerfile-npm-unpinned                    low      npm install of packages without versions
//	dockerfile-gem-unpinned                    low      gem install without a version
//	dockerfile-yum-missing-y                   medium   yum install without -y
//	dockerfile-yum-not-cleaned                 low      yum cache not cleaned after yum install
//	dockerfile-dnf-missing-y                   medium   dnf install without -y
//	dockerfile-dnf-not-cleaned                 low      dnf cache not cleaned after dnf install
//	dockerfile-zypper-missing-y                medium   zypper install without non-interactive mode
//	dockerfile-zypper-not-cleaned              low      zypper cache not cleaned after zypper install
//	dockerfile-add-local                       low      ADD used where COPY serves
//	dockerfile-add-remote                      medium   ADD of a remote URL without a checksum
//	dockerfile-copy-context-no-dockerignore    medium   Whole build context copied without a .dockerignore
//	dockerfile-expose-ssh                      medium   SSH port 22 exposed
//	dockerfile-expose-invalid-port             low      EXPOSE with a port out of range
//	dockerfile-missing-healthcheck             low      No HEALTHCHECK in the final image
//	dockerfile-multiple-healthcheck            low      More than one HEALTHCHECK in a stage
//	dockerfile-multiple-cmd                    low      More than one CMD in a stage
//	dockerfile-multiple-entrypoint             low      More than one ENTRYPOINT in a stage
//	dockerfile-shell-form-entrypoint           low      ENTRYPOINT in shell form
//	dockerfile-shell-form-cmd                  info     CMD in shell form
//	dockerfile-relative-workdir                low      WORKDIR with a relative path
//	dockerfile-copy-dest-not-dir               low      COPY of several sources to a destination without a trailing slash
//	dockerfile-workdir-system-dir              low      WORKDIR in a system directory
//	dockerfile-maintainer                      info     Deprecated MAINTAINER instruction
//	dockerfile-onbuild-copy                    info     ONBUILD ADD or COPY
//	dockerfile-secret-env                      high     Secret in ENV
//	dockerfile-secret-arg                      high     Secret as ARG default
//	dockerfile-secret-build-arg                low      Credential passed as a build arg
//	dockerfile-secret-file-copy                high     Credential file copied into the image
//	compose-privileged                         high     Privileged container
//	compose-network-host                       medium   Host network mode
//	compose-pid-host                           high     Host PID namespace
//	compose-ipc-host                           medium   Host IPC namespace
//	compose-userns-host                        medium   User namespace remapping disabled
//	compose-docker-socket                      high     Docker socket mounted into a container
//	compose-sensitive-host-mount               high     Sensitive host path mounted
//	compose-cap-add                            high     Dangerous capability added
//	compose-security-opt-unconfined            high     Security profile disabled
//	compose-secret-environment                 high     Secret in environment
//	compose-image-latest                       medium   Image without a tag or with :latest
//	compose-database-port-exposed              low      Database port published on all interfaces
//	kubernetes-privileged                      high     Privileged container
//	kubernetes-host-namespace                  high     Pod shares a host namespace
//	kubernetes-privilege-escalation            medium   Privilege escalation allowed
//	kubernetes-run-as-root                     medium   Container runs as UID 0
//	kubernetes-cap-add                         high     Dangerous capability added
//	kubernetes-host-path                       high     Sensitive hostPath volume
//	kubernetes-image-latest                    medium   Image without a tag or with :latest
//	kubernetes-secret-env                      high     Secret in a container env value
//
// Rules about caches left in the image (apt lists, yum/dnf/zypper caches)
// only apply to stages that end up in the final image; the final-image
// rules (root user, healthcheck) follow FROM references to earlier stages.
// A .dockerignore next to the Dockerfile, named <Dockerfile>.dockerignore,
// or at the root of the scanned tree counts for the build-context rule.
package container

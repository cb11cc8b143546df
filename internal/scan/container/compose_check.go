package container

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/secaudit/secaudit/internal/finding"
)

func cr(id string, sev finding.Severity, conf, title, why, fix string, cwe ...string) Rule {
	return Rule{ID: id, Kind: "compose", Severity: sev, Confidence: conf, Title: title, Rationale: why, Fix: fix, CWE: cwe}
}

func composeRules() []Rule {
	return []Rule{
		cr("compose-privileged", finding.High, "high", "Privileged container",
			"a privileged container has every capability and all host devices; escaping to the host is trivial",
			"remove privileged: true and add only the capabilities needed with cap_add", "CWE-250"),
		cr("compose-network-host", finding.Medium, "high", "Host network mode",
			"network_mode: host shares the host's network stack, exposing host-local services and bypassing network isolation",
			"use a bridge network and publish only the ports needed"),
		cr("compose-pid-host", finding.High, "high", "Host PID namespace",
			"pid: host lets the container see and signal every process on the host",
			"remove pid: host", "CWE-250"),
		cr("compose-ipc-host", finding.Medium, "high", "Host IPC namespace",
			"ipc: host shares the host's shared memory and IPC objects with the container",
			"remove ipc: host or use ipc: shareable between the services that need it"),
		cr("compose-userns-host", finding.Medium, "high", "User namespace remapping disabled",
			"userns_mode: host turns off user namespace remapping, so root in the container is root on the host",
			"remove userns_mode: host"),
		cr("compose-docker-socket", finding.High, "high", "Docker socket mounted into a container",
			"access to the Docker socket is root on the host: the container can start privileged containers",
			"do not mount /var/run/docker.sock; use a socket proxy with a restricted API if it is unavoidable", "CWE-250"),
		cr("compose-sensitive-host-mount", finding.High, "medium", "Sensitive host path mounted",
			"mounting host system directories (/, /etc, /proc, /sys, /root, /var/lib/docker) lets the container read or change the host",
			"mount only the application directories the service needs, read-only where possible", "CWE-668"),
		cr("compose-cap-add", finding.High, "high", "Dangerous capability added",
			"capabilities such as ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE or NET_ADMIN give the container near-root power over the host kernel",
			"drop the capability; add only narrowly scoped ones", "CWE-250"),
		cr("compose-security-opt-unconfined", finding.High, "high", "Security profile disabled",
			"seccomp:unconfined, apparmor:unconfined or label:disable remove kernel-level confinement of the container",
			"remove the option; write a custom profile if the default one blocks something needed", "CWE-693"),
		cr("compose-secret-environment", finding.High, "medium", "Secret in environment",
			"a literal credential in a compose file is committed to the repository and visible with docker inspect",
			"reference a variable (${DB_PASSWORD}) from an untracked .env, or use compose secrets", "CWE-798"),
		cr("compose-image-latest", finding.Medium, "high", "Image without a tag or with :latest",
			"an untagged or :latest image changes under you: deployments are not reproducible",
			"pin the image to a version tag (and ideally a digest)", "CWE-1357"),
		cr("compose-database-port-exposed", finding.Low, "medium", "Database port published on all interfaces",
			"publishing a database port without a host IP binds it on 0.0.0.0, reachable from the network, and Docker's rules bypass host firewalls",
			`bind to localhost ("127.0.0.1:5432:5432") or do not publish the port`, "CWE-668"),
	}
}

// composeCheck runs the compose rules over one file.
type composeCheck struct {
	e     *emitter
	idx   *yamlIndex
	lines [][]byte
}

func (c composeCheck) hit(rule, svc, key, item, detail string) {
	line := c.idx.line(svc, key, item)
	ev := ""
	if line > 0 && line <= len(c.lines) {
		ev = strings.TrimSpace(string(c.lines[line-1]))
	}
	c.e.add(hit{rule: rule, line: line, end: line, evidence: ev,
		key: svc + "|" + key + "|" + item, detail: fmt.Sprintf("service %q: %s", svc, detail)})
}

var dangerousCaps = map[string]bool{"ALL": true, "SYS_ADMIN": true, "SYS_MODULE": true, "SYS_RAWIO": true,
	"SYS_PTRACE": true, "DAC_READ_SEARCH": true, "NET_ADMIN": true, "SYS_BOOT": true, "BPF": true}

var databasePorts = map[uint32]string{3306: "MySQL", 5432: "PostgreSQL", 6379: "Redis", 27017: "MongoDB",
	9200: "Elasticsearch", 11211: "Memcached", 5984: "CouchDB", 9042: "Cassandra", 1433: "SQL Server",
	1521: "Oracle", 8086: "InfluxDB", 7474: "Neo4j", 26257: "CockroachDB", 9000: "ClickHouse"}

func (c composeCheck) service(name string, s types.ServiceConfig) {
	if s.Privileged {
		c.hit("compose-privileged", name, "privileged", "", "privileged: true")
	}
	for _, m := range []struct{ rule, key, val string }{
		{"compose-network-host", "network_mode", s.NetworkMode},
		{"compose-pid-host", "pid", s.Pid},
		{"compose-ipc-host", "ipc", s.Ipc},
		{"compose-userns-host", "userns_mode", s.UserNSMode},
	} {
		if strings.EqualFold(m.val, "host") {
			c.hit(m.rule, name, m.key, "", m.key+": host")
		}
	}
	for _, capName := range s.CapAdd {
		norm := strings.TrimPrefix(strings.ToUpper(capName), "CAP_")
		if dangerousCaps[norm] {
			c.hit("compose-cap-add", name, "cap_add", capName, "cap_add: "+capName)
		}
	}
	for _, opt := range s.SecurityOpt {
		o := strings.ToLower(strings.ReplaceAll(opt, "=", ":"))
		if o == "seccomp:unconfined" || o == "apparmor:unconfined" || o == "label:disable" || o == "systempaths:unconfined" {
			c.hit("compose-security-opt-unconfined", name, "security_opt", opt, "security_opt: "+opt)
		}
	}
	c.volumes(name, s)
	c.environment(name, s)
	c.image(name, s)
	c.ports(name, s)
}

func (c composeCheck) volumes(name string, s types.ServiceConfig) {
	for _, v := range s.Volumes {
		if v.Type != "" && v.Type != types.VolumeTypeBind {
			continue
		}
		src := strings.TrimRight(v.Source, "/")
		switch {
		case src == "/var/run/docker.sock" || src == "/run/docker.sock" || strings.HasSuffix(src, "/docker.sock"):
			c.hit("compose-docker-socket", name, "volumes", "docker.sock", "mounts "+v.Source)
		case sensitiveHostPath(src, v.Source):
			c.hit("compose-sensitive-host-mount", name, "volumes", v.Source, "mounts host path "+v.Source)
		}
	}
}

func sensitiveHostPath(src, raw string) bool {
	if raw == "/" {
		return true
	}
	for _, p := range []string{"/etc", "/proc", "/sys", "/root", "/boot", "/dev", "/var/lib/docker", "/var/run", "/run", "/lib/modules", "/usr"} {
		if src == p || (strings.HasPrefix(src, p+"/") && p != "/var/run" && p != "/run" && p != "/dev" && p != "/usr") {
			return true
		}
	}
	return false
}

func (c composeCheck) environment(name string, s types.ServiceConfig) {
	for k, v := range s.Environment {
		if v == nil || !isSecretName(k) || !isLiteralSecret(*v) || strings.Contains(c.idx.rawEnv(name, k), "$") {
			continue
		}
		c.e.secret(*v)
		c.hit("compose-secret-environment", name, "environment", k, k+" is set to a literal value")
	}
}

func (c composeCheck) image(name string, s types.ServiceConfig) {
	// With a build section, image names what compose builds, not a pull.
	if s.Image == "" || s.Build != nil || strings.Contains(s.Image, "$") || strings.Contains(c.idx.scalar(name, "image"), "$") {
		return
	}
	ref := parseImageRef(s.Image)
	if ref.digest == "" && (ref.tag == "" || ref.tag == "latest") {
		c.hit("compose-image-latest", name, "image", "", fmt.Sprintf("image %q has %s", s.Image, tagProblem(ref.tag)))
	}
}

func (c composeCheck) ports(name string, s types.ServiceConfig) {
	for _, p := range s.Ports {
		db, ok := databasePorts[p.Target]
		if !ok || p.Published == "" {
			continue
		}
		if p.HostIP == "" || p.HostIP == "0.0.0.0" || p.HostIP == "::" {
			c.hit("compose-database-port-exposed", name, "ports", strconv.Itoa(int(p.Target)),
				fmt.Sprintf("%s port %d is published on all interfaces", db, p.Target))
		}
	}
}

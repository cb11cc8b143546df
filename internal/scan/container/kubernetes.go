package container

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan"
	"gopkg.in/yaml.v3"
)

func kr(id string, sev finding.Severity, conf, title, why, fix string, cwe ...string) Rule {
	return Rule{ID: id, Kind: "kubernetes", Severity: sev, Confidence: conf, Title: title, Rationale: why, Fix: fix, CWE: cwe}
}

func kubernetesRules() []Rule {
	return []Rule{
		kr("kubernetes-privileged", finding.High, "high", "Privileged container",
			"a privileged container has every capability and all host devices; escaping to the node is trivial",
			"remove securityContext.privileged: true", "CWE-250"),
		kr("kubernetes-host-namespace", finding.High, "high", "Pod shares a host namespace",
			"hostNetwork, hostPID or hostIPC give the pod the node's network stack, processes or IPC objects",
			"remove hostNetwork/hostPID/hostIPC", "CWE-250"),
		kr("kubernetes-privilege-escalation", finding.Medium, "high", "Privilege escalation allowed",
			"allowPrivilegeEscalation: true lets a process gain more privileges than its parent (setuid binaries)",
			"set securityContext.allowPrivilegeEscalation: false", "CWE-250"),
		kr("kubernetes-run-as-root", finding.Medium, "high", "Container runs as UID 0",
			"runAsUser: 0 or runAsNonRoot: false runs the workload as root",
			"set runAsNonRoot: true and a non-zero runAsUser", "CWE-250"),
		kr("kubernetes-cap-add", finding.High, "high", "Dangerous capability added",
			"capabilities such as ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE or NET_ADMIN give the container near-root power over the node kernel",
			"drop the capability; add only narrowly scoped ones", "CWE-250"),
		kr("kubernetes-host-path", finding.High, "medium", "Sensitive hostPath volume",
			"mounting the Docker/containerd socket or host system directories lets the pod control or read the node",
			"use a dedicated volume type instead of hostPath", "CWE-668"),
		kr("kubernetes-image-latest", finding.Medium, "high", "Image without a tag or with :latest",
			"an untagged or :latest image changes under you: rollouts are not reproducible",
			"pin the image to a version tag (and ideally a digest)", "CWE-1357"),
		kr("kubernetes-secret-env", finding.High, "medium", "Secret in a container env value",
			"a literal credential in a manifest is committed to the repository and readable by anyone who can read the pod spec",
			"use valueFrom.secretKeyRef with a Kubernetes Secret", "CWE-798"),
	}
}

// podSpecPaths lists, per workload kind, where the pod spec sits.
var podSpecPaths = map[string][]string{
	"Pod":                   {"spec"},
	"Deployment":            {"spec", "template", "spec"},
	"StatefulSet":           {"spec", "template", "spec"},
	"DaemonSet":             {"spec", "template", "spec"},
	"ReplicaSet":            {"spec", "template", "spec"},
	"ReplicationController": {"spec", "template", "spec"},
	"Job":                   {"spec", "template", "spec"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "spec"},
}

// isManifestCandidate reports whether p may be a Kubernetes manifest: any
// YAML file that is not a compose file. Scan decides from the content.
func isManifestCandidate(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return (ext == ".yml" || ext == ".yaml") && !isCompose(p)
}

// scanKubernetes checks every workload document of a YAML file. YAML that
// does not parse, or documents without apiVersion and a known workload
// kind, are not Kubernetes manifests this scanner claims (Helm templates,
// CI configs) and yield nothing rather than an error.
func (s *Scanner) scanKubernetes(f scan.File) []finding.Finding {
	if !bytes.Contains(f.Data, []byte("apiVersion")) || !bytes.Contains(f.Data, []byte("kind")) ||
		bytes.Contains(f.Data, []byte("{{")) {
		// Not a manifest, or a Helm/Go template whose rendered values are
		// unknown here.
		return nil
	}
	e := &emitter{s: s, path: f.Path, kind: "kubernetes"}
	lines := bytes.Split(f.Data, []byte("\n"))
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if !errors.Is(err, io.EOF) {
				e.out, e.keys = nil, nil
			}
			break
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		kind := mapValue(root, "kind")
		if kind == nil || mapValue(root, "apiVersion") == nil {
			continue
		}
		specPath, ok := podSpecPaths[kind.Value]
		if !ok {
			continue
		}
		spec := root
		for _, k := range specPath {
			spec = mapValue(spec, k)
		}
		if spec == nil {
			continue
		}
		name := kind.Value
		if md := mapValue(root, "metadata"); md != nil {
			if n := mapValue(md, "name"); n != nil {
				name += "/" + n.Value
			}
		}
		k := k8sCheck{e: e, lines: lines, workload: name}
		k.pod(spec)
	}
	return e.finish()
}

// k8sCheck runs the Kubernetes rules over one workload.
type k8sCheck struct {
	e        *emitter
	lines    [][]byte
	workload string
}

func (k k8sCheck) hit(rule string, n *yaml.Node, key, detail string) {
	ev := ""
	if n.Line > 0 && n.Line <= len(k.lines) {
		ev = strings.TrimSpace(string(k.lines[n.Line-1]))
	}
	k.e.add(hit{rule: rule, line: n.Line, end: n.Line, evidence: ev, key: k.workload + "|" + key,
		detail: fmt.Sprintf("%s: %s", k.workload, detail)})
}

func isTrue(n *yaml.Node) bool { return n != nil && n.Kind == yaml.ScalarNode && n.Value == "true" }

func (k k8sCheck) pod(spec *yaml.Node) {
	for _, ns := range []string{"hostNetwork", "hostPID", "hostIPC"} {
		if v := mapValue(spec, ns); isTrue(v) {
			k.hit("kubernetes-host-namespace", v, ns, ns+": true")
		}
	}
	k.securityContext(mapValue(spec, "securityContext"), "pod")
	if vols := mapValue(spec, "volumes"); vols != nil {
		for _, vol := range vols.Content {
			hp := mapValue(mapValue(vol, "hostPath"), "path")
			if hp == nil {
				continue
			}
			p := strings.TrimRight(hp.Value, "/")
			if strings.HasSuffix(p, ".sock") || sensitiveHostPath(p, hp.Value) {
				k.hit("kubernetes-host-path", hp, "hostPath:"+hp.Value, "hostPath "+hp.Value)
			}
		}
	}
	for _, list := range []string{"initContainers", "containers", "ephemeralContainers"} {
		cs := mapValue(spec, list)
		if cs == nil {
			continue
		}
		for _, c := range cs.Content {
			k.container(c)
		}
	}
}

func (k k8sCheck) container(c *yaml.Node) {
	name := "container"
	if n := mapValue(c, "name"); n != nil {
		name = n.Value
	}
	if img := mapValue(c, "image"); img != nil && img.Kind == yaml.ScalarNode && img.Value != "" && !strings.Contains(img.Value, "$") && !strings.Contains(img.Value, "{{") {
		ref := parseImageRef(img.Value)
		if ref.digest == "" && (ref.tag == "" || ref.tag == "latest") {
			k.hit("kubernetes-image-latest", img, name+"|image", fmt.Sprintf("container %q image %q has %s", name, img.Value, tagProblem(ref.tag)))
		}
	}
	k.securityContext(mapValue(c, "securityContext"), name)
	if env := mapValue(c, "env"); env != nil {
		for _, ev := range env.Content {
			n, v := mapValue(ev, "name"), mapValue(ev, "value")
			if n == nil || v == nil || !isSecretName(n.Value) || !isLiteralSecret(v.Value) {
				continue
			}
			k.e.secret(v.Value)
			k.hit("kubernetes-secret-env", v, name+"|env|"+n.Value, fmt.Sprintf("container %q env %s is a literal value", name, n.Value))
		}
	}
}

func (k k8sCheck) securityContext(sc *yaml.Node, who string) {
	if sc == nil {
		return
	}
	if v := mapValue(sc, "privileged"); isTrue(v) {
		k.hit("kubernetes-privileged", v, who+"|privileged", who+" is privileged")
	}
	if v := mapValue(sc, "allowPrivilegeEscalation"); isTrue(v) {
		k.hit("kubernetes-privilege-escalation", v, who+"|ape", who+" allows privilege escalation")
	}
	if v := mapValue(sc, "runAsUser"); v != nil && v.Value == "0" {
		k.hit("kubernetes-run-as-root", v, who+"|runAsUser", who+" runs as UID 0")
	}
	if v := mapValue(sc, "runAsNonRoot"); v != nil && v.Value == "false" {
		k.hit("kubernetes-run-as-root", v, who+"|runAsNonRoot", who+" sets runAsNonRoot: false")
	}
	if add := mapValue(mapValue(sc, "capabilities"), "add"); add != nil {
		for _, c := range add.Content {
			if dangerousCaps[strings.TrimPrefix(strings.ToUpper(c.Value), "CAP_")] {
				k.hit("kubernetes-cap-add", c, who+"|cap|"+c.Value, who+" adds capability "+c.Value)
			}
		}
	}
}

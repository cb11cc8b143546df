package container

// Samples for the compose and Kubernetes rules.

func composeCases() []ruleCase {
	c := func(rule, name, svc string, want bool) ruleCase {
		return ruleCase{rule: rule, name: name, path: "docker-compose.yml", want: want,
			src: "services:\n  app:\n    image: nginx:1.25\n" + svc}
	}
	return []ruleCase{
		c("compose-privileged", "privileged", "    privileged: true\n", true),
		c("compose-privileged", "not privileged", "    privileged: false\n", false),
		c("compose-network-host", "host", "    network_mode: host\n", true),
		c("compose-network-host", "bridge", "    network_mode: bridge\n", false),
		c("compose-pid-host", "host", "    pid: host\n", true),
		c("compose-pid-host", "service", "    pid: \"service:db\"\n", false),
		c("compose-ipc-host", "host", "    ipc: host\n", true),
		c("compose-ipc-host", "shareable", "    ipc: shareable\n", false),
		c("compose-userns-host", "host", "    userns_mode: host\n", true),
		c("compose-userns-host", "unset", "", false),
		c("compose-docker-socket", "short", "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n", true),
		c("compose-docker-socket", "long", "    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n", true),
		c("compose-docker-socket", "named volume", "    volumes:\n      - data:/data\nvolumes:\n  data: {}\n", false),
		c("compose-sensitive-host-mount", "etc", "    volumes:\n      - /etc:/host/etc:ro\n", true),
		c("compose-sensitive-host-mount", "root fs", "    volumes:\n      - /:/host\n", true),
		c("compose-sensitive-host-mount", "app dir", "    volumes:\n      - ./src:/app/src\n", false),
		c("compose-cap-add", "sys_admin", "    cap_add:\n      - SYS_ADMIN\n", true),
		c("compose-cap-add", "all", "    cap_add: [ALL]\n", true),
		c("compose-cap-add", "net bind", "    cap_add:\n      - NET_BIND_SERVICE\n", false),
		c("compose-security-opt-unconfined", "seccomp", "    security_opt:\n      - seccomp:unconfined\n", true),
		c("compose-security-opt-unconfined", "apparmor", "    security_opt:\n      - apparmor=unconfined\n", true),
		c("compose-security-opt-unconfined", "no-new-privileges", "    security_opt:\n      - no-new-privileges:true\n", false),
		c("compose-secret-environment", "map", "    environment:\n      POSTGRES_PASSWORD: s3cr3tpassw0rd\n", true),
		c("compose-secret-environment", "list", "    environment:\n      - API_KEY=abcdef0123456789\n", true),
		c("compose-secret-environment", "reference", "    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n", false),
		c("compose-secret-environment", "file", "    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n", false),
		{rule: "compose-image-latest", name: "latest", path: "compose.yaml", src: "services:\n  app:\n    image: redis:latest\n", want: true},
		{rule: "compose-image-latest", name: "no tag", path: "compose.yaml", src: "services:\n  app:\n    image: redis\n", want: true},
		{rule: "compose-image-latest", name: "tag", path: "compose.yaml", src: "services:\n  app:\n    image: redis:7.2\n", want: false},
		{rule: "compose-image-latest", name: "built locally as latest", path: "compose.yaml", src: "services:\n  app:\n    build: {context: .}\n    image: myapp:latest\n", want: false},
		{rule: "compose-image-latest", name: "built locally", path: "compose.yaml", src: "services:\n  app:\n    build: .\n    image: myapp\n", want: false},
		c("compose-database-port-exposed", "postgres", "    ports:\n      - \"5432:5432\"\n", true),
		c("compose-database-port-exposed", "localhost", "    ports:\n      - \"127.0.0.1:5432:5432\"\n", false),
		c("compose-database-port-exposed", "web", "    ports:\n      - \"8080:80\"\n", false),
	}
}

func kubernetesCases() []ruleCase {
	pod := func(rule, name, spec, ctr string, want bool) ruleCase {
		return ruleCase{rule: rule, name: name, path: "k8s/deploy.yaml", want: want,
			src: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n" + spec +
				"      containers:\n        - name: web\n          image: nginx:1.25\n" + ctr}
	}
	return []ruleCase{
		pod("kubernetes-privileged", "privileged", "", "          securityContext:\n            privileged: true\n", true),
		pod("kubernetes-privileged", "not privileged", "", "          securityContext:\n            privileged: false\n", false),
		pod("kubernetes-host-namespace", "hostPID", "      hostPID: true\n", "", true),
		pod("kubernetes-host-namespace", "none", "      hostNetwork: false\n", "", false),
		pod("kubernetes-privilege-escalation", "allowed", "", "          securityContext:\n            allowPrivilegeEscalation: true\n", true),
		pod("kubernetes-privilege-escalation", "denied", "", "          securityContext:\n            allowPrivilegeEscalation: false\n", false),
		pod("kubernetes-run-as-root", "uid 0", "      securityContext:\n        runAsUser: 0\n", "", true),
		pod("kubernetes-run-as-root", "non-root", "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n", "", false),
		pod("kubernetes-cap-add", "sys_admin", "", "          securityContext:\n            capabilities:\n              add: [\"SYS_ADMIN\"]\n", true),
		pod("kubernetes-cap-add", "drop all", "", "          securityContext:\n            capabilities:\n              drop: [\"ALL\"]\n", false),
		pod("kubernetes-host-path", "docker socket", "      volumes:\n        - name: d\n          hostPath:\n            path: /var/run/docker.sock\n", "", true),
		pod("kubernetes-host-path", "data dir", "      volumes:\n        - name: d\n          hostPath:\n            path: /data/app\n", "", false),
		pod("kubernetes-secret-env", "literal", "", "          env:\n            - name: DB_PASSWORD\n              value: s3cretpassw0rd\n", true),
		pod("kubernetes-secret-env", "secretKeyRef", "", "          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: pw}\n", false),
		{rule: "kubernetes-image-latest", name: "pod latest", path: "pod.yml", want: true,
			src: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox\n"},
		{rule: "kubernetes-image-latest", name: "cronjob tagged", path: "cron.yml", want: false,
			src: "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: a\n              image: busybox:1.36\n"},
		{rule: "kubernetes-image-latest", name: "not kubernetes", path: ".github/workflows/ci.yml", want: false,
			src: "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n      image: golang\n"},
		{rule: "kubernetes-image-latest", name: "helm template", path: "chart/templates/deploy.yaml", want: false,
			src: "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: {{ .Values.image }}\n"},
	}
}

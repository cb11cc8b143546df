package container

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/secaudit/secaudit/internal/finding"
)

func packageRules() []Rule {
	return []Rule{
		df("dockerfile-apt-missing-y", finding.Medium, "high",
			"apt-get install without -y",
			"without -y the build stops at apt's confirmation prompt or aborts, so the step only works by accident",
			"use apt-get install -y"),
		df("dockerfile-apt-no-install-recommends", finding.Low, "high",
			"apt-get install without --no-install-recommends",
			"recommended packages add software nobody asked for, growing the image and its attack surface",
			"use apt-get install -y --no-install-recommends"),
		df("dockerfile-apt-lists-not-cleaned", finding.Low, "high",
			"apt lists not removed after apt-get install",
			"the package index left in /var/lib/apt/lists bloats the shipped image and goes stale",
			"end the same RUN with && rm -rf /var/lib/apt/lists/*"),
		df("dockerfile-apt-unpinned", finding.Low, "medium",
			"apt-get install without version pins",
			"unpinned packages make builds unreproducible: a rebuild can pull a different, possibly broken or vulnerable, version",
			"pin versions: apt-get install -y pkg=1.2.3-1"),
		df("dockerfile-pkg-update-alone", finding.Medium, "high",
			"Package index update in its own RUN",
			"a cached 'apt-get update' layer is reused by later builds, so the install step uses a stale index and installs outdated, possibly vulnerable packages",
			"combine update and install in one RUN: apt-get update && apt-get install -y ..."),
		df("dockerfile-apt-upgrade", finding.Info, "medium",
			"apt-get upgrade or dist-upgrade in a Dockerfile",
			"upgrading all packages makes the image depend on the day it was built; updating the base image is reproducible",
			"use a newer base image tag instead, or pin and upgrade only the packages that need it"),
		df("dockerfile-apt-cli", finding.Info, "high",
			"apt used instead of apt-get",
			"apt's command line interface is not stable for scripts and warns so; apt-get is meant for non-interactive use",
			"use apt-get or apt-cache"),
		df("dockerfile-apk-no-cache", finding.Low, "high",
			"apk add without --no-cache",
			"the apk index cache is left in the image, growing it and going stale",
			"use apk add --no-cache"),
		df("dockerfile-apk-unpinned", finding.Low, "medium",
			"apk add without version pins",
			"unpinned packages make builds unreproducible: a rebuild can pull a different, possibly broken or vulnerable, version",
			"pin versions: apk add --no-cache pkg=1.2.3-r0"),
		df("dockerfile-pip-unpinned", finding.Low, "medium",
			"pip install without version pins",
			"unpinned Python packages make builds unreproducible and pull whatever version is newest, including compromised releases",
			"pin versions (pkg==1.2.3) or install from a locked requirements file"),
		df("dockerfile-pip-no-cache-dir", finding.Low, "high",
			"pip install without --no-cache-dir",
			"pip's download cache is left in the image, growing it for no benefit",
			"use pip install --no-cache-dir, or set ENV PIP_NO_CACHE_DIR=1"),
		df("dockerfile-npm-unpinned", finding.Low, "medium",
			"npm install of packages without versions",
			"unpinned npm packages pull the newest release at build time, including compromised ones",
			"pin versions (pkg@1.2.3) or use npm ci with a lockfile"),
		df("dockerfile-gem-unpinned", finding.Low, "medium",
			"gem install without a version",
			"unpinned gems pull the newest release at build time",
			"use gem install pkg -v 1.2.3 or a Gemfile.lock"),
		df("dockerfile-yum-missing-y", finding.Medium, "high",
			"yum install without -y",
			"without -y the build stops at yum's confirmation prompt or aborts",
			"use yum install -y"),
		df("dockerfile-yum-not-cleaned", finding.Low, "high",
			"yum cache not cleaned after yum install",
			"the yum cache left in the shipped image bloats it",
			"end the same RUN with && yum clean all"),
		df("dockerfile-dnf-missing-y", finding.Medium, "high",
			"dnf install without -y",
			"without -y the build stops at dnf's confirmation prompt or aborts",
			"use dnf install -y"),
		df("dockerfile-dnf-not-cleaned", finding.Low, "high",
			"dnf cache not cleaned after dnf install",
			"the dnf cache left in the shipped image bloats it",
			"end the same RUN with && dnf clean all"),
		df("dockerfile-zypper-missing-y", finding.Medium, "high",
			"zypper install without non-interactive mode",
			"without -y or --non-interactive the build stops at zypper's prompt or aborts",
			"use zypper --non-interactive install or zypper install -y"),
		df("dockerfile-zypper-not-cleaned", finding.Low, "high",
			"zypper cache not cleaned after zypper install",
			"the zypper cache left in the shipped image bloats it",
			"end the same RUN with && zypper clean"),
	}
}

// checkPackages runs the package manager rules on one RUN step. Rules about
// caches left behind only apply to stages that are shipped in the final
// image: a builder stage's size does not matter.
func checkPackages(e *emitter, d *dockerfile, st *stage, step runStep) {
	n := step.in.node
	s := step.script
	shipped := d.shipped(st)
	cached := func(dir string) bool {
		for _, f := range n.Flags {
			if strings.Contains(f, "type=cache") && strings.Contains(f, dir) {
				return true
			}
		}
		return false
	}
	for _, c := range s.cmds {
		switch {
		case (c.name == "apt-get" || c.name == "apt") && c.sub() == "install":
			checkAptInstall(e, n, c, shipped && !s.removesAptLists() && !cached("/var/lib/apt"))
		case c.name == "apk" && c.sub() == "add":
			checkApkAdd(e, n, c, !cached("/var/cache/apk") && !cached("/etc/apk/cache"))
		case isPip(c.name) && c.sub() == "install":
			checkPipInstall(e, n, c, st, !cached("/root/.cache") && !cached("pip"))
		case c.name == "npm" && contains([]string{"install", "i", "add", "isntall"}, c.sub()):
			if p := unpinned(c.operands(), npmPinned); p != "" {
				e.node("dockerfile-npm-unpinned", n, fmt.Sprintf("package %q has no version", p))
			}
		case c.name == "gem" && c.sub() == "install" && !c.hasFlag("-v", "--version"):
			if p := unpinned(c.operands(), func(p string) bool { return strings.Contains(p, ":") }); p != "" {
				e.node("dockerfile-gem-unpinned", n, fmt.Sprintf("gem %q has no version", p))
			}
		case (c.name == "yum" || c.name == "dnf" || c.name == "microdnf") && contains([]string{"install", "groupinstall", "localinstall"}, c.sub()):
			checkRPMInstall(e, n, c, s, shipped && !cached("/var/cache/"))
		case c.name == "zypper" && (c.sub() == "install" || c.sub() == "in"):
			checkZypperInstall(e, n, c, s, shipped && !cached("/var/cache/zypp"))
		}
	}
	if updateAlone(s) {
		e.node("dockerfile-pkg-update-alone", n, "the package index is updated in a RUN that installs nothing")
	}
	for _, c := range s.cmds {
		if (c.name == "apt-get" || c.name == "apt") && (c.sub() == "upgrade" || c.sub() == "dist-upgrade" || c.sub() == "full-upgrade") {
			e.node("dockerfile-apt-upgrade", n, "")
			break
		}
	}
	if s.has("apt", "") {
		e.node("dockerfile-apt-cli", n, "")
	}
}

func checkAptInstall(e *emitter, n *parser.Node, c command, listsRule bool) {
	yes := c.hasFlag("-y", "--yes", "--assume-yes", "-qq", "-q=2", "--quiet=2") || c.hasShortFlag('y') ||
		c.hasFlag("--force-yes") || c.mentions("Assume-Yes=true", "Assume-Yes=1")
	if !yes {
		e.node("dockerfile-apt-missing-y", n, "")
	}
	if !c.hasFlag("--no-install-recommends") && !c.mentions("Install-Recommends=false", "Install-Recommends=0", "Install-Recommends \"false\"") {
		e.node("dockerfile-apt-no-install-recommends", n, "")
	}
	if listsRule {
		e.node("dockerfile-apt-lists-not-cleaned", n, "")
	}
	if p := unpinned(c.operands(), func(p string) bool {
		return strings.ContainsAny(p, "=/") || strings.HasSuffix(p, ".deb")
	}); p != "" {
		e.node("dockerfile-apt-unpinned", n, fmt.Sprintf("package %q has no version", p))
	}
}

func checkApkAdd(e *emitter, n *parser.Node, c command, cacheRule bool) {
	if cacheRule && !c.hasFlag("--no-cache") {
		e.node("dockerfile-apk-no-cache", n, "")
	}
	if p := unpinned(c.operands(), func(p string) bool {
		return strings.ContainsAny(p, "=<>~") || strings.HasSuffix(p, ".apk") || strings.HasPrefix(p, ".")
	}); p != "" {
		e.node("dockerfile-apk-unpinned", n, fmt.Sprintf("package %q has no version", p))
	}
}

func checkPipInstall(e *emitter, n *parser.Node, c command, st *stage, cacheRule bool) {
	if cacheRule && !c.hasFlag("--no-cache-dir") && !stageHasEnv(st, "PIP_NO_CACHE_DIR") {
		e.node("dockerfile-pip-no-cache-dir", n, "")
	}
	if c.hasFlag("-c", "--constraint", "-r", "--requirement") {
		return
	}
	if p := unpinned(c.operands(), pipPinned); p != "" {
		e.node("dockerfile-pip-unpinned", n, fmt.Sprintf("package %q has no version", p))
	}
}

func checkRPMInstall(e *emitter, n *parser.Node, c command, s script, cleanRule bool) {
	pm := c.name
	if pm == "microdnf" {
		pm = "dnf"
	} else if !c.hasFlag("-y", "--assumeyes") && !c.hasShortFlag('y') {
		e.node("dockerfile-"+pm+"-missing-y", n, "")
	}
	cleaned := s.has(c.name, "clean") || s.removes("/var/cache/"+pm) || s.removes("/var/cache/yum")
	if cleanRule && !cleaned {
		e.node("dockerfile-"+pm+"-not-cleaned", n, "")
	}
}

func checkZypperInstall(e *emitter, n *parser.Node, c command, s script, cleanRule bool) {
	if !c.hasFlag("-y", "--no-confirm", "-n", "--non-interactive") && !c.hasShortFlag('y') {
		e.node("dockerfile-zypper-missing-y", n, "")
	}
	if cleanRule && !s.has("zypper", "clean") && !s.has("zypper", "cc") && !s.removes("/var/cache/zypp") {
		e.node("dockerfile-zypper-not-cleaned", n, "")
	}
}

// updateAlone reports a package index update with nothing in the same RUN
// that uses the index (install, add, upgrade).
func updateAlone(s script) bool {
	uses := func(pm string, subs ...string) bool {
		for _, sub := range subs {
			if s.has(pm, sub) {
				return true
			}
		}
		return false
	}
	apt := []string{"install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "download"}
	if (s.has("apt-get", "update") || s.has("apt", "update")) && !uses("apt-get", apt...) && !uses("apt", apt...) {
		return true
	}
	return s.has("apk", "update") && !uses("apk", "add", "upgrade", "fix")
}

// unpinned returns the first package operand that pinned says is not
// pinned, skipping operands built from variables (their value is unknown).
func unpinned(ops []string, pinned func(string) bool) string {
	for _, p := range ops {
		if p == "" || strings.Contains(p, "$") || pinned(p) {
			continue
		}
		return p
	}
	return ""
}

// pipPinned reports whether a pip requirement fixes a version or points at
// a file, directory or URL. pip, setuptools and wheel themselves are let
// through: upgrading the installer is customary and harmless.
func pipPinned(p string) bool {
	switch strings.ToLower(p) {
	case "pip", "setuptools", "wheel":
		return true
	}
	return strings.ContainsAny(p, "=<>~!@/") || strings.HasPrefix(p, ".") ||
		strings.HasSuffix(p, ".whl") || strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".zip")
}

// npmPinned reports whether an npm install operand names a version (a
// "@" after the first character, for scoped packages), a path, a tarball
// or a git/URL source.
func npmPinned(p string) bool {
	if strings.LastIndexByte(p, '@') > 0 {
		return true
	}
	return strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/") || strings.Contains(p, ":") ||
		strings.HasSuffix(p, ".tgz") || strings.HasSuffix(p, ".tar.gz")
}

// stageHasEnv reports whether a stage, or a stage it builds on, sets name.
func stageHasEnv(st *stage, name string) bool {
	for s := st; s != nil; s = s.parent {
		for _, in := range s.cmds {
			if env, ok := in.cmd.(*instructions.EnvCommand); ok {
				for _, kv := range env.Env {
					if kv.Key == name {
						return true
					}
				}
			}
		}
	}
	return false
}

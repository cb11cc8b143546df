// Package container checks Dockerfiles (and Containerfiles) and Docker
// Compose files for security and hygiene problems, in the spirit of
// hadolint's and trivy's Dockerfile checks. Every finding it reports has the
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
// rules and "compose-<what>" for compose rules. The full table, with
// severity, rationale and fix of every rule, is Rules(); see rules.go.
package container

package main

import (
	"fmt"
	"strings"
)

// kind is a file format: how a name/value assignment, a multi-line value
// and filler look in it.
type kind struct {
	name           string
	file           string // file name pattern with one %d
	header, footer []string
	// naming turns a snake_case name into the format's convention.
	naming func(string) string
	// assign renders name = value; quote says whether the format quotes.
	assign func(name, value string, quote bool) string
	// block renders a multi-line value; nil means raw lines.
	block   func(name string, lines []string) []string
	fillers []string
}

func (k kind) fileName(i int) string { return fmt.Sprintf(k.file, i) }

func (k kind) filler(g *gen) string { return k.fillers[g.r.IntN(len(k.fillers))] }

func upper(s string) string { return strings.ToUpper(s) }
func same(s string) string  { return s }
func dotted(s string) string {
	return "app." + strings.ReplaceAll(s, "_", ".")
}
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

func maybeQuote(v string, quote bool) string {
	if quote {
		return `"` + v + `"`
	}
	return v
}

func indent(p string, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = p + l
	}
	return out
}

var kinds = []kind{
	{
		name: "env", file: "service-%d.env", naming: upper,
		assign: func(n, v string, q bool) string { return n + "=" + maybeQuote(v, q) },
		block: func(n string, lines []string) []string {
			out := append([]string{n + `="` + lines[0]}, lines[1:]...)
			out[len(out)-1] += `"`
			return out
		},
		fillers: []string{"NODE_ENV=production", "PORT=8080", "LOG_LEVEL=info", "FEATURE_FLAGS=search,billing", "# service settings", "TZ=UTC", "WORKERS=4"},
	},
	{
		name: "yaml", file: "values-%d.yaml", naming: same, header: []string{"# generated settings", "service:"},
		assign: func(n, v string, q bool) string { return "  " + n + ": " + maybeQuote(v, q) },
		block: func(n string, lines []string) []string {
			return append([]string{"  " + n + ": |"}, indent("    ", lines)...)
		},
		fillers: []string{"  replicas: 3", "  image: registry.example.org/api:1.4.2", "  port: 8080", "  log_level: info", "  timeout: 30s", "  # tuning"},
	},
	{
		name: "json", file: "settings-%d.json", naming: camel, header: []string{"{"}, footer: []string{`  "version": 2`, "}"},
		assign: func(n, v string, _ bool) string { return `  "` + n + `": "` + v + `",` },
		block: func(n string, lines []string) []string {
			return []string{`  "` + n + `": "` + strings.Join(lines, `\n`) + `\n",`}
		},
		fillers: []string{`  "region": "eu-west-1",`, `  "retries": 3,`, `  "debug": false,`, `  "name": "billing-api",`},
	},
	{
		name: "py", file: "settings_%d.py", naming: upper, header: []string{`"""Service settings."""`, "import os", ""},
		assign: func(n, v string, _ bool) string { return n + ` = "` + v + `"` },
		block: func(n string, lines []string) []string {
			out := append([]string{n + ` = """` + lines[0]}, lines[1:]...)
			out[len(out)-1] += `"""`
			return out
		},
		fillers: []string{"DEBUG = False", `ALLOWED_HOSTS = ["api.example.org"]`, "TIMEOUT = 30", "# database settings", `TIME_ZONE = "UTC"`},
	},
	{
		name: "js", file: "config-%d.js", naming: camel, header: []string{"// Service configuration.", "'use strict';"}, footer: []string{"module.exports = {};"},
		assign: func(n, v string, _ bool) string { return "const " + n + ` = "` + v + `";` },
		block: func(n string, lines []string) []string {
			out := append([]string{"const " + n + " = `" + lines[0]}, lines[1:]...)
			out[len(out)-1] += "`;"
			return out
		},
		fillers: []string{"const port = 8080;", "const retries = 3;", "// TODO: move to the vault", "const region = 'eu-west-1';"},
	},
	{
		name: "go", file: "config_%d.go", naming: camel, header: []string{"package config", ""},
		assign: func(n, v string, _ bool) string { return "var " + n + ` = "` + v + `"` },
		block: func(n string, lines []string) []string {
			out := append([]string{"var " + n + " = `" + lines[0]}, lines[1:]...)
			out[len(out)-1] += "`"
			return out
		},
		fillers: []string{"var port = 8080", "// Settings of the billing service.", "var region = \"eu-west-1\"", "const retries = 3"},
	},
	{
		name: "properties", file: "application-%d.properties", naming: dotted,
		assign: func(n, v string, _ bool) string { return n + "=" + v },
		block: func(n string, lines []string) []string {
			return []string{n + "=" + strings.Join(lines, `\n`)}
		},
		fillers: []string{"server.port=8080", "spring.application.name=billing", "logging.level.root=INFO", "# datasource"},
	},
	{
		name: "tf", file: "main-%d.tf", naming: same, header: []string{"locals {"}, footer: []string{"}"},
		assign: func(n, v string, _ bool) string { return "  " + n + ` = "` + v + `"` },
		block: func(n string, lines []string) []string {
			return append(append([]string{"  " + n + " = <<EOT"}, lines...), "EOT")
		},
		fillers: []string{`  region = "eu-west-1"`, `  instance_type = "t3.micro"`, "  # network", `  environment = "prod"`},
	},
	{
		name: "xml", file: "web-%d.config", naming: camel, header: []string{`<?xml version="1.0" encoding="utf-8"?>`, "<configuration>"},
		footer:  []string{"</configuration>"},
		assign:  func(n, v string, _ bool) string { return "  <" + n + ">" + v + "</" + n + ">" },
		fillers: []string{"  <timeout>30</timeout>", "  <region>eu-west-1</region>", "  <!-- service settings -->", "  <retries>3</retries>"},
	},
	{
		name: "dockerfile", file: "Dockerfile.%d", naming: upper, header: []string{"FROM golang:1.22-alpine AS build", "WORKDIR /src"},
		footer:  []string{`CMD ["/app"]`},
		assign:  func(n, v string, _ bool) string { return "ENV " + n + "=" + v },
		fillers: []string{"RUN go build -o /app .", "COPY . .", "EXPOSE 8080", "USER 65532"},
	},
	{
		name: "md", file: "SETUP-%d.md", naming: upper, header: []string{"# Setup", "", "Export the settings, then start the service:", "", "```sh"},
		footer:  []string{"```"},
		assign:  func(n, v string, _ bool) string { return "export " + n + "=" + v },
		fillers: []string{"export PORT=8080", "# local development", "export LOG_LEVEL=debug"},
	},
}

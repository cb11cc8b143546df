// Package builtin is THE list of built-in scanners: one line per scanner.
// Adding a scanner is one new package plus one line here.
package builtin

import (
	"github.com/secaudit/secaudit/internal/scan"
	"github.com/secaudit/secaudit/internal/scan/code"
	"github.com/secaudit/secaudit/internal/scan/container"
	"github.com/secaudit/secaudit/internal/scan/deps"
	"github.com/secaudit/secaudit/internal/scan/secrets"
)

// Factories returns the built-in scanners in report order.
func Factories() []scan.Factory {
	return []scan.Factory{
		{Name: "secrets", Default: true, New: secrets.New},
		{Name: "deps", Default: true, New: deps.New},
		{Name: "container", Default: true, New: container.New},
		{Name: "code", Default: true, New: code.New},
	}
}

// Names lists the built-in scanner names.
func Names() []string {
	var names []string
	for _, f := range Factories() {
		names = append(names, f.Name)
	}
	return names
}

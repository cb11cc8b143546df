// Package hygiene holds repository-wide checks that run with the tests: the
// dependency direction of DESIGN.md, gofmt, and go.mod tidiness.
package hygiene

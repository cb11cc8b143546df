// Command secaudit audits a repository for security problems and routes every
// CI failure to the team that owns it. See doc.go and 'secaudit --help'.
package main

import (
	"os"

	"github.com/secaudit/secaudit/internal/cli"
)

func main() {
	os.Exit(cli.Execute())
}

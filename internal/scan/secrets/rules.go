package secrets

import (
	"fmt"
	"slices"
)

// Rules returns the built-in rules, most specific first: when two rules
// match the same text, the earlier one is reported. Each call returns a
// fresh copy.
func Rules() []Rule {
	return slices.Concat(
		cloudRules(),
		sourceHostRules(),
		cicdRules(),
		registryRules(),
		chatRules(),
		paymentRules(),
		commsRules(),
		observabilityRules(),
		aiRules(),
		saasRules(),
		frameworkRules(),
		infraRules(),
		keyRules(),
		genericRules(),
	)
}

// rotate is the usual fix hint: where to rotate the credential.
func rotate(where string) string {
	return fmt.Sprintf("Rotate the credential in %s, then remove it from the code and load it from a secret store or the environment; it stays in git history, so treat it as exposed.", where)
}

// Common value shapes.
const (
	hex32 = `[a-f0-9]{32}`
	hex40 = `[a-f0-9]{40}`
	uuid  = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`
)

//go:build race

package app

// routeRaceEnabled is true under -race, whose instrumentation makes timing
// figures meaningless.
const routeRaceEnabled = true

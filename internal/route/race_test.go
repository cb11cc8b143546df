//go:build race

package route

// raceEnabled is true under -race, whose instrumentation makes timing
// figures meaningless.
const raceEnabled = true

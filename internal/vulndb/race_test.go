//go:build race

package vulndb

// raceEnabled is true under the race detector, which makes decoding the
// whole shared database ten times slower without adding coverage: those
// tests exercise no concurrency (TestLazyAndConcurrent does).
const raceEnabled = true

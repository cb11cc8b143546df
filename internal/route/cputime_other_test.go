//go:build !unix

package route

import "time"

// cpuTime is unavailable here; TestBuildFigure falls back to wall time.
func cpuTime() time.Duration { return 0 }

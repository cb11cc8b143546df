//go:build !race

package app

const routeRaceEnabled = false

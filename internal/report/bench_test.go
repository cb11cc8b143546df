package report

import (
	"io"
	"testing"
)

// BenchmarkWrite renders a 10,000-finding result in every format.
func BenchmarkWrite(b *testing.B) {
	r := manyFindings(10000)
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			w, err := New(format, Options{Teams: sampleTeams})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			reportCPU(b, func() {
				if err := w.Write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

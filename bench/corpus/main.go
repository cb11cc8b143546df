// Command corpus generates a labelled corpus for the secret scanner
// benchmark: files of the usual kinds (.env, YAML, JSON, Python, JavaScript,
// Go, properties, Terraform, Dockerfile, Markdown) with planted secrets of
// every provider family, generated at random in each provider's format, and
// hard negatives (documented example keys, placeholders, references,
// hashes, UUIDs, integrity strings, public keys, base64 images). It writes
// labels.json: one label per planted line.
//
//	go run ./bench/corpus -out /tmp/corpus -seed 1
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Label is one planted line.
type Label struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Family   string `json:"family"`
	IsSecret bool   `json:"is_secret"`
}

func main() {
	out := flag.String("out", "", "directory to write the corpus to (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	files := flag.Int("files", 300, "number of generated files")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "corpus: -out is required")
		os.Exit(2)
	}
	labels, err := generate(*out, *seed, *files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
	secrets := 0
	for _, l := range labels {
		if l.IsSecret {
			secrets++
		}
	}
	fmt.Printf("corpus: %d labels (%d secrets, %d hard negatives) in %s\n", len(labels), secrets, len(labels)-secrets, *out)
}

// item is one thing to plant: its lines, which of them the label points
// at, its family and whether it is a secret.
type item struct {
	lines    []string
	at       int
	family   string
	isSecret bool
}

func generate(dir string, seed uint64, n int) ([]Label, error) {
	r := rand.New(rand.NewPCG(seed, seed^0x5ec)) // deterministic per seed
	g := &gen{r: r}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	secrets, negatives := secretFormats(), negativeFormats()
	var labels []Label
	// Every format is planted at least twice; the rest is drawn at random.
	queue := make([]int, 0, 2*len(secrets))
	for i := range secrets {
		queue = append(queue, i, i)
	}
	r.Shuffle(len(queue), func(i, j int) { queue[i], queue[j] = queue[j], queue[i] })
	for i := 0; i < n; i++ {
		k := kinds[r.IntN(len(kinds))]
		var items []item
		for range 1 + r.IntN(3) {
			var f secretFormat
			if len(queue) > 0 {
				f, queue = secrets[queue[0]], queue[1:]
			} else {
				f = secrets[r.IntN(len(secrets))]
			}
			items = append(items, f.item(g, k))
		}
		for range 1 + r.IntN(3) {
			items = append(items, negatives[r.IntN(len(negatives))].item(g, k))
		}
		r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		path := fmt.Sprintf("%s/%s", dirs[r.IntN(len(dirs))], k.fileName(i))
		ls, err := writeFile(dir, path, k, g, items)
		if err != nil {
			return nil, err
		}
		labels = append(labels, ls...)
	}
	ls, err := writeFixedFiles(dir, g)
	if err != nil {
		return nil, err
	}
	labels = append(labels, ls...)
	sort.Slice(labels, func(i, j int) bool {
		if labels[i].Path != labels[j].Path {
			return labels[i].Path < labels[j].Path
		}
		return labels[i].Line < labels[j].Line
	})
	data, err := json.MarshalIndent(labels, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "labels.json"), append(data, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write labels: %w", err)
	}
	return labels, nil
}

var dirs = []string{"config", "deploy", "src", "app", "services/api", "infra", "docs", "scripts", "web/src", "ops/k8s"}

// writeFile renders items into a file of kind k between filler lines.
func writeFile(root, path string, k kind, g *gen, items []item) ([]Label, error) {
	var b strings.Builder
	var labels []Label
	line := 0
	emit := func(s string) {
		b.WriteString(s)
		b.WriteByte('\n')
		line++
	}
	for _, s := range k.header {
		emit(s)
	}
	for _, it := range items {
		for range g.r.IntN(4) {
			emit(k.filler(g))
		}
		for j, s := range it.lines {
			if j == it.at {
				labels = append(labels, Label{Path: path, Line: line + 1, Family: it.family, IsSecret: it.isSecret})
			}
			emit(s)
		}
	}
	for _, s := range k.footer {
		emit(s)
	}
	p := filepath.Join(root, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		return nil, err
	}
	return labels, nil
}

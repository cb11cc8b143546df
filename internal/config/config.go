// Package config loads .secaudit.yaml strictly (unknown keys are errors) over
// embedded defaults that encode the specification's tables: the exit-code
// classes, the teams and the routes.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// FileName is the configuration file looked up at the root of a scanned
// repository.
const FileName = ".secaudit.yaml"

//go:embed defaults.yaml
var defaultsYAML []byte

// Config is the whole configuration. Sections not set in the user's file
// keep their defaults; a list set in the user's file replaces the default
// list; a map is merged key by key.
type Config struct {
	// Path is the file the configuration came from; empty for defaults only.
	Path string `yaml:"-"`

	Scan      Scan            `yaml:"scan"`
	ExitCodes []ExitClass     `yaml:"exit_codes"`
	Ignore    Ignore          `yaml:"ignore"`
	Secrets   Secrets         `yaml:"secrets"`
	Deps      Deps            `yaml:"deps"`
	Container Container       `yaml:"container"`
	Code      Code            `yaml:"code"`
	Teams     map[string]Team `yaml:"teams"`
	Routes    []Route         `yaml:"routes"`
	Routing   Routing         `yaml:"routing"`
}

// Scan holds the scan defaults that flags override.
type Scan struct {
	// Severity is the minimum severity reported ("low" by default).
	Severity string `yaml:"severity"`
	// FailOnHigh turns on exit class 4 for high findings.
	FailOnHigh bool `yaml:"fail_on_high"`
	// MaxFileSize is the largest file scanned, in bytes (10 MiB by default).
	MaxFileSize int64 `yaml:"max_file_size"`
	// Scanners lists the scanners to run; empty means the default set.
	Scanners []string `yaml:"scanners"`
	// Exclude lists extra path globs (doublestar syntax) never scanned.
	Exclude []string `yaml:"exclude"`
}

// Ignore configures suppression.
type Ignore struct {
	// File is the ignore file of fingerprints, relative to the config file
	// (".secauditignore.yaml" by default).
	File string `yaml:"file"`
}

// Default returns the embedded defaults.
func Default() *Config {
	c, err := parse(defaultsYAML, "defaults.yaml", nil)
	if err != nil {
		panic(fmt.Sprintf("embedded defaults: %v", err))
	}
	return c
}

// Load reads the configuration file at path over the defaults. An empty path
// returns the defaults. Errors name the file and line.
func Load(path string) (*Config, error) {
	if path == "" {
		return Default(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c, err := parse(data, path, Default())
	if err != nil {
		return nil, err
	}
	c.Path = path
	return c, nil
}

// Find returns the path of the configuration file in dir, or "" when there is
// none.
func Find(dir string) string {
	p := filepath.Join(dir, FileName)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// Parse decodes data (named name in errors) over the defaults and validates
// the result.
func Parse(data []byte, name string) (*Config, error) {
	return parse(data, name, Default())
}

func parse(data []byte, name string, base *Config) (*Config, error) {
	c := base
	if c == nil {
		c = &Config{}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// Validate checks the configuration and its cross-references, reporting
// every problem at once.
func (c *Config) Validate() error {
	var errs []error
	errs = append(errs, c.validateScan()...)
	errs = append(errs, c.validateExitCodes()...)
	errs = append(errs, c.validateSecrets()...)
	errs = append(errs, c.validateRouting()...)
	return errors.Join(errs...)
}

package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// State remembers, per notifier and incident, the digest last delivered. It
// makes channels that cannot edit what they sent (Slack incoming webhooks,
// generic webhooks, email) idempotent across runs: they post only when an
// incident is new or its findings changed, and announce a resolution only
// for incidents they announced. Implementations are safe for concurrent use.
type State interface {
	// Get returns the digest last recorded for (notifier, key).
	Get(ctx context.Context, notifier, key string) (digest string, ok bool, err error)
	// Set records digest for (notifier, key).
	Set(ctx context.Context, notifier, key, digest string) error
	// Delete forgets (notifier, key).
	Delete(ctx context.Context, notifier, key string) error
}

// StateKey is the key notifiers use in a State: the incident key scoped by
// repository and by destination (a webhook URL, a recipient list), so one
// state file serves several repositories, and a new destination, such as a
// team's new Slack webhook, hears about open incidents once. Only a short
// hash of the destination is kept: webhook URLs are credentials.
func StateKey(repository, incidentKey, destination string) string {
	sum := sha256.Sum256([]byte(destination))
	return repository + " " + incidentKey + " " + hex.EncodeToString(sum[:6])
}

// stateEntry is one remembered delivery.
type stateEntry struct {
	Digest  string    `json:"digest"`
	Updated time.Time `json:"updated"`
}

// stateFile is the JSON layout of a FileState.
type stateFile struct {
	Version   int                              `json:"version"`
	Notifiers map[string]map[string]stateEntry `json:"notifiers"`
}

// FileState is a State kept in a JSON file, rewritten atomically (temporary
// file and rename) on every change. It is meant for one process at a time,
// such as one CI job with a cached directory.
type FileState struct {
	path string
	now  func() time.Time

	mu     sync.Mutex
	loaded bool
	data   stateFile
}

// NewFileState returns a State stored at path; the file and its directory
// are created on the first change. now may be nil.
func NewFileState(path string, now func() time.Time) *FileState {
	if now == nil {
		now = time.Now
	}
	return &FileState{path: path, now: now}
}

// DefaultStatePath returns the state file to use: $SECAUDIT_STATE_FILE when
// set, else secaudit/notify-state.json under the user cache directory
// ($XDG_CACHE_HOME or ~/.cache on Linux), else under the temporary
// directory when there is no home.
func DefaultStatePath(getenv func(string) string) (string, error) {
	if p := getenv("SECAUDIT_STATE_FILE"); p != "" {
		return p, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "secaudit", "notify-state.json"), nil
}

func (s *FileState) load() error {
	if s.loaded {
		return nil
	}
	b, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("read state %s: %w", s.path, err)
	default:
		if err := json.Unmarshal(b, &s.data); err != nil {
			return fmt.Errorf("parse state %s: %w (hint: delete the file to start afresh)", s.path, err)
		}
	}
	if s.data.Notifiers == nil {
		s.data.Notifiers = map[string]map[string]stateEntry{}
	}
	s.data.Version = 1
	s.loaded = true
	return nil
}

// Get implements State.
func (s *FileState) Get(_ context.Context, notifier, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(); err != nil {
		return "", false, err
	}
	e, ok := s.data.Notifiers[notifier][key]
	return e.Digest, ok, nil
}

// Set implements State.
func (s *FileState) Set(_ context.Context, notifier, key, digest string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(); err != nil {
		return err
	}
	m := s.data.Notifiers[notifier]
	if m == nil {
		m = map[string]stateEntry{}
		s.data.Notifiers[notifier] = m
	}
	m[key] = stateEntry{Digest: digest, Updated: s.now().UTC()}
	return s.save()
}

// Delete implements State.
func (s *FileState) Delete(_ context.Context, notifier, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.load(); err != nil {
		return err
	}
	if _, ok := s.data.Notifiers[notifier][key]; !ok {
		return nil
	}
	delete(s.data.Notifiers[notifier], key)
	return s.save()
}

func (s *FileState) save() error {
	b, err := json.MarshalIndent(s.data, "", "  ")
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("write state %s: %w", s.path, err)
	}
	tmp, err := os.CreateTemp(dir, ".notify-state-*")
	if err != nil {
		return fmt.Errorf("write state %s: %w", s.path, err)
	}
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write state %s: %w", s.path, err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write state %s: %w", s.path, err)
	}
	return nil
}

// MemoryState is a State held in memory, for tests and single-process use.
type MemoryState struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemoryState returns an empty MemoryState.
func NewMemoryState() *MemoryState { return &MemoryState{m: map[string]string{}} }

// Get implements State.
func (s *MemoryState) Get(_ context.Context, notifier, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.m[notifier+"\x00"+key]
	return d, ok, nil
}

// Set implements State.
func (s *MemoryState) Set(_ context.Context, notifier, key, digest string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[notifier+"\x00"+key] = digest
	return nil
}

// Delete implements State.
func (s *MemoryState) Delete(_ context.Context, notifier, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, notifier+"\x00"+key)
	return nil
}

package notify

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// Retrier is the shared retry stage: it repeats an operation that failed
// with a retryable *Error (5xx, 429, 408, timeouts, connection errors) with
// exponential backoff and full jitter, honouring a Retry-After the service
// sent, until MaxElapsed has passed. Integrations only classify their
// failures; they never loop themselves. The zero value uses the defaults.
type Retrier struct {
	// MaxElapsed bounds the time spent retrying, waits and calls (30 s by
	// default): no new wait starts that would end past it. A Retry-After
	// longer than what is left ends the retries at once.
	MaxElapsed time.Duration
	// Initial is the first backoff (500 ms by default); Max caps one
	// backoff (10 s by default).
	Initial, Max time.Duration
	// MaxAttempts caps the attempts (8 by default).
	MaxAttempts int
	// Sleep waits d or until ctx is done; tests inject a fake.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter picks the actual wait from the backoff d; the default picks
	// uniformly from [d/2, d].
	Jitter func(d time.Duration) time.Duration
	// Now is the clock that measures the time spent, calls included; nil
	// means time.Now.
	Now func() time.Time
}

// DefaultMaxElapsed is the default bound of a Retrier's total wait.
const DefaultMaxElapsed = 30 * time.Second

func (r *Retrier) settings() Retrier {
	s := Retrier{MaxElapsed: DefaultMaxElapsed, Initial: 500 * time.Millisecond, Max: 10 * time.Second, MaxAttempts: 8, Sleep: sleep, Jitter: jitter, Now: time.Now}
	if r == nil {
		return s
	}
	if r.MaxElapsed > 0 {
		s.MaxElapsed = r.MaxElapsed
	}
	if r.Initial > 0 {
		s.Initial = r.Initial
	}
	if r.Max > 0 {
		s.Max = r.Max
	}
	if r.MaxAttempts > 0 {
		s.MaxAttempts = r.MaxAttempts
	}
	if r.Sleep != nil {
		s.Sleep = r.Sleep
	}
	if r.Jitter != nil {
		s.Jitter = r.Jitter
	}
	if r.Now != nil {
		s.Now = r.Now
	}
	return s
}

// Do runs op until it succeeds, fails with an error that is not retryable,
// or the retry budget is spent. The returned error is op's last error,
// annotated with the number of attempts when there were several.
func (r *Retrier) Do(ctx context.Context, op func(ctx context.Context) error) error {
	s := r.settings()
	backoff := s.Initial
	start := s.Now()
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		err := op(ctx)
		if err == nil {
			return nil
		}
		var e *Error
		if !errors.As(err, &e) || !e.Retryable || ctx.Err() != nil {
			return annotate(err, attempt)
		}
		if attempt >= s.MaxAttempts {
			return annotate(err, attempt)
		}
		wait := s.Jitter(backoff)
		if e.RetryAfter > 0 {
			wait = e.RetryAfter
		}
		// Sleeps the clock does not see (a test's fake) still count.
		spent := max(waited, s.Now().Sub(start))
		if spent+wait > s.MaxElapsed {
			return annotate(err, attempt)
		}
		if serr := s.Sleep(ctx, wait); serr != nil {
			return annotate(fmt.Errorf("%w (retry interrupted: %v)", err, serr), attempt)
		}
		waited += wait
		backoff = min(2*backoff, s.Max)
	}
}

func annotate(err error, attempts int) error {
	if attempts == 1 {
		return err
	}
	return fmt.Errorf("%w (after %d attempts)", err, attempts)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}

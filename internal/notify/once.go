package notify

import (
	"context"
	"fmt"
)

// Once is the shared dedup stage of the notifiers that cannot find their
// earlier notices themselves (Slack, generic webhooks, email, PagerDuty): an
// incident's notice goes out only when its digest differs from the one last
// delivered under the same state key, and a resolution only for an incident
// that was announced. With a nil State every notice goes out.
type Once struct {
	State State
	// Notifier is the name the State files records under.
	Notifier string
}

// Send calls send unless the State already holds digest under key, and
// records digest once send succeeded. It returns d with Action
// ActionUnchanged when nothing changed, ActionSkipped when the State could
// not be read, and Error set when send failed or the State could not be
// saved; verb says what was done for that last message ("posted", "sent").
func (o Once) Send(ctx context.Context, key, digest, verb string, d Delivery, send func() error) Delivery {
	if o.State != nil {
		last, ok, err := o.State.Get(ctx, o.Notifier, key)
		if err != nil {
			d.Action, d.Error = ActionSkipped, err.Error()
			return d
		}
		if ok && last == digest {
			d.Action = ActionUnchanged
			return d
		}
	}
	if err := send(); err != nil {
		d.Error = err.Error()
		return d
	}
	if o.State != nil {
		if err := o.State.Set(ctx, o.Notifier, key, digest); err != nil {
			d.Error = fmt.Sprintf("%s, but %v", verb, err)
		}
	}
	return d
}

// Resolve calls send for an incident recorded under key and forgets it. ok
// is false when the State has no record, so there is nothing to resolve and
// no delivery to report. Errors are reported in d as with Send.
func (o Once) Resolve(ctx context.Context, key, verb string, d Delivery, send func() error) (Delivery, bool) {
	if o.State != nil {
		_, ok, err := o.State.Get(ctx, o.Notifier, key)
		switch {
		case err != nil:
			d.Action, d.Error = ActionSkipped, err.Error()
			return d, true
		case !ok:
			return d, false
		}
	}
	if err := send(); err != nil {
		d.Error = err.Error()
		return d, true
	}
	if o.State != nil {
		if err := o.State.Delete(ctx, o.Notifier, key); err != nil {
			d.Error = fmt.Sprintf("%s, but %v", verb, err)
		}
	}
	return d, true
}

package notify

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// failingState fails every call.
type failingState struct{}

func (failingState) Get(context.Context, string, string) (string, bool, error) {
	return "", false, errors.New("state unreadable")
}
func (failingState) Set(context.Context, string, string, string) error {
	return errors.New("disk full")
}
func (failingState) Delete(context.Context, string, string) error { return errors.New("disk full") }

func TestOnce(t *testing.T) {
	ctx := context.Background()
	sends := 0
	send := func() error { sends++; return nil }
	o := Once{State: NewMemoryState(), Notifier: "slack"}

	d := o.Send(ctx, "k", "d1", "posted", Delivery{Action: ActionPosted}, send)
	if d.Action != ActionPosted || sends != 1 {
		t.Fatalf("first send: %+v, %d sends", d, sends)
	}
	if d = o.Send(ctx, "k", "d1", "posted", Delivery{Action: ActionPosted}, send); d.Action != ActionUnchanged || sends != 1 {
		t.Fatalf("same digest: %+v, %d sends", d, sends)
	}
	if d = o.Send(ctx, "k", "d2", "posted", Delivery{Action: ActionPosted}, send); d.Action != ActionPosted || sends != 2 {
		t.Fatalf("new digest: %+v, %d sends", d, sends)
	}
	if _, ok := o.Resolve(ctx, "unknown", "posted", Delivery{}, send); ok || sends != 2 {
		t.Fatalf("resolve of an unannounced incident sent something")
	}
	if d, ok := o.Resolve(ctx, "k", "posted", Delivery{Action: ActionResolved}, send); !ok || d.Error != "" || sends != 3 {
		t.Fatalf("resolve: %+v %v, %d sends", d, ok, sends)
	}
	if _, ok := o.Resolve(ctx, "k", "posted", Delivery{}, send); ok {
		t.Fatal("resolved twice")
	}

	failed := o.Send(ctx, "k2", "d", "posted", Delivery{}, func() error { return errors.New("503") })
	if failed.Error != "503" {
		t.Errorf("send error = %q", failed.Error)
	}
	if d := o.Send(ctx, "k2", "d", "posted", Delivery{}, send); d.Action == ActionUnchanged {
		t.Error("a failed send was remembered as delivered")
	}

	bad := Once{State: failingState{}, Notifier: "slack"}
	if d := bad.Send(ctx, "k", "d", "posted", Delivery{}, send); d.Action != ActionSkipped || !strings.Contains(d.Error, "unreadable") {
		t.Errorf("unreadable state: %+v", d)
	}
	none := Once{Notifier: "pagerduty"}
	before := sends
	none.Send(ctx, "k", "d", "triggered", Delivery{}, send)
	none.Send(ctx, "k", "d", "triggered", Delivery{}, send)
	if _, ok := none.Resolve(ctx, "k", "resolved", Delivery{}, send); !ok || sends != before+3 {
		t.Errorf("without a State every notice must go out: %d sends", sends-before)
	}
}

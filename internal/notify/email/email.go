// Package email sends incidents to the owning team's address over SMTP
// (net/smtp, STARTTLS when the server offers it, PLAIN authentication when
// configured). Like the other channels that cannot edit what they sent, it
// mails an incident only when it is new or its findings changed (a
// notify.State remembers the digest) and a resolution only for incidents it
// had mailed. Messages of one incident thread together.
package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// Config configures the notifier.
type Config struct {
	// Host and Port locate the SMTP server (port 587 by default).
	Host string
	Port int
	// From is the sender address; required.
	From string
	// Username and Password enable PLAIN authentication, which net/smtp
	// only performs over TLS or to localhost.
	Username, Password string
	// To returns the recipients of a team's incidents; nil or empty skips
	// the team.
	To func(team string) []string
	// TLS configures STARTTLS; nil verifies the server as Host.
	TLS *tls.Config
	// Timeout bounds one SMTP conversation (30 s by default).
	Timeout time.Duration
	// State remembers what was mailed; nil mails on every run.
	State notify.State
	// Retrier retries transient failures (4xx replies, network errors);
	// nil means the defaults.
	Retrier *notify.Retrier
	// Logger receives one line per action; nil discards.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Notifier mails incidents.
type Notifier struct{ cfg Config }

var _ notify.Notifier = (*Notifier)(nil)

// New validates cfg and returns a Notifier.
func New(cfg Config) (*Notifier, error) {
	var errs []error
	if cfg.Host == "" {
		errs = append(errs, errors.New("email: no SMTP host (hint: set SECAUDIT_SMTP_HOST)"))
	}
	if cfg.From == "" || strings.ContainsAny(cfg.From, "\r\n") {
		errs = append(errs, errors.New("email: no valid sender (hint: set SECAUDIT_SMTP_FROM)"))
	}
	if cfg.To == nil {
		errs = append(errs, errors.New("email: no recipient lookup configured"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if cfg.Port == 0 {
		cfg.Port = 587
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Notifier{cfg: cfg}, nil
}

// Name implements notify.Notifier.
func (n *Notifier) Name() string { return "email" }

// Notify implements notify.Notifier.
func (n *Notifier) Notify(ctx context.Context, plan *route.Plan) ([]notify.Delivery, error) {
	var out []notify.Delivery
	for _, inc := range plan.Incidents {
		to := n.recipients(inc.Team)
		if len(to) == 0 {
			continue
		}
		d := notify.For(n.Name(), inc, notify.ActionPosted, strings.Join(to, ","))
		out = append(out, n.logged(n.deliver(ctx, plan, inc.Key, inc.Digest, d, to, func() []byte {
			return incidentMessage(plan, inc, n.cfg.From, to, n.cfg.Now())
		})))
	}
	for _, ref := range plan.Resolve {
		to := n.recipients(ref.Team)
		if len(to) == 0 || n.cfg.State == nil {
			continue
		}
		d := notify.ForRef(n.Name(), ref, notify.ActionResolved, strings.Join(to, ","))
		if d, ok := n.resolve(ctx, plan, ref, d, to); ok {
			out = append(out, n.logged(d))
		}
	}
	return out, nil
}

func (n *Notifier) recipients(team string) []string {
	if n.cfg.To == nil {
		return nil
	}
	var out []string
	for _, a := range n.cfg.To(team) {
		if a = strings.TrimSpace(a); a != "" && !strings.ContainsAny(a, "\r\n<>") {
			out = append(out, a)
		}
	}
	return out
}

// destination identifies where mail goes, for the state key.
func (n *Notifier) destination(to []string) string {
	return net.JoinHostPort(n.cfg.Host, strconv.Itoa(n.cfg.Port)) + " " + strings.Join(to, ",")
}

func (n *Notifier) logged(d notify.Delivery) notify.Delivery {
	if d.Error != "" {
		n.cfg.Logger.Warn("email delivery failed", "incident", d.IncidentKey, "action", d.Action, "to", d.Target, "error", d.Error)
	} else {
		n.cfg.Logger.Info("email delivery", "incident", d.IncidentKey, "action", d.Action, "to", d.Target)
	}
	return d
}

func (n *Notifier) deliver(ctx context.Context, plan *route.Plan, incKey, digest string, d notify.Delivery, to []string, msg func() []byte) notify.Delivery {
	key := notify.StateKey(plan.Repository, incKey, n.destination(to))
	return n.once().Send(ctx, key, digest, "sent", d, func() error { return n.send(ctx, to, msg()) })
}

func (n *Notifier) once() notify.Once { return notify.Once{State: n.cfg.State, Notifier: n.Name()} }

func (n *Notifier) resolve(ctx context.Context, plan *route.Plan, ref route.IncidentRef, d notify.Delivery, to []string) (notify.Delivery, bool) {
	key := notify.StateKey(plan.Repository, ref.Key, n.destination(to))
	return n.once().Resolve(ctx, key, "sent", d, func() error {
		return n.send(ctx, to, resolvedMessage(plan, ref, n.cfg.From, to, n.cfg.Now()))
	})
}

// send runs one SMTP conversation per attempt through the retry stage.
func (n *Notifier) send(ctx context.Context, to []string, msg []byte) error {
	return n.cfg.Retrier.Do(ctx, func(ctx context.Context) error {
		return classify(n.sendOnce(ctx, to, msg))
	})
}

func (n *Notifier) sendOnce(ctx context.Context, to []string, msg []byte) error {
	addr := net.JoinHostPort(n.cfg.Host, strconv.Itoa(n.cfg.Port))
	ctx, cancel := context.WithTimeout(ctx, n.cfg.Timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, n.cfg.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := n.cfg.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: n.cfg.Host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
	}
	if n.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", n.cfg.Username, n.cfg.Password, n.cfg.Host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.Mail(n.cfg.From); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("rcpt to %s: %w", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	return c.Quit()
}

// classify marks transient SMTP replies (4xx) and network errors retryable;
// permanent replies (5xx) are final.
func classify(err error) error {
	if err == nil {
		return nil
	}
	e := &notify.Error{Op: "smtp send", Err: err}
	var tp *textproto.Error
	var ne net.Error
	switch {
	case errors.As(err, &tp):
		e.Retryable = tp.Code >= 400 && tp.Code < 500
	case errors.As(err, &ne), errors.Is(err, net.ErrClosed):
		e.Retryable = true
	}
	return e
}

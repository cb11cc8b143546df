package email_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/notify/email"
	"github.com/secaudit/secaudit/internal/notify/notifytest"
	"github.com/secaudit/secaudit/internal/route"
)

// smtpServer is a minimal SMTP server on 127.0.0.1 that records messages.
// replies overrides the reply to MAIL FROM for the next conversations.
type smtpServer struct {
	ln      net.Listener
	mu      sync.Mutex
	msgs    []string
	rcpts   [][]string
	replies []string
}

func newSMTP(t *testing.T) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { fmt.Fprintf(c, "%s\r\n", l) }
	say("220 localhost ESMTP test")
	var rcpts []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-localhost")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			s.mu.Lock()
			reply := "250 ok"
			if len(s.replies) > 0 {
				reply, s.replies = s.replies[0], s.replies[1:]
			}
			s.mu.Unlock()
			say(reply)
		case strings.HasPrefix(cmd, "RCPT TO:"):
			rcpts = append(rcpts, strings.Trim(strings.TrimSpace(line)[8:], "<>"))
			say("250 ok")
		case cmd == "DATA":
			say("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, b.String())
			s.rcpts = append(s.rcpts, rcpts)
			s.mu.Unlock()
			rcpts = nil
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (s *smtpServer) messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.msgs...)
}

func TestLifecycle(t *testing.T) {
	srv := newSMTP(t)
	n, err := email.New(email.Config{
		Host: "127.0.0.1", Port: srv.port(), From: "secaudit@acme.example",
		To:    func(team string) []string { return []string{team + "@acme.example"} },
		State: notify.NewMemoryState(), Retrier: notifytest.Retrier(nil), Now: notifytest.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	do := func(p *route.Plan) []string {
		ds, err := n.Notify(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, strings.TrimSpace(d.Action+" "+d.Target+" "+d.Error))
		}
		return out
	}
	inc := notifytest.Incident(3, notifytest.SecretFinding("a.env", 1))
	srv.replies = []string{"451 4.3.0 try again later"}
	if diff := cmp.Diff([]string{"posted security@acme.example"}, do(notifytest.Plan(inc))); diff != "" {
		t.Errorf("first run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"unchanged security@acme.example"}, do(notifytest.Plan(inc))); diff != "" {
		t.Errorf("second run (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"resolved security@acme.example"}, do(notifytest.CleanPlan(3))); diff != "" {
		t.Errorf("clean run (-want +got):\n%s", diff)
	}
	msgs := srv.messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	m, err := mail.ReadMessage(strings.NewReader(msgs[0]))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	if !strings.Contains(m.Header.Get("Subject"), "Exit Code: 3") || !strings.Contains(string(body), "a.env:1") {
		t.Errorf("message:\n%s", msgs[0])
	}
	for _, msg := range msgs {
		if strings.Contains(msg, notifytest.PlantedSecret) {
			t.Error("a message holds the planted secret")
		}
	}

	srv.replies = []string{"550 5.7.1 relaying denied"}
	got := do(notifytest.Plan(notifytest.Incident(3, notifytest.SecretFinding("b.env", 1))))
	if len(got) != 1 || !strings.Contains(got[0], "550") {
		t.Errorf("permanent failure = %v", got)
	}
}

func TestConfig(t *testing.T) {
	_, err := email.New(email.Config{})
	if err == nil || !strings.Contains(err.Error(), "SECAUDIT_SMTP_HOST") || !strings.Contains(err.Error(), "SECAUDIT_SMTP_FROM") {
		t.Errorf("err = %v", err)
	}
}

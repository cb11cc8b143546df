package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"

	"github.com/secaudit/secaudit/internal/notify"
	"github.com/secaudit/secaudit/internal/route"
)

// maxFindings caps the findings listed in a message.
const maxFindings = 50

// threadID is the Message-ID every message of an incident refers to, so
// mail clients thread them.
func threadID(repo, key string) string {
	sum := sha256.Sum256([]byte(repo + " " + key))
	return "<incident-" + hex.EncodeToString(sum[:12]) + "@secaudit>"
}

func header(b *bytes.Buffer, k, v string) {
	v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
	fmt.Fprintf(b, "%s: %s\r\n", k, v)
}

func compose(plan *route.Plan, key, from string, to []string, now time.Time, subject, text string) []byte {
	var b bytes.Buffer
	header(&b, "From", from)
	header(&b, "To", strings.Join(to, ", "))
	header(&b, "Subject", mime.QEncoding.Encode("utf-8", subject))
	header(&b, "Date", now.Format(time.RFC1123Z))
	id := threadID(plan.Repository, key)
	sum := sha256.Sum256([]byte(key + "\x00" + subject + "\x00" + now.String()))
	header(&b, "Message-ID", "<"+hex.EncodeToString(sum[:12])+"@secaudit>")
	header(&b, "In-Reply-To", id)
	header(&b, "References", id)
	header(&b, "MIME-Version", "1.0")
	header(&b, "Content-Type", `text/plain; charset="utf-8"`)
	header(&b, "Content-Transfer-Encoding", "quoted-printable")
	header(&b, "Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

func incidentMessage(plan *route.Plan, inc route.Incident, from string, to []string, now time.Time) []byte {
	class := inc.ClassTitle
	if class == "" {
		class = inc.ClassName
	}
	subject := fmt.Sprintf("[secaudit] Security Audit Failed (Exit Code: %d): %s in %s", inc.ExitCode, class, plan.Repository)
	var t strings.Builder
	fmt.Fprintf(&t, "Security audit failed with exit code %d in %s.\n\n", inc.ExitCode, plan.Repository)
	fmt.Fprintf(&t, "Class:          %s\nTeam:           %s\nSeverity:       %s\nPriority:       %s\nResponse time:  %s\nPage:           %s\nFindings:       %d\n",
		class, teamName(inc), inc.Severity, inc.Priority, inc.Response, notify.YesNo(inc.Page), len(inc.Findings))
	if len(inc.Mentions) > 0 {
		fmt.Fprintf(&t, "Owners:         %s\n", strings.Join(inc.Mentions, " "))
	}
	t.WriteString("\nFindings:\n")
	for i, f := range notify.Sorted(inc.Findings) {
		if i == maxFindings {
			fmt.Fprintf(&t, "  ...and %d more\n", len(inc.Findings)-i)
			break
		}
		fmt.Fprintf(&t, "  - [%s] %s %s: %s\n", f.Severity, f.RuleID, f.Location, notify.Truncate(notify.Describe(f), 300))
		if f.Evidence != "" {
			fmt.Fprintf(&t, "      %s\n", notify.Truncate(notify.OneLine(f.Evidence), 300))
		}
	}
	if inc.Playbook != "" {
		fmt.Fprintf(&t, "\nPlaybook:\n%s\n", strings.TrimSpace(inc.Playbook))
	}
	links(&t, plan)
	return compose(plan, inc.Key, from, to, now, subject, t.String())
}

func resolvedMessage(plan *route.Plan, ref route.IncidentRef, from string, to []string, now time.Time) []byte {
	subject := fmt.Sprintf("[secaudit] Resolved (Exit Code: %d) in %s", ref.ExitCode, plan.Repository)
	var t strings.Builder
	fmt.Fprintf(&t, "The last run on the default branch of %s no longer finds exit code %d problems.\n", plan.Repository, ref.ExitCode)
	links(&t, plan)
	return compose(plan, ref.Key, from, to, now, subject, t.String())
}

func teamName(inc route.Incident) string {
	if inc.TeamInfo.Name != "" {
		return inc.TeamInfo.Name
	}
	return inc.Team
}

func links(t *strings.Builder, plan *route.Plan) {
	t.WriteString("\n")
	for _, kv := range [][2]string{{"Repository", plan.Repository}, {"Branch", plan.Branch}, {"Commit", plan.Commit}, {"CI run", plan.RunURL}} {
		if kv[1] != "" {
			fmt.Fprintf(t, "%-15s %s\n", kv[0]+":", kv[1])
		}
	}
}

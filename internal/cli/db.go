package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/secaudit/secaudit/internal/vulndb"
	"github.com/spf13/cobra"
)

// newDBCmd is `secaudit db`: update and inspect the offline OSV database.
func newDBCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Update or inspect the offline vulnerability database",
		Long: `secaudit matches dependencies against an offline copy of the OSV database
(https://osv.dev): one directory per ecosystem holding osv.dev's all.zip export
and/or *.json OSV records.

The database lives in --db, else $SECAUDIT_DB, else the user cache directory
(` + vulndb.DefaultDir() + ` here).`,
		Args: cobra.NoArgs,
	}
	cmd.PersistentFlags().StringVar(&dir, "db", "", "database directory (default $SECAUDIT_DB or the user cache directory)")
	dbDir := func() string {
		if dir != "" {
			return dir
		}
		return vulndb.DefaultDir()
	}
	cmd.AddCommand(newDBUpdateCmd(dbDir), newDBStatusCmd(dbDir))
	return cmd
}

func newDBUpdateCmd(dbDir func() string) *cobra.Command {
	var ecosystems []string
	var baseURL string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Download the newest OSV exports (only what changed)",
		Long: `Download <base-url>/<ecosystem>/all.zip for each ecosystem, skipping exports
that did not change (ETag / If-Modified-Since). Each download is verified and
swapped in atomically; an ecosystem that fails keeps its previous data and
makes the command exit 1.`,
		Example: `  secaudit db update
  secaudit db update --ecosystems npm,PyPI,Go --db ./osv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir := dbDir()
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("db update: %w", err)
			}
			ctx := cmd.Context()
			client := &http.Client{Timeout: timeout}
			results, err := vulndb.Update(ctx, dir, vulndb.UpdateOptions{Ecosystems: ecosystems, BaseURL: baseURL, Client: client})
			printUpdate(cmd.OutOrStdout(), dir, results)
			if err != nil {
				return hintError{fmt.Errorf("db update: %d of %d ecosystems failed", failedCount(results), len(results)),
					"check the network or --base-url; the previous data of a failed ecosystem is kept"}
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&ecosystems, "ecosystems", nil, "ecosystems to fetch, as OSV spells them (default "+strings.Join(vulndb.DefaultEcosystems(), ",")+")")
	cmd.Flags().StringVar(&baseURL, "base-url", vulndb.DefaultBaseURL, "where the exports are served from")
	cmd.Flags().DurationVar(&timeout, "timeout", 10*time.Minute, "time limit for each download")
	return cmd
}

func printUpdate(w io.Writer, dir string, results []vulndb.UpdateResult) {
	fmt.Fprintf(w, "database: %s\n", dir)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range results {
		switch r.Outcome {
		case vulndb.Updated:
			fmt.Fprintf(tw, "%s\tupdated\t%d records, %s\n", r.Ecosystem, r.Records, humanBytes(r.Bytes))
		case vulndb.NotModified:
			fmt.Fprintf(tw, "%s\tup to date\t\n", r.Ecosystem)
		default:
			msg := strings.TrimPrefix(fmt.Sprint(r.Err), "update "+r.Ecosystem+": ")
			fmt.Fprintf(tw, "%s\tFAILED\t%s (previous data kept)\n", r.Ecosystem, msg)
		}
	}
	tw.Flush()
}

func failedCount(results []vulndb.UpdateResult) int {
	n := 0
	for _, r := range results {
		if r.Outcome == vulndb.Failed {
			n++
		}
	}
	return n
}

func newDBStatusCmd(dbDir func() string) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the ecosystems, record counts and age of the database",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir := dbDir()
			db, err := vulndb.Open(dir)
			if err != nil {
				return hintError{fmt.Errorf("db status: %w", err), "run 'secaudit db update' to download it, or pass --db PATH"}
			}
			st, err := db.Status()
			if err != nil {
				return fmt.Errorf("db status: %w", err)
			}
			if asJSON {
				return writeStatusJSON(cmd.OutOrStdout(), st)
			}
			printStatus(cmd.OutOrStdout(), st, time.Now())
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the status as JSON")
	return cmd
}

func printStatus(w io.Writer, st vulndb.Status, now time.Time) {
	fmt.Fprintf(w, "database: %s\n", st.Dir)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ECOSYSTEM\tRECORDS\tSIZE\tUPDATED")
	for _, e := range st.Ecosystems {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s (%s ago)\n", e.Name, e.Records, humanBytes(e.Bytes),
			e.Modified.UTC().Format("2006-01-02 15:04 MST"), humanAge(now.Sub(e.Modified)))
	}
	tw.Flush()
	fmt.Fprintf(w, "total: %d records in %d ecosystems, newest data %s old\n", st.Records, len(st.Ecosystems), humanAge(st.Age))
}

func writeStatusJSON(w io.Writer, st vulndb.Status) error {
	type eco struct {
		Name     string    `json:"name"`
		Records  int       `json:"records"`
		Bytes    int64     `json:"bytes"`
		Modified time.Time `json:"modified"`
	}
	out := struct {
		Dir        string    `json:"dir"`
		Records    int       `json:"records"`
		Modified   time.Time `json:"modified"`
		AgeSeconds int64     `json:"age_seconds"`
		Ecosystems []eco     `json:"ecosystems"`
	}{Dir: st.Dir, Records: st.Records, Modified: st.Modified.UTC(), AgeSeconds: int64(st.Age / time.Second), Ecosystems: []eco{}}
	for _, e := range st.Ecosystems {
		out.Ecosystems = append(out.Ecosystems, eco{e.Name, e.Records, e.Bytes, e.Modified.UTC()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return errors.Join(errors.New("db status: write JSON"), err)
	}
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func humanAge(d time.Duration) string {
	switch {
	case d < 0:
		return "0s"
	case d < time.Minute:
		return d.Round(time.Second).String()
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}

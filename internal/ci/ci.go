// Package ci detects the continuous-integration environment a run happens
// in: which repository, branch and commit are audited, where the run can be
// seen and whether it is on the repository's default branch (where routing
// may auto-resolve incidents).
//
// Detection reads environment variables only through an injected getenv, so
// it is a pure function of its input and trivially testable.
package ci

import (
	"encoding/json"
	"os"
	"strings"
)

// Provider names the CI system a run was detected in.
const (
	GitHubActions  = "github-actions"
	GitLabCI       = "gitlab-ci"
	CircleCI       = "circleci"
	Buildkite      = "buildkite"
	Jenkins        = "jenkins"
	Bitbucket      = "bitbucket-pipelines"
	AzurePipelines = "azure-pipelines"
	// Local is a run outside any recognised CI system.
	Local = "local"
)

// Info describes where a run happens. Empty fields are unknown.
type Info struct {
	// Provider is one of the Provider constants.
	Provider string `json:"provider"`
	// Repository is "owner/name" (GitLab: the full project path, which may
	// hold subgroups: "group/sub/name").
	Repository string `json:"repository,omitempty"`
	// Branch is the branch audited: the source branch of a pull or merge
	// request, never a synthetic merge ref.
	Branch string `json:"branch,omitempty"`
	// Commit is the full commit SHA.
	Commit string `json:"commit,omitempty"`
	// RunURL links to the CI run (GitHub Actions run, GitLab pipeline).
	RunURL string `json:"run_url,omitempty"`
	// DefaultBranchName is the repository's default branch when known, else
	// the assumed one ("main" or "master").
	DefaultBranchName string `json:"default_branch_name,omitempty"`
	// DefaultBranch is true when the run audits a push to the default branch
	// (not a pull request, tag or other branch).
	DefaultBranch bool `json:"default_branch"`
	// PullRequest is true for pull-request / merge-request runs.
	PullRequest bool `json:"pull_request,omitempty"`
}

// Overrides are explicit values (command-line flags) that win over detection.
// Empty strings and a nil DefaultBranch leave the detected value.
type Overrides struct {
	Repository string
	Branch     string
	Commit     string
	RunURL     string
	// DefaultBranch forces the default-branch decision; when nil and Branch
	// is overridden, it is recomputed from the overriding branch.
	DefaultBranch *bool
}

// Detect inspects the environment through getenv and returns what it finds.
// It reads the GitHub Actions event payload (GITHUB_EVENT_PATH) when present
// to learn the repository's real default branch.
func Detect(getenv func(string) string) Info {
	return DetectWith(getenv, os.ReadFile)
}

// DetectWith is Detect with the event-file reader injected; readFile may be
// nil to skip reading files.
func DetectWith(getenv func(string) string, readFile func(string) ([]byte, error)) Info {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var info Info
	switch {
	case getenv("GITHUB_ACTIONS") == "true" || getenv("GITHUB_REPOSITORY") != "":
		info = detectGitHub(getenv, readFile)
	case getenv("GITLAB_CI") != "" || getenv("CI_PROJECT_PATH") != "":
		info = detectGitLab(getenv)
	case getenv("CIRCLECI") != "":
		info = detectCircle(getenv)
	case getenv("BUILDKITE") != "":
		info = detectBuildkite(getenv)
	case getenv("BITBUCKET_BUILD_NUMBER") != "":
		info = detectBitbucket(getenv)
	case strings.EqualFold(getenv("TF_BUILD"), "true"):
		info = detectAzure(getenv)
	case getenv("JENKINS_URL") != "" || getenv("BUILD_URL") != "" && getenv("GIT_COMMIT") != "":
		info = detectJenkins(getenv)
	default:
		info = Info{Provider: Local}
	}
	return applyGeneric(info, getenv)
}

// applyGeneric lets SECAUDIT_* variables fill or override what a provider
// said. SECAUDIT_DEFAULT_BRANCH names the default branch where the provider
// does not (GitHub Actions reads it itself).
func applyGeneric(info Info, getenv func(string) string) Info {
	if name := getenv("SECAUDIT_DEFAULT_BRANCH"); name != "" && info.Provider != GitHubActions {
		info.DefaultBranchName = name
		info.DefaultBranch = !info.PullRequest && info.Branch != "" && info.Branch == name
	}
	return info.Override(Overrides{
		Repository: getenv("SECAUDIT_REPOSITORY"),
		Branch:     getenv("SECAUDIT_BRANCH"),
		Commit:     getenv("SECAUDIT_COMMIT"),
		RunURL:     getenv("SECAUDIT_RUN_URL"),
	})
}

// Override returns info with every non-empty field of o replacing the
// detected one.
func (info Info) Override(o Overrides) Info {
	if o.Repository != "" {
		info.Repository = NormalizeRepository(o.Repository)
	}
	if o.Commit != "" {
		info.Commit = o.Commit
	}
	if o.RunURL != "" {
		info.RunURL = o.RunURL
	}
	if o.Branch != "" {
		info.Branch = strings.TrimPrefix(o.Branch, "refs/heads/")
		info.PullRequest = false
		if info.DefaultBranchName != "" {
			info.DefaultBranch = info.Branch == info.DefaultBranchName
		} else {
			info.DefaultBranch = isAssumedDefault(info.Branch)
		}
	}
	if o.DefaultBranch != nil {
		info.DefaultBranch = *o.DefaultBranch
	}
	return info
}

// isAssumedDefault is the fallback when the default branch name is unknown:
// main or master.
func isAssumedDefault(branch string) bool {
	return branch == "main" || branch == "master"
}

func detectGitHub(getenv func(string) string, readFile func(string) ([]byte, error)) Info {
	info := Info{
		Provider:   GitHubActions,
		Repository: getenv("GITHUB_REPOSITORY"),
		Commit:     getenv("GITHUB_SHA"),
	}
	ref := getenv("GITHUB_REF")
	// GITHUB_HEAD_REF is set only for pull_request(_target) events and names
	// the source branch; GITHUB_REF_NAME is then "<n>/merge".
	if head := getenv("GITHUB_HEAD_REF"); head != "" {
		info.Branch = head
		info.PullRequest = true
	} else if name := getenv("GITHUB_REF_NAME"); name != "" && getenv("GITHUB_REF_TYPE") != "tag" {
		info.Branch = name
	} else if b, ok := strings.CutPrefix(ref, "refs/heads/"); ok {
		info.Branch = b
	}
	if strings.HasPrefix(ref, "refs/pull/") {
		info.PullRequest = true
	}
	server := strings.TrimSuffix(getenv("GITHUB_SERVER_URL"), "/")
	if server == "" {
		server = "https://github.com"
	}
	if id := getenv("GITHUB_RUN_ID"); id != "" && info.Repository != "" {
		info.RunURL = server + "/" + info.Repository + "/actions/runs/" + id
		if a := getenv("GITHUB_RUN_ATTEMPT"); a != "" && a != "1" {
			info.RunURL += "/attempts/" + a
		}
	}
	info.DefaultBranchName = getenv("SECAUDIT_DEFAULT_BRANCH")
	if info.DefaultBranchName == "" && readFile != nil {
		info.DefaultBranchName = eventDefaultBranch(getenv("GITHUB_EVENT_PATH"), readFile)
	}
	switch {
	case info.PullRequest || !strings.HasPrefix(ref, "refs/heads/"):
		info.DefaultBranch = false
	case info.DefaultBranchName != "":
		info.DefaultBranch = ref == "refs/heads/"+info.DefaultBranchName
	default:
		info.DefaultBranch = isAssumedDefault(strings.TrimPrefix(ref, "refs/heads/"))
	}
	return info
}

// eventDefaultBranch reads repository.default_branch from the GitHub Actions
// event payload; "" when absent or unreadable.
func eventDefaultBranch(path string, readFile func(string) ([]byte, error)) string {
	if path == "" {
		return ""
	}
	data, err := readFile(path)
	if err != nil {
		return ""
	}
	var ev struct {
		Repository struct {
			DefaultBranch string `json:"default_branch"`
		} `json:"repository"`
	}
	if json.Unmarshal(data, &ev) != nil {
		return ""
	}
	return ev.Repository.DefaultBranch
}

func detectGitLab(getenv func(string) string) Info {
	info := Info{
		Provider:          GitLabCI,
		Repository:        getenv("CI_PROJECT_PATH"),
		Commit:            getenv("CI_COMMIT_SHA"),
		RunURL:            getenv("CI_PIPELINE_URL"),
		DefaultBranchName: getenv("CI_DEFAULT_BRANCH"),
	}
	if info.RunURL == "" {
		info.RunURL = getenv("CI_JOB_URL")
	}
	if src := getenv("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"); src != "" {
		info.Branch = src
		info.PullRequest = true
	} else if getenv("CI_COMMIT_TAG") == "" {
		info.Branch = getenv("CI_COMMIT_REF_NAME")
	}
	// CI_COMMIT_BRANCH is set only for branch pipelines (not tags, not MRs).
	branch := getenv("CI_COMMIT_BRANCH")
	switch {
	case info.PullRequest || branch == "":
		info.DefaultBranch = false
	case info.DefaultBranchName != "":
		info.DefaultBranch = branch == info.DefaultBranchName
	default:
		info.DefaultBranch = isAssumedDefault(branch)
	}
	return info
}

func detectCircle(getenv func(string) string) Info {
	repo := ""
	if u, n := getenv("CIRCLE_PROJECT_USERNAME"), getenv("CIRCLE_PROJECT_REPONAME"); u != "" && n != "" {
		repo = u + "/" + n
	} else {
		repo = NormalizeRepository(getenv("CIRCLE_REPOSITORY_URL"))
	}
	return Info{
		Provider:    CircleCI,
		Repository:  repo,
		Branch:      getenv("CIRCLE_BRANCH"),
		Commit:      getenv("CIRCLE_SHA1"),
		RunURL:      getenv("CIRCLE_BUILD_URL"),
		PullRequest: getenv("CIRCLE_PULL_REQUEST") != "",
	}.assumeDefault()
}

func detectBuildkite(getenv func(string) string) Info {
	info := Info{
		Provider:          Buildkite,
		Repository:        NormalizeRepository(getenv("BUILDKITE_REPO")),
		Branch:            getenv("BUILDKITE_BRANCH"),
		Commit:            getenv("BUILDKITE_COMMIT"),
		RunURL:            getenv("BUILDKITE_BUILD_URL"),
		DefaultBranchName: getenv("BUILDKITE_PIPELINE_DEFAULT_BRANCH"),
	}
	pr := getenv("BUILDKITE_PULL_REQUEST")
	info.PullRequest = pr != "" && pr != "false"
	if info.DefaultBranchName == "" {
		return info.assumeDefault()
	}
	info.DefaultBranch = !info.PullRequest && info.Branch == info.DefaultBranchName
	return info
}

// assumeDefault decides DefaultBranch when the provider does not name the
// default branch: main or master.
func (info Info) assumeDefault() Info {
	info.DefaultBranch = !info.PullRequest && isAssumedDefault(info.Branch)
	return info
}

func detectJenkins(getenv func(string) string) Info {
	branch := getenv("BRANCH_NAME")
	if branch == "" {
		branch = getenv("GIT_BRANCH")
		if i := strings.Index(branch, "/"); i >= 0 && strings.HasPrefix(branch, "origin/") {
			branch = branch[i+1:]
		}
	}
	return Info{
		Provider:    Jenkins,
		Repository:  NormalizeRepository(getenv("GIT_URL")),
		Branch:      branch,
		Commit:      getenv("GIT_COMMIT"),
		RunURL:      getenv("BUILD_URL"),
		PullRequest: getenv("CHANGE_ID") != "",
	}.assumeDefault()
}

func detectBitbucket(getenv func(string) string) Info {
	info := Info{
		Provider:    Bitbucket,
		Repository:  getenv("BITBUCKET_REPO_FULL_NAME"),
		Branch:      getenv("BITBUCKET_BRANCH"),
		Commit:      getenv("BITBUCKET_COMMIT"),
		PullRequest: getenv("BITBUCKET_PR_ID") != "",
	}
	if info.Repository != "" {
		info.RunURL = "https://bitbucket.org/" + info.Repository + "/pipelines/results/" + getenv("BITBUCKET_BUILD_NUMBER")
	}
	return info.assumeDefault()
}

func detectAzure(getenv func(string) string) Info {
	info := Info{
		Provider:    AzurePipelines,
		Repository:  getenv("BUILD_REPOSITORY_NAME"),
		Commit:      getenv("BUILD_SOURCEVERSION"),
		PullRequest: getenv("SYSTEM_PULLREQUEST_PULLREQUESTID") != "",
	}
	if src := getenv("SYSTEM_PULLREQUEST_SOURCEBRANCH"); info.PullRequest && src != "" {
		info.Branch = strings.TrimPrefix(src, "refs/heads/")
	} else if b, ok := strings.CutPrefix(getenv("BUILD_SOURCEBRANCH"), "refs/heads/"); ok {
		info.Branch = b
	}
	if u, p, id := getenv("SYSTEM_COLLECTIONURI"), getenv("SYSTEM_TEAMPROJECT"), getenv("BUILD_BUILDID"); u != "" && p != "" && id != "" {
		info.RunURL = strings.TrimSuffix(u, "/") + "/" + p + "/_build/results?buildId=" + id
	}
	return info.assumeDefault()
}

// NormalizeRepository turns a clone URL ("https://github.com/o/n.git",
// "git@github.com:o/n.git", "ssh://git@host/o/n") into "o/n"; a value that is
// already "owner/name" is returned unchanged. Credentials embedded in a URL
// never survive.
func NormalizeRepository(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "/"), ".git")
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.Index(s, "/"); j >= 0 {
			s = s[j+1:]
		} else {
			return ""
		}
	} else if at := strings.Index(s, "@"); at >= 0 {
		if c := strings.Index(s[at:], ":"); c >= 0 {
			s = s[at+c+1:]
		}
	}
	return strings.Trim(s, "/")
}

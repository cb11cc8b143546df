package ci

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDetect(t *testing.T) {
	events := map[string]string{
		"/ev/develop.json": `{"repository":{"default_branch":"develop"}}`,
		"/ev/bad.json":     `{not json`,
	}
	readFile := func(p string) ([]byte, error) {
		if s, ok := events[p]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("no such file")
	}
	tests := []struct {
		name string
		env  map[string]string
		want Info
	}{
		{
			name: "github push to main",
			env: map[string]string{
				"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/api", "GITHUB_REF": "refs/heads/main",
				"GITHUB_REF_NAME": "main", "GITHUB_SHA": "abc123", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42",
			},
			want: Info{Provider: GitHubActions, Repository: "acme/api", Branch: "main", Commit: "abc123",
				RunURL: "https://github.com/acme/api/actions/runs/42", DefaultBranch: true},
		},
		{
			name: "github pull request uses head ref and is never default",
			env: map[string]string{
				"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/api", "GITHUB_REF": "refs/pull/7/merge",
				"GITHUB_REF_NAME": "7/merge", "GITHUB_HEAD_REF": "main", "GITHUB_SHA": "m1", "GITHUB_RUN_ID": "9", "GITHUB_RUN_ATTEMPT": "2",
			},
			want: Info{Provider: GitHubActions, Repository: "acme/api", Branch: "main", Commit: "m1",
				RunURL: "https://github.com/acme/api/actions/runs/9/attempts/2", PullRequest: true},
		},
		{
			name: "github default branch from SECAUDIT_DEFAULT_BRANCH",
			env: map[string]string{
				"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/api", "GITHUB_REF": "refs/heads/main",
				"GITHUB_REF_NAME": "main", "SECAUDIT_DEFAULT_BRANCH": "trunk",
			},
			want: Info{Provider: GitHubActions, Repository: "acme/api", Branch: "main", DefaultBranchName: "trunk"},
		},
		{
			name: "github default branch from event payload",
			env: map[string]string{
				"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/api", "GITHUB_REF": "refs/heads/develop",
				"GITHUB_REF_NAME": "develop", "GITHUB_EVENT_PATH": "/ev/develop.json",
			},
			want: Info{Provider: GitHubActions, Repository: "acme/api", Branch: "develop", DefaultBranchName: "develop", DefaultBranch: true},
		},
		{
			name: "github unreadable event falls back to main/master",
			env: map[string]string{
				"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/api", "GITHUB_REF": "refs/heads/master",
				"GITHUB_REF_NAME": "master", "GITHUB_EVENT_PATH": "/ev/bad.json",
			},
			want: Info{Provider: GitHubActions, Repository: "acme/api", Branch: "master", DefaultBranch: true},
		},
		{
			name: "github tag is not a branch",
			env: map[string]string{
				"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/api", "GITHUB_REF": "refs/tags/v1.0.0",
				"GITHUB_REF_NAME": "v1.0.0", "GITHUB_REF_TYPE": "tag",
			},
			want: Info{Provider: GitHubActions, Repository: "acme/api"},
		},
		{
			name: "gitlab default branch pipeline",
			env: map[string]string{
				"GITLAB_CI": "true", "CI_PROJECT_PATH": "grp/sub/svc", "CI_COMMIT_REF_NAME": "develop", "CI_COMMIT_BRANCH": "develop",
				"CI_COMMIT_SHA": "fff", "CI_PIPELINE_URL": "https://gitlab.com/grp/sub/svc/-/pipelines/5", "CI_DEFAULT_BRANCH": "develop",
			},
			want: Info{Provider: GitLabCI, Repository: "grp/sub/svc", Branch: "develop", Commit: "fff",
				RunURL: "https://gitlab.com/grp/sub/svc/-/pipelines/5", DefaultBranchName: "develop", DefaultBranch: true},
		},
		{
			name: "gitlab merge request pipeline",
			env: map[string]string{
				"GITLAB_CI": "true", "CI_PROJECT_PATH": "grp/svc", "CI_COMMIT_REF_NAME": "feature", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "feature",
				"CI_JOB_URL": "https://gitlab.com/grp/svc/-/jobs/1", "CI_DEFAULT_BRANCH": "main",
			},
			want: Info{Provider: GitLabCI, Repository: "grp/svc", Branch: "feature", RunURL: "https://gitlab.com/grp/svc/-/jobs/1",
				DefaultBranchName: "main", PullRequest: true},
		},
		{
			name: "circleci on master",
			env: map[string]string{
				"CIRCLECI": "true", "CIRCLE_PROJECT_USERNAME": "acme", "CIRCLE_PROJECT_REPONAME": "web", "CIRCLE_BRANCH": "master",
				"CIRCLE_SHA1": "c1", "CIRCLE_BUILD_URL": "https://circleci.com/gh/acme/web/3",
			},
			want: Info{Provider: CircleCI, Repository: "acme/web", Branch: "master", Commit: "c1",
				RunURL: "https://circleci.com/gh/acme/web/3", DefaultBranch: true},
		},
		{
			name: "buildkite with default branch",
			env: map[string]string{
				"BUILDKITE": "true", "BUILDKITE_REPO": "git@github.com:acme/infra.git", "BUILDKITE_BRANCH": "prod",
				"BUILDKITE_PIPELINE_DEFAULT_BRANCH": "prod", "BUILDKITE_PULL_REQUEST": "false",
			},
			want: Info{Provider: Buildkite, Repository: "acme/infra", Branch: "prod", DefaultBranchName: "prod", DefaultBranch: true},
		},
		{
			name: "jenkins strips origin and credentials",
			env: map[string]string{
				"JENKINS_URL": "https://ci", "GIT_URL": "https://user:tok@github.com/acme/app.git", "GIT_BRANCH": "origin/main",
				"GIT_COMMIT": "j1", "BUILD_URL": "https://ci/job/app/1/",
			},
			want: Info{Provider: Jenkins, Repository: "acme/app", Branch: "main", Commit: "j1", RunURL: "https://ci/job/app/1/", DefaultBranch: true},
		},
		{
			name: "bitbucket pipelines",
			env: map[string]string{
				"BITBUCKET_BUILD_NUMBER": "12", "BITBUCKET_REPO_FULL_NAME": "acme/svc", "BITBUCKET_BRANCH": "main", "BITBUCKET_COMMIT": "b1",
			},
			want: Info{Provider: Bitbucket, Repository: "acme/svc", Branch: "main", Commit: "b1",
				RunURL: "https://bitbucket.org/acme/svc/pipelines/results/12", DefaultBranch: true},
		},
		{
			name: "azure pipelines pull request",
			env: map[string]string{
				"TF_BUILD": "True", "BUILD_REPOSITORY_NAME": "acme/svc", "BUILD_SOURCEBRANCH": "refs/pull/3/merge",
				"SYSTEM_PULLREQUEST_PULLREQUESTID": "3", "SYSTEM_PULLREQUEST_SOURCEBRANCH": "refs/heads/main", "BUILD_SOURCEVERSION": "a1",
				"SYSTEM_COLLECTIONURI": "https://dev.azure.com/acme/", "SYSTEM_TEAMPROJECT": "proj", "BUILD_BUILDID": "77",
			},
			want: Info{Provider: AzurePipelines, Repository: "acme/svc", Branch: "main", Commit: "a1",
				RunURL: "https://dev.azure.com/acme/proj/_build/results?buildId=77", PullRequest: true},
		},
		{
			name: "generic variables outside CI",
			env: map[string]string{
				"SECAUDIT_REPOSITORY": "acme/tool", "SECAUDIT_BRANCH": "release", "SECAUDIT_COMMIT": "g1",
				"SECAUDIT_RUN_URL": "https://ci.example/1", "SECAUDIT_DEFAULT_BRANCH": "release",
			},
			want: Info{Provider: Local, Repository: "acme/tool", Branch: "release", Commit: "g1",
				RunURL: "https://ci.example/1", DefaultBranchName: "release", DefaultBranch: true},
		},
		{
			name: "nothing known",
			env:  map[string]string{},
			want: Info{Provider: Local},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DetectWith(envOf(tt.env), readFile)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DetectWith (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	yes, no := true, false
	base := Info{Provider: GitHubActions, Repository: "a/b", Branch: "feature", DefaultBranchName: "main"}
	tests := []struct {
		name string
		o    Overrides
		want Info
	}{
		{"nothing", Overrides{}, base},
		{"branch recomputes default", Overrides{Branch: "refs/heads/main"},
			Info{Provider: GitHubActions, Repository: "a/b", Branch: "main", DefaultBranchName: "main", DefaultBranch: true}},
		{"explicit default wins", Overrides{Branch: "main", DefaultBranch: &no},
			Info{Provider: GitHubActions, Repository: "a/b", Branch: "main", DefaultBranchName: "main"}},
		{"force default", Overrides{DefaultBranch: &yes, Repository: "https://github.com/x/y.git", Commit: "c", RunURL: "u"},
			Info{Provider: GitHubActions, Repository: "x/y", Branch: "feature", Commit: "c", RunURL: "u", DefaultBranchName: "main", DefaultBranch: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, base.Override(tt.o)); diff != "" {
				t.Errorf("Override (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalizeRepository(t *testing.T) {
	for in, want := range map[string]string{
		"acme/api":                             "acme/api",
		"https://github.com/acme/api.git":      "acme/api",
		"git@github.com:acme/api.git":          "acme/api",
		"ssh://git@gitlab.com/grp/sub/api.git": "grp/sub/api",
		"https://x:secret@github.com/acme/api": "acme/api",
		"https://github.com":                   "",
		"":                                     "",
	} {
		if got := NormalizeRepository(in); got != want {
			t.Errorf("NormalizeRepository(%q) = %q, want %q", in, got, want)
		}
	}
}

"""The CI files that maintainers rely on: valid YAML, calling the same make targets as a person."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MAKE_TARGETS = {line.split(":")[0] for line in (REPO / "Makefile").read_text().splitlines()
                if line and not line[0].isspace() and ":" in line and "=" not in line.split(":")[0]}


def steps(workflow: str) -> list[dict]:
    data = yaml.safe_load((REPO / ".github" / "workflows" / workflow).read_text(encoding="utf-8"))
    assert data[True if True in data else "on"]  # PyYAML reads the key `on` as true
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def make_calls(workflow: str) -> set[str]:
    return {word for step in steps(workflow) for line in step.get("run", "").splitlines()
            for i, word in enumerate(line.split()) if i > 0 and line.split()[i - 1] == "make"}


def test_pull_request_workflow_checks_tests_and_builds():
    assert make_calls("pull-request.yml") == {"check-github", "test", "site"}
    assert make_calls("pull-request.yml") <= MAKE_TARGETS


def test_pull_request_workflow_uploads_the_built_sites_and_pdfs_for_the_reviewer():
    uploads = {step["with"]["name"]: step for step in steps("pull-request.yml")
               if step.get("uses", "").startswith("actions/upload-artifact")}
    assert uploads["briefing-preview"]["with"]["path"] == "site"
    assert uploads["test-artifacts"]["with"]["path"] == "test-artifacts"  # screenshots and audits, even on failure
    assert uploads["test-artifacts"]["if"] == "${{ !cancelled() }}"
    diff_step = next(step for step in steps("pull-request.yml") if "generator diff" in step.get("run", ""))
    assert "--text > site/pages.diff" in diff_step["run"]


def test_publish_workflow_uploads_the_site_with_its_pdfs():
    assert make_calls("publish.yml") == {"site"}
    uses = [step.get("uses", "") for step in steps("publish.yml")]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    upload = next(step for step in steps("publish.yml") if step.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"


def test_pre_commit_hooks_run_check_and_lint():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["check-sources"]["entry"] == "make check" and hooks["check-sources"]["files"] == "^sources/"
    assert hooks["lint"]["entry"] == "make lint"
    assert all(hook["language"] == "system" for hook in hooks.values())


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.index("make site") < readme.index("make test") < 600

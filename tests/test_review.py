"""`python -m generator diff REV`: what an annotation change does to the pages, for a reviewer."""

from __future__ import annotations

import shutil
import subprocess

from tests.conftest import REPO, copy_project, run_generator


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root)})


def test_diff_lists_added_and_changed_pages_per_language(tmp_path):
    project = copy_project(tmp_path)
    shutil.copytree(REPO / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "seed")

    city = project.sources / "cities" / "can-tho.yml"
    city.write_text(city.read_text(encoding="utf-8") + "search_terms: [Cantho]\n", encoding="utf-8")
    result = run_generator(project, "diff", "HEAD")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "en: 0 added, 0 removed, 1 changed" in lines
    assert "  ~ cities/can-tho.md" in lines
    assert lines.count("  ~ cities/can-tho.md") == 3  # in each language

    summary = project.sources / "cities" / "da-nang.yml"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(text.replace("summary:\n  en: ", "summary:\n  en: Zz changed. ", 1), encoding="utf-8")
    result = run_generator(project, "diff", "HEAD", "--text")
    assert result.returncode == 0, result.stderr
    assert "en: --- a/cities/da-nang.md" in result.stdout
    diff_lines = result.stdout.splitlines()
    assert any(line.startswith("+") and "Zz changed" in line and "One of the localities" in line for line in diff_lines)
    assert any(line.startswith("-") and "One of the localities" in line and "Zz" not in line for line in diff_lines)


def test_diff_with_an_unknown_revision_says_so(tmp_path):
    project = copy_project(tmp_path)
    git(tmp_path, "init", "-q")
    result = run_generator(project, "diff", "no-such-branch")
    assert result.returncode == 1
    assert "git cannot read revision 'no-such-branch'" in result.stderr
    assert "Traceback" not in result.stderr

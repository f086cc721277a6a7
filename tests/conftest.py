"""Shared fixtures: a throw-away copy of the project, and one full build of it.

The tests that need a known corpus use tests/corpus/sources/, a frozen copy of the seed
annotations: a pull request that adds or improves articles in sources/ changes none of their
expectations. The tests over the real sources/ (test_sources.py) assert what holds of any
correct corpus."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import load_briefing
from generator.project import Project

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "sources"  # the seeds, frozen for the tests
PROJECT_PARTS = ("docs", "mkdocs.yml")
PUBLISHED_AT = "https://briefing.example.org/"  # the address the session's build is made for


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests of the built sites and of the browser are slow (make test-fast leaves them out)."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()) or "browser" in item.path.parts:
            item.add_marker(pytest.mark.slow)


def copy_project(destination: Path, sources: Path = CORPUS) -> Project:
    """A project in ``destination``: the test corpus (or ``sources``, REPO / "sources" for the
    real one), with the hand-written pages and the configuration of this checkout."""
    shutil.copytree(sources, destination / "sources")
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return Project(destination)


def add_alias(path: Path, alias: str) -> None:
    """Give the entity of ``path`` one more alias (a YAML text), whether or not it has aliases already."""
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    at = next((number for number, line in enumerate(lines) if line.startswith("aliases: [")), None)
    if at is None:
        lines.append(f"aliases: [{alias}]")
    else:
        lines[at] = lines[at].replace("aliases: [", f"aliases: [{alias}, ", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_generator(project: Project, *args: str) -> subprocess.CompletedProcess:
    """Run the command line as a user would, on ``project``."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--project", str(project.root), *args],
        cwd=REPO, capture_output=True, text=True,
    )


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """The test corpus built once into three sites for PUBLISHED_AT, shared by the read-only site tests."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    result = run_generator(project, "--site-url", PUBLISHED_AT, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def corpus_project(tmp_path_factory) -> Project:
    """The test corpus, read by the tests that do not change it."""
    return copy_project(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def pages(corpus_project) -> dict[str, dict[str, str]]:
    """The generated Markdown of the test corpus, per language, without running MkDocs."""
    from generator.render import render_pages

    briefing = load_briefing(corpus_project)
    return {lang: dict(render_pages(briefing, lang)) for lang in ("en", "vi", "fr")}

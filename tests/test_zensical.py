"""The generated pages also build under Zensical, the successor of Material for MkDocs, with no broken link.

MkDocs + Material stays the engine of `make site`; this test checks that moving to Zensical would
find every link between the generated pages resolved. Zensical reads mkdocs.yml, with a few limits
that the config written here works around (see `zensical_config`). It checks links to Markdown
pages and their anchors, not links to other files (briefing.pdf, images): `mkdocs build --strict`
(generator/build.py) covers those.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load

from tests.conftest import REPO, copy_project, run_generator

LANG = "en"  # one language keeps the test fast: the three share templates and links
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Zensical reports each problem as "Warning: page does not exist" (or "anchor does not exist")
# followed by a box whose first line names the place: "╭─[ about.md:24:5 ]", then the source line.
ISSUE = re.compile(r"^(Warning|Error): (.+)$")
PLACE = re.compile(r"╭─\[ (.+?) \]")


def pinned_zensical() -> str:
    pins = [line for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
            if line.lower().startswith("zensical==")]
    return pins[0] if pins else "zensical (not pinned in requirements.txt)"


def zensical_config(root: Path, lang: str) -> Path:
    """A Zensical config for one language, derived from the MkDocs one the generator wrote.

    - INHERIT is flattened as MkDocs does it (mkdocs.utils.yaml_load), not by Zensical's own merge.
    - The config is written at the project root: Zensical (0.0.73) wants docs_dir and site_dir
      inside the folder of the config, and given as relative paths (absolute ones make it panic:
      "invariant: Id(Format(Path(RootDir)))").
    - `hooks` and `watch` are dropped: the hook only regenerates the pages during `mkdocs serve`.
    docs_dir stays the generated build/docs/<lang>: the pages built are exactly the generated ones.
    """
    generated = root / "build" / "mkdocs" / f"{lang}.yml"
    with generated.open(encoding="utf-8") as file:
        config = yaml_load(file)
    config.pop("hooks", None)
    config.pop("watch", None)
    docs_dir = (generated.parent / config["docs_dir"]).resolve()
    config["docs_dir"] = docs_dir.relative_to(root.resolve()).as_posix()
    config["site_dir"] = f"zensical-site/{lang}"
    if config.get("theme", {}).get("custom_dir"):
        config["theme"]["custom_dir"] = str((generated.parent / config["theme"]["custom_dir"]).resolve())
    path = root / f"zensical-{lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def zensical_build(config: Path) -> tuple[subprocess.CompletedProcess, str, list[str]]:
    """Build with Zensical; return the run, its plain-text output and one line per problem it reported."""
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--config-file", config.name],
        cwd=config.parent, capture_output=True, text=True, timeout=300,
    )
    output = ANSI.sub("", result.stdout + "\n" + result.stderr)
    lines = output.splitlines()
    issues = []
    for i, line in enumerate(lines):
        if match := ISSUE.match(line.strip()):
            following = "\n".join(lines[i + 1:i + 5])
            place = PLACE.search(following)
            source = next((box.split("│", 1)[1].strip() for box in lines[i + 1:i + 5]
                           if re.match(r"^\s*\d+ │", box)), "")
            issues.append(f"{place.group(1) if place else '?'}: {match.group(2)}: {source}")
    return result, output, issues


def build_english_with_zensical(
    tmp_path: Path, mutate=None,
) -> tuple[Path, subprocess.CompletedProcess, str, list[str]]:
    if importlib.util.find_spec("zensical") is None:
        pytest.fail(f"Zensical is not installed in {sys.prefix}: it is a pinned dependency "
                    f"({pinned_zensical()}); run `pip install -r requirements.txt`.")
    project = copy_project(tmp_path)
    if mutate:
        mutate(project.root)
    generated = run_generator(project, "generate")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    config = zensical_config(project.root, LANG)
    return (project.root, *zensical_build(config))


def test_the_generated_pages_build_under_zensical_with_every_link_resolved(tmp_path):
    root, result, output, issues = build_english_with_zensical(tmp_path)

    assert result.returncode == 0, f"Zensical failed to build the {LANG} site:\n{output}"
    assert issues == [], f"Zensical found {len(issues)} unresolved link(s) in the {LANG} pages:\n" + "\n".join(issues)
    # The summary line too: if Zensical changed how it words a problem, the parsing above could miss it.
    assert "No issues found" in output, output
    # Every generated page became an HTML page.
    docs = root / "build" / "docs" / LANG
    site = root / "zensical-site" / LANG
    pages = sorted(docs.rglob("*.md"))
    assert pages, f"the generator wrote no page into {docs}"
    missing = [str(page.relative_to(docs)) for page in pages
               if not (site / page.relative_to(docs).with_suffix("") / "index.html").is_file()
               and not (site / page.relative_to(docs).with_suffix(".html")).is_file()]
    assert missing == [], f"pages Zensical did not build: {missing}"


def test_zensical_reports_a_link_to_a_missing_page(tmp_path):
    """The check above can fail: a page linking to no page, or absolute from the docs root, is reported."""
    def add_broken_links(root: Path) -> None:
        about = root / "docs" / LANG / "about.md"
        about.write_text(about.read_text(encoding="utf-8")
                         + "\n\n[x](nowhere.md)\n\n[y](/cities/ha-noi.md)\n", encoding="utf-8")

    _, result, output, issues = build_english_with_zensical(tmp_path, add_broken_links)

    assert result.returncode == 0, output
    assert len(issues) == 2, output
    assert re.fullmatch(r"about\.md:\d+:\d+: page does not exist: \[x\]\(nowhere\.md\)", issues[0]), issues
    assert re.fullmatch(r"about\.md:\d+:\d+: page does not exist: \[y\]\(/cities/ha-noi\.md\)", issues[1]), issues
    assert "2 issues found" in output, output

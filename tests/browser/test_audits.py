"""The web's own validators on the built sites: Lighthouse (accessibility, best practices, SEO) on a page of
each kind a reader lands on, and the Nu Html Checker on every page. Their reports are kept in
test-artifacts/ (audits-*.txt) to read."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS
from tests.conftest import REPO

NPM_BIN = REPO / ".venv" / "npm" / "node_modules" / ".bin"
VNU_JAR = REPO / ".venv" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGS = ("en", "vi", "fr")
LIGHTHOUSE_PAGES = ("", "cities/ha-noi/", "events/vietnam-asia-smart-city-summit-2024/",
                    "sources/vna-2018-hanoi-smart-city-roadmap/")
# Lighthouse's mobile emulation (its default): a phone's screen, as the reader on a phone gets the page.
LIGHTHOUSE_MINIMUM = {"accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}

# The Nu Html Checker's errors in Material's own markup (mkdocs-material 9.8.1, partials/base.html and
# partials/toc.html), on every page: none is the project's. Any other error fails the audit.
THEME_ERRORS = {
    "Material's drawer and search toggles are checkboxes with autocomplete=off (base.html)":
        re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
    "Material's table of contents title is a label for its hidden toggle (toc.html)":
        re.compile(r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden"),
}


def lighthouse(url: str, report) -> dict:
    result = subprocess.run(
        [str(NPM_BIN / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={report}",
         "--only-categories=accessibility,best-practices,seo",
         "--chrome-flags=" + " ".join(["--headless=new", *LAUNCH_ARGS])],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def failed_audits(report: dict) -> list[str]:
    return [f"{category}: {ref['id']} ({report['audits'][ref['id']]['title']})"
            for category, data in report["categories"].items() for ref in data["auditRefs"]
            if ref["weight"] > 0 and (report["audits"][ref["id"]]["score"] or 0) < 1]


@pytest.mark.parametrize("lang", LANGS)
def test_lighthouse_scores_a_page_of_each_kind(server, tmp_path, artifacts, lang):
    if not (NPM_BIN / "lighthouse").exists():
        pytest.fail("Lighthouse is missing: run `make test`, which installs it with npm")
    urls = [f"{server}{lang}/{path}" for path in LIGHTHOUSE_PAGES] + ([server] if lang == "en" else [])  # the chooser
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lighthouse, urls, [tmp_path / f"{n}.json" for n in range(len(urls))]))
    lines, below = [], []
    for url, report in zip(urls, reports, strict=True):
        scores = {category: data["score"] for category, data in report["categories"].items()}
        lines.append(f"{url}: {scores}")
        lines += [f"    {failure}" for failure in failed_audits(report)]
        below += [f"{url}: {category} {scores[category]}" for category, least in LIGHTHOUSE_MINIMUM.items()
                  if scores[category] < least]
    (artifacts / f"audits-lighthouse-{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert below == [], "\n".join(lines)


def test_the_html_checker_finds_no_error_of_ours(server_site, artifacts):
    """Every page of the three sites; the theme's own errors are counted and listed as known."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail("The Nu Html Checker needs vnu-jar and Java: run `make test`, which installs both")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
                             str(server_site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    known = {name: 0 for name in THEME_ERRORS}
    ours = []
    for message in messages:
        name = next((name for name, pattern in THEME_ERRORS.items() if pattern.search(message["message"])), None)
        if name is None:
            ours.append(f"{message['url'].split('/site/', 1)[-1]}:{message.get('lastLine')}: {message['message']}")
        else:
            known[name] += 1
    pages = len(list(server_site.rglob("*.html")))
    report = [f"{pages} pages checked; errors of the project's templates: {len(ours)}", *ours,
              "known errors of Material's theme:", *(f"    {count} × {name}" for name, count in known.items())]
    (artifacts / "audits-html.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    assert ours == [], "\n".join(ours)

"""After an edit, only the pages of what changed are rendered again, the result is the
same, byte for byte, as a generation from scratch, and the live preview shows it."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.write import read_tree
from tests.conftest import REPO, run_generator

WORKSHOP = "sources/articles/vna-2017-12-05-france-smart-city-workshop.md"
EDITS = {
    "an entity renamed": ("sources/cities/ha-noi.yml", "en: Hanoi\n", "en: Ha Noi City\n"),
    "a publisher renamed": (WORKSHOP, "publisher: VNA (Vietnam News Agency)", "publisher: Vietnam News Agency"),
    "a role retitled": ("sources/people/bertrand-lortholary.yml", 'en: "French Ambassador to Vietnam"',
                        'en: "Ambassador of France to Vietnam"'),
    "a city no longer in a claim": (WORKSHOP, "about: [vietnam-france-smart-city-workshop-2017, ha-noi]",
                                    "about: [vietnam-france-smart-city-workshop-2017]"),
    # Shown on the list pages (figures, timeline, events index), which are also left alone when
    # their entries did not change.
    "a figure changed": ("sources/articles/vietnam-news-2024-12-smart-city-summit.md", "value: 42.7", "value: 43.1"),
    "an event moved": ("sources/events/vietnam-asia-smart-city-summit-2023.yml", "start: 2023-11-29",
                       "start: 2015-11-29"),
}


def edit(project, path: str, old: str, new: str) -> None:
    file = project.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def generated(project) -> dict[str, bytes]:
    return read_tree(project.docs)


@pytest.mark.parametrize("change", EDITS)
def test_an_edit_gives_the_pages_of_a_generation_from_scratch(project, change):
    assert run_generator(project, "generate").returncode == 0
    edit(project, *EDITS[change])
    assert run_generator(project, "generate").returncode == 0
    after_edit = generated(project)
    shutil.rmtree(project.build)
    assert run_generator(project, "generate").returncode == 0
    from_scratch = generated(project)
    assert sorted(after_edit) == sorted(from_scratch)
    assert [path for path in from_scratch if after_edit[path] != from_scratch[path]] == []


def test_pages_that_do_not_show_the_edit_are_not_rendered_again(project):
    assert run_generator(project, "generate").returncode == 0
    # Pages are written only when their text changes: a mark left in a page that does not
    # show Hanoi survives an edit of Hanoi only if that page was not rendered again.
    unrelated = project.docs / "en" / "organisations" / "vinasa.md"
    related = project.docs / "en" / "events" / "vietnam-france-smart-city-workshop-2017.md"
    for page in (unrelated, related):
        page.write_text(page.read_text(encoding="utf-8") + "MARK\n", encoding="utf-8")
    edit(project, *EDITS["an entity renamed"])
    assert run_generator(project, "generate").returncode == 0
    assert unrelated.read_text(encoding="utf-8").endswith("MARK\n")
    assert "MARK" not in related.read_text(encoding="utf-8") and "Ha Noi City" in related.read_text(encoding="utf-8")
    # What a build remembers holds only for the code that made it: a change of the generator
    # or its templates (here, a cache made by other code) renders everything again.
    cache = project.build / "cache.pickle"
    _code, *kept = pickle.loads(cache.read_bytes())
    cache.write_bytes(pickle.dumps(("other code", *kept)))
    edit(project, *EDITS["a publisher renamed"])
    assert run_generator(project, "generate").returncode == 0
    assert "MARK" not in unrelated.read_text(encoding="utf-8")


@pytest.mark.slow
def test_generate_after_a_build_of_other_sources_shows_the_sources(project):
    """`generate` (and the preview) skip when their inputs match the last generation; a build
    in between replaces the pages, so going back to those inputs must not show the build's."""
    assert run_generator(project, "generate").returncode == 0
    path, old, new = EDITS["an entity renamed"]
    edit(project, path, old, new)
    assert run_generator(project, "build").returncode == 0
    edit(project, path, new, old)
    assert run_generator(project, "generate").returncode == 0
    assert "Ha Noi City" not in (project.docs / "en" / "cities" / "ha-noi.md").read_text(encoding="utf-8")


def test_files_read_before_are_parsed_again_when_they_change_and_problems_are_never_forgotten(project):
    assert run_generator(project, "generate").returncode == 0
    cache = project.build / "cache.pickle"
    assert cache.is_file()
    edit(project, WORKSHOP, "published: 2017-12-05", "published: 2017-13-05")
    for _run in range(2):  # a file with a problem is not kept: the second run reports it too
        run = run_generator(project, "generate")
        assert run.returncode != 0
        assert "error: '2017-13-05' has no month 13" in run.stdout + run.stderr
    edit(project, WORKSHOP, "published: 2017-13-05", "published: 2017-12-05")
    assert run_generator(project, "generate").returncode == 0
    cache.write_bytes(b"cut short by a kill")
    edit(project, WORKSHOP, "  en: VNA (Vietnam News Agency)", "  en: Vietnam News Agency")
    assert run_generator(project, "generate").returncode == 0  # the files are parsed again
    page = project.docs / "en" / "sources" / Path(WORKSHOP).name
    assert "<strong>Publisher:</strong> Vietnam News Agency\n" in page.read_text(encoding="utf-8")
    assert cache.read_bytes() != b"cut short by a kill"


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(condition, server: subprocess.Popen, log, seconds: float = 120, nudge=lambda: None) -> None:
    """Until ``condition()``, running ``nudge()`` every 30 s; fails if the server stops or time runs out."""
    started, nudges = time.monotonic(), 0
    while not condition():
        assert server.poll() is None, log.read_text(encoding="utf-8")
        waited = time.monotonic() - started
        assert waited < seconds, "the preview did not show the change:\n" + log.read_text(encoding="utf-8")
        if waited > 30 * (nudges + 1):
            nudge()
            nudges += 1
        time.sleep(0.5)


@pytest.mark.slow
@pytest.mark.parametrize("dirty", [False, True], ids=["full", "dirty"])
def test_the_live_preview_shows_an_edit(project, tmp_path, dirty):
    """`make serve` (and `make serve dirty=1`): an edited source shows on the served pages."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "--project", str(project.root), "serve", "--lang", "en",
             "--dev-addr", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
            cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = f"http://127.0.0.1:{port}/en/events/vietnam-france-smart-city-workshop-2017/"
        _wait_for(lambda: "Hanoi" in _fetch(page), server, log)
        assert not (project.docs / "en" / "briefing.pdf").exists()  # no minutes spent on PDFs before serving
        path, old, new = EDITS["an entity renamed"]
        edit(project, path, old, new)
        # MkDocs may still be setting up its file watches when it starts serving: an editor
        # whose save went unseen saves again, and so does this test.
        _wait_for(lambda: "Ha Noi City" in _fetch(page), server, log, nudge=(project.root / path).touch)
        assert "Ha Noi City" in _fetch(f"http://127.0.0.1:{port}/en/cities/ha-noi/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


@pytest.mark.parametrize("page", ["glossary.md", "cities/ha-noi.md"])
def test_a_hand_written_page_at_the_path_of_a_generated_page_is_refused(project, page):
    # cities/ha-noi.md would not be rendered again on the second run (Hanoi did not change): it clashes too.
    assert run_generator(project, "generate").returncode == 0
    handwritten = project.root / "docs" / "fr" / page
    handwritten.parent.mkdir(parents=True, exist_ok=True)
    handwritten.write_text("# Page écrite à la main\n", encoding="utf-8")
    result = run_generator(project, "generate")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/fr/{page} has the path of a generated page: rename it" in result.stdout + result.stderr
    assert "Page écrite à la main" not in (project.docs / "fr" / page).read_text(encoding="utf-8")

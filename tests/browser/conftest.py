"""A real browser (Debian's Chromium, driven by Playwright) against the three sites,
built for and served at a local address exactly as they are published."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO, add_alias, copy_project

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
# Keep Chromium off the network: only the test server is ever contacted.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(project, port: int):
    """Build ``project`` for http://127.0.0.1:<port>/ and serve its site/ like on the web."""
    base = f"http://127.0.0.1:{port}/"
    build = subprocess.run([sys.executable, "-m", "generator", "--project", str(project.root), "--site-url", base,
                            "build"], cwd=REPO, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    handler = functools.partial(_QuietHandler, directory=str(project.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return base, httpd


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """The sites built with site_url = this server's address, served from site/ like on the web."""
    project = copy_project(tmp_path_factory.mktemp("browser"))
    base, httpd = _serve(project, _free_port())
    yield base, project
    httpd.shutdown()


@pytest.fixture(scope="session")
def server(served) -> str:
    return served[0]


@pytest.fixture(scope="session")
def server_site(served) -> Path:
    return served[1].site


# A name and an alias that would run script, and send a request, if any page or the search
# inserted them as HTML: `window.poisoned` and a request for /poisoned-… would show it.
POISON = ('<img src="/poisoned-img" onerror="window.poisoned=1;fetch(\'/poisoned-fetch\')">'
          '<svg onload="window.poisoned=1"><script>window.poisoned=1</script>')


@pytest.fixture(scope="session")
def poisoned_server(tmp_path_factory) -> str:
    """The seeds with Hà Nội's English name and first alias poisoned (POISON), built and served."""
    project = copy_project(tmp_path_factory.mktemp("poisoned"))
    city = project.sources / "cities" / "ha-noi.yml"
    text = city.read_text(encoding="utf-8").replace("  en: Hanoi\n", f"  en: {json.dumps('Hanoi ' + POISON)}\n")
    city.write_text(text, encoding="utf-8")
    add_alias(city, json.dumps(POISON))
    base, httpd = _serve(project, _free_port())
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install the Debian package 'chromium' (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors, failed requests and every host it contacts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors, tab.failed, tab.hosts = [], [], set()
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    # A request cut short by the next navigation is not a failure; one the server refuses is.
    tab.on("requestfailed", lambda request: tab.failed.append(f"{request.url}: {request.failure}")
           if "ERR_ABORTED" not in (request.failure or "") else None)
    tab.on("response", lambda response: tab.failed.append(f"{response.url}: {response.status}")
           if response.status >= 400 else None)
    tab.on("request", lambda request: tab.hosts.add(request.url.split("/")[2] if "://" in request.url else ""))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `make test`, which installs it with npm")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir()
    return ARTIFACTS

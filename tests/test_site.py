"""The three built sites, as a reader's browser gets them."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.conftest import PUBLISHED_AT, copy_project, run_generator

LANGS = ("en", "vi", "fr")


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
            return  # metadata about the page, not a request the browser makes
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append((tag, attrs[name]))


@functools.cache
def parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_pages(site: Path):
    # MkDocs writes 404.html with links from the site's root, for any missing path: not checked here.
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_three_sites_and_a_language_chooser(built):
    site = built.site
    chooser = parse(site / "index.html")
    assert {href for _, href in chooser.links} >= {"en/", "vi/", "fr/"}
    for lang in LANGS:
        home = site / lang / "index.html"
        assert parse(home).html_lang == lang
        assert (site / lang / "cities" / "ha-noi" / "index.html").is_file()
        assert (site / lang / "events" / "vietnam-france-smart-city-workshop-2017" / "index.html").is_file()


def test_search_index_is_in_the_site_language_and_finds_names_it_does_not_show(built):
    for lang in LANGS:
        index = json.loads((built.site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        # lunr has no Vietnamese stemmer; its Vietnamese support would warn in the console on every page.
        assert index["config"]["lang"] == (["en"] if lang == "vi" else [lang])
        assert not any("tags" in doc for doc in index["docs"]), "Material would list the spellings under results"
        names = {doc["location"]: doc.get("names", "") for doc in index["docs"]}
        assert {"da", "nang"} <= set(names["cities/da-nang/"].split()), names["cities/da-nang/"]
    vi_index = json.loads((built.site / "vi" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["title"] == "Đà Nẵng" and doc["location"] == "cities/da-nang/" for doc in vi_index["docs"])
    term = next(doc for doc in vi_index["docs"] if doc["location"] == "glossary/#term-do-thi-thong-minh")
    assert term["names"] == "do thi thong minh"  # a section is found by its title without diacritics


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor of the built ``site`` that leads nowhere."""
    broken = []
    for page in html_pages(site):
        collector = parse(page)
        for _tag, link in collector.links:
            parsed = urlparse(link)
            if parsed.scheme or link.startswith("//"):
                continue
            target = Path(urljoin(page.as_uri(), parsed.path).removeprefix("file://")) if parsed.path else page
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parsed.fragment and target.suffix == ".html" and parsed.fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(built):
    assert broken_links(built.site) == []


def test_no_request_to_another_host(built):
    """Stylesheets, scripts, images and fonts all come from the site itself (no Google Fonts, no CDN)."""
    outside = []
    for page in html_pages(built.site):
        for tag, link in parse(page).links:
            if tag in ("link", "script", "img", "iframe", "source") and urlparse(link).scheme in ("http", "https"):
                outside.append(f"{page.relative_to(built.site)}: <{tag}> {link}")
    assert outside == []
    for css in built.site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_cross_links_in_both_directions(built):
    event = built.site / "en" / "events" / "vietnam-france-smart-city-workshop-2017" / "index.html"
    links = {href for _, href in parse(event).links}
    for target in ("../../cities/ha-noi/", "../../organisations/ministry-of-information-and-communications/",
                   "../../organisations/french-embassy-in-vietnam/", "../../people/bertrand-lortholary/",
                   "../../sources/vna-2017-12-05-france-smart-city-workshop/",
                   "../../sources/baogialai-2017-12-viet-phap-do-thi-thong-minh/"):
        assert target in links, target
    city = built.site / "vi" / "cities" / "ha-noi" / "index.html"
    assert "../../events/vietnam-france-smart-city-workshop-2017/" in {href for _, href in parse(city).links}


def test_language_selector_offers_the_same_page_path(built):
    """Pages share one path across languages, so the selector can land on the same page."""
    paths = {lang: {p.relative_to(built.site / lang) for p in html_pages(built.site / lang)} for lang in LANGS}
    assert paths["en"] == paths["vi"] == paths["fr"]
    city = parse(built.site / "en" / "cities" / "ha-noi" / "index.html")
    alternates = {href for tag, href in city.links if tag == "a" and href.endswith("/cities/ha-noi/")}
    # The selector leads to the same page in each language, relative, whatever the address served at.
    assert alternates == {f"../../../{lang}/cities/ha-noi/" for lang in LANGS}, alternates


def test_a_published_page_names_itself_in_each_language_for_search_engines(built):
    """Absolute hreflang alternates to the same page in each language, and x-default to the chooser."""
    for lang in LANGS:
        page = (built.site / lang / "cities" / "ha-noi" / "index.html").read_text(encoding="utf-8")
        hreflangs = dict((code, href) for href, code in
                         re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page))
        assert hreflangs == {**{code: f"{PUBLISHED_AT}{code}/cities/ha-noi/" for code in LANGS},
                             "x-default": PUBLISHED_AT}, hreflangs
        assert f'<link rel="canonical" href="{PUBLISHED_AT}{lang}/cities/ha-noi/">' in page
    chooser = (built.site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" href="{PUBLISHED_AT}" hreflang="x-default">' in chooser
    assert all(f'<link rel="alternate" href="{PUBLISHED_AT}{lang}/" hreflang="{lang}">' in chooser for lang in LANGS)


def test_every_page_has_a_meta_description_in_its_language(built):
    for lang in LANGS:
        for page in html_pages(built.site / lang):
            assert re.search(r'<meta name="description" content="[^"]{20,}">', page.read_text(encoding="utf-8")), page
    city = (built.site / "vi" / "cities" / "da-nang" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Một trong các địa phương' in city  # its summary, in Vietnamese


def test_the_editors_translation_status_is_reached_from_the_about_page_not_the_navigation(built):
    for lang in LANGS:
        home = {href for _tag, href in parse(built.site / lang / "index.html").links}
        assert not any("translation-status" in href for href in home), lang
        about = {href for _tag, href in parse(built.site / lang / "about" / "index.html").links}
        assert "../translation-status/" in about, lang


def test_the_figures_and_claims_as_open_data_and_an_atom_feed(built):
    import csv
    import xml.etree.ElementTree as ElementTree
    from datetime import datetime

    atom = "{http://www.w3.org/2005/Atom}"
    for lang in LANGS:
        site = built.site / lang
        rows = list(csv.DictReader((site / "data" / "figures.csv").open(encoding="utf-8")))
        assert rows and {"indicator", "value", "unit", "refers_to", "status", "source", "quote"} <= set(rows[0])
        assert all(float(row["value"]) >= 0 and row["status"] in ("actual", "forecast", "target") for row in rows)
        budget = next(row for row in rows if row["claim"].endswith("#programme-budget"))
        assert budget["value"] == "3000000000000" and budget["unit"] == "VND"
        claims = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))["claims"]
        assert claims and all(claim["quote"] and claim["source"]["id"] for claim in claims)
        feed = ElementTree.parse(site / "feed.xml").getroot()
        assert feed.tag == f"{atom}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        entries = feed.findall(f"{atom}entry")
        assert entries
        for element in (feed, *entries):  # RFC 4287: an id (an IRI), a title and an RFC 3339 updated
            assert element.findtext(f"{atom}id").startswith("urn:uuid:") and element.findtext(f"{atom}title")
            datetime.fromisoformat(element.findtext(f"{atom}updated").replace("Z", "+00:00"))
        for entry in entries:
            link = entry.find(f"{atom}link").get("href")
            assert (site / link / "index.html").is_file(), link
        about = {href for _tag, href in parse(site / "about" / "index.html").links}
        assert {"../data/figures.csv", "../data/claims.json", "../feed.xml"} <= about, lang
        figures = {href for _tag, href in parse(site / "figures" / "index.html").links}
        assert {"../data/figures.csv", "../data/claims.json"} <= figures, lang


def test_a_build_without_an_address_names_none(project):
    """No site_url in mkdocs.yml and no SITE_URL: no page, sitemap or PDF says 127.0.0.1 or localhost."""
    result = run_generator(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in project.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert "127.0.0.1" not in text and "localhost" not in text, path
            assert 'hreflang="x-default"' not in text, path  # search engines take only absolute alternates
    from pypdf import PdfReader
    pdf = " ".join(page.extract_text() for page in PdfReader(project.site / "en" / "briefing.pdf").pages)
    assert "127.0.0.1" not in pdf and "localhost" not in pdf


def test_vietnamese_names_and_diacritics_survive(built):
    page = (built.site / "vi" / "people" / "nguyen-duc-chung" / "index.html").read_text(encoding="utf-8")
    assert "Nguyễn Đức Chung" in page
    assert "Chủ tịch Ủy ban nhân dân thành phố Hà Nội" in page
    assert "Ủy ban nhân dân" in (built.site / "fr" / "glossary" / "index.html").read_text(encoding="utf-8")


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_writes_nothing_and_bad_input_keeps_the_previous_site(built, tmp_path):
    project = copy_project(tmp_path)
    for output in ("build", "site"):  # start from the session's build, made in another folder
        shutil.copytree(built.root / output, project.root / output, symlinks=True)
    before_site, before_docs = _digest(project.site), _digest(project.handwritten)
    mtimes = {p: p.stat().st_mtime_ns for p in project.site.rglob("*") if p.is_file()}

    (project.build / "cache.pickle").unlink()  # read, render and lay out everything again, not skip the build
    rebuild = run_generator(project, "--site-url", PUBLISHED_AT, "build")  # as the session's build was made
    assert rebuild.returncode == 0, rebuild.stderr
    assert "generated pages: 0 files written" in rebuild.stdout  # "pages: 0", not "pages: 10"
    assert re.search(r"(?<!\d)0 files written or removed", rebuild.stdout), rebuild.stdout
    assert _digest(project.site) == before_site  # byte-identical, PDFs included
    assert all(p.stat().st_mtime_ns == mtime for p, mtime in mtimes.items())

    skipped = run_generator(project, "--site-url", PUBLISHED_AT, "build")  # inputs unchanged since the last build: nothing to do
    assert re.search(r"(?<!\d)0 files written or removed", skipped.stdout), skipped.stdout

    generated_before = _digest(project.build / "docs")
    article = project.sources / "articles" / "vna-2018-hanoi-smart-city-roadmap.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("for more than 7.5 million people", "for more than 8 million people", 1),
                       encoding="utf-8")
    result = run_generator(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"sources/articles/vna-2018-hanoi-smart-city-roadmap\.md:\d+:1: error: quote not found",
                     result.stderr)
    assert _digest(project.site) == before_site
    assert _digest(project.build / "docs") == generated_before
    assert _digest(project.handwritten) == before_docs


@pytest.mark.parametrize("broken, message", [
    (("cities/ha-noi.yml", "division: city", "division: town"),
     "sources/cities/ha-noi.yml:{line}:1: error: 'division' is 'town', not one of: city, province"),
    (("events/vietnam-asia-smart-city-summit-2024.yml", "city: ha-noi", "city: hanoi"),
     "sources/events/vietnam-asia-smart-city-summit-2024.yml:{line}:1: error: unknown city id 'hanoi' in 'city' "
     "(hint: did you mean 'ha-noi'?)"),
])
def test_command_line_reports_file_and_line(project, broken, message):
    path, old, new = broken
    file = project.sources / path
    text = file.read_text(encoding="utf-8").replace(old, new)
    file.write_text(text, encoding="utf-8")
    result = run_generator(project, "generate")
    assert result.returncode == 1
    line = text[:text.index(new)].count("\n") + 1  # the seeds change: no fixed line numbers
    assert message.format(line=line) in result.stderr
    assert not (project.build / "docs").exists()


@pytest.mark.parametrize("page, addition, warning", [
    ("about.md", "\n[a broken link](missing.md)\n",
     "Doc file 'about.md' contains a link 'missing.md', but the target is not found among documentation files."),
    ("about.md", "\n[a missing anchor](glossary.md#no-such-term)\n",
     "Doc file 'about.md' contains a link 'glossary.md#no-such-term', but the doc 'glossary.md' does not contain "
     "an anchor '#no-such-term'."),
    ("orphan.md", "# A page no navigation reaches\n",
     "The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n  - orphan.md"),
])
def test_a_broken_link_a_missing_anchor_or_an_omitted_page_fails_the_build(built, tmp_path, page, addition, warning):
    """`make site` is strict: MkDocs' own warning, exit 1, and site/ as it was."""
    project = copy_project(tmp_path)
    for output in ("build", "site"):
        shutil.copytree(built.root / output, project.root / output, symlinks=True)
    before = _digest(project.site)
    handwritten = project.handwritten / "en" / page
    handwritten.write_text((handwritten.read_text(encoding="utf-8") if handwritten.exists() else "") + addition,
                           encoding="utf-8")
    result = run_generator(project, "build")
    assert result.returncode == 1, result.stdout
    assert "mkdocs build --strict of the 'en' site failed" in result.stderr
    assert warning in result.stderr
    assert "site/ was left as it was." in result.stderr and "Traceback" not in result.stderr
    assert _digest(project.site) == before

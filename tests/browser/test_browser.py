"""The sites as readers use them: switching language, searching, loading, linking, printing."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

import pytest

LANGS = ("en", "vi", "fr")


def open_page(page, url: str, wait_until: str = "networkidle"):
    response = page.goto(url, wait_until=wait_until)
    assert response is not None and response.ok, url
    return response


def switch_language(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={lang}]")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", ["cities/ha-noi/", "events/vietnam-france-smart-city-workshop-2017/"])
def test_language_selector_lands_on_the_same_page(page, server, path):
    open_page(page, f"{server}en/{path}")
    for lang in ("vi", "fr", "en"):
        switch_language(page, lang)
        assert page.url == f"{server}{lang}/{path}"
        assert page.locator("html").get_attribute("lang") == lang
        # The head's hreflang alternates, hidden from Material's sitemap lookup while the page loads, are back.
        assert page.locator("link[rel=alternate][hreflang]").count() == 4


def search(page, query: str) -> list[str]:
    """Type as a reader does (Material searches on key strokes) and read the results shown."""
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_load_state("networkidle")
    links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    pages = [urljoin(page.url, href).split("?")[0].split("#")[0] for href in links]
    return list(dict.fromkeys(pages))  # the pages found, best first


@pytest.mark.parametrize("lang", LANGS)
def test_a_poisoned_name_found_by_the_search_runs_nothing_and_requests_nothing(page, poisoned_server, lang):
    """The name and the alias are shown as text in the results (Material inserts titles and tags as
    HTML), and on the page: no script ran, no request was made for the poisoned image or fetch."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, f"{poisoned_server}{lang}/")
    results = search(page, "hanoi")
    assert f"{poisoned_server}{lang}/cities/ha-noi/" in results
    shown = page.inner_text(".md-search-result")
    assert "<img" in shown or lang != "en", "the poisoned name is shown, as text"
    open_page(page, f"{poisoned_server}{lang}/cities/ha-noi/")
    assert "onerror=" in page.inner_text("article")
    assert page.evaluate("window.poisoned") is None
    assert [url for url in requested if "poisoned" in url] == []
    assert page.hosts <= {"127.0.0.1:" + poisoned_server.rsplit(":", 1)[1].strip("/")}


@pytest.mark.parametrize("lang, query, expected", [
    ("vi", "Đà Nẵng", "cities/da-nang/"),
    ("vi", "da nang", "cities/da-nang/"),
    ("vi", "ha noi", "cities/ha-noi/"),
    ("vi", "Hà Nội", "cities/ha-noi/"),
    ("vi", "hanoi", "cities/ha-noi/"),
    ("vi", "do thi thong minh", "glossary/"),
    ("vi", "thua thien hue", "cities/thua-thien-hue/"),
    ("fr", "Hanoï", "cities/ha-noi/"),
    ("fr", "Hanoi", "cities/ha-noi/"),
    ("en", "Hanoi", "cities/ha-noi/"),
    ("en", "Da Nang", "cities/da-nang/"),
    ("en", "Thua Thien Hue", "cities/thua-thien-hue/"),
    ("en", "ho chi minh", "cities/ho-chi-minh-city/"),
])
def test_search_puts_the_page_of_that_name_first_with_or_without_diacritics(page, server, lang, query, expected):
    open_page(page, f"{server}{lang}/")
    results = search(page, query)
    assert results[0] == f"{server}{lang}/{expected}", results
    assert all(url.startswith(f"{server}{lang}/") for url in results), "results from another language"


@pytest.mark.parametrize("lang, query, expected", [("fr", "ville intelligente", "glossary/"),
                                                   ("en", "smart city", "glossary/")])
def test_search_finds_a_term_of_the_glossary(page, server, lang, query, expected):
    open_page(page, f"{server}{lang}/")
    assert f"{server}{lang}/{expected}" in search(page, query)


@pytest.mark.parametrize("lang", LANGS)
def test_search_results_mark_whole_words_list_no_spellings_and_warn_of_nothing(page, server, lang):
    """The spellings a page is found by (aliases, names without diacritics) are not listed under it, and
    only words typed in full are marked ("do thi" marks no "doanh"); the console stays quiet."""
    warnings = []
    page.on("console", lambda message: warnings.append(message.text) if message.type in ("warning", "error") else None)
    open_page(page, f"{server}{lang}/")
    search(page, "do thi thong minh")
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result .md-tag").count() == 0
    marks = page.eval_on_selector_all(".md-search-result mark", "marks => marks.map(mark => mark.textContent)")
    folded = {unicodedata.normalize("NFD", mark.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore")
              .decode().lower() for mark in marks}
    assert folded <= {"do", "thi", "thong"} | {word for word in folded if word.startswith("minh")}, folded
    # The page a result leads to marks the words searched for, never a piece of a word ("ambassa[do]r").
    open_page(page, f"{server}{lang}/events/vietnam-france-smart-city-workshop-2017/?h=do+thi+minh")
    page.wait_for_timeout(500)
    marked = page.eval_on_selector_all("article mark", "marks => marks.map(mark => "
                                       "(mark.previousSibling?.textContent ?? ' ').slice(-1) + mark.textContent"
                                       " + (mark.nextSibling?.textContent ?? ' ').slice(0, 1))")
    assert marked and all(not (context[0].isalnum() or context[-1].isalnum()) for context in marked), marked
    assert warnings == []


def sitemap_pages(page, server, lang) -> list[str]:
    xml = page.request.get(f"{server}{lang}/sitemap.xml").text()
    return re.findall(r"<loc>([^<]+)</loc>", xml)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_loads_cleanly_and_stays_on_this_host(page, server, lang):
    urls = sitemap_pages(page, server, lang)
    assert len(urls) > 45
    host = server.split("/")[2]
    for url in urls:
        open_page(page, url, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.errors == []
    assert page.failed == []
    assert page.hosts == {host}


@pytest.mark.parametrize("lang", LANGS)
def test_links_on_the_home_page_and_a_page_of_each_kind_resolve(page, server, lang):
    starts = ["", "cities/ha-noi/", "programmes/hanoi-smart-city-project-2025/",
              "events/vietnam-asia-smart-city-summit-2024/", "organisations/vinasa/", "people/nguyen-viet-hung/",
              "sources/vna-2018-hanoi-smart-city-roadmap/", "glossary/", "figures/", "timeline/"]
    checked = set()
    for start in starts:
        open_page(page, f"{server}{lang}/{start}")
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for href in hrefs:
            target = href.split("#")[0]
            if not target.startswith(server) or target in checked:
                continue
            checked.add(target)
            assert page.request.get(target).ok, f"{start} links to a missing page: {href}"
    assert len(checked) > 40


AXE_PAGES = ["", "cities/", "cities/ha-noi/", "programmes/hanoi-smart-city-project-2025/",
             "events/vietnam-france-smart-city-workshop-2017/", "people/nguyen-duc-chung/",
             "sources/baogialai-2017-12-viet-phap-do-thi-thong-minh/", "sources/", "figures/", "timeline/",
             "glossary/", "translation-status/"]


@pytest.mark.parametrize("width", (1280, 390))
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation(page, server, axe_source, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = []
    for path in AXE_PAGES:
        open_page(page, f"{server}{lang}/{path}")
        page.add_script_tag(content=axe_source)
        violations = page.evaluate("async () => (await axe.run(document)).violations"
                                   ".filter(v => ['serious', 'critical'].includes(v.impact))"
                                   ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
        found += [f"{lang}/{path} at {width} px: {violation}" for violation in violations]
    assert found == [], "\n".join(found)


def test_printing_a_city_page_shows_no_navigation_or_search(page, server, artifacts):
    from io import BytesIO

    from pypdf import PdfReader

    open_page(page, f"{server}en/cities/ha-noi/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    pdf = page.pdf(format="A4")
    (artifacts / "print-en-ha-noi.pdf").write_bytes(pdf)
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Hanoi" in text and "What the sources say" in text
    assert "About and method" not in text and "Search" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_screenshots(page, server, artifacts, lang):
    """The pages at a desktop's and a phone's width: the page's own heading is shown, nothing
    is wider than the screen, and the screenshots (kept in test-artifacts/ to look at) show
    the page, not a blank."""
    from PIL import Image

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path, heading in (("home", "", "h1"), ("figures", "figures/", "h1"), ("city", "cities/da-nang/", "h1"),
                                    ("event", "events/vietnam-asia-smart-city-summit-2023/", "h1")):
            open_page(page, f"{server}{lang}/{path}")
            assert page.locator(f"article {heading}").first.is_visible(), (lang, name, width)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (lang, name, width)
            shot = artifacts / f"{lang}-{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            with Image.open(shot) as image:
                assert image.width == width
                assert len(image.convert("L").getcolors(maxcolors=256 * 256) or range(257)) > 32, shot


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_timeline_keeps_its_size_and_scrolls_sideways(page, server, lang):
    open_page(page, f"{server}{lang}/")  # at 1280 px, the drawing fits the text column
    assert page.locator(".timeline-scroll").evaluate("el => el.scrollWidth <= el.clientWidth")
    page.set_viewport_size({"width": 390, "height": 900})
    open_page(page, f"{server}{lang}/")
    region = page.locator(".timeline-scroll")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    sizes = region.evaluate("el => [el.scrollWidth, el.clientWidth, el.querySelector('img').clientWidth]")
    assert sizes[0] > sizes[1] and sizes[2] >= 680, sizes  # drawn at about its own width, labels legible
    scrolls_by_keyboard(page, ".timeline-scroll")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not


def scrolls_by_keyboard(page, selector: str) -> None:
    region = page.locator(selector).first
    region.focus()
    page.keyboard.press("ArrowRight")  # smoothly: the scroll ends a moment later
    page.wait_for_function(f"() => document.querySelector({selector!r}).scrollLeft > 0", timeout=5000)


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_a_wide_table_keeps_legible_columns_and_scrolls_sideways(page, server, lang):
    """The figures table does not fit 390 px: its region scrolls (by keyboard too), its columns keep their
    width (no value cut to its first letters, no row made tall by a squeezed column), the page does not."""
    page.set_viewport_size({"width": 390, "height": 900})
    for path in ("figures/", "sources/", "translation-status/"):
        open_page(page, f"{server}{lang}/{path}")
        regions = page.locator(".table-scroll")
        assert regions.count() >= 1, path
        for index in range(regions.count()):
            region = regions.nth(index)
            assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
            assert region.get_attribute("aria-label"), path
            cells = region.evaluate("el => [...el.querySelectorAll('td')].map(td => [td.clientWidth, td.scrollWidth])")
            assert all(width >= scrolled for width, scrolled in cells), path  # nothing cut inside a cell
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    open_page(page, f"{server}{lang}/figures/")
    table = page.locator(".table-scroll").last
    widths = table.evaluate("el => [el.scrollWidth, el.clientWidth, "
                            "Math.min(...[...el.querySelectorAll('td')].map(td => td.clientWidth))]")
    assert widths[0] > widths[1] and widths[2] >= 60, widths
    table.evaluate("el => el.id = 'wide-table'")
    scrolls_by_keyboard(page, "#wide-table")

"""The PDF briefing in each language: text, contents, citations, fonts, metadata, reproducibility."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import build_date, load_briefing
from generator.pdf import render_pdf
from generator.project import Project
from tests.conftest import PUBLISHED_AT

REPO = Path(__file__).resolve().parent.parent
LANGS = ("en", "vi", "fr")


@pytest.fixture(scope="session")
def readers(built) -> dict[str, PdfReader]:
    return {lang: PdfReader(built.site / lang / "briefing.pdf") for lang in LANGS}


_texts: dict[int, list[str]] = {}


def page_texts(reader: PdfReader) -> list[str]:
    """The text of each page (extracted once per PDF: it is the slow part)."""
    if id(reader) not in _texts:
        _texts[id(reader)] = [page.extract_text() for page in reader.pages]
    return _texts[id(reader)]


def test_vietnamese_names_survive_into_the_pdf(readers):
    text = "\n".join(page_texts(readers["vi"]))
    for name in ("Đà Nẵng", "Thừa Thiên Huế", "Nguyễn Đức Chung", "Ủy ban nhân dân", "Hội nghị thượng đỉnh"):
        assert name in text, name
    assert "Hanoï" in "\n".join(page_texts(readers["fr"]))


def test_contents_page_numbers_point_to_the_sections(readers):
    for lang, reader in readers.items():
        texts = page_texts(reader)
        contents = texts[1]
        entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)\s*$", contents, flags=re.MULTILINE)
        outline = {item.title: reader.get_destination_page_number(item) + 1
                   for item in reader.outline if not isinstance(item, list)}
        assert len(entries) >= 8, (lang, contents)  # the bottom line, the narrative's sections, figures, notes…
        for heading, page in entries:
            heading = heading.strip()
            assert heading in texts[int(page) - 1], (lang, heading)
            if heading in outline:  # a section of the narrative is a second-level bookmark
                assert outline[heading] == int(page), (lang, heading)


def test_a_briefing_of_a_few_pages_with_every_note_and_source_resolved(readers):
    for lang, reader in readers.items():
        texts = page_texts(reader)
        assert 8 <= len(texts) <= 12, (lang, len(texts))
        bookmarks = {item.title: reader.get_destination_page_number(item) for item in reader.outline
                     if not isinstance(item, list)}
        notes_title, sources_title = {"en": ("Notes", "Sources"), "vi": ("Chú thích", "Nguồn"),
                                      "fr": ("Notes", "Sources")}[lang]
        notes = "\n".join(texts[bookmarks[notes_title]:bookmarks[sources_title] + 1])
        numbered = [int(n) for n in re.findall(r"^(\d+)\. ", notes, flags=re.MULTILINE)]
        assert numbered == list(range(1, len(numbered) + 1)) and numbered, lang
        source_pages = "\n".join(texts[bookmarks[sources_title]:])
        listed = {int(n) for n in re.findall(r"^\[(\d+)\]", source_pages, flags=re.MULTILINE)}
        cited = {int(n) for text in texts for n in re.findall(r"\[(\d+)\]", text)}
        assert listed == set(range(1, len(listed) + 1)) and cited == listed, lang


def test_no_long_sentence_is_printed_twice(readers):
    for lang, reader in readers.items():
        text = " ".join(" ".join(page_texts(reader)).split())
        sentences = [sentence for sentence in re.split(r"(?<=[.!?])\s+", text) if len(sentence) > 120]
        repeated = {sentence for sentence in sentences if sentences.count(sentence) > 1}
        assert not repeated, (lang, repeated)


def test_every_font_is_embedded(readers):
    for reader in readers.values():
        for page in reader.pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                descriptors = [font.get("/FontDescriptor")] + [
                    d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
                files = [d.get_object() for d in descriptors if d is not None]
                assert files and all(any(k in f for k in ("/FontFile", "/FontFile2", "/FontFile3")) for f in files), font


def test_metadata_language_title_and_a4(readers):
    titles = {"en": "Vietnam Smart City Briefing", "vi": "Bản tin Đô thị thông minh Việt Nam",
              "fr": "Note sur les villes intelligentes du Vietnam"}
    for lang, reader in readers.items():
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert reader.metadata.title == titles[lang]
        assert reader.metadata.author
        width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
        assert (round(width), round(height)) == (595, 842)


def test_the_pdf_is_tagged_with_headings_tables_and_the_timeline_described(readers, built):
    """PDF/UA: a screen reader gets the headings, the tables and the drawing's alternative text."""
    for lang, reader in readers.items():
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
        kinds: list = []
        alternatives: list = []

        def walk(node, kinds=kinds, alternatives=alternatives) -> None:
            node = node.get_object()
            if isinstance(node, dict):
                kinds.append(node.get("/S"))
                if node.get("/S") == "/Figure":
                    alternatives.append(node.get("/Alt"))
                children = node.get("/K", [])
                for child in children if isinstance(children, list) else [children]:
                    walk(child, kinds, alternatives)

        walk(root["/StructTreeRoot"])
        assert {"/H1", "/H2", "/Table", "/TH", "/L", "/Link", "/Figure"} <= set(kinds), lang
        assert all(alternatives) and alternatives, lang
        info = subprocess.run(["pdfinfo", str(built.site / lang / "briefing.pdf")], capture_output=True, text=True)
        assert re.search(r"^Tagged:\s+yes$", info.stdout, flags=re.MULTILINE), info.stdout


def test_the_revision_is_in_the_colophon_not_on_the_cover(built):
    from generator.pdf import render_pdf_html

    briefing = load_briefing(built)
    html = render_pdf_html(briefing, "vi", site_url=PUBLISHED_AT, build_revision="abc123def456",
                           created=build_date(briefing))
    cover = html[html.index('<section class="cover">'):html.index("</section>")]
    assert "abc123def456" not in cover
    assert html.index('<p class="colophon">Phiên bản: abc123def456</p>') > html.index('<section id="sources"')


def test_footer_says_page_of_pages_in_the_pdf_language(readers):
    assert "page 3 of" in page_texts(readers["en"])[2]
    assert "trang 3/" in page_texts(readers["vi"])[2]
    assert "page 3 sur" in page_texts(readers["fr"])[2]


def test_links_are_clickable(readers):
    uris = {annotation.get_object()["/A"].get("/URI") for page in readers["en"].pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()}
    assert any(uri and uri.endswith("/en/sources/vna-2018-hanoi-smart-city-roadmap/") for uri in uris)


def test_same_input_same_bytes(built):
    """Rendering again, in another process, gives the bytes of the built PDF."""
    briefing = load_briefing(Project(built.root))
    again = render_pdf(briefing, "vi", site_url=PUBLISHED_AT, build_revision="", created=build_date(briefing))
    assert again == (built.site / "vi" / "briefing.pdf").read_bytes()


def test_each_site_links_its_pdf_and_shows_the_timeline(built):
    for lang in LANGS:
        home = (built.site / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="briefing.pdf"' in home
        assert 'src="assets/timeline.svg"' in home
        svg = (built.site / lang / "assets" / "timeline.svg").read_text(encoding="utf-8")
        assert f'lang="{lang}"' in svg
    assert "Hội nghị thượng đỉnh Thành phố thông minh Việt Nam – châu Á 2024" in (
        built.site / "vi" / "assets" / "timeline.svg").read_text(encoding="utf-8")


def test_an_inferred_date_is_marked_in_the_pdf_too(readers):
    text = " ".join(" ".join(page_texts(readers["en"])).split())
    assert "2018 (date inferred)" in text and "as of 2018, date inferred" in text and "(2018, date inferred)" in text

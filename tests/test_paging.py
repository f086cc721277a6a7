"""Long lists are split into pages, so that no generated page lists more than paging.MAX_ENTRIES entries."""

from __future__ import annotations

import posixpath
import re

import pytest

from generator import paging
from generator.build import load_briefing
from generator.render import render_pages

LINK = re.compile(r"\]\(([^)#]+)")


def links(path: str, page: str) -> list[str]:
    """The pages a page links to, as paths under the docs folder (links are relative to the page)."""
    folder = posixpath.dirname(path)
    return [posixpath.normpath(posixpath.join(folder, target)) for target in LINK.findall(page)
            if "://" not in target]


def test_a_list_that_fits_stays_on_its_page():
    assert paging.split(list(range(paging.MAX_ENTRIES)), str, "figures") == ()


def test_groups_keep_their_order_and_a_large_group_is_numbered(monkeypatch):
    monkeypatch.setattr(paging, "MAX_ENTRIES", 2)
    entries = [("2024", 1), ("2024", 2), ("2024", 3), ("2023", 4)]
    parts = paging.split(entries, lambda entry: entry[0], "sources/by-year")
    assert [(part.path, part.number, part.of, [number for _, number in part.entries]) for part in parts] == [
        ("sources/by-year/2024-1.md", 1, 2, [1, 2]),
        ("sources/by-year/2024-2.md", 2, 2, [3]),
        ("sources/by-year/2023.md", 1, 1, [4]),
    ]


def test_names_are_grouped_by_their_letter_without_diacritics():
    assert [paging.by_initial(name) for name in ("Đà Nẵng", "Ủy ban nhân dân", "Hanoï", "2030 vision", "«Smart»")] == [
        "d", "u", "h", "0-9", "other"]


@pytest.fixture(scope="module")
def split_pages(corpus_project):
    """The seed corpus rendered as if two entries were all a page could hold."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "MAX_ENTRIES", 2)
        briefing = load_briefing(corpus_project)
        return briefing, {lang: dict(render_pages(briefing, lang)) for lang in ("en", "vi", "fr")}


def rows(page: str) -> int:
    """Table rows and list items with a citation: the entries a page lists."""
    table_rows = [line for line in page.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    return max(len(table_rows) - 1, 0) + sum(1 for line in page.splitlines() if line.startswith("- ") and "<br>" in line)


def test_no_split_list_page_holds_more_than_the_limit(split_pages):
    _, pages = split_pages
    for lang, by_path in pages.items():
        parts = [path for path in by_path
                 if path.count("/") == 2 or path.split("/")[0] in ("figures", "timeline", "translation-status")]
        assert {"cities/ha-noi/2024-1.md", "sources/by-year/2017.md", "people/by-letter/b.md"} <= set(parts), lang
        for path in parts:
            assert rows(by_path[path]) <= 2, (lang, path)
            assert "\n# " in "\n" + by_path[path] and links(path, by_path[path]), (lang, path)


def test_every_entry_is_on_exactly_one_part_and_every_link_resolves(split_pages):
    briefing, pages = split_pages
    for lang, by_path in pages.items():
        listed = [link for path, page in by_path.items() if path.startswith("sources/by-year/")
                  for link in links(path, page) if link != "sources/index.md"]
        assert sorted(listed) == sorted(f"sources/{ident}.md" for ident in briefing.sources), lang
        for path, page in by_path.items():
            for target in links(path, page):
                assert target in by_path or target in ("briefing.pdf", "about.md"), (lang, path, target)


def test_the_page_that_held_the_list_names_its_parts_in_the_reader_language(split_pages):
    briefing, pages = split_pages
    assert "sources/by-year/2017.md" in pages["vi"]["sources/index.md"]
    assert f"Danh sách này có {len(briefing.sources)} mục" in pages["vi"]["sources/index.md"]  # whatever sources/ holds
    assert "Cette liste compte" in pages["fr"]["figures.md"] and "figures/" in pages["fr"]["figures.md"]
    assert "Đà Nẵng" in pages["vi"]["cities/by-letter/d.md"]


def test_the_home_page_stays_a_briefing_when_its_lists_grow(monkeypatch, corpus_project):
    monkeypatch.setattr(paging, "HOME_ENTRIES", 1)
    briefing = load_briefing(corpus_project)
    home = dict(render_pages(briefing, "fr"))["index.md"]
    key_figures = home[home.index("## Chiffres clés"):home.index("## Chronologie")]
    assert key_figures.count("\n- <strong>") == 1  # one indicator
    assert "Les 1 premiers des 6 indicateurs ayant un chiffre clé." in key_figures
    cities = home[home.index("## Villes et provinces"):home.index("## Derniers événements")]
    assert "[Hanoï](cities/ha-noi.md), " in cities and "\n- " not in cities

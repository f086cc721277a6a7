"""The site's search index, as Material's search plugin wrote it, made to find names as readers type them.

A page carries every spelling of its name as tags (entity.md.j2): the aliases, the names in the other
languages, and each of them without diacritics, so that "da nang" finds Đà Nẵng. Material indexes tags
but also lists them under each result, machine-folded copies included, and copies them to every section
of the page with a boost that outranks any title. Here they become the field ``names`` of the page's own
entry, never shown, its words once each and without diacritics; every page's and section's title adds its
own words there too ("do thi thong minh" finds the glossary's "Đô thị thông minh").
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from generator.formatting import ascii_fold

# Ten times a title (Material's boost for titles is 1000): the page named as the reader typed comes before
# the pages whose titles hold a word beginning with one of the query's (Material finds "thi" in "Thiên").
NAMES_BOOST = 10000.0
PUNCTUATION = ".,;:!?()[]«»\"“”‘’'/"


def bare_word(word: str) -> str:
    """The word without the punctuation around it or an English possessive: "hanoi's," → "hanoi"."""
    return re.sub(r"['’]s$", "", word.strip(PUNCTUATION)).strip(PUNCTUATION)


def find_names_in_search_index(index_file: Path) -> None:
    index = json.loads(index_file.read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    for entry in index["docs"]:
        tags = entry.pop("tags", [])
        spellings = tags if "#" not in entry["location"] else []  # a page's spellings, not each section's
        # Each word once and without diacritics (the title holds them): a page whose names repeat a word
        # ("Hanoi's", "Hanoï", "Ha Noi") does not outrank the page of that name, nor "Thiên" and "Thien"
        # (both begin with "thi") the pages named "đô thị".
        folded = (ascii_fold(html.unescape(spelling)).casefold() for spelling in (*spellings, entry["title"]))
        words = dict.fromkeys(word for spelling in folded for word in map(bare_word, separator.split(spelling)) if word)
        if words:  # escaped as the titles are: Material's index holds HTML
            entry["names"] = html.escape(" ".join(words), quote=False)
    index["config"]["fields"].pop("tags", None)
    index["config"]["fields"]["names"] = {"boost": NAMES_BOOST}
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

"""Translation status: per language, which texts are written, translated, outdated or missing."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import model

STATUSES = ("original", "translated", "outdated", "missing")
OwnedText = tuple[object, model.Text]  # a text, and the source, entity or glossary term it belongs to


@dataclass(frozen=True)
class TextStatus:
    owner: object  # the source, entity or glossary term the text belongs to
    text: model.Text
    lang: str
    status: str

    @property
    def location(self) -> str:
        return f"{self.text.where.path}:{self.text.line_of(self.lang)}"

    def advice(self) -> str:
        """What a translator does next; the fingerprint is recorded by a command, not copied."""
        original = self.text.original_language()
        if original is None:
            return ""
        if self.status == "outdated":
            return f"update the translation from {original}, then run: status --record {self.text.where.path}"
        return f"translate from {original} as {{text: …, from: {original}}}, then run: status --record " \
               f"{self.text.where.path}"


def owned_texts(owners) -> tuple[OwnedText, ...]:
    """Every text of ``owners`` (sources, entities, glossary terms), with the owner it belongs to.
    (Its status in each language was worked out when it was read: model.Text.status.)"""
    return tuple((owner, text) for owner in owners for text in model.texts_in(owner))


def counts(texts: tuple[OwnedText, ...]) -> dict[str, Counter]:
    """{language: Counter(status → number of texts)}; a headline not translated is not missing."""
    return {lang: Counter(state for _owner, text in texts if (state := text.status(lang)) != "missing"
                          or not text.translations_optional) for lang in model.LANGUAGES}


def needing_work(texts: tuple[OwnedText, ...], lang: str) -> list[TextStatus]:
    """The texts to translate or update in ``lang``, outdated ones first, in the order of their files."""
    rows = [TextStatus(owner, text, lang, state) for owner, text in texts
            if (state := text.status(lang)) == "outdated" or state == "missing" and not text.translations_optional]
    return sorted(rows, key=lambda row: (row.status, row.text.where.path, row.text.line_of(lang)))


_FROM = re.compile(r"(from:\s*[\"']?)(en|vi|fr)(?: [0-9a-f]{8})?([\"']?)")


@dataclass(frozen=True)
class Recorded:
    """A translation whose fingerprint `status --record` wrote."""

    path: str
    line: int
    field: str  # summary.vi
    origin: str  # "en 1a2b3c4d"


def record_fingerprints(texts: tuple[OwnedText, ...], project_root: Path, relpath: str) -> list[Recorded]:
    """Write into the file ``relpath`` (relative to ``project_root``) the fingerprint of the current
    original in each of its translations whose fingerprint is missing or no longer the original's:
    the translator has made or checked them. The file's other bytes are kept."""
    path = project_root / relpath
    lines = path.read_text(encoding="utf-8").split("\n")
    recorded = []
    for _owner, text in texts:
        if text.where.path != relpath:
            continue
        for lang, (original_lang, print_) in text.made_from:
            original = text.get(original_lang)
            if original is None or print_ == model.fingerprint(original):
                continue
            current = f"{original_lang} {model.fingerprint(original)}"
            # The `from:` of the translation: on its line (flow style) or on one of the lines below it.
            first = text.line_of(lang) - 1
            for number in range(first, min(len(lines), first + 9)):
                # On the translation's own line, after its key: `name: {en: …, vi: {…}, fr: {…}}` holds three.
                key = re.search(rf"(?<![\w-]){lang}:", lines[number]) if number == first else None
                match = _FROM.search(lines[number], key.end() if key else 0)
                if match and match.group(2) == original_lang:
                    lines[number] = (lines[number][:match.start()] + f"{match.group(1)}{current}{match.group(3)}"
                                     + lines[number][match.end():])
                    recorded.append(Recorded(relpath, number + 1, f"{text.name}.{lang}", current))
                    break
    if recorded:
        path.write_text("\n".join(lines), encoding="utf-8")
    return recorded

"""Translation status: per language, which texts are written, translated, outdated or missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import model

STATUSES = ("original", "translated", "outdated", "missing")


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
        """What a translator does next, with the fingerprint to record."""
        original = self.text.original_language()
        if original is None:
            return ""
        print_ = model.fingerprint(self.text.get(original))
        verb = "update the translation" if self.status == "outdated" else "translate"
        return f"{verb} from {original}, then record from: {original} {print_}"


def translation_status(owners) -> tuple[TextStatus, ...]:
    """The status of every text of ``owners`` (sources, entities, glossary terms) in every language."""
    rows = []
    for owner in owners:
        for text in model.texts_in(owner):
            for lang in model.LANGUAGES:
                rows.append(TextStatus(owner, text, lang, text.status(lang)))
    return tuple(rows)


def counts(rows: tuple[TextStatus, ...]) -> dict[str, Counter]:
    """{language: Counter(status → number of texts)}."""
    return {lang: Counter(row.status for row in rows if row.lang == lang) for lang in model.LANGUAGES}


def needing_work(rows: tuple[TextStatus, ...], lang: str) -> list[TextStatus]:
    return sorted((row for row in rows if row.lang == lang and row.status in ("outdated", "missing")),
                  key=lambda row: (row.status, row.text.where.path, row.text.line_of(lang)))

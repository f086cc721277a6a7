"""Translation status: per language, which texts are written, translated, outdated or missing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

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
        """What a translator does next, with the fingerprint to record."""
        original = self.text.original_language()
        if original is None:
            return ""
        print_ = model.fingerprint(self.text.best(original)[0])
        verb = "update the translation" if self.status == "outdated" else "translate"
        return f"{verb} from {original}, then record from: {original} {print_}"


def owned_texts(owners) -> tuple[OwnedText, ...]:
    """Every text of ``owners`` (sources, entities, glossary terms), with the owner it belongs to.
    (Its status in each language was worked out when it was read: model.Text.status.)"""
    return tuple((owner, text) for owner in owners for text in model.texts_in(owner))


def counts(texts: tuple[OwnedText, ...]) -> dict[str, Counter]:
    """{language: Counter(status → number of texts)}."""
    return {lang: Counter(text.status(lang) for _owner, text in texts) for lang in model.LANGUAGES}


def needing_work(texts: tuple[OwnedText, ...], lang: str) -> list[TextStatus]:
    """The texts to translate or update in ``lang``, outdated ones first, in the order of their files."""
    rows = [TextStatus(owner, text, lang, state) for owner, text in texts
            if (state := text.status(lang)) in ("outdated", "missing")]
    return sorted(rows, key=lambda row: (row.status, row.text.where.path, row.text.line_of(lang)))

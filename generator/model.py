"""The typed data model: what an annotated source and an entity are.

Every object is frozen: once read and linked, nothing changes it, so the
renderers of the three languages (and later the PDF) see the same briefing.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Mapping

LANGUAGES = ("en", "vi", "fr")
ENTITY_KINDS = ("city", "programme", "event", "organisation", "person")
# The folder under sources/ and the folder of the generated pages, per kind.
KIND_FOLDERS = {
    "city": "cities",
    "programme": "programmes",
    "event": "events",
    "organisation": "organisations",
    "person": "people",
    "source": "sources",
}
FIGURE_STATUSES = ("actual", "forecast", "target")
FIGURE_UNITS = ("count", "percent", "VND", "USD")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Location:
    """Where something was written: the file (relative to the project) and line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, kw_only=True)
class Placed:
    """Something written in a file: where it starts, and the line of each of its fields."""

    where: Location
    field_lines: tuple[tuple[str, int], ...] = ()

    def location_of(self, field_name: str) -> Location:
        return Location(self.where.path, dict(self.field_lines).get(field_name, self.where.line))


def fingerprint(text: str) -> str:
    """A short, stable digest of a text, recorded with a translation made from it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Text:
    """A text in up to three languages; a language may be missing.

    A text written directly in a language is an original there; a translation records
    which language it was made from and the fingerprint of that text at the time, so
    that it shows as outdated once the original changes.
    """

    translations: tuple[tuple[str, str], ...]  # in the order of LANGUAGES
    where: Location | None = field(default=None, compare=False)  # the line of its field
    made_from: tuple[tuple[str, tuple[str, str]], ...] = ()  # (lang, (original lang, fingerprint))
    name: str = field(default="", compare=False)  # the field's name, for reports
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # the line of each language
    # Worked out when the text is read, and so kept with it between runs (see parsed.py): every
    # page the text is on asks for it, the translation-status pages for every text, and each
    # translation's fingerprint is a SHA-256.
    _statuses: dict[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        texts, origins = dict(self.translations), dict(self.made_from)
        statuses = dict.fromkeys(LANGUAGES, "missing")
        for lang in texts:
            statuses[lang] = "original"
        for lang, (original_lang, print_) in origins.items():
            if lang in texts:
                original = texts.get(original_lang)
                statuses[lang] = "translated" if original is not None and fingerprint(original) == print_ else "outdated"
        object.__setattr__(self, "_statuses", statuses)

    def line_of(self, lang: str) -> int:
        return dict(self.lines).get(lang, self.where.line if self.where else 1)

    def original_language(self) -> str | None:
        """The language the translations were made from (the first that is not a translation)."""
        origins = dict(self.made_from)
        return next((lang for lang, _ in self.translations if lang not in origins), None)

    def status(self, lang: str) -> str:
        """'original', 'translated', 'outdated' or 'missing'."""
        return self._statuses[lang]

    @property
    def missing(self) -> tuple[str, ...]:
        if len(self.translations) == len(LANGUAGES):
            return ()  # most texts: asked of every text by the checks
        present = dict(self.translations)
        return tuple(lang for lang in LANGUAGES if lang not in present)

    def get(self, lang: str) -> str | None:
        return dict(self.translations).get(lang)

    def best(self, lang: str) -> tuple[str, str]:
        """The text in ``lang`` or else the first that exists, with its language. (Every text
        on every page asks for it: a loop over the translations, in the order of LANGUAGES.)"""
        for candidate, text in self.translations:
            if candidate == lang:
                return text, lang
        first_lang, first_text = self.translations[0]  # a Text always holds at least one language
        return first_text, first_lang


def texts_in(value) -> list[Text]:
    """Every Text inside a model object, however deep, in the order of the fields."""
    found: list[Text] = []
    _collect_texts(value, found)
    return found


def _collect_texts(value, found: list[Text]) -> None:
    # Appending to one list, not nested generators: a corpus holds 81,000 texts at 10,000
    # articles, each passed up through every generator above it (0.10 → 0.07 s per walk).
    if isinstance(value, Text):
        found.append(value)
    elif isinstance(value, tuple):
        for item in value:
            _collect_texts(item, found)
    else:
        for name in _text_fields(type(value)):
            _collect_texts(getattr(value, name), found)


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class whose declared type can hold a Text (a corpus holds millions
    of values; locations, dates and line tables need not be visited); () for anything else."""
    if not dataclasses.is_dataclass(cls):
        return ()
    return tuple(item.name for item in dataclasses.fields(cls) if _may_hold_text(item.type))


def _may_hold_text(annotation: str) -> bool:
    names = re.findall(r"\w+", annotation)
    return any(name == "Text" or (isinstance(globals().get(name), type) and _text_fields(globals()[name]))
               for name in names)


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        match = cls.PATTERN.match(value)
        if not match:
            raise ValueError(f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has no month {month}: months run from 01 to 12")
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"'{value}' is not a day of the calendar")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class Figure:
    """A number a claim states: an actual value, a forecast or a target."""

    label: Text
    value: float
    unit: str
    as_of: PartialDate
    status: str
    previous: float | None = None


@dataclass(frozen=True)
class Claim(Placed):
    """A statement about entities, backed by a verbatim quote from one source."""

    id: str
    source: str
    about: tuple[str, ...]
    quote: str
    text: Text
    figure: Figure | None
    key: bool

    @property
    def anchor(self) -> str:
        return f"claim-{self.id}"


@dataclass(frozen=True)
class Span:
    """A passage of a collected text that is not the article (caption, navigation…)."""

    kind: str
    start: str
    end: str | None
    where: Location


@dataclass(frozen=True)
class Source(Placed):
    """One collected article: its text and its annotations."""

    id: str
    title: str
    editorial_title: bool
    language: str
    publisher: str
    published: PartialDate
    date_inferred: bool
    url: str | None
    not_article: tuple[Span, ...]
    claims: tuple[Claim, ...]
    note: Text | None
    article_text: str  # the text as collected, without its not-article spans (see quotes.article_text)

    kind = "source"

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The article text's paragraphs (its non-empty lines), without surrounding spaces."""
        return tuple(line for line in map(str.strip, self.article_text.split("\n")) if line)


@dataclass(frozen=True)
class Entity(Placed):
    id: str
    name: Text
    aliases: tuple[str, ...]
    summary: Text
    note: Text | None

    kind = "entity"

    def references(self) -> tuple[tuple[str, str, str], ...]:
        """(field, id, kind expected) for each entity this one refers to."""
        return ()


@dataclass(frozen=True)
class City(Entity):
    division: str = "city"

    kind = "city"


@dataclass(frozen=True)
class Programme(Entity):
    type: str = "programme"
    owners: tuple[str, ...] = ()
    city: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    kind = "programme"

    @property
    def timeline_key(self) -> tuple:
        return ((self.start or self.end or PartialDate(0)).sort_key(), self.id)

    def references(self):
        return tuple(("owners", owner, "organisation") for owner in self.owners) + (
            (("city", self.city, "city"),) if self.city else ()
        )


@dataclass(frozen=True)
class Event(Entity):
    type: str = "event"
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: str | None = None
    theme: Text | None = None
    organisers: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

    kind = "event"

    @property
    def timeline_key(self) -> tuple:
        return (self.start.sort_key(), self.id)

    def references(self):
        return (
            ((("city", self.city, "city"),) if self.city else ())
            + tuple(("organisers", o, "organisation") for o in self.organisers)
            + tuple(("speakers", s, "person") for s in self.speakers)
            + tuple(("programmes", p, "programme") for p in self.programmes)
        )


@dataclass(frozen=True)
class Organisation(Entity):
    type: str = "organisation"
    parent: str | None = None
    city: str | None = None

    kind = "organisation"

    def references(self):
        return ((("parent", self.parent, "organisation"),) if self.parent else ()) + (
            (("city", self.city, "city"),) if self.city else ()
        )


@dataclass(frozen=True)
class Role(Placed):
    """A role that holds at a date, as a source states it."""

    title: Text
    organisation: str | None
    as_of: PartialDate
    source: str
    quote: str


@dataclass(frozen=True)
class Person(Entity):
    roles: tuple[Role, ...] = ()

    kind = "person"

    def references(self):
        return tuple(("roles", r.organisation, "organisation") for r in self.roles if r.organisation)


ENTITY_CLASSES = {cls.kind: cls for cls in (City, Programme, Event, Organisation, Person)}


@dataclass(frozen=True)
class Attestation:
    """Where a glossary term is used in a source, with the passage."""

    source: str
    quote: str
    where: Location


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: Text
    explanation: Text
    attested: tuple[Attestation, ...]
    where: Location


@dataclass(frozen=True)
class Corpus:
    """Everything read from sources/, before linking."""

    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    glossary: tuple[GlossaryTerm, ...] = field(default=())
    unreadable: frozenset[str] = frozenset()  # ids of files that could not be read
    # The digest of each file as it was read ({relative path: sha256}), so that a rebuild
    # knows which pages were made from a file that has changed since.
    file_digests: Mapping[str, str] = field(default_factory=dict, compare=False)

"""The typed data model: what an annotated source and an entity are, declared once.

Every object is frozen: once read and linked, nothing changes it, so the renderers of
the three languages (and later the PDF) see the same briefing.

The classes made with ``@record`` are also the declaration of the annotation format:
each field an editor writes is ``declared`` with what it means to them, its type says
how it is read (the table is in :mod:`generator.schema`) and, without a default, it is
required. The reader checks the files against these declarations, and the JSON Schemas
and the scaffold of a new file derive from them. The fields not declared (where a record
is written, a claim's article, an article's text) are filled in by the reader.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import hashlib
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeVar

Language = Literal["en", "vi", "fr"]
LANGUAGES: tuple[str, ...] = typing.get_args(Language)
# An id: lower-case ASCII letters, digits and hyphens, a file name and a page address. A str
# to type checkers; the reader checks it as an id (schema.py).
Id = Annotated[str, "id"]
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A passage of an article (a quote, the first words of a span): compared with the article and
# shown with its whitespace folded, as one line.
Passage = Annotated[str, "passage"]
# A claim cited from another file: "<article id>#<claim id>", as its address on the article's page.
ClaimRef = Annotated[str, "claim"]

DESCRIPTION = "description"  # the key of a declared field's description in its metadata
# The title and description of each record's JSON Schema, for editors: {record class: (title, description)}.
HEADINGS: dict[type, tuple[str, str]] = {}
R = TypeVar("R")


def declared(description: str, *, default: Any = dataclasses.MISSING) -> Any:
    """A field that editors write, with what it means to them (the description of its JSON
    Schema, the comment of a new file's scaffold); without a default, it is required."""
    return field(default=default, metadata={DESCRIPTION: description})


# dataclass_transform: type checkers see a record as the dataclass it is, declared() as its fields.
@typing.dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field, declared))
def record(title: str = "", description: str = "") -> Callable[[type[R]], type[R]]:
    """A record that editors write: a frozen dataclass whose fields are given by name (so that
    a required field may follow one with a default, in a subclass too). Its ``title`` and
    ``description``, for editors, head its JSON Schema; a base class (Entity), no file, has none."""
    def make(cls: type[R]) -> type[R]:
        made = dataclass(frozen=True, kw_only=True)(cls)
        if title:
            HEADINGS[made] = (title, description)
        return made
    return make


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
    where: Location = field(compare=False)  # the line of its field
    made_from: tuple[tuple[str, tuple[str, str]], ...] = ()  # (lang, (original lang, fingerprint))
    name: str = field(default="", compare=False)  # the field's name, for reports
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # the line of each language
    # A headline: shown as published, so its missing translations are no work to do (not warned about).
    translations_optional: bool = field(default=False, compare=False)
    # Worked out when the text is read, and so kept with it between runs (see cache.py): every
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
                # Without a fingerprint, made from the current original (not yet recorded: see validate).
                current = original is not None and (not print_ or fingerprint(original) == print_)
                statuses[lang] = "translated" if current else "outdated"
        object.__setattr__(self, "_statuses", statuses)

    def line_of(self, lang: str) -> int:
        return dict(self.lines).get(lang, self.where.line)

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


# An article's headline: a plain string, in the article's language, or a text like any other
# whose translations are welcome but not required (read as a Text either way).
Headline = Annotated[Text, "headline"]


def texts_in(value: object) -> list[Text]:
    """Every Text inside a model object, however deep, in the order of the fields."""
    found: list[Text] = []
    _collect_texts(value, found)
    return found


def _collect_texts(value: Any, found: list[Text]) -> None:
    # Appending to one list, not nested generators: a corpus holds 81,000 texts at 10,000
    # articles, each passed up through every generator above it.
    if isinstance(value, Text):
        found.append(value)
    elif isinstance(value, tuple):
        for item in value:
            _collect_texts(item, found)
    else:
        for name in _text_fields(value.__class__):
            _collect_texts(getattr(value, name), found)


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class whose type can hold a Text (a corpus holds millions of
    values; locations, dates and line tables need not be visited); () for anything else."""
    if not dataclasses.is_dataclass(cls):
        return ()
    hints = typing.get_type_hints(cls)
    return tuple(item.name for item in dataclasses.fields(cls) if _may_hold_text(hints[item.name]))


def _may_hold_text(hint: object) -> bool:
    return (hint is Text or any(_may_hold_text(arg) for arg in typing.get_args(hint))
            or isinstance(hint, type) and bool(_text_fields(hint)))


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits, not ２０１７

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        match = cls.PATTERN.match(value)
        if not match:
            raise ValueError(f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year_part, month_part, day_part = match.groups()
        year = int(year_part)
        if year == 0:
            raise ValueError(f"'{value}' has no year: the calendar has no year 0")
        month = int(month_part) if month_part else None
        day = int(day_part) if day_part else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has no month {month}: months run from 01 to 12")
        if month is not None and day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
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

    def last_key(self) -> tuple[int, int, int]:
        """The sort key of its last day: a period that ends in 2024 may end after 2024-06-15."""
        return (self.year, self.month or 12, self.day or 31)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()


@record("Figure", "A number the claim states.")
class Figure:
    label: Text = declared("What the number measures, in each language.")
    value: float = declared("The number (42.7 for 42.7 %; 3000000000000 for VND 3 trillion).")
    unit: Literal["count", "percent", "VND", "USD"] = declared("The unit of the value.")
    as_of: PartialDate = declared("The date the figure refers to (YYYY, YYYY-MM or YYYY-MM-DD).")
    status: Literal["actual", "forecast", "target"] = declared("An actual value, a forecast or a target.")
    qualifier: Literal["about", "more than", "at least", "less than", "up to"] | None = declared(
        "How the article qualifies the number (\"more than USD 127.7 million\": more than); without it, exact.",
        default=None)
    previous: float | None = declared("The value before a stated change (a budget raised from …).", default=None)
    indicator: Id | None = declared("What it measures, as an indicator of sources/indicators.yml: the figures of one "
                                    "indicator are shown together, a forecast or a target beside what happened.",
                                    default=None)
    date_inferred: bool = declared("The date it refers to is not stated by the article but inferred by the editors "
                                   "(say how in a note).", default=False)


@record("Claim", "A statement backed by a verbatim quote from this article.")
class Claim(Placed):
    id: Id = declared("Unique within the article; the anchor of the claim on the source page.")
    source: Id  # the article it is written in
    about: tuple[Id, ...] = declared("The entities the claim is about (empty: about Vietnam as a whole).", default=())
    quote: Passage = declared("The passage of the article, word for word, that backs the claim.")
    text: Text = declared("The claim in each language.")
    figure: Figure | None = declared("A number the claim states.", default=None)
    key: bool = declared("Shown among the key takeaways (or key figures) of the briefing.", default=False)
    same_as: tuple[ClaimRef, ...] = declared("The same fact as another article reports it, as <article id>#<claim "
                                             "id>: the pages show the fact once, with both quotes.", default=())

    @property
    def anchor(self) -> str:
        return f"claim-{self.id}"


@record("Not-article span", "A passage of the collected text that is not the article.")
class Span:
    kind: Literal["collector-marker", "caption", "credit", "navigation", "related-articles"] = declared(
        "What the passage is (credit: a line such as 'Source: VNA').")
    start: Passage = declared("The passage's first words, exactly as in the text.")
    end: Passage | None = declared("The passage's last words; without it, the passage ends with its line.",
                                   default=None)
    where: Location


@record("Source article", "The front matter of an article in sources/articles/.")
class Source(Placed):
    """One collected article: its text and its annotations."""

    id: Id = declared("The article's id: the file name without .md.")
    title: Headline = declared("The headline as published, in the article's language; to translate it, write "
                               "it as a text ({vi: …, en: {text: …, from: vi}}).")
    editorial_title: bool = declared("The article has no headline; the title was written by the editors.",
                                     default=False)
    language: Language = declared("The article's language.")
    publisher: str = declared("Who published it.")
    publisher_name: Text | None = declared("The publisher's name in each language, as its readers know it "
                                           "(VNA, TTXVN, AVI); without it, `publisher` is shown in every language.",
                                           default=None)
    published: PartialDate = declared("Publication date, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_inferred: bool = declared("The article does not state its date; explain the inference in note.",
                                   default=False)
    url: str | None = declared("Where the article was published (http or https).", default=None)
    note: Text | None = declared("The editors' note: what they inferred, classified or are unsure of.", default=None)
    not_article: tuple[Span, ...] = declared("Passages of the text that are not the article.", default=())
    claims: tuple[Claim, ...] = declared("What the article says, claim by claim.", default=())
    article_text: str  # the text as collected, without its not-article spans (see quotes.article_text)

    kind = "source"

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The article text's paragraphs (its non-empty lines), without surrounding spaces."""
        return tuple(line for line in map(str.strip, self.article_text.split("\n")) if line)


@record()
class Entity(Placed):
    """What every kind of entity has; each kind (see kinds.py) is a subclass, the record of its files."""

    id: Id = declared("The entity's id: the file name without .yml; also its page's address.")
    name: Text = declared("The name in each language (Hà Nội / Hanoi / Hanoï).")
    aliases: tuple[str, ...] = declared("Other spellings met in the sources, shown as such.", default=())
    search_terms: tuple[str, ...] = declared("Other spellings for the site's search only, not shown (common forms "
                                             "that no source uses: Ha Noi, HCMC).", default=())
    summary: Text = declared("A short summary in each language, saying only what the sources say.")
    note: Text | None = declared("The editors' note: what they inferred, classified or are unsure of.", default=None)

    kind = "entity"

    def references(self) -> tuple[tuple[str, str, str], ...]:
        """(field, id, kind expected) for each entity this one refers to."""
        return ()


@record("City or province", "An entity file in sources/cities/.")
class City(Entity):
    division: Literal["city", "province"] = declared("A city or a province.")

    kind = "city"


@record("Programme", "An entity file in sources/programmes/ (plan, project, programme, strategy, agreement).")
class Programme(Entity):
    type: Literal["plan", "project", "programme", "strategy", "agreement"] = declared("What kind of programme.")
    owners: tuple[Id, ...] = declared("The organisations that own it.", default=())
    city: Id | None = declared("The city it concerns.", default=None)
    start: PartialDate | None = declared("When its period starts.", default=None)
    end: PartialDate | None = declared("When its period ends.", default=None)
    date_inferred: bool = declared("Its period is not stated by the article but inferred by the editors "
                                   "(say how in a note).", default=False)

    kind = "programme"

    @property
    def timeline_key(self) -> tuple:
        return ((self.start or self.end or PartialDate(0)).sort_key(), self.id)

    def references(self) -> tuple[tuple[str, str, str], ...]:
        return (tuple(("owners", owner, "organisation") for owner in self.owners)
                + ((("city", self.city, "city"),) if self.city else ()))


@record("Event", "An entity file in sources/events/.")
class Event(Entity):
    type: Literal["workshop", "summit", "conference", "launch", "meeting"] = declared("What kind of event.")
    start: PartialDate = declared("When it starts.")
    end: PartialDate | None = declared("When it ends.", default=None)
    date_inferred: bool = declared("Its date is not stated by the article but inferred by the editors "
                                   "(say how in a note).", default=False)
    city: Id | None = declared("Where it takes place.", default=None)
    theme: Text | None = declared("Its theme, in the languages the sources give.", default=None)
    organisers: tuple[Id, ...] = declared("The organisations that organise it.", default=())
    speakers: tuple[Id, ...] = declared("The people who speak at it.", default=())
    programmes: tuple[Id, ...] = declared("The programmes it concerns.", default=())

    kind = "event"

    @property
    def timeline_key(self) -> tuple:
        return (self.start.sort_key(), self.id)

    def references(self) -> tuple[tuple[str, str, str], ...]:
        return (
            ((("city", self.city, "city"),) if self.city else ())
            + tuple(("organisers", o, "organisation") for o in self.organisers)
            + tuple(("speakers", s, "person") for s in self.speakers)
            + tuple(("programmes", p, "programme") for p in self.programmes)
        )


@record("Organisation", "An entity file in sources/organisations/.")
class Organisation(Entity):
    type: Literal["government", "ministry", "party-body", "people-committee", "people-council", "department",
                  "association", "embassy", "agency", "company"] = declared("What kind of organisation.")
    parent: Id | None = declared("The organisation it belongs to.", default=None)
    city: Id | None = declared("The city or province it belongs to.", default=None)

    kind = "organisation"

    def references(self) -> tuple[tuple[str, str, str], ...]:
        return (((("parent", self.parent, "organisation"),) if self.parent else ())
                + ((("city", self.city, "city"),) if self.city else ()))


@record("Role", "A role that holds at a date, as a source states it.")
class Role(Placed):
    title: Text = declared("The role in each language.")
    organisation: Id | None = declared("The organisation of the role.", default=None)
    as_of: PartialDate = declared("The date at which the source states the role.")
    date_inferred: bool = declared("That date is not stated by the article but inferred by the editors "
                                   "(say how in a note).", default=False)
    source: Id = declared("The article that states it.")
    quote: Passage = declared("The passage of that article, word for word.")


@record("Person", "An entity file in sources/people/.")
class Person(Entity):
    roles: tuple[Role, ...] = declared("Roles, each at the date a source states it.")

    kind = "person"

    def references(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(("roles", r.organisation, "organisation") for r in self.roles if r.organisation)


@record("Attestation", "Where a source uses the term.")
class Attestation:
    source: Id = declared("The article.")
    quote: Passage = declared("The passage, word for word.")
    where: Location


@record("Term", "An administrative term in the three languages.")
class GlossaryTerm:
    id: Id = declared("The term's id: its anchor on the glossary page.")
    term: Text = declared("The term in each language.")
    explanation: Text = declared("What it means, and which forms the sources use.")
    attested: tuple[Attestation, ...] = declared("Where the sources use it.", default=())
    where: Location

    @property
    def anchor(self) -> str:
        return f"term-{self.id}"  # not a heading's anchor on the glossary page (#glossary)


@record("Glossary", "sources/glossary.yml")
class Glossary:
    """The glossary file; the corpus keeps its terms."""

    terms: tuple[GlossaryTerm, ...] = declared("The terms.")


@record("Indicator", "What figures measure, so that those of one indicator are shown together.")
class Indicator:
    id: Id = declared("The indicator's id, which a figure's `indicator` names.")
    name: Text = declared("Its name in each language (Urban share of the population).")
    where: Location


@record("Indicators", "sources/indicators.yml: what the figures measure.")
class Indicators:
    indicators: tuple[Indicator, ...] = declared("The indicators.")


@record("Sentence", "A sentence of the briefing and the claims it rests on.")
class Sentence(Placed):
    text: Text = declared("The sentence in each language. It says no more than its claims; every number in it "
                          "(a year, a percentage, an amount) is in one of them.")
    cites: tuple[ClaimRef, ...] = declared("The claims it rests on, each as <article id>#<claim id> "
                                           "(vna-2018-hanoi-smart-city-roadmap#programme-budget).")


@record("Section", "A section of the briefing: a heading and a paragraph of sentences.")
class Section(Placed):
    id: Id = declared("The section's id: its anchor on the home page.")
    title: Text = declared("The heading in each language.")
    sentences: tuple[Sentence, ...] = declared("The paragraph, sentence by sentence.")


@record("Briefing narrative", "sources/briefing.yml: what the home page and the PDF open with.")
class Narrative:
    bottom_line: tuple[Sentence, ...] = declared("The key judgements, three to five: the situation in a few "
                                                 "sentences, each citing its claims.")
    sections: tuple[Section, ...] = declared("The narrative, section by section (the national framework, the "
                                             "cities, cooperation, what the figures show, what is planned next).")
    where: Location

    def sentences(self) -> tuple[Sentence, ...]:
        return (*self.bottom_line, *(sentence for section in self.sections for sentence in section.sentences))


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
    # An article or a person file could not be read: which entities the sources mention is not known.
    mentions_unread: bool = False
    narrative: Narrative | None = None  # sources/briefing.yml, if there is one
    indicators: tuple[Indicator, ...] = ()  # sources/indicators.yml
    indicators_unread: bool = False  # sources/indicators.yml has a problem: figures' indicators are not checked

    @property
    def text_owners(self) -> tuple[object, ...]:
        """Everything that holds texts to translate: sources, entities, glossary terms, indicators, the narrative."""
        return (*self.sources, *self.entities, *self.glossary, *self.indicators,
                *((self.narrative,) if self.narrative else ()))

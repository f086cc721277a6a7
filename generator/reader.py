"""Read ``sources/``: annotated articles, entities and the glossary.

Each file is read into its record class of :mod:`generator.model`: an article into a
Source, each kind's files (:mod:`generator.kinds`) into the kind's class, the glossary
into a Glossary. Every field is read as its declaration says (:mod:`generator.schema`),
and each one that is unknown, missing or of the wrong shape is reported with its line,
as is each quote of an article's claims that is not in its text. Cross-file checks
(references, unique ids, quotes taken from another file's article) belong to
:mod:`generator.validate`.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import kinds, model, paging, quotes, schema
from .cache import BuildCache
from .model import LANGUAGES, Location, PartialDate, Text
from .problems import Problem
from .schema import Field
from .yamlload import Located, LocatedList, load_article, load_mapping, nfc, read_bytes

TRANSLATED_FROM = re.compile(r"^(en|vi|fr) ([0-9a-f]{8})$")
MAX_ID_LENGTH = 80
# Names that Windows cannot use as file names: the site must be copyable anywhere.
RESERVED_IDS = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
# Invisible characters that can make one text look like another (Trojan Source).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
LOCATION_FIELDS = ("where", "field_lines")  # where a record is written: filled in from its mapping

R = TypeVar("R")


@dataclass(frozen=True)
class _Reading:
    """How the records of a class are read: its declared fields, each with the method that
    reads it, and which of the fields the reader fills in the class has."""

    names: frozenset[str]
    readers: tuple[tuple[str, Callable[[Fields, Field], Any], Field], ...]
    where: bool
    field_lines: bool
    given: tuple[str, ...]  # its other undeclared fields, which the file may give (a claim's source)


_READINGS: dict[type, _Reading] = {}  # {record class: how it is read}, made on first use


def _reading(record: type) -> _Reading:
    if record not in _READINGS:
        declared = schema.fields_of(record)
        undeclared = {item.name for item in dataclasses.fields(record)} - {field.name for field in declared}
        _READINGS[record] = _Reading(frozenset(field.name for field in declared),
                                     tuple((field.name, _READ_BY_SHAPE[field.shape], field) for field in declared),
                                     "where" in undeclared, "field_lines" in undeclared,
                                     tuple(sorted(undeclared.difference(LOCATION_FIELDS))))
    return _READINGS[record]


class Fields(Generic[R]):
    """One YAML mapping read as a ``record`` class, recording a problem for each bad field.

    ``given`` holds the values of undeclared fields that the file gives the records in it
    (the claims of an article are the article's)."""

    def __init__(self, mapping: Located, path: str, problems: list[Problem], record: type[R],
                 given: Mapping[str, object] | None = None):
        self.mapping, self.path, self.problems, self.record = mapping, path, problems, record
        self.given = given or {}
        self.reading = _reading(record)
        for key in mapping:
            if key not in self.reading.names:
                self.error(key, f"unknown field '{key}'", hint=_closest(str(key), self.reading.names, "field"))

    def read(self) -> dict[str, Any]:
        """Every declared field of the record, nested records read (those with a problem left out)."""
        return {name: read(self, field) for name, read, field in self.reading.readers}

    def build(self, values: dict[str, Any], **undeclared: object) -> R:
        """The record of ``values`` (as read), with where it is written, what the file gives,
        and the other ``undeclared`` fields."""
        reading = self.reading
        if reading.where:
            undeclared["where"] = Location(self.path, self.mapping.line)
        if reading.field_lines:
            undeclared["field_lines"] = tuple(sorted((str(k), v) for k, v in self.mapping.lines.items()))
        for name in reading.given:
            if name in self.given:
                undeclared[name] = self.given[name]
        build: Callable[..., R] = self.record
        return build(**values, **undeclared)

    def read_record(self) -> R | None:
        """The record read, or None if it has a problem (reported)."""
        problems_before = len(self.problems)
        values = self.read()
        return self.build(values) if len(self.problems) == problems_before else None

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        line = self.mapping.line_of(key) if key else self.mapping.line
        self.problems.append(Problem(self.path, line, 1, message, hint))

    def _get(self, key: str, required: bool, types: tuple[type, ...], what: str) -> Any:
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.error(None, f"missing field '{key}' ({what})")
            return None
        if not isinstance(value, types) or isinstance(value, bool) and bool not in types:
            self.error(key, f"'{key}' must be {what}")
            return None
        return value

    # Each shape of field (schema.Field.shape) is read by one method below: see _READ_BY_SHAPE.

    def string(self, field: Field) -> str | None:
        key = field.name
        value = self._get(key, field.required, (str,), "a text")
        if value is None:
            return None
        value = nfc(value.strip())
        if _invisible(value):
            self.error(key, f"'{key}' holds an invisible character ({_invisible(value)}): delete it")
            return None
        if field.required and not value:
            self.error(key, f"'{key}' is empty")
            return None
        if field.choices and value not in field.choices:
            self.error(key, f"'{key}' is '{value}', not one of: {', '.join(field.choices)}",
                       hint=_closest(value, field.choices, "value"))
            return None
        return value

    def flag(self, field: Field) -> bool:
        return bool(self._get(field.name, field.required, (bool,), "true or false"))

    def number(self, field: Field) -> float | None:
        return self._get(field.name, field.required, (int, float), "a number")

    def identifier(self, field: Field) -> str | None:
        value = self.string(field)
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            self.error(field.name, problem)
            return None
        return value

    def identifiers(self, field: Field) -> tuple[str, ...]:
        values = self._get(field.name, field.required, (LocatedList,), "a list of ids")
        if not values:
            return ()
        ids = []
        for value, line in zip(values, values.lines, strict=True):
            problem = id_problem(value) if isinstance(value, str) else f"{value!r} is not an id"
            if problem:
                self.problems.append(Problem(self.path, line, 1, f"in '{field.name}': {problem}"))
            else:
                ids.append(value)
        return tuple(ids)

    def date(self, field: Field) -> PartialDate | None:
        value = self._get(field.name, field.required, (str, int), "a date: YYYY, YYYY-MM or YYYY-MM-DD")
        if value is None:
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError as error:
            self.error(field.name, str(error))
            return None

    def text(self, field: Field) -> Text | None:
        """A text per language: a plain string (written in that language) or, for a
        translation, ``{text: …, from: "<language> <fingerprint>"}``."""
        key = field.name
        value = self._get(key, field.required, (Located,), "a mapping of languages (en, vi, fr) to texts")
        if value is None:
            return None
        for lang in value:
            if lang not in LANGUAGES:
                self.problems.append(Problem(self.path, value.line_of(lang), 1,
                                             f"'{lang}' in '{key}' is not a language: use en, vi or fr"))
        translations, made_from, lines = [], [], []  # in the order of LANGUAGES, as a Text keeps them
        for lang in LANGUAGES:
            if lang not in value:
                continue
            entry, line = value[lang], value.line_of(lang)
            lines.append((lang, line))
            if isinstance(entry, dict):
                origin = entry.get("from")
                match = TRANSLATED_FROM.match(origin) if isinstance(origin, str) else None
                if not match or set(entry) != {"text", "from"} or match.group(1) == lang:
                    self.problems.append(Problem(
                        self.path, line, 1,
                        f"'{key}.{lang}' must be a text, or {{text: …, from: \"<language> <fingerprint>\"}}",
                        "`python -m generator status` prints the fingerprint of each original"))
                    continue
                made_from.append((lang, (match.group(1), match.group(2))))
                entry = entry["text"]
            if not isinstance(entry, str) or not entry.strip():
                self.problems.append(Problem(self.path, line, 1, f"'{key}.{lang}' must be a non-empty text"))
            elif _invisible(entry):
                self.problems.append(Problem(self.path, line, 1, f"'{key}.{lang}' holds an invisible character "
                                                                 f"({_invisible(entry)}): delete it"))
            else:
                translations.append((lang, " ".join(nfc(entry).split())))
        if not value:
            self.error(key, f"'{key}' has no text in any language")
        if not translations:
            return None
        return Text(tuple(translations), where=Location(self.path, self.mapping.line_of(key)),
                    made_from=tuple(made_from), name=key, lines=tuple(lines))

    def strings(self, field: Field) -> tuple[str, ...]:
        key = field.name
        values = self._get(key, field.required, (LocatedList,), "a list of texts")
        if not values:
            return ()
        for value, line in zip(values, values.lines, strict=True):
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                self.problems.append(Problem(self.path, line, 1, f"each item of '{key}' must be a text"))
            elif _invisible(str(value)):
                self.problems.append(Problem(self.path, line, 1, f"'{key}' holds an invisible character "
                                                                 f"({_invisible(str(value))}): delete it"))
        return tuple(nfc(str(value)) for value in values)

    def nested(self, field: Field) -> object | None:
        mapping = self._get(field.name, field.required, (Located,), "a mapping of fields")
        return None if mapping is None else self._read_nested(field, mapping)

    def nested_list(self, field: Field) -> tuple[object, ...]:
        values = self._get(field.name, field.required, (LocatedList,), "a list")
        if not values:
            return ()
        records = []
        for value, line in zip(values, values.lines, strict=True):
            if not isinstance(value, Located):
                self.problems.append(Problem(self.path, line, 1, f"each item of '{field.name}' must be a mapping"))
            elif (item := self._read_nested(field, value)) is not None:
                records.append(item)
        return tuple(records)

    def _read_nested(self, field: Field, mapping: Located) -> object | None:
        assert field.record is not None  # the fields of a record shape name its class
        return Fields(mapping, self.path, self.problems, field.record, self.given).read_record()


_READ_BY_SHAPE: dict[str, Callable[[Fields, Field], Any]] = {
    "string": Fields.string, "id": Fields.identifier, "ids": Fields.identifiers, "date": Fields.date,
    "text": Fields.text, "number": Fields.number, "flag": Fields.flag, "strings": Fields.strings,
    "record": Fields.nested, "records": Fields.nested_list,
}


def id_problem(value: str) -> str:
    """What is wrong with an id, or ''."""
    shown = f"'{value}'" if value.isprintable() else repr(value)
    if not model.ID_PATTERN.match(value):
        return f"{shown} is not an id: use lower-case ASCII letters, digits and hyphens (ha-noi)"
    if len(value) > MAX_ID_LENGTH:
        return f"the id is {len(value)} characters long: keep it to {MAX_ID_LENGTH}"
    if value in RESERVED_IDS:
        return f"'{value}' cannot be an id: it is a reserved file name on Windows"
    if value == "index":
        return "'index' cannot be an id: it is the name of each kind's index page (index.md); choose another"
    if value in paging.GROUP_FOLDERS:
        return f"'{value}' cannot be an id: it names the folder of a long index's pages; choose another"
    return ""


def _invisible(text: str) -> str:
    found = INVISIBLE.search(text)
    return f"U+{ord(found.group()):04X} {unicodedata.name(found.group(), 'invisible character')}" if found else ""


def _closest(value: str, candidates, what: str) -> str:
    match = difflib.get_close_matches(value, sorted(candidates), n=1)
    return f"did you mean the {what} '{match[0]}'?" if match else ""


FileReader = Callable[[bytes, Path, str, list[Problem]], object]  # (bytes, path, relpath, problems) → model object


def read_corpus(root: Path, problems: list[Problem], cache: BuildCache | None = None) -> model.Corpus:
    """Read every file under ``root`` (the sources/ folder), adding what is wrong to ``problems``.

    A file that cannot be read is left out of the corpus; its id (the file name) is kept in
    ``Corpus.unreadable`` so that references to it are not reported twice. With ``cache``,
    a file whose bytes did not change since it was read without a problem is taken from it
    instead of being parsed, and each file now read without a problem is kept in it (the
    caller saves it).
    """
    project = root.parent
    digests: dict[str, str] = {}

    def read(path: Path, relpath: str, read_file: FileReader) -> object:
        data = read_bytes(path)
        digests[relpath] = digest = hashlib.sha256(data).hexdigest()
        item = cache.get(relpath, digest) if cache else None
        if item is None:
            problems_before = len(problems)
            item = read_file(data, path, relpath, problems)
            if cache and item is not None and len(problems) == problems_before:
                cache.keep(relpath, digest, item)
        return item

    folders: list[tuple[str, str, FileReader]] = [
        (schema.ARTICLES, "*.md", _read_source),
        *((kind.folder, "*.yml", functools.partial(_read_entity, kind.model)) for kind in kinds.KINDS)]
    sources, entities, unreadable = [], [], set()
    for folder, pattern, read_file in folders:
        prefix = (root / folder).relative_to(project).as_posix()
        for path in sorted((root / folder).glob(pattern)):
            item = read(path, f"{prefix}/{path.name}", read_file)
            if isinstance(item, model.Source):
                sources.append(item)
            elif isinstance(item, model.Entity):
                entities.append(item)
            else:
                unreadable.add(path.stem)
    glossary_path = root / schema.GLOSSARY
    glossary = (read(glossary_path, glossary_path.relative_to(project).as_posix(), _read_glossary)
                if glossary_path.exists() else None)
    terms = glossary.terms if isinstance(glossary, model.Glossary) else ()
    return model.Corpus(tuple(sources), tuple(entities), terms, frozenset(unreadable), digests)


def _check_file_name(fields: Fields, ident: str | None, path: Path) -> None:
    if ident and ident != path.stem:
        rename_id = "" if id_problem(path.stem) else f" or the id to '{path.stem}'"
        fields.error("id", f"id '{ident}' differs from the file name '{path.name}'",
                     hint=f"rename the file to '{ident}{path.suffix}'{rename_id}")


def _read_source(raw: bytes, path: Path, relpath: str, problems: list[Problem]) -> model.Source | None:
    article = load_article(raw, path, relpath, problems)
    if article is None:
        return None
    problems_before = len(problems)
    # The claims are read with the article, before its id: they take the file's, which the id must be.
    fields = Fields(article.front_matter, relpath, problems, model.Source, given={"source": path.stem})
    values = fields.read()
    _check_file_name(fields, values["id"], path)
    if values["url"] and not re.match(r"^https?://", values["url"]):
        fields.error("url", "the url must start with http:// or https://")
    if not article.body.strip():
        problems.append(Problem(relpath, article.last_line, 1,
                                "the article has no text: paste it, as collected, below the closing '---'"))
    if len(problems) > problems_before:
        return None
    # A span or a quote that is not in the text is reported, but the source is read: the
    # references to it still resolve.
    text = quotes.article_text(article.body, values["not_article"], problems)
    folded = quotes.fold(text)
    for claim in values["claims"]:
        quotes.check_quote(claim.quote, claim.source, folded, functools.partial(claim.location_of, "quote"), problems)
    return fields.build(values, article_text=text)


def _read_entity(record: type[model.Entity], raw: bytes, path: Path, relpath: str,
                 problems: list[Problem]) -> model.Entity | None:
    data = load_mapping(raw, path, relpath, problems)
    if data is None:
        return None
    problems_before = len(problems)
    fields = Fields(data, relpath, problems, record)
    values = fields.read()
    _check_file_name(fields, values["id"], path)
    return fields.build(values) if len(problems) == problems_before else None


def _read_glossary(raw: bytes, path: Path, relpath: str, problems: list[Problem]) -> model.Glossary | None:
    """The glossary, without the terms that have a problem (the others are shown)."""
    data = load_mapping(raw, path, relpath, problems)
    if data is None:
        return None
    fields = Fields(data, relpath, problems, model.Glossary)
    return fields.build(fields.read())

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

import collections
import dataclasses
import difflib
import functools
import hashlib
import json
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import kinds, model, paging, quotes, schema
from .cache import BuildCache
from .model import LANGUAGES, Location, PartialDate, Text
from .problems import Problem
from .schema import Field
from .yamlload import Located, LocatedList, Plain, is_null, load_article, load_mapping, nfc, read_bytes

# A translation's origin: its language and the fingerprint of the original it was made from; without
# the fingerprint, from the current original (`status --record` writes it in).
TRANSLATED_FROM = re.compile(r"^(en|vi|fr)(?: ([0-9a-f]{8}))?$")
MAX_ID_LENGTH = 80
# Names that Windows cannot use as file names: the site must be copyable anywhere.
RESERVED_IDS = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
# A number as an editor writes one: decimal digits, no leading zero (YAML 1.1 reads 010 as 8).
DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")
TRUE_WORDS = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})  # a flag: YAML's words
FALSE_WORDS = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})
ONE_LINE_TEXTS = frozenset({"name", "term", "title", "label"})  # texts that are names: as short as a string
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
        """The value of field ``key`` if it is one of ``types``; None if it is absent, empty (``key:``,
        ``~``) or of another type (reported, as is an absent or empty field that is required)."""
        value = self.mapping.get(key)
        if is_null(value):
            if required:
                given = key in self.mapping
                self.error(key if given else None,
                           f"'{key}' has no value ({what})" if given else f"missing field '{key}' ({what})")
            return None
        if not isinstance(value, types):
            self.error(key, f"'{key}' must be {what}")
            return None
        return value

    def _line(self, value: str, line: int, name: str, shape: str) -> str | None:
        """A one-line value, its surrounding spaces removed (a passage: its whitespace folded); None,
        and a problem, if it holds a line break or a tab, or is longer than its shape allows."""
        value = " ".join(value.split()) if shape == "passage" else nfc(value.strip())
        if "\n" in value or "\t" in value:
            what = "a line break" if "\n" in value else "a tab"
            self.problems.append(Problem(self.path, line, 1, f"'{name}' holds {what}: write it on one line"))
            return None
        return value if self._short(value, line, name, shape) else None

    def _short(self, value: str, line: int, name: str, shape: str) -> bool:
        if len(value) <= schema.MAX_LENGTH[shape]:
            return True
        self.problems.append(Problem(self.path, line, 1, f"'{name}' is {len(value):,} characters long: keep it to "
                                                         f"{schema.MAX_LENGTH[shape]:,}"))
        return False

    def _few(self, values: LocatedList, name: str, shape: str) -> bool:
        if len(values) <= schema.MAX_ITEMS[shape]:
            return True
        self.problems.append(Problem(self.path, values.line, 1, f"'{name}' lists {len(values):,} items: keep it to "
                                                                f"{schema.MAX_ITEMS[shape]:,}"))
        return False

    # Each shape of field (schema.Field.shape) is read by one method below: see _READ_BY_SHAPE.

    def string(self, field: Field) -> str | None:
        key = field.name
        value = self._get(key, field.required, (str,), "a text")
        if value is None:
            return None
        shape = "passage" if field.shape == "passage" else "string"
        value = self._line(value, self.mapping.line_of(key), key, shape)
        if value is None:
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
        value = self._get(field.name, field.required, (Plain,), "true or false")
        if value is None or value in FALSE_WORDS:
            return False
        if value not in TRUE_WORDS:
            self.error(field.name, f"'{field.name}' must be true or false, not '{value}'")
        return value in TRUE_WORDS

    def number(self, field: Field) -> float | None:
        key = field.name
        value = self._get(key, field.required, (Plain,), "a number, without quotes")
        if value is None:
            return None
        if not DECIMAL.match(value):
            self.error(key, f"'{key}' is '{value}', not a number in decimal digits: write it as 42.7 or 3000000000000"
                       " (no leading zero, separator, hexadecimal or time)")
            return None
        if not abs(float(value)) <= schema.MAX_NUMBER:  # also 1e999 and 5,000 digits, which are infinite
            self.error(key, f"'{key}' is beyond 10^18: is the unit right?")
            return None
        return float(value) if any(mark in value for mark in ".eE") else int(value)

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
        return self._id_list(field, "a list of ids", id_problem)

    def claim_refs(self, field: Field) -> tuple[str, ...]:
        """Claims cited from another file, at least one: "<article id>#<claim id>"."""
        refs = self._id_list(field, "a list of claims, each <article id>#<claim id>", claim_ref_problem)
        if (field.required and not refs and isinstance(self.mapping.get(field.name), LocatedList)
                and not self.mapping[field.name]):
            self.error(field.name, f"'{field.name}' is empty: cite the claims the sentence rests on")
        return refs

    def _id_list(self, field: Field, what: str, problem_of: Callable[[str], str]) -> tuple[str, ...]:
        values = self._get(field.name, field.required, (LocatedList,), what)
        if not values or not self._few(values, field.name, "ids"):
            return ()
        ids: list[str] = []
        for value, line in zip(values, values.lines, strict=True):
            problem = (problem_of(value) if isinstance(value, str) else "a list or a mapping is not an id")
            if not problem and value in ids:
                problem = f"'{value}' is listed twice"
            if problem:
                self.problems.append(Problem(self.path, line, 1, f"in '{field.name}': {problem}"))
            else:
                ids.append(str(value))
        return tuple(ids)

    def date(self, field: Field) -> PartialDate | None:
        value = self._get(field.name, field.required, (str,), "a date: YYYY, YYYY-MM or YYYY-MM-DD")
        if value is None:
            return None
        try:
            return PartialDate.parse(value.strip())
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
                if match.group(1) not in value:
                    self.problems.append(Problem(self.path, line, 1, f"'{key}.{lang}' is translated from "
                                                                     f"{match.group(1)}, but '{key}' has no "
                                                                     f"{match.group(1)} text"))
                    continue
                made_from.append((lang, (match.group(1), match.group(2) or "")))
                entry = entry["text"]
            if not isinstance(entry, str) or not entry.strip():
                self.problems.append(Problem(self.path, line, 1, f"'{key}.{lang}' must be a non-empty text"))
            elif self._short(folded := fold_text(nfc(entry)), line, f"{key}.{lang}",
                             "string" if key in ONE_LINE_TEXTS else "text"):
                translations.append((lang, folded))
        if translations and len(made_from) == len(translations):
            self.error(key, f"every language of '{key}' is a translation: write the original as a plain text",
                       hint="a translation's `from` names the language it was made from, which is written plainly")
            return None
        if not value:
            self.error(key, f"'{key}' has no text in any language")
        if not translations:
            return None
        return Text(tuple(translations), where=Location(self.path, self.mapping.line_of(key)),
                    made_from=tuple(made_from), name=key, lines=tuple(lines))

    def headline(self, field: Field) -> Text | None:
        """An article's headline: a plain string, in the article's language (its ``language``
        field, reported by its own reader if wrong), or a text whose original is in that language."""
        key, language = field.name, self.mapping.get("language")
        value = self._get(key, field.required, (str, Located), "the headline, or a mapping of languages to it")
        if value is None or language not in LANGUAGES:
            return None
        line = self.mapping.line_of(key)
        if isinstance(value, str):
            title = self._line(value, line, key, "string")
            if not title:
                if title == "":
                    self.error(key, f"'{key}' is blank: write the headline")
                return None
            return Text(((language, title),), where=Location(self.path, line), name=key,
                        lines=((language, line),), translations_optional=True)
        text = self.text(field)
        if text is not None and text.status(language) != "original":
            self.error(key, f"'{key}' has no {language} headline: write the headline as published, in the "
                            f"article's language ({language}), beside its translations")
            return None
        return None if text is None else dataclasses.replace(text, translations_optional=True)

    def strings(self, field: Field) -> tuple[str, ...]:
        key = field.name
        values = self._get(key, field.required, (LocatedList,), "a list of texts")
        if not values or not self._few(values, key, "strings"):
            return ()
        texts = []
        for value, line in zip(values, values.lines, strict=True):
            if not isinstance(value, str):
                self.problems.append(Problem(self.path, line, 1, f"each item of '{key}' must be a text"))
            elif (text := self._line(value, line, key, "strings")) == "":
                self.problems.append(Problem(self.path, line, 1, f"an item of '{key}' is blank: remove it"))
            elif text is not None:
                texts.append(text)
        return tuple(texts)

    def nested(self, field: Field) -> object | None:
        mapping = self._get(field.name, field.required, (Located,), "a mapping of fields")
        return None if mapping is None else self._read_nested(field, mapping)

    def nested_list(self, field: Field) -> tuple[object, ...]:
        values = self._get(field.name, field.required, (LocatedList,), "a list")
        if not values or not self._few(values, field.name, "records"):
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
    "string": Fields.string, "passage": Fields.string, "id": Fields.identifier, "ids": Fields.identifiers,
    "claims": Fields.claim_refs,
    "date": Fields.date, "text": Fields.text, "headline": Fields.headline, "number": Fields.number,
    "flag": Fields.flag, "strings": Fields.strings,
    "record": Fields.nested, "records": Fields.nested_list,
}


def url_problem(url: str) -> str:
    """What is wrong with an article's address, or '': it is placed on the pages as it is written."""
    if not re.match(r"^https?://", url):
        return "the url must start with http:// or https://"
    if any(char.isspace() for char in url):
        return "the url holds a space: write it as the browser shows it (%20 for a space)"
    if unsafe := sorted(set(url) & set('<>"`{}|\\^')):
        return (f"the url holds {' '.join(unsafe)}, which a URL cannot: write it as the browser's address bar "
                "shows it, percent-encoded")
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:  # an unclosed [ of an IPv6 address
        host = None
    return "" if host else "the url names no host: write it whole, as https://example.org/page"


# Whitespace that a text's line breaks and indentation leave, folded to one space; the no-break
# spaces are the writer's (French "42,7 %", "1 250", " :"), and are kept.
_FOLDED_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def fold_text(text: str) -> str:
    """A text as one paragraph: runs of spaces and line breaks made one space, no-break spaces kept."""
    return _FOLDED_SPACE.sub(" ", text).strip(" ")


def claim_ref_problem(value: str) -> str:
    """What is wrong with a cited claim, or '': "<article id>#<claim id>"."""
    article, hash_sign, claim = value.partition("#")
    if not hash_sign:
        return f"'{value}' is not a claim: write <article id>#<claim id> (the address of the claim on its page)"
    return id_problem(article) or id_problem(claim)


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
        try:
            data = read_bytes(path)
        except OSError as error:  # a file replaced by a link or a device after it was listed, or unreadable
            problems.append(Problem(relpath, 1, 1, f"the file cannot be read: {error.strerror or error}"))
            return None
        digests[relpath] = digest = hashlib.sha256(data).hexdigest()
        item = cache.get(relpath, digest) if cache else None
        if item is None:
            problems_before = len(problems)
            item = read_file(data, path, relpath, problems)
            if cache and item is not None and len(problems) == problems_before:
                cache.keep(relpath, digest, item)
        return item

    readers: dict[str, tuple[str, FileReader]] = {
        schema.ARTICLES: (".md", _read_source),
        **{kind.folder: (".yml", functools.partial(_read_entity, kind.model)) for kind in kinds.KINDS}}
    single: dict[str, FileReader] = {schema.GLOSSARY: _read_glossary,
                                     schema.NARRATIVE: functools.partial(_read_whole, model.Narrative),
                                     schema.INDICATORS: functools.partial(_read_whole, model.Indicators)}
    sources, entities, unreadable, mentions_unread = [], [], set(), False
    read_single: dict[str, object] = {}
    for path, folder in annotation_files(root, readers, problems):
        relpath = path.relative_to(project).as_posix()
        if folder in single:
            read_single[folder] = read(path, relpath, single[folder])
            continue
        item = read(path, relpath, readers[folder][1])
        if isinstance(item, model.Source):
            sources.append(item)
        elif isinstance(item, model.Entity):
            entities.append(item)
        else:
            unreadable.add(path.stem)
            # The files whose claims and roles say which entities are mentioned.
            mentions_unread |= folder in (schema.ARTICLES, kinds.BY_NAME["person"].folder)
    glossary, narrative = read_single.get(schema.GLOSSARY), read_single.get(schema.NARRATIVE)
    indicators = read_single.get(schema.INDICATORS)
    terms = glossary.terms if isinstance(glossary, model.Glossary) else ()
    return model.Corpus(tuple(sources), tuple(entities), terms, frozenset(unreadable), digests, mentions_unread,
                        narrative if isinstance(narrative, model.Narrative) else None,
                        indicators.indicators if isinstance(indicators, model.Indicators) else (),
                        indicators_unread=schema.INDICATORS in read_single and indicators is None)


def annotation_files(root: Path, readers: Mapping[str, tuple[str, object]],
                     problems: list[Problem]) -> list[tuple[Path, str]]:
    """The annotation files under ``root``: (path, its folder; its name for one of schema.SINGLE_FILES),
    in the order of ``readers`` ({folder: (suffix, reader)}), each folder's files sorted. Every other entry is
    reported: a file is either read or named in a problem, never left out without a word. Only
    regular files are read: a symbolic link could publish a file from outside the repository, and
    a device (/dev/zero) has no size to check."""
    project = root.parent
    found: list[tuple[Path, str]] = []

    def report(path: Path, message: str, hint: str = "", severity: str = "error") -> None:
        problems.append(Problem(path.relative_to(project).as_posix(), 1, 1, message, hint, severity))

    def regular(path: Path, what: str) -> bool:
        if path.is_symlink():
            report(path, f"the {what} is a symbolic link, which is not followed",
                   "put the file itself here: only regular files inside sources/ are read")
        elif not (path.is_dir() if what == "folder" else path.is_file()):
            report(path, f"not a regular {what}: it is not read",
                   "remove it" if what == "file" else "annotation files are regular files: remove it")
        else:
            return True
        return False

    entries = {path.name: path for path in root.iterdir()} if root.is_dir() else {}
    for name in sorted(entries, key=lambda name: (name not in readers, name)):
        path = entries[name]
        if name.startswith("."):
            report(path, "a hidden file or folder, not read", "remove it if it holds no annotation", "warning")
        elif name in readers:
            if not regular(path, "folder"):
                continue
            suffix = readers[name][0]
            for file in sorted(path.iterdir()):
                if file.name.startswith("."):
                    report(file, "a hidden file or folder, not read", "remove it if it holds no annotation",
                           "warning")
                elif file.suffix == suffix and regular(file, "file"):
                    found.append((file, name))
                elif file.suffix == suffix:
                    continue
                elif file.is_dir() and not file.is_symlink():
                    report(file, "a folder inside a folder of annotation files: its files are not read",
                           f"move them into sources/{name}/")
                elif file.suffix.lower() in (".yml", ".yaml", ".md", ".markdown"):
                    report(file, f"not read: the files of sources/{name}/ end in {suffix}",
                           f"rename it to '{file.stem}{suffix}'")
                else:
                    report(file, f"not an annotation file: sources/{name}/ holds {suffix} files only",
                           "remove it, or move it out of sources/")
        elif name in schema.SINGLE_FILES:
            if regular(path, "file"):
                found.append((path, name))
        elif path.suffix.lower() in (".yml", ".yaml") and (single := next(
                (file for file in schema.SINGLE_FILES if Path(file).stem == Path(name).stem.lower()), None)):
            report(path, f"not read: the file is sources/{single}", f"rename it to '{single}'")
        else:
            known = [*readers, *schema.SINGLE_FILES]
            report(path, f"not read: sources/ holds only the folders {', '.join(readers)} and the files "
                         f"{', '.join(schema.SINGLE_FILES[:-1])} and {schema.SINGLE_FILES[-1]}",
                   _closest(name, known, "name") or "move it out of sources/")
    return found


def _excerpt(passage: str, length: int = 80) -> str:
    """The passage's first words, at most ``length`` characters (cut at a word where one fits)."""
    if len(passage) <= length:
        return passage
    cut = passage[:length].rsplit(" ", 1)[0]
    return cut if len(cut) > length // 2 else passage[:length]


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
    if values["url"] and (problem := url_problem(values["url"])):
        fields.error("url", problem)
    if not article.body.strip():
        problems.append(Problem(relpath, article.last_line, 1,
                                "the article has no text: paste it, as collected, below the closing '---'"))
    if len(problems) > problems_before:
        return None
    # A span or a quote that is not in the text is reported, but the source is read: the
    # references to it still resolve.
    ranges = quotes.not_article_ranges(article.body, values["not_article"], problems)
    text = quotes.article_text(article.body, ranges)
    for offset, kind, passage in quotes.lookalikes(article.body, ranges):
        problems.append(Problem(relpath, article.body_line + article.body.count("\n", 0, offset), 1,
                                f"this looks like {quotes.LOOKALIKE_NAMES[kind]}, not the article: "
                                f"\"{_excerpt(passage)}\"",
                                f"if it is not the article, declare it in not_article: "
                                f"{{kind: {kind}, start: {json.dumps(_excerpt(passage, 40), ensure_ascii=False)}}}",
                                "warning"))
    folded, hints = quotes.fold(text), collections.Counter[str]()
    body = article.body if values["not_article"] else ""
    for claim in values["claims"]:
        quotes.check_quote(claim.quote, claim.source, folded, functools.partial(claim.location_of, "quote"), problems,
                           hints, values["not_article"], body)
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


def _read_whole(record: type[R], raw: bytes, path: Path, relpath: str, problems: list[Problem]) -> R | None:
    """A file read as one record (the narrative, the indicators), or None if any of it has a problem: a
    sentence left out would change what the others say."""
    data = load_mapping(raw, path, relpath, problems)
    return None if data is None else Fields(data, relpath, problems, record).read_record()


def _read_glossary(raw: bytes, path: Path, relpath: str, problems: list[Problem]) -> model.Glossary | None:
    """The glossary, without the terms that have a problem (the others are shown)."""
    data = load_mapping(raw, path, relpath, problems)
    if data is None:
        return None
    fields = Fields(data, relpath, problems, model.Glossary)
    return fields.build(fields.read())

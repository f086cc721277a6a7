"""Read ``sources/``: annotated articles, entities and the glossary.

The reader turns each file into model objects and reports, with its line,
every field that is missing or of the wrong shape, and each quote of an article's
claims that is not in its text. Cross-file checks (references, unique ids, quotes
taken from another file's article) belong to :mod:`generator.validate`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from . import collector, model, paging, quotes, schema
from .model import LANGUAGES, Location, PartialDate, Text
from .parsed import ParsedFiles, half_of
from .problems import Problem
from .yamlload import Located, YamlSyntaxError, load_yaml

ARTICLES = "articles"
GLOSSARY = "glossary.yml"
TRANSLATED_FROM = re.compile(r"^(en|vi|fr) ([0-9a-f]{8})$")
MAX_FILE_BYTES = 1_000_000  # the largest seed article is 6 kB
MAX_ID_LENGTH = 80
# Names that Windows cannot use as file names: the site must be copyable anywhere.
RESERVED_IDS = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
# Invisible characters that can make one text look like another (Trojan Source).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Fields:
    """Typed access to one YAML mapping, recording a problem for each bad field."""

    def __init__(self, mapping: Located, path: str, problems: list[Problem], record: schema.Record):
        self.mapping, self.path, self.problems, self.record = mapping, path, problems, record
        for key in mapping:
            if key not in record.names:
                self.error(key, f"unknown field '{key}'", hint=_closest(str(key), record.names, "field"))

    def read(self) -> dict:
        """Every field of the record, checked against its declaration in :mod:`generator.schema`.

        Nested records are returned as their YAML mappings, to be read with their own declaration.
        """
        return {field.name: _READERS[field.type](self, field) for field in self.record.fields}

    def where(self, key: str | None = None) -> Location:
        return Location(self.path, self.mapping.line_of(key) if key else self.mapping.line)

    def where_of(self, mapping: Located) -> Location:
        return Location(self.path, mapping.line)

    def placement(self) -> dict:
        """The ``where`` and ``field_lines`` of the model object read from this mapping."""
        return dict(where=self.where(), field_lines=tuple(sorted((str(k), v) for k, v in self.mapping.lines.items())))

    def error(self, key: str | None, message: str, hint: str = "") -> None:
        line = self.mapping.line_of(key) if key else self.mapping.line
        self.problems.append(Problem(self.path, line, 1, message, hint))

    def _get(self, key: str, required: bool, kinds: tuple[type, ...], what: str):
        value = self.mapping.get(key)
        if value is None:
            if required:
                self.error(None, f"missing field '{key}' ({what})")
            return None
        if not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds:
            self.error(key, f"'{key}' must be {what}")
            return None
        return value

    def string(self, key: str, required: bool = True, choices: tuple[str, ...] = ()) -> str | None:
        value = self._get(key, required, (str,), "a text")
        if value is None:
            return None
        value = nfc(value.strip())
        if _invisible(value):
            self.error(key, f"'{key}' holds an invisible character ({_invisible(value)}): delete it")
            return None
        if required and not value:
            self.error(key, f"'{key}' is empty")
            return None
        if choices and value not in choices:
            self.error(key, f"'{key}' is '{value}', not one of: {', '.join(choices)}",
                       hint=_closest(value, choices, "value"))
            return None
        return value

    def flag(self, key: str) -> bool:
        return bool(self._get(key, False, (bool,), "true or false"))

    def number(self, key: str, required: bool = True) -> float | None:
        return self._get(key, required, (int, float), "a number")

    def identifier(self, key: str, required: bool = True) -> str | None:
        value = self.string(key, required)
        if value is None:
            return None
        problem = id_problem(value)
        if problem:
            self.error(key, problem)
            return None
        return value

    def identifiers(self, key: str) -> tuple[str, ...]:
        values = self._get(key, False, (list,), "a list of ids")
        if not values:
            return ()
        ids = []
        for value, line in zip(values, values.lines):
            problem = id_problem(value) if isinstance(value, str) else f"{value!r} is not an id"
            if problem:
                self.problems.append(Problem(self.path, line, 1, f"in '{key}': {problem}"))
            else:
                ids.append(value)
        return tuple(ids)

    def date(self, key: str, required: bool = True) -> PartialDate | None:
        value = self._get(key, required, (str, int), "a date: YYYY, YYYY-MM or YYYY-MM-DD")
        if value is None:
            return None
        try:
            return PartialDate.parse(str(value))
        except ValueError as error:
            self.error(key, str(error))
            return None

    def text(self, key: str, required: bool = True) -> Text | None:
        """A text per language: a plain string (written in that language) or, for a
        translation, ``{text: …, from: "<language> <fingerprint>"}``."""
        value = self._get(key, required, (dict,), "a mapping of languages (en, vi, fr) to texts")
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
                        self.path, line, 1, f"'{key}.{lang}' must be a text, or {{text: …, from: \"<language> <fingerprint>\"}}",
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
        return Text(tuple(translations), where=self.where(key), made_from=tuple(made_from), name=key,
                    lines=tuple(lines))

    def strings(self, key: str) -> tuple[str, ...]:
        values = self._get(key, False, (list,), "a list of texts")
        if not values:
            return ()
        for value, line in zip(values, values.lines):
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                self.problems.append(Problem(self.path, line, 1, f"each item of '{key}' must be a text"))
            elif _invisible(str(value)):
                self.problems.append(Problem(self.path, line, 1, f"'{key}' holds an invisible character "
                                                                 f"({_invisible(str(value))}): delete it"))
        return tuple(nfc(str(value)) for value in values)

    def record_mapping(self, key: str) -> Located | None:
        return self._get(key, False, (dict,), "a mapping of fields")

    def records(self, key: str, required: bool = False) -> list[Located]:
        values = self._get(key, required, (list,), "a list")
        if not values:
            return []
        records = []
        for value, line in zip(values, values.lines):
            if isinstance(value, Located):
                records.append(value)
            else:
                self.problems.append(Problem(self.path, line, 1, f"each item of '{key}' must be a mapping"))
        return records

    def sub(self, mapping: Located, record: schema.Record) -> Fields:
        return Fields(mapping, self.path, self.problems, record)


# How each type of field (schema.Field.type) is read.
_READERS = {
    "string": lambda fields, f: fields.string(f.name, f.required, f.choices),
    "id": lambda fields, f: fields.identifier(f.name, f.required),
    "ids": lambda fields, f: fields.identifiers(f.name),
    "date": lambda fields, f: fields.date(f.name, f.required),
    "text": lambda fields, f: fields.text(f.name, f.required),
    "number": lambda fields, f: fields.number(f.name, f.required),
    "flag": lambda fields, f: fields.flag(f.name),
    "strings": lambda fields, f: fields.strings(f.name),
    "record": lambda fields, f: fields.record_mapping(f.name),
    "records": lambda fields, f: fields.records(f.name, f.required),
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
    import difflib

    match = difflib.get_close_matches(value, sorted(candidates), n=1)
    return f"did you mean the {what} '{match[0]}'?" if match else ""


# Below this many files, a second process costs more than it saves (it starts in
# milliseconds, but sends back what it read pickled).
PARALLEL_FROM = 400


def read_corpus(root: Path, problems: list[Problem], parsed: ParsedFiles | None = None,
                parallel: bool = False) -> model.Corpus:
    """Read every file under ``root`` (the sources/ folder), adding what is wrong to ``problems``.

    A file that cannot be read is left out of the corpus; its id (the file name) is
    kept in ``Corpus.unreadable`` so that references to it are not reported twice.
    With ``parsed``, the files whose bytes did not change since the last run are not
    parsed again, and those read are kept for the next. With ``parallel``, a forked
    process reads half of the files (of a large corpus) while this one reads the other
    half, and each keeps its half in ``parsed``.
    """
    project = root.parent
    folders = [(ARTICLES, "*.md", _read_source),
               *((model.KIND_FOLDERS[kind], "*.yml", functools.partial(_read_entity, kind)) for kind in model.ENTITY_KINDS)]
    files = [(read_file, path, f"{prefix}/{path.name}")
             for folder, pattern, read_file in folders
             for prefix in [(root / folder).relative_to(project).as_posix()]
             for path in sorted((root / folder).glob(pattern))]
    if parallel and len(files) >= PARALLEL_FROM:
        # Split by parse-cache shard, so that each process writes the shards of its own files.
        halves = [[file for file in files if half_of(file[2]) == half] for half in (0, 1)]
        with collector.forked_workers(1, (halves[1], parsed)) as pool:
            elsewhere = pool.submit(_read_other_half)
            read = _read_files(halves[0], parsed, 0)
            read_elsewhere = elsewhere.result()
        if parsed:
            parsed.load(read_elsewhere.shards)
            read_elsewhere.results.update({relpath: (parsed.get(relpath, digest), [])
                                           for relpath, digest in read_elsewhere.digests.items()
                                           if relpath not in read_elsewhere.results})
        read.digests.update(read_elsewhere.digests)
        read.results.update(read_elsewhere.results)
    else:
        read = _read_files(files, parsed)
    items, unreadable = [], set()
    for _read_file, path, relpath in files:
        item, file_problems = read.results[relpath]
        problems += file_problems
        if item:
            items.append(item)
        else:
            unreadable.add(path.stem)
    glossary_path = root / GLOSSARY
    glossary = ()
    if glossary_path.exists():
        glossary = _read_glossary(glossary_path, glossary_path.relative_to(project).as_posix(), problems)
    sources = tuple(item for item in items if isinstance(item, model.Source))
    entities = tuple(item for item in items if not isinstance(item, model.Source))
    digests = {relpath: read.digests[relpath] for _read_file, _path, relpath in files}
    return model.Corpus(sources, entities, glossary, frozenset(unreadable), digests)


@dataclass
class _FilesRead:
    """What reading some of the files gave: the digest of each file's bytes, {relpath: (model
    object or None, its problems)}, and the parse-cache shards written."""

    digests: dict[str, str]
    results: dict[str, tuple[object, list[Problem]]]
    shards: set[int]


def _read_files(jobs, parsed: ParsedFiles | None, half: int | None = None) -> _FilesRead:
    """Read each (read_file, path, relpath) job. With ``parsed``, a file whose bytes did not
    change since the last run is taken from it instead of being parsed, and the files parsed
    without a problem are kept there for the next run (see ParsedFiles.save for ``half``).
    Each file is opened once, for its digest and its text."""
    digests, results = {}, {}
    for read_file, path, relpath in jobs:
        data = _read_bytes(path)
        digests[relpath] = digest = hashlib.sha256(data).hexdigest()
        item = parsed.get(relpath, digest) if parsed else None
        file_problems: list[Problem] = []
        if item is None:
            item = read_file(data, path, relpath, file_problems)
            if parsed and _keeps(item, file_problems):
                parsed.keep(relpath, digest, item)
        results[relpath] = item, file_problems
    return _FilesRead(digests, results, parsed.save(digests, half) if parsed else set())


def _keeps(item, file_problems: list[Problem]) -> bool:
    """Whether a file read goes into the parse cache: not if it has a problem, which must be
    reported on every run."""
    return item is not None and not file_problems


def _read_other_half() -> _FilesRead:
    """_read_files in the forked process, for the second half (its jobs and the parse cache,
    inherited: see collector.forked_workers). What is in the parse cache is
    left out of what it sends back: the parent has what was there before, and loads what was
    kept here from the shards written (instead of its being pickled a second time, a second
    of every large build)."""
    jobs, parsed = collector.inherited()
    read = _read_files(jobs, parsed, 1)
    if parsed:
        read.results = {relpath: result for relpath, result in read.results.items() if not _keeps(*result)}
    return read


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; of a file larger than MAX_FILE_BYTES, which _decode refuses, no more
    than one past the limit. (Asking for that much of every file would allocate a megabyte each.)"""
    with open(path, "rb") as file:
        too_large = os.fstat(file.fileno()).st_size > MAX_FILE_BYTES
        return file.read(MAX_FILE_BYTES + 1 if too_large else -1)


def _decode(data: bytes, path: Path, relpath: str, problems: list[Problem]) -> str | None:
    """The file as NFC text with Unix line ends; None (and a problem) if it is not UTF-8 text."""
    if len(data) > MAX_FILE_BYTES:
        size = path.stat().st_size
        problems.append(Problem(relpath, 1, 1, f"the file is {size:,} bytes, above the limit of "
                                               f"{MAX_FILE_BYTES:,}: is it really one article or one entity?"))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 10:
        problems.append(Problem(relpath, 1, 1, "the file is UTF-16 text: save it as UTF-8"))
        return None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is accepted and dropped
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        problems.append(Problem(relpath, line, 1, "not UTF-8 text (a legacy encoding such as Windows-1258 or "
                                                  "TCVN3?): save the file as UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(relpath, text[:text.index("\x00")].count("\n") + 1, 1,
                                "the file holds a NUL character: it is not a text file"))
        return None
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _parse(text: str, relpath: str, problems: list[Problem], line_offset: int = 0) -> Located | None:
    try:
        data = load_yaml(text, line_offset)
    except YamlSyntaxError as error:
        problems.append(Problem(relpath, error.line, error.column, str(error)))
        return None
    if not isinstance(data, Located):
        problems.append(Problem(relpath, line_offset + 1, 1, "the file must hold a mapping of fields"))
        return None
    return data


def _check_file_name(fields: Fields, ident: str | None, path: Path) -> None:
    if ident and ident != path.stem:
        rename_id = "" if id_problem(path.stem) else f" or the id to '{path.stem}'"
        fields.error("id", f"id '{ident}' differs from the file name '{path.name}'",
                     hint=f"rename the file to '{ident}{path.suffix}'{rename_id}")


def _read_source(raw: bytes, path: Path, relpath: str, problems: list[Problem]) -> model.Source | None:
    text = _decode(raw, path, relpath, problems)
    if text is None:
        return None
    if not text.startswith("---"):
        problems.append(Problem(relpath, 1, 1, "no front matter: the file must start with a '---' line"))
        return None
    meta_text, body = frontmatter.YAMLHandler().split(text)
    data = _parse(meta_text, relpath, problems, line_offset=text[:text.index(meta_text)].count("\n"))
    if data is None:
        return None
    problems_before = len(problems)
    fields = Fields(data, relpath, problems, schema.ARTICLE)
    values = fields.read()
    _check_file_name(fields, values["id"], path)
    if values["url"] and not re.match(r"^https?://", values["url"]):
        fields.error("url", "the url must start with http:// or https://")
    if not body.strip():
        problems.append(Problem(relpath, text.count("\n") + 1, 1,
                                "the article has no text: paste it, as collected, below the closing '---'"))
    values["not_article"] = tuple(
        model.Span(**fields.sub(mapping, schema.SPAN).read(), where=fields.where_of(mapping))
        for mapping in values["not_article"])
    values["claims"] = tuple(
        claim for mapping in values["claims"]
        if (claim := _read_claim(fields.sub(mapping, schema.CLAIM), values["id"])))
    if len(problems) > problems_before:
        return None
    # A span or a quote that is not in the text is reported, but the source is read: the
    # references to it still resolve.
    text = quotes.article_text(body, values["not_article"], problems)
    folded = quotes.fold(text)
    for claim in values["claims"]:
        quotes.check_quote(claim.quote, claim.source, folded, functools.partial(claim.location_of, "quote"), problems)
    return model.Source(**values, article_text=text, **fields.placement())


def _read_claim(fields: Fields, source_id: str) -> model.Claim | None:
    problems_before = len(fields.problems)
    values = fields.read()
    if values["figure"] is not None:
        figure_fields = fields.sub(values["figure"], schema.FIGURE)
        values["figure"] = model.Figure(**figure_fields.read())
    if len(fields.problems) > problems_before:
        return None
    return model.Claim(**values, source=source_id, **fields.placement())


def _read_entity(kind: str, raw: bytes, path: Path, relpath: str,
                 problems: list[Problem]) -> model.Entity | None:
    text = _decode(raw, path, relpath, problems)
    data = _parse(text, relpath, problems) if text is not None else None
    if data is None:
        return None
    problems_before = len(problems)
    fields = Fields(data, relpath, problems, schema.ENTITIES[kind])
    values = fields.read()
    _check_file_name(fields, values["id"], path)
    if kind == "person":
        values["roles"] = tuple(
            model.Role(**role_fields.read(), **role_fields.placement())
            for role_fields in (fields.sub(mapping, schema.ROLE) for mapping in values["roles"]))
    if len(problems) > problems_before:
        return None
    return model.ENTITY_CLASSES[kind](**values, **fields.placement())


def _read_glossary(path: Path, relpath: str, problems: list[Problem]) -> tuple[model.GlossaryTerm, ...]:
    text = _decode(_read_bytes(path), path, relpath, problems)
    data = _parse(text, relpath, problems) if text is not None else None
    if data is None:
        return ()
    terms = []
    for mapping in Fields(data, relpath, problems, schema.GLOSSARY).read()["terms"]:
        problems_before = len(problems)
        term_fields = Fields(mapping, relpath, problems, schema.TERM)
        values = term_fields.read()
        values["attested"] = tuple(
            model.Attestation(**attestation.read(), where=attestation.where())
            for attestation in (term_fields.sub(m, schema.ATTESTATION) for m in values["attested"]))
        if len(problems) == problems_before:
            terms.append(model.GlossaryTerm(**values, where=term_fields.where()))
    return tuple(terms)

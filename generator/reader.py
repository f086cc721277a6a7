"""Read ``sources/``: annotated articles, entities and the glossary.

The reader turns each file into model objects and reports, with its line,
every field that is missing or of the wrong shape. Cross-file checks (quotes,
references, unique ids) belong to :mod:`generator.validate`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import frontmatter

from . import model
from .model import LANGUAGES, Location, PartialDate, Text
from .problems import Problem
from .yamlload import Located, LocatedList, YamlSyntaxError, load_yaml

ARTICLES = "articles"
GLOSSARY = "glossary.yml"
SPAN_KINDS = ("collector-marker", "caption", "navigation", "related-articles")
TRANSLATED_FROM = re.compile(r"^(en|vi|fr) ([0-9a-f]{8})$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Fields:
    """Typed access to one YAML mapping, recording a problem for each bad field."""

    def __init__(self, mapping: Located, path: str, problems: list[Problem], allowed: set[str]):
        self.mapping, self.path, self.problems = mapping, path, problems
        for key in mapping:
            if key not in allowed:
                self.error(key, f"unknown field '{key}'", hint=_closest(str(key), allowed, "field"))

    def where(self, key: str | None = None) -> Location:
        return Location(self.path, self.mapping.line_of(key) if key else self.mapping.line)

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
        if value is not None and not model.ID_PATTERN.match(value):
            self.error(key, f"'{value}' is not an id: use lower-case ASCII letters, digits and hyphens")
            return None
        return value

    def identifiers(self, key: str) -> tuple[str, ...]:
        values = self._get(key, False, (list,), "a list of ids")
        if not values:
            return ()
        ids = []
        for value, line in zip(values, values.lines):
            if isinstance(value, str) and model.ID_PATTERN.match(value):
                ids.append(value)
            else:
                self.problems.append(Problem(self.path, line, 1, f"'{value}' in '{key}' is not an id"))
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
        translations, made_from = [], []
        for lang, entry in value.items():
            line = value.line_of(lang)
            if lang not in LANGUAGES:
                self.problems.append(Problem(self.path, line, 1, f"'{lang}' in '{key}' is not a language: use en, vi or fr"))
                continue
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
            else:
                translations.append((lang, " ".join(nfc(entry).split())))
        if not translations:
            self.error(key, f"'{key}' has no text in any language")
            return None
        return Text(tuple(sorted(translations, key=_language_order)), where=self.where(key),
                    made_from=tuple(sorted(made_from, key=_language_order)), name=key,
                    lines=tuple((lang, value.line_of(lang)) for lang in value if lang in LANGUAGES))

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

    def sub(self, mapping: Located, allowed: set[str]) -> Fields:
        return Fields(mapping, self.path, self.problems, allowed)


def _language_order(item: tuple) -> int:
    return LANGUAGES.index(item[0])


def _closest(value: str, candidates, what: str) -> str:
    import difflib

    match = difflib.get_close_matches(value, sorted(candidates), n=1)
    return f"did you mean the {what} '{match[0]}'?" if match else ""


ENTITY_FIELDS = {"id", "name", "aliases", "summary", "note"}
KIND_FIELDS = {
    "city": {"division"},
    "programme": {"type", "owners", "city", "start", "end"},
    "event": {"type", "start", "end", "city", "theme", "organisers", "speakers", "programmes"},
    "organisation": {"type", "parent", "city"},
    "person": {"roles"},
}


def read_corpus(root: Path, problems: list[Problem]) -> model.Corpus:
    """Read every file under ``root`` (the sources/ folder), adding what is wrong to ``problems``.

    A file that cannot be read is left out of the corpus; its id (the file name) is
    kept in ``Corpus.unreadable`` so that references to it are not reported twice.
    """
    project = root.parent
    sources, unreadable = [], set()
    for path in sorted((root / ARTICLES).glob("*.md")):
        source = _read_source(path, path.relative_to(project).as_posix(), problems)
        if source:
            sources.append(source)
        else:
            unreadable.add(path.stem)
    entities = []
    for kind in model.ENTITY_KINDS:
        for path in sorted((root / model.KIND_FOLDERS[kind]).glob("*.yml")):
            entity = _read_entity(kind, path, path.relative_to(project).as_posix(), problems)
            if entity:
                entities.append(entity)
            else:
                unreadable.add(path.stem)
    glossary_path = root / GLOSSARY
    glossary = ()
    if glossary_path.exists():
        glossary = _read_glossary(glossary_path, glossary_path.relative_to(project).as_posix(), problems)
    return model.Corpus(tuple(sources), tuple(entities), glossary, frozenset(unreadable))


def _read_text_file(path: Path, relpath: str, problems: list[Problem]) -> str | None:
    try:
        return nfc(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        problems.append(Problem(relpath, 1, 1, f"not UTF-8 text (byte {error.start}): save the file as UTF-8"))
        return None


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
        fields.error("id", f"id '{ident}' differs from the file name '{path.name}'",
                     hint=f"rename the file to '{ident}{path.suffix}' or the id to '{path.stem}'")


def _read_source(path: Path, relpath: str, problems: list[Problem]) -> model.Source | None:
    text = _read_text_file(path, relpath, problems)
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
    fields = Fields(data, relpath, problems, {
        "id", "title", "editorial_title", "language", "publisher", "published", "date_inferred",
        "url", "not_article", "claims", "note",
    })
    ident = fields.identifier("id")
    _check_file_name(fields, ident, path)
    url = fields.string("url", required=False)
    if url and not re.match(r"^https?://", url):
        fields.error("url", "the url must start with http:// or https://")
    spans = tuple(_read_span(fields.sub(record, {"kind", "start", "end"})) for record in fields.records("not_article"))
    claims = tuple(
        claim for record in fields.records("claims")
        if (claim := _read_claim(fields.sub(record, {"id", "about", "quote", "text", "figure", "key"}), ident))
    )
    values = dict(
        id=ident, title=fields.string("title"), editorial_title=fields.flag("editorial_title"),
        language=fields.string("language", choices=LANGUAGES), publisher=fields.string("publisher"),
        published=fields.date("published"), date_inferred=fields.flag("date_inferred"), url=url,
        body=body, not_article=spans, claims=claims, note=fields.text("note", required=False),
        **fields.placement(),
    )
    if len(problems) > problems_before:
        return None
    return model.Source(**values)


def _read_span(fields: Fields) -> model.Span:
    return model.Span(
        kind=fields.string("kind", choices=SPAN_KINDS) or "", start=fields.string("start") or "",
        end=fields.string("end", required=False), where=fields.where(),
    )


def _read_claim(fields: Fields, source_id: str | None) -> model.Claim | None:
    figure = None
    if isinstance(fields.mapping.get("figure"), Located):
        figure = _read_figure(fields.sub(fields.mapping["figure"],
                                         {"label", "value", "unit", "as_of", "status", "previous"}))
    elif "figure" in fields.mapping:
        fields.error("figure", "'figure' must be a mapping with label, value, unit, as_of and status")
    values = dict(
        id=fields.identifier("id"), source=source_id, about=fields.identifiers("about"),
        quote=fields.string("quote"), text=fields.text("text"), figure=figure,
        key=fields.flag("key"), **fields.placement(),
    )
    if any(values[key] is None for key in ("id", "source", "quote", "text")):
        return None
    return model.Claim(**values)


def _read_figure(fields: Fields) -> model.Figure | None:
    values = dict(
        label=fields.text("label"), value=fields.number("value"),
        unit=fields.string("unit", choices=model.FIGURE_UNITS), as_of=fields.date("as_of"),
        status=fields.string("status", choices=model.FIGURE_STATUSES),
        previous=fields.number("previous", required=False),
    )
    if any(value is None for key, value in values.items() if key != "previous"):
        return None
    return model.Figure(**values)


def _read_entity(kind: str, path: Path, relpath: str, problems: list[Problem]) -> model.Entity | None:
    text = _read_text_file(path, relpath, problems)
    if text is None:
        return None
    data = _parse(text, relpath, problems)
    if data is None:
        return None
    problems_before = len(problems)
    fields = Fields(data, relpath, problems, ENTITY_FIELDS | KIND_FIELDS[kind])
    ident = fields.identifier("id")
    _check_file_name(fields, ident, path)
    common = dict(
        id=ident, name=fields.text("name"), aliases=_aliases(fields), summary=fields.text("summary"),
        note=fields.text("note", required=False), **fields.placement(),
    )
    specific = {
        "city": lambda: dict(division=fields.string("division", choices=("city", "province"))),
        "programme": lambda: dict(
            type=fields.string("type", choices=("plan", "project", "programme", "strategy", "agreement")),
            owners=fields.identifiers("owners"), city=fields.identifier("city", required=False),
            start=fields.date("start", required=False), end=fields.date("end", required=False)),
        "event": lambda: dict(
            type=fields.string("type", choices=("workshop", "summit", "conference", "launch", "meeting")),
            start=fields.date("start"), end=fields.date("end", required=False),
            city=fields.identifier("city", required=False), theme=fields.text("theme", required=False),
            organisers=fields.identifiers("organisers"), speakers=fields.identifiers("speakers"),
            programmes=fields.identifiers("programmes")),
        "organisation": lambda: dict(
            type=fields.string("type", choices=(
                "government", "ministry", "party-body", "people-committee", "people-council",
                "department", "association", "embassy", "agency")),
            parent=fields.identifier("parent", required=False), city=fields.identifier("city", required=False)),
        "person": lambda: dict(roles=tuple(
            role for record in fields.records("roles", required=True)
            if (role := _read_role(fields.sub(record, {"title", "organisation", "as_of", "source", "quote"})))
        )),
    }[kind]()
    if len(problems) > problems_before:
        return None
    return model.ENTITY_CLASSES[kind](**common, **specific)


def _aliases(fields: Fields) -> tuple[str, ...]:
    values = fields._get("aliases", False, (list,), "a list of names")
    if not values:
        return ()
    return tuple(nfc(str(value)) for value in values)


def _read_role(fields: Fields) -> model.Role | None:
    values = dict(
        title=fields.text("title"), organisation=fields.identifier("organisation", required=False),
        as_of=fields.date("as_of"), source=fields.identifier("source"), quote=fields.string("quote"),
    )
    if any(value is None for key, value in values.items() if key != "organisation"):
        return None
    return model.Role(**values, **fields.placement())


def _read_glossary(path: Path, relpath: str, problems: list[Problem]) -> tuple[model.GlossaryTerm, ...]:
    text = _read_text_file(path, relpath, problems)
    data = _parse(text, relpath, problems) if text is not None else None
    if data is None:
        return ()
    fields = Fields(data, relpath, problems, {"terms"})
    terms = []
    for record in fields.records("terms", required=True):
        term_fields = fields.sub(record, {"id", "term", "explanation", "attested"})
        attested = tuple(
            model.Attestation(source=a.identifier("source") or "", quote=a.string("quote") or "", where=a.where())
            for a in (term_fields.sub(r, {"source", "quote"}) for r in term_fields.records("attested"))
        )
        values = dict(id=term_fields.identifier("id"), term=term_fields.text("term"),
                      explanation=term_fields.text("explanation"), attested=attested,
                      where=term_fields.where())
        if all(value is not None for value in values.values()):
            terms.append(model.GlossaryTerm(**values))
    return tuple(terms)

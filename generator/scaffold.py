"""`python -m generator new …`: a new annotation file with every field to fill in.

The fields come from the file's record in :mod:`generator.model`, each with what it
means as a comment (and the values it may take): a kind added to :mod:`generator.kinds`
has its scaffold with nothing to change here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import jinja2
import yaml

from . import kinds, model, schema
from .characters import describe, first_refused
from .formatting import ascii_fold
from .reader import MAX_ID_LENGTH, id_problem, read_corpus, url_problem
from .render import TEMPLATES
from .yamlload import nfc


class ScaffoldError(Exception):
    pass


def slugify(text: str, words: int | None = None) -> str:
    """An ASCII id from a name in any language: 'Thừa Thiên Huế' → 'thua-thien-hue', "People's" →
    'peoples' (as the existing files write it); at most ``words`` words, and cut at a word, never
    inside one, to stay within the id's 80 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", ascii_fold(text).lower())).strip("-")
    parts = slug.split("-")[:words] if slug else []
    while len("-".join(parts)) > MAX_ID_LENGTH and len(parts) > 1:
        parts.pop()
    return "-".join(parts)[:MAX_ID_LENGTH]


def _publisher_word(publisher: str) -> str:
    """A publisher's short name for an id: 'VNA (Vietnam News Agency)' → 'vna',
    'Vietnam News / Asia News Network (ANN)' → 'vietnam-news'."""
    return slugify(re.split(r"[(/,]", publisher)[0], words=3)


def _taken(sources: Path) -> dict[str, Path]:
    """{id: file} of every annotation file."""
    return {path.stem: path for path in sorted(sources.rglob("*")) if path.suffix in (".md", ".yml")}


def _existing_entity(sources: Path, name: str) -> model.Entity | None:
    """The entity whose name or alias, in any language, is ``name`` (diacritics and case as written)."""
    wanted = " ".join(name.split()).casefold()
    for entity in read_corpus(sources, []).entities:
        if wanted in {" ".join(text.split()).casefold() for text in (*(t for _l, t in entity.name.translations),
                                                                      *entity.aliases)}:
            return entity
    return None


def _render(template: str, **context) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    return env.get_template(template).render(**context)


def _fields(record: type, given: Mapping[str, str], lang: str) -> list[str]:
    """The YAML lines of a ``record`` to fill in: each declared field, with its ``given`` value
    (a text's in ``lang``) or an empty one, and what it means as a comment."""
    lines = []
    for field in schema.fields_of(record):
        comment = f"  # {_meaning(field)}"
        value = given.get(field.name)
        if field.shape == "text":
            lines.append(f"{field.name}:{comment}")
            others = ", ".join(other for other in model.LANGUAGES if other != lang)
            if value is not None:
                lines += [f"  {lang}: {json.dumps(value, ensure_ascii=False)}",
                          f"  # add the other languages: {others}"]
            elif field.required:
                lines.append(f'  {lang}: ""')
        elif field.shape == "records" and field.required and field.record:  # one to fill in
            item = _fields(field.record, {}, lang)
            lines += [f"{field.name}:{comment}", *(("  - " if number == 0 else "    ") + line
                                                   for number, line in enumerate(item))]
        else:
            shown = _empty(field) if value is None else _scalar(field, value)
            lines.append(f"{field.name}:{' ' if shown else ''}{shown}{comment}")
    return lines


def _meaning(field: schema.Field) -> str:
    meaning = field.description
    if field.choices:
        meaning += f" One of: {', '.join(field.choices)}."
    if field.shape == "records" and field.record and not field.required:  # written empty: []
        meaning += f" Each: {{{', '.join(item.name for item in schema.fields_of(field.record))}}}."
    return meaning


def _empty(field: schema.Field) -> str:
    """An empty value: "" where one is required and a text or a date, [] for a list, false for a
    flag; otherwise nothing, which reads as absent."""
    if field.shape in ("ids", "strings", "records"):
        return "[]"
    if field.shape == "flag":
        return "false"
    return '""' if field.required and field.shape in ("string", "id", "date", "headline") else ""


def _scalar(field: schema.Field, value: str) -> str:
    """An id or a choice as it is (as editors write them), unless YAML would read it as
    something else (2024, yes); any other value double-quoted, readable (Vietnamese letters
    stay letters)."""
    if (field.shape == "id" or field.choices) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def new_source(sources: Path, lang: str, url: str | None, date: str | None, title: str | None,
               publisher: str | None, ident: str | None = None) -> Path:
    if date:
        model.PartialDate.parse(date)  # a typo is caught now, not at the next check
    taken = _taken(sources)
    if ident:
        _check_new_id(ident, taken, sources)
    else:
        # The publisher's short name, the date and the title's first words: vna-2017-12-05-french-businesses-share…
        base = (slugify(" ".join(filter(None, [_publisher_word(publisher or ""), date, slugify(title or "", 6)])))
                if publisher or title else slugify(f"article {date or ''} {lang}"))
        ident, number = base, 2
        while ident in taken:
            ident, number = f"{base}-{number}", number + 1
    if url and (problem := url_problem(url)):
        raise ScaffoldError(problem)
    given = {"id": ident, "language": lang, "url": url, "published": date, "title": title, "publisher": publisher}
    fields = _fields(model.Source, _checked(given), lang)
    return _create(sources / schema.ARTICLES / f"{ident}.md",
                   _render("scaffold/source.md.j2", fields="\n".join(fields)))


def new_entity(sources: Path, kind: str, name: str, lang: str, ident: str | None = None) -> Path:
    _checked({"name": name})
    existing = _existing_entity(sources, name)
    if existing is not None and not ident:
        raise ScaffoldError(f"'{name}' is already {existing.where.path}: add what you found to that file, or, "
                            "for another entity of that name, give its id with --id")
    ident = ident or slugify(name)
    if not ident:
        raise ScaffoldError(f"'{name}' gives no id: give one with --id (lower-case ASCII words and hyphens)")
    _check_new_id(ident, _taken(sources), sources)
    entity_kind = kinds.BY_NAME[kind]
    fields = _fields(entity_kind.model, _checked({"id": ident, "name": name}), lang)
    return _create(sources / entity_kind.folder / f"{ident}.yml",
                   _render("scaffold/entity.yml.j2", kind=kind, fields="\n".join(fields)))


def _check_new_id(ident: str, taken: Mapping[str, Path], sources: Path) -> None:
    if problem := id_problem(ident):
        raise ScaffoldError(problem)
    if ident in taken:
        raise ScaffoldError(f"the id '{ident}' is already {taken[ident].relative_to(sources.parent).as_posix()}: "
                            "give another with --id (for example with the year or the city)")


def _checked(given: Mapping[str, str | None]) -> dict[str, str]:
    """The values given on the command line, in NFC; a ScaffoldError for one that check would refuse."""
    values = {}
    for name, value in given.items():
        if value is None:
            continue
        if (refused := first_refused(value, allowed="")) >= 0:
            raise ScaffoldError(f"the {name} holds {describe(value[refused])}: delete it")
        values[name] = nfc(value)
    return values


def _create(path: Path, text: str) -> Path:
    """Write a new file (its bytes made before anything is written: no empty file is left)."""
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path

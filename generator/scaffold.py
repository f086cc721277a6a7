"""`python -m generator new …`: a new annotation file with every field to fill in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from . import model
from .formatting import ascii_fold
from .reader import nfc
from .render import TEMPLATES


class ScaffoldError(Exception):
    pass


def slugify(text: str) -> str:
    """An ASCII id from a name in any language: 'Thừa Thiên Huế' → 'thua-thien-hue'."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return slug[:80].rstrip("-")


def _taken(sources: Path) -> set[str]:
    return {path.stem for path in sources.rglob("*") if path.suffix in (".md", ".yml")}


def _render(template: str, **context) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    # A double-quoted YAML string, readable (Vietnamese letters stay letters).
    env.filters["yaml_string"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env.get_template(template).render(**context)


def new_source(sources: Path, lang: str, url: str | None, date: str | None, title: str | None,
               publisher: str | None) -> Path:
    if date:
        model.PartialDate.parse(date)  # a typo is caught now, not at the next check
    base = (slugify(" ".join(filter(None, [publisher, date, title]))) if publisher or title
            else slugify(f"article {date or ''} {lang}"))
    taken, ident, number = _taken(sources), base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    path = sources / "articles" / f"{ident}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_render("scaffold/source.md.j2", ident=ident, lang=lang, url=url, date=date, title=title,
                            publisher=publisher), encoding="utf-8")
    return path


def new_entity(sources: Path, kind: str, name: str, lang: str) -> Path:
    ident = slugify(name)
    if not ident:
        raise ScaffoldError(f"'{name}' gives no id: use a name with letters or digits")
    if ident in _taken(sources):
        raise ScaffoldError(f"the id '{ident}' is already used in sources/: add a word to the name "
                            f"(for example the year or the city)")
    path = sources / model.KIND_FOLDERS[kind] / f"{ident}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_render("scaffold/entity.yml.j2", kind=kind, ident=ident, name=nfc(name), lang=lang),
                    encoding="utf-8")
    return path

"""What each annotation file may hold, derived from its record in :mod:`generator.model`:
the fields of each record, and the JSON Schemas that editors' YAML editors use
(``schema/*.schema.json``, mapped to the files in ``.vscode/settings.json``).

The reader validates the files against the same fields, so the two cannot drift apart.
A declared field's type annotation says how it is read (its ``shape``):

    str                  string (Literal["a", "b"]: a string, one of those)
    Passage              passage            (a string, its whitespace folded)
    Id                   id                 tuple[Id, ...]       ids
    tuple[ClaimRef, ...] claims             (<article id>#<claim id>, at least one)
    PartialDate          date               Text                 text
    Headline             headline           (a string in the article's language, or a text)
    float                number             bool                 flag
    tuple[str, ...]      strings            a record class       record
    tuple[<record>, ...] records

``X | None`` reads as ``X``; whether a field is required is whether it has a default.
Each shape has its limits (``MAX_LENGTH``, ``MAX_ITEMS``), which the reader reports and
the JSON Schemas state: they bound what one file can put on a page.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path

from . import kinds, model
from .write import write_tree

ARTICLES = "articles"  # sources/articles/<id>.md; each kind's files are in sources/<kind.folder>/
GLOSSARY = "glossary.yml"  # sources/glossary.yml
NARRATIVE = "briefing.yml"  # sources/briefing.yml
INDICATORS = "indicators.yml"  # sources/indicators.yml
SINGLE_FILES = (GLOSSARY, NARRATIVE, INDICATORS)  # the files of sources/ that are not in a folder
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CLAIM_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$"
FINGERPRINT_PATTERN = r"^(en|vi|fr)( [0-9a-f]{8})?$"


@dataclass(frozen=True)
class Field:
    """A field that editors write in a record."""

    name: str
    shape: str  # how it is read: string, id, ids, date, text, number, flag, strings, record, records
    description: str
    required: bool
    choices: tuple[str, ...] = ()  # the values a string may take (none: any)
    record: type | None = None  # the record class of a `record`, or of each of `records`


# The longest value of each shape, in characters (the longest in the seeds: a name of 115, a
# quote of 249, an editors' note of 486), and the most items of a list (a claim is about at
# most 6 entities in the seeds; a long list is split into pages of 500, see paging.py).
MAX_LENGTH = {"string": 200, "strings": 200, "passage": 2_000, "text": 5_000}
MAX_ITEMS = {"ids": 20, "strings": 50, "records": 500}
MAX_NUMBER = 10 ** 18  # VND 10^18 is a thousand times Vietnam's yearly GDP

_SHAPES = {str: "string", model.Passage: "passage", model.Id: "id", model.PartialDate: "date", model.Text: "text",
           model.Headline: "headline",
           float: "number", bool: "flag"}
_LIST_SHAPES = {str: "strings", model.Id: "ids", model.ClaimRef: "claims"}


def fields_of(record: type) -> tuple[Field, ...]:
    """The fields editors write in a record (a class made with model.record), in the order declared."""
    hints = typing.get_type_hints(record, include_extras=True)  # keeping Id's mark
    return tuple(_field(record, item, hints[item.name]) for item in dataclasses.fields(record)
                 if model.DESCRIPTION in item.metadata)


def _field(record: type, item: dataclasses.Field, hint: typing.Any) -> Field:
    common = {"name": item.name, "description": item.metadata[model.DESCRIPTION],
                "required": item.default is dataclasses.MISSING}
    if typing.get_origin(hint) in (typing.Union, types.UnionType):  # X | None
        (hint,) = (arg for arg in typing.get_args(hint) if arg is not type(None))
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return Field(**common, shape="string", choices=args)
    if origin is tuple and args[1:] == (Ellipsis,):
        if args[0] in _LIST_SHAPES:
            return Field(**common, shape=_LIST_SHAPES[args[0]])
        if args[0] in model.HEADINGS:
            return Field(**common, shape="records", record=args[0])
    if hint in _SHAPES:
        return Field(**common, shape=_SHAPES[hint])
    if hint in model.HEADINGS:
        return Field(**common, shape="record", record=hint)
    raise TypeError(f"{record.__name__}.{item.name}: the reader knows no way to read {hint}")


def json_schema(record: type, schema_id: str | None = None) -> dict:
    """The JSON Schema (draft 2020-12) of a record."""
    title, description = model.HEADINGS[record]
    fields = fields_of(record)
    schema: dict[str, typing.Any] = {
        "type": "object",
        "title": title,
        "description": description,
        "properties": {field.name: _field_schema(field) for field in fields},
        "required": [field.name for field in fields if field.required],
        "additionalProperties": False,
    }
    if schema_id:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema}
    return schema


_IDENTIFIER = {"type": "string", "pattern": model.ID_PATTERN.pattern, "maxLength": 80}
_TEXT = {
    "type": "object", "minProperties": 1, "additionalProperties": False,
    "properties": {lang: {"oneOf": [
        {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH["text"], "description": f"Written in {lang}."},
        {"type": "object", "description": f"Translated into {lang} from another language.",
         "properties": {"text": {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH["text"]},
                        "from": {"type": "string", "pattern": FINGERPRINT_PATTERN,
                                 "description": "The original's language and its fingerprint, which "
                                                "`python -m generator status --record FILE` writes in."}},
         "required": ["text", "from"], "additionalProperties": False},
    ]} for lang in model.LANGUAGES},
}
_SHAPE_SCHEMAS: dict[str, dict] = {
    "id": _IDENTIFIER,
    "ids": {"type": "array", "items": _IDENTIFIER, "maxItems": MAX_ITEMS["ids"], "uniqueItems": True},
    "claims": {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS["ids"], "uniqueItems": True,
               "items": {"type": "string", "pattern": CLAIM_PATTERN}},
    "date": {"type": ["string", "integer"], "pattern": DATE_PATTERN},
    "number": {"type": "number", "maximum": MAX_NUMBER, "minimum": -MAX_NUMBER},
    "flag": {"type": "boolean"},
    "passage": {"type": "string", "maxLength": MAX_LENGTH["passage"]},
    "strings": {"type": "array", "maxItems": MAX_ITEMS["strings"],
                "items": {"type": "string", "maxLength": MAX_LENGTH["strings"], "pattern": "^[^\\n]*$"}},
    "text": _TEXT,
    "headline": {"oneOf": [{"type": "string", "minLength": 1, "maxLength": MAX_LENGTH["string"],
                            "pattern": "^[^\\n]*$", "description": "In the article's language."}, _TEXT]},
}


def _field_schema(field: Field) -> dict:
    if field.shape == "string":
        shape: dict = ({"type": "string", "enum": list(field.choices)} if field.choices else
                       {"type": "string", "maxLength": MAX_LENGTH["string"], "pattern": "^[^\\n]*$"})
    elif field.record is not None:
        nested = json_schema(field.record)
        shape = nested if field.shape == "record" else {"type": "array", "items": nested,
                                                          "maxItems": MAX_ITEMS["records"]}
    else:
        shape = _SHAPE_SCHEMAS[field.shape]
    if not field.required:  # an empty optional field (`url:`) reads as absent
        shape = {"anyOf": [shape, {"type": "null"}]}
    return {"description": field.description, **shape}


def file_records() -> dict[str, type]:
    """{name: record class} of each kind of annotation file: an article, each kind of entity, the glossary."""
    return {"article": model.Source, **{kind.name: kind.model for kind in kinds.KINDS}, "glossary": model.Glossary,
            "briefing": model.Narrative, "indicators": model.Indicators}


def all_schemas() -> dict[str, dict]:
    """{file name under schema/: JSON Schema} for every kind of annotation file."""
    return {f"{name}.schema.json": json_schema(record, f"{name}.schema.json")
            for name, record in file_records().items()}


def editor_settings(settings: dict) -> dict:
    """VS Code's ``settings`` with the YAML extension's map of each kind's files, and of the
    glossary, to their schema. (Articles are Markdown: the extension does not read their front matter.)"""
    mapped = {f"./schema/{kind.name}.schema.json": f"sources/{kind.folder}/*.yml" for kind in kinds.KINDS}
    return {**settings, "yaml.schemas": {**mapped, "./schema/glossary.schema.json": f"sources/{GLOSSARY}",
                                         "./schema/briefing.schema.json": f"sources/{NARRATIVE}",
                                         "./schema/indicators.schema.json": f"sources/{INDICATORS}"}}


def write_files(project_root: Path) -> tuple[str, ...]:
    """Write schema/*.schema.json and the schema map of .vscode/settings.json (its other
    settings kept); the files written, relative to ``project_root``."""
    schemas = write_tree({name: _json(schema) for name, schema in all_schemas().items()}, project_root / "schema")
    settings_path = project_root / ".vscode" / "settings.json"
    settings = json.loads(settings_path.read_text(encoding="utf-8")) if settings_path.is_file() else {}
    editor = write_tree({settings_path.name: _json(editor_settings(settings))}, settings_path.parent, prune=False)
    return (*(f"schema/{name}" for name in schemas.written), *(f".vscode/{name}" for name in editor.written))


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"

"""What each annotation file may hold: one declaration per kind of record.

The reader validates files against these declarations, and the JSON Schemas
that editors' YAML editors use (schema/*.schema.json) are produced from them,
so the two cannot drift apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .model import FIGURE_STATUSES, FIGURE_UNITS, ID_PATTERN, LANGUAGES

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FINGERPRINT_PATTERN = r"^(en|vi|fr) [0-9a-f]{8}$"
SPAN_KINDS = ("collector-marker", "caption", "navigation", "related-articles")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, id, ids, date, text, number, flag, strings, record, records
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    record: Record | None = None  # the shape of a `record` or of each of `records`


@dataclass(frozen=True)
class Record:
    title: str
    description: str
    fields: tuple[Field, ...]

    @functools.cached_property
    def names(self) -> frozenset[str]:
        return frozenset(field.name for field in self.fields)

    def extended(self, title: str, description: str, *fields: Field) -> Record:
        return Record(title, description, self.fields + fields)


SPAN = Record("Not-article span", "A passage of the collected text that is not the article.", (
    Field("kind", "string", "What the passage is.", True, SPAN_KINDS),
    Field("start", "string", "The passage's first words, exactly as in the text.", True),
    Field("end", "string", "The passage's last words; without it, the passage ends with its line."),
))
FIGURE = Record("Figure", "A number the claim states.", (
    Field("label", "text", "What the number measures, in each language.", True),
    Field("value", "number", "The number (42.7 for 42.7 %; 3000000000000 for VND 3 trillion).", True),
    Field("unit", "string", "The unit of the value.", True, FIGURE_UNITS),
    Field("as_of", "date", "The date the figure refers to (YYYY, YYYY-MM or YYYY-MM-DD).", True),
    Field("status", "string", "An actual value, a forecast or a target.", True, FIGURE_STATUSES),
    Field("previous", "number", "The value before a stated change (a budget raised from …)."),
))
CLAIM = Record("Claim", "A statement backed by a verbatim quote from this article.", (
    Field("id", "id", "Unique within the article; the anchor of the claim on the source page.", True),
    Field("about", "ids", "The entities the claim is about (empty: about Vietnam as a whole)."),
    Field("quote", "string", "The passage of the article, word for word, that backs the claim.", True),
    Field("text", "text", "The claim in each language.", True),
    Field("figure", "record", "A number the claim states.", record=FIGURE),
    Field("key", "flag", "Shown among the key takeaways (or key figures) of the briefing."),
))
ARTICLE = Record("Source article", "The front matter of an article in sources/articles/.", (
    Field("id", "id", "The article's id: the file name without .md.", True),
    Field("title", "string", "The headline, in the article's language.", True),
    Field("editorial_title", "flag", "The article has no headline; the title was written by the editors."),
    Field("language", "string", "The article's language.", True, LANGUAGES),
    Field("publisher", "string", "Who published it.", True),
    Field("published", "date", "Publication date, as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.", True),
    Field("date_inferred", "flag", "The article does not state its date; explain the inference in note."),
    Field("url", "string", "Where the article was published (http or https)."),
    Field("note", "text", "The editors' note: what they inferred, classified or are unsure of."),
    Field("not_article", "records", "Passages of the text that are not the article.", record=SPAN),
    Field("claims", "records", "What the article says, claim by claim.", record=CLAIM),
))
ENTITY = Record("Entity", "", (
    Field("id", "id", "The entity's id: the file name without .yml; also its page's address.", True),
    Field("name", "text", "The name in each language (Hà Nội / Hanoi / Hanoï).", True),
    Field("aliases", "strings", "Other spellings met in the sources."),
    Field("summary", "text", "A short summary in each language, saying only what the sources say.", True),
    Field("note", "text", "The editors' note: what they inferred, classified or are unsure of."),
))
ROLE = Record("Role", "A role that holds at a date, as a source states it.", (
    Field("title", "text", "The role in each language.", True),
    Field("organisation", "id", "The organisation of the role."),
    Field("as_of", "date", "The date at which the source states the role.", True),
    Field("source", "id", "The article that states it.", True),
    Field("quote", "string", "The passage of that article, word for word.", True),
))
ORGANISATION_TYPES = ("government", "ministry", "party-body", "people-committee", "people-council",
                      "department", "association", "embassy", "agency")
ENTITIES = {
    "city": ENTITY.extended("City or province", "An entity file in sources/cities/.",
                            Field("division", "string", "A city or a province.", True, ("city", "province"))),
    "programme": ENTITY.extended(
        "Programme", "An entity file in sources/programmes/ (plan, project, programme, strategy, agreement).",
        Field("type", "string", "What kind of programme.", True,
              ("plan", "project", "programme", "strategy", "agreement")),
        Field("owners", "ids", "The organisations that own it."),
        Field("city", "id", "The city it concerns."),
        Field("start", "date", "When its period starts."),
        Field("end", "date", "When its period ends.")),
    "event": ENTITY.extended(
        "Event", "An entity file in sources/events/.",
        Field("type", "string", "What kind of event.", True, ("workshop", "summit", "conference", "launch", "meeting")),
        Field("start", "date", "When it starts.", True),
        Field("end", "date", "When it ends."),
        Field("city", "id", "Where it takes place."),
        Field("theme", "text", "Its theme, in the languages the sources give."),
        Field("organisers", "ids", "The organisations that organise it."),
        Field("speakers", "ids", "The people who speak at it."),
        Field("programmes", "ids", "The programmes it concerns.")),
    "organisation": ENTITY.extended(
        "Organisation", "An entity file in sources/organisations/.",
        Field("type", "string", "What kind of organisation.", True, ORGANISATION_TYPES),
        Field("parent", "id", "The organisation it belongs to."),
        Field("city", "id", "The city or province it belongs to.")),
    "person": ENTITY.extended(
        "Person", "An entity file in sources/people/.",
        Field("roles", "records", "Roles, each at the date a source states it.", True, record=ROLE)),
}
ATTESTATION = Record("Attestation", "Where a source uses the term.", (
    Field("source", "id", "The article.", True),
    Field("quote", "string", "The passage, word for word.", True),
))
TERM = Record("Term", "An administrative term in the three languages.", (
    Field("id", "id", "The term's id: its anchor on the glossary page.", True),
    Field("term", "text", "The term in each language.", True),
    Field("explanation", "text", "What it means, and which forms the sources use.", True),
    Field("attested", "records", "Where the sources use it.", record=ATTESTATION),
))
GLOSSARY = Record("Glossary", "sources/glossary.yml", (
    Field("terms", "records", "The terms.", True, record=TERM),
))


def json_schema(record: Record, schema_id: str | None = None) -> dict:
    """The JSON Schema (draft 2020-12) of a record."""
    schema = {
        "type": "object",
        "title": record.title,
        "description": record.description,
        "properties": {field.name: _field_schema(field) for field in record.fields},
        "required": [field.name for field in record.fields if field.required],
        "additionalProperties": False,
    }
    if schema_id:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema}
    return schema


def _field_schema(field: Field) -> dict:
    identifier = {"type": "string", "pattern": ID_PATTERN.pattern}
    shapes = {
        "string": {"type": "string", **({"enum": list(field.choices)} if field.choices else {})},
        "id": identifier,
        "ids": {"type": "array", "items": identifier},
        "date": {"type": ["string", "integer"], "pattern": DATE_PATTERN},
        "number": {"type": "number"},
        "flag": {"type": "boolean"},
        "strings": {"type": "array", "items": {"type": "string"}},
        "text": {
            "type": "object", "minProperties": 1, "additionalProperties": False,
            "properties": {lang: {"oneOf": [
                {"type": "string", "minLength": 1, "description": f"Written in {lang}."},
                {"type": "object", "description": f"Translated into {lang} from another language.",
                 "properties": {"text": {"type": "string", "minLength": 1},
                                "from": {"type": "string", "pattern": FINGERPRINT_PATTERN,
                                         "description": "The original's language and fingerprint, "
                                                        "as `python -m generator status` prints them."}},
                 "required": ["text", "from"], "additionalProperties": False},
            ]} for lang in LANGUAGES},
        },
    }
    if field.type == "record":
        shape = json_schema(field.record)
    elif field.type == "records":
        shape = {"type": "array", "items": json_schema(field.record)}
    else:
        shape = shapes[field.type]
    if not field.required:  # an empty optional field (`url:`) reads as absent
        shape = {"anyOf": [shape, {"type": "null"}]}
    return {"description": field.description, **shape}


def all_schemas() -> dict[str, dict]:
    """{file name under schema/: JSON Schema} for every kind of annotation file."""
    records = {"article": ARTICLE, **ENTITIES, "glossary": GLOSSARY}
    return {f"{name}.schema.json": json_schema(record, f"{name}.schema.json") for name, record in records.items()}

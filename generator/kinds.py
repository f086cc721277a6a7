"""The kinds of entity, one entry each: everything else about a kind derives from here.

Adding a kind is an entry below, its model class in :mod:`generator.model` and its page
template ``generator/templates/pages/<name>.md.j2`` (CONTRIBUTING.md, "Add an entity kind"). The
reader, the JSON Schemas, the editor mapping, the scaffold, the navigation, the indexes and
the PDF all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import model


def N_(message: str) -> str:
    """Marks a message for the catalogs (`make messages`); templates translate it with _()."""
    return message


@dataclass(frozen=True)
class Kind:
    name: str  # "city": the model's kind, its page template, its schema (schema/<name>.schema.json)
    folder: str  # sources/<folder>/<id>.yml, and the generated pages <folder>/<id>.md
    model: type[model.Entity]
    title: str  # its index's heading and navigation entry (a message of the catalogs)
    # The columns of its index: cells of generator/templates/_inline.j2 (its `cell` macro); but the name,
    # each is also a fact of the entity's profile in the PDF.
    columns: tuple[str, ...]
    pdf_section: str  # the PDF section that profiles those the briefing names: "profiles", "whos-who" or "" (none)
    search_boost: float = 1  # Material's search boost for its pages (places are searched first)


# In the order of the navigation, of the "Related" lists and of the PDF.
KINDS = (
    Kind("city", "cities", model.City, N_("Cities and provinces"), ("name", "division"), "profiles", search_boost=3),
    Kind("programme", "programmes", model.Programme, N_("Programmes"), ("name", "type", "period"), "profiles"),
    Kind("event", "events", model.Event, N_("Events"), ("dates", "name", "place"), ""),  # on the PDF's timeline
    Kind("organisation", "organisations", model.Organisation, N_("Organisations"), ("name", "type"), ""),
    Kind("person", "people", model.Person, N_("People"), ("name", "latest_role"), "whos-who"),
)
BY_NAME = {kind.name: kind for kind in KINDS}
ENTITY_KINDS = tuple(kind.name for kind in KINDS)

SOURCE_FOLDER = "sources"  # the generated pages of the articles (sources/articles/ holds the files)
SOURCES_TITLE = N_("Sources")
# The folder of each kind's pages, sources included.
PAGE_FOLDERS = {**{kind.name: kind.folder for kind in KINDS}, "source": SOURCE_FOLDER}
TITLES = {**{kind.name: kind.title for kind in KINDS}, "source": SOURCES_TITLE}


def page_path(item) -> str:
    """Where an entity's or a source's page lives, the same in every language ("cities/ha-noi.md")."""
    return f"{PAGE_FOLDERS[item.kind]}/{item.id}.md"

"""The JSON Schemas editors' YAML editors use: committed, current, and in agreement with `check`."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import jsonschema
import pytest

from generator import kinds
from generator.schema import all_schemas, editor_settings
from generator.yamlload import load_yaml

REPO = Path(__file__).resolve().parent.parent


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((REPO / "schema" / f"{name}.schema.json").read_text()))


def test_committed_schemas_are_the_generated_ones():
    """Produced from the declarations the reader validates with: run `python -m generator schema`."""
    for name, schema in all_schemas().items():
        committed = json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{name} is stale: run python -m generator schema"


@pytest.mark.parametrize("kind", kinds.KINDS, ids=kinds.ENTITY_KINDS)
def test_every_entity_file_matches_its_schema(kind):
    paths = sorted((REPO / "sources" / kind.folder).glob("*.yml"))
    assert paths
    for path in paths:
        errors = [error.message for error in validator(kind.name).iter_errors(load_yaml(path.read_text()))]
        assert errors == [], path.name


def test_every_article_front_matter_matches_the_schema():
    for path in sorted((REPO / "sources" / "articles").glob("*.md")):
        meta, _body = frontmatter.YAMLHandler().split(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator("article").iter_errors(load_yaml(meta))] == [], path.name


def test_glossary_matches_its_schema():
    data = load_yaml((REPO / "sources" / "glossary.yml").read_text(encoding="utf-8"))
    assert [e.message for e in validator("glossary").iter_errors(data)] == []


def test_schema_rejects_what_check_rejects():
    data = load_yaml((REPO / "sources" / "cities" / "ha-noi.yml").read_text(encoding="utf-8"))
    assert not validator("city").is_valid({**data, "division": "town"})
    assert not validator("city").is_valid({**data, "sumary": data["summary"]})
    assert not validator("city").is_valid({key: value for key, value in data.items() if key != "name"})
    translated = {**data, "summary": {"en": "x", "vi": {"text": "y", "from": "en nothex!"}}}
    assert not validator("city").is_valid(translated)


def test_vscode_maps_each_folder_to_its_schema():
    """The committed settings are those `python -m generator schema` writes: each kind's folder,
    and the glossary, mapped to a schema file that is there."""
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == editor_settings(settings), ".vscode/settings.json is stale: run python -m generator schema"
    mapped = settings["yaml.schemas"]
    assert mapped["./schema/city.schema.json"] == "sources/cities/*.yml"
    assert len(mapped) == len(kinds.KINDS) + 1  # and the glossary
    for schema_file, files in mapped.items():
        assert (REPO / schema_file).is_file()
        assert list(REPO.glob(files)), files

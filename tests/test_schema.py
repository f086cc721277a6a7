"""The JSON Schemas editors' YAML editors use: committed, current, and in agreement with `check`."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import jsonschema
import pytest

from generator import kinds
from generator.reader import DECIMAL
from generator.schema import all_schemas, editor_settings
from generator.yamlload import NULL_WORDS, Plain, load_yaml
from tests.conftest import CORPUS

REPO = Path(__file__).resolve().parent.parent


def load(text: str):
    """A file as an editor's YAML editor reads it (YAML 1.2's core schema): plain scalars typed."""
    return typed(load_yaml(text))


def typed(value):
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, Plain):
        if value in NULL_WORDS:
            return None
        if value in ("true", "false"):
            return value == "true"
        if DECIMAL.match(value):
            return float(value) if any(mark in value for mark in ".eE") else int(value)
        return str(value)
    return value


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
        errors = [error.message for error in validator(kind.name).iter_errors(load(path.read_text()))]
        assert errors == [], path.name


def test_every_article_front_matter_matches_the_schema():
    for path in sorted((REPO / "sources" / "articles").glob("*.md")):
        meta, _body = frontmatter.YAMLHandler().split(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator("article").iter_errors(load(meta))] == [], path.name


def test_glossary_matches_its_schema():
    data = load((REPO / "sources" / "glossary.yml").read_text(encoding="utf-8"))
    assert [e.message for e in validator("glossary").iter_errors(data)] == []


def test_schema_rejects_what_check_rejects():
    data = load((CORPUS / "cities" / "ha-noi.yml").read_text(encoding="utf-8"))
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
    assert len(mapped) == len(kinds.KINDS) + 3  # and the glossary, the narrative and the indicators
    for schema_file, files in mapped.items():
        assert (REPO / schema_file).is_file()
        assert list(REPO.glob(files)) or files in ("sources/briefing.yml", "sources/indicators.yml"), files

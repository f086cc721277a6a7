"""A new entity kind is an entry in the registry, a model class and a page template: the
navigation, the indexes, the schemas, the scaffold, the editor mapping and the PDF follow."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.conftest import REPO, copy_project

FACILITY_MODEL = '''

@record("Facility", "An entity file in sources/facilities/.")
class Facility(Entity):
    city: Id | None = declared("The city or province where it is.", default=None)

    kind = "facility"

    def references(self) -> tuple[tuple[str, str, str], ...]:
        return (("city", self.city, "city"),) if self.city else ()
'''
FACILITY_TEMPLATE = '''{% extends "pages/entity.md.j2" %}
{% block facts %}
{% if item.city %}
- <strong>{{ m.label(_("Place")) }}</strong> {{ m.link(entity(item.city)) }}
{% endif %}
{% endblock %}
'''
FACILITY = """id: hanoi-operations-centre
name: {en: Hanoi Operations Centre, vi: Trung tâm điều hành Hà Nội, fr: Centre d'opérations de Hanoï}
summary: {en: A facility of the test., vi: Một cơ sở thử nghiệm., fr: Une installation de test.}
city: ha-noi
"""


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The command line of the scratch copy's own generator."""
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(root), *args],
                          cwd=root, capture_output=True, text=True)


@pytest.mark.slow
def test_a_new_kind_is_one_entry_a_model_and_a_template(tmp_path):
    project = copy_project(tmp_path)
    shutil.copytree(REPO / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / ".vscode", tmp_path / ".vscode")
    generator = tmp_path / "generator"
    with (generator / "model.py").open("a", encoding="utf-8") as model:
        model.write(FACILITY_MODEL)
    kinds = (generator / "kinds.py").read_text(encoding="utf-8")
    person_entry = kinds.index("    Kind(\"person\"")
    end_of_entry = kinds.index("\n", person_entry) + 1
    (generator / "kinds.py").write_text(
        kinds[:end_of_entry]
        + '    Kind("facility", "facilities", model.Facility, N_("Facilities"), ("name", "place"), "profiles"),\n'
        + kinds[end_of_entry:], encoding="utf-8")
    (generator / "templates" / "pages" / "facility.md.j2").write_text(FACILITY_TEMPLATE, encoding="utf-8")
    (project.sources / "facilities").mkdir()
    (project.sources / "facilities" / "hanoi-operations-centre.yml").write_text(FACILITY, encoding="utf-8")
    article = project.sources / "articles" / "vna-2018-hanoi-smart-city-roadmap.md"
    text = article.read_text(encoding="utf-8")
    key_claim = "about: [hanoi-it-programme-2016-2020, ha-noi]"  # the budget, a key claim: the PDF profiles what it names
    assert key_claim in text
    article.write_text(text.replace(key_claim, "about: [hanoi-operations-centre, hanoi-it-programme-2016-2020, ha-noi]",
                                    1), encoding="utf-8")

    schema = _run(tmp_path, "schema")
    assert schema.returncode == 0, schema.stderr
    assert json.loads((tmp_path / "schema" / "facility.schema.json").read_text())["title"] == "Facility"
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schema/facility.schema.json"] == "sources/facilities/*.yml"

    scaffold = _run(tmp_path, "new", "facility", "Da Nang Data Centre")
    assert scaffold.returncode == 0, scaffold.stderr
    assert "\ncity:" in (project.sources / "facilities" / "da-nang-data-centre.yml").read_text(encoding="utf-8")
    (project.sources / "facilities" / "da-nang-data-centre.yml").unlink()

    check = _run(tmp_path, "check")
    assert check.returncode == 0 and "hanoi-operations-centre" not in check.stdout, check.stdout + check.stderr
    build = _run(tmp_path, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    for lang, title in (("en", "Hanoi Operations Centre"), ("vi", "Trung tâm điều hành Hà Nội"),
                        ("fr", "Centre d’opérations de Hanoï")):
        page = (project.site / lang / "facilities" / "hanoi-operations-centre" / "index.html").read_text(encoding="utf-8")
        assert title in page and "cities/ha-noi/" in page
        index = (project.site / lang / "facilities" / "index.html").read_text(encoding="utf-8")
        assert "hanoi-operations-centre/" in index
        home = (project.site / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="facilities/"' in home  # in the navigation
        city = (project.site / lang / "cities" / "ha-noi" / "index.html").read_text(encoding="utf-8")
        assert "facilities/hanoi-operations-centre/" in city  # related, both ways
    pdf = pypdf.PdfReader(project.site / "en" / "briefing.pdf")
    assert "Hanoi Operations Centre" in "".join(page.extract_text() for page in pdf.pages)

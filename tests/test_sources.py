"""The real sources/, with an article added as an editor would add one: what holds of any
correct corpus (every quote found, every page built, every link resolved), never what it counts.
A pull request that adds correct articles passes these tests."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from generator.build import load_briefing
from generator.kinds import page_path
from generator.project import Project
from tests.conftest import REPO, copy_project, run_generator
from tests.test_site import broken_links

LANGS = ("en", "vi", "fr")

# An article about a city, a company and a programme that sources/ does not have, written as
# CONTRIBUTING tells an editor to: translations `from: en` without a fingerprint, recorded by
# `status --record`. (Fictional, and with ids no real file will take.)
ARTICLE = """---
id: zz-test-gazette-2025-06-15-new-port-city
title: "Zz-Port lays fibre for its new smart port"
language: en
publisher: "Zz Test Gazette"
published: "2025-06-15"
url: "https://example.org/zz-port"
not_article:
  - kind: caption
    start: "Cranes at the port."
claims:
  - id: fibre-network
    about: [zz-port-city, zz-fibre-company, zz-smart-port-project]
    quote: "Zz Fibre Company has laid 120 kilometres of fibre"
    text:
      en: "Zz Fibre Company laid 120 kilometres of fibre for the Zz-Port smart port project."
      vi: {text: "Công ty Cáp quang Zz đã lắp đặt 120 km cáp quang cho dự án cảng thông minh Zz-Port.", from: en}
      fr: {text: "La société Zz Fibre a posé 120 kilomètres de fibre pour le projet de port intelligent de Zz-Port.", from: en}
    figure:
      label:
        en: "Fibre laid for the Zz-Port smart port"
        vi: {text: "Cáp quang lắp đặt cho cảng thông minh Zz-Port", from: en}
        fr: {text: "Fibre posée pour le port intelligent de Zz-Port", from: en}
      value: 120
      qualifier: more than
      unit: count
      as_of: "2025-06"
      status: actual
    key: true
---
Zz-Port, 15 June 2025. Zz Fibre Company has laid 120 kilometres of fibre for the city's smart port project.

Cranes at the port.
"""

ENTITIES = {
    "cities/zz-port-city.yml": """id: zz-port-city
name: {en: "Zz-Port", vi: {text: "Zz-Port", from: en}, fr: {text: "Zz-Port", from: en}}
division: city
summary:
  en: "A city whose smart port project is laying fibre."
  vi: {text: "Thành phố có dự án cảng thông minh đang lắp đặt cáp quang.", from: en}
  fr: {text: "Ville dont le projet de port intelligent pose de la fibre.", from: en}
""",
    "organisations/zz-fibre-company.yml": """id: zz-fibre-company
name: {en: "Zz Fibre Company", vi: {text: "Công ty Cáp quang Zz", from: en}, fr: {text: "Société Zz Fibre", from: en}}
type: company
city: zz-port-city
summary:
  en: "A company that laid fibre for the Zz-Port smart port."
  vi: {text: "Doanh nghiệp lắp đặt cáp quang cho cảng thông minh Zz-Port.", from: en}
  fr: {text: "Entreprise qui a posé la fibre du port intelligent de Zz-Port.", from: en}
""",
    "programmes/zz-smart-port-project.yml": """id: zz-smart-port-project
name: {en: "Zz-Port smart port project", vi: {text: "Dự án cảng thông minh Zz-Port", from: en}, fr: {text: "Projet de port intelligent de Zz-Port", from: en}}
type: project
city: zz-port-city
summary:
  en: "The project for which fibre is being laid at Zz-Port."
  vi: {text: "Dự án mà cáp quang được lắp đặt tại Zz-Port.", from: en}
  fr: {text: "Le projet pour lequel la fibre est posée à Zz-Port.", from: en}
""",
}


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """A copy of the real sources/ with the article and its entities added, recorded and built."""
    project = copy_project(tmp_path_factory.mktemp("extended"), sources=REPO / "sources")
    (project.sources / "articles" / "zz-test-gazette-2025-06-15-new-port-city.md").write_text(ARTICLE, "utf-8")
    for relpath, text in ENTITIES.items():
        (project.sources / relpath).write_text(text, "utf-8")
    files = [f"sources/{relpath}" for relpath in ENTITIES] + ["sources/articles/zz-test-gazette-2025-06-15-new-port-city.md"]
    recorded = run_generator(project, "status", "--record", *(str(project.root / f) for f in files))
    assert recorded.returncode == 0, recorded.stderr
    check = run_generator(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_generator(project, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    return project, check


def test_the_real_sources_check_without_errors():
    result = run_generator(Project(REPO), "check")
    assert result.returncode == 0, result.stdout


def test_the_added_article_checks_without_a_warning(extended):
    _project, check = extended
    assert "zz-" not in check.stdout, check.stdout  # its fingerprints recorded, its caption declared


def test_every_source_and_entity_has_a_page_in_every_language(extended):
    project, _check = extended
    briefing = load_briefing(project)
    for lang in LANGS:
        for item in (*briefing.sources.values(), *briefing.entities.values()):
            page = project.site / lang / page_path(item).removesuffix(".md") / "index.html"
            assert page.is_file(), (lang, page)
        assert (project.site / lang / "briefing.pdf").is_file()


def test_every_internal_link_and_anchor_resolves(extended):
    project, _check = extended
    assert broken_links(project.site) == []


def test_the_added_article_reaches_its_pages_the_search_and_the_pdf(extended):
    project, _check = extended
    company = (project.site / "vi" / "organisations" / "zz-fibre-company" / "index.html").read_text("utf-8")
    assert "Công ty Cáp quang Zz" in company and "Doanh nghiệp" in company and "hơn 120" in company
    index = json.loads((project.site / "fr" / "search" / "search_index.json").read_text("utf-8"))
    assert any(doc["title"] == "Société Zz Fibre" for doc in index["docs"])
    source = (project.site / "en" / "sources" / "zz-test-gazette-2025-06-15-new-port-city" / "index.html")
    assert "Cranes at the port." not in source.read_text("utf-8")  # the declared caption is left out
    pdf = "\n".join(page.extract_text() for page in PdfReader(project.site / "en" / "briefing.pdf").pages)
    assert "Zz-Port" in pdf

"""Rendered Markdown pages: golden files in three languages, translations, escaping."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from generator.build import load_briefing
from generator.formatting import typeset
from generator.kinds import page_path
from generator.link import link
from generator.model import Corpus
from generator.project import Project
from generator.render import make_environment, render_pages
from tests.test_reader import ARTICLE, CITY, write

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = ["cities/ha-noi.md", "events/vietnam-france-smart-city-workshop-2017.md"]


@pytest.mark.parametrize("lang", ["en", "vi", "fr"])
@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden_pages(pages, lang, page):
    """Compare with tests/golden; after an intended change: UPDATE_GOLDEN=1 make test."""
    golden = GOLDEN / lang / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[lang][page], encoding="utf-8")
    assert pages[lang][page] == golden.read_text(encoding="utf-8")


def test_every_entity_and_source_has_a_page_in_every_language(pages, corpus_project):
    briefing = load_briefing(corpus_project)
    expected = {page_path(item) for item in (*briefing.entities.values(), *briefing.sources.values())}
    for lang in ("en", "vi", "fr"):
        assert expected <= set(pages[lang])
        assert pages[lang].keys() == pages["en"].keys()  # same paths in every language


def test_dates_follow_their_precision_in_each_language(pages):
    source = "sources/vna-2023-11-sommet-vietnam-asie-villes-intelligentes.md"
    assert "November 2023" in pages["en"][source]
    assert "tháng 11/2023" in pages["vi"][source]
    assert "novembre 2023" in pages["fr"][source]
    workshop = "events/vietnam-france-smart-city-workshop-2017.md"
    assert "</strong> 5 December 2017" in pages["en"][workshop]  # not "December 5, 2017"
    assert "</strong> ngày 5/12/2017" in pages["vi"][workshop] and "</strong> 5 décembre 2017" in pages["fr"][workshop]
    summit = "events/vietnam-asia-smart-city-summit-2023.md"
    assert "29–30 November 2023" in pages["en"][summit] and "ngày 29–30/11/2023" in pages["vi"][summit]


def test_inferred_date_is_marked(pages):
    source = "sources/vna-2018-hanoi-smart-city-roadmap.md"
    assert "2018 (date inferred)" in pages["en"][source]
    assert "năm 2018 (thời gian do biên tập viên suy ra)" in pages["vi"][source]
    assert "2018 (date déduite)" in pages["fr"][source]
    figures = pages["en"]["figures.md"]
    assert "| 2018 (date inferred) |" in figures and "| 2018 |" not in figures  # 004's figures: its year is inferred
    person = "people/nguyen-duc-chung.md"
    assert "(as of 2018, date inferred)" in pages["en"][person] and "(en 2018, date déduite)" in pages["fr"][person]


def test_figures_keep_forecast_and_actual_apart(pages):
    figures = pages["en"]["figures.md"]
    forecast = next(line for line in figures.splitlines() if "two thirds" in line)
    actual = next(line for line in figures.splitlines() if "Urbanisation rate" in line)
    assert "| forecast |" in forecast and "| 2020 |" in forecast
    assert "| actual |" in actual and "42\\.7%" in actual
    assert "42,7\u00a0%" in pages["fr"]["figures.md"] and "42,7%" in pages["vi"]["figures.md"]
    # Amounts as the press writes them: never "billion", which reads as 10^9.
    assert "3 trillion" in figures and "3\\.000 tỷ đồng" in pages["vi"]["figures.md"]
    assert "3\u202f000 milliards de dongs" in pages["fr"]["figures.md"] and "billion" not in pages["fr"]["figures.md"]


def test_missing_translation_shows_existing_text_with_notice(tmp_path):
    from tests.hostile_corpus import ARTICLE, ARTICLE_PATH, CITY, CITY_PATH  # a city summarised in English only

    for path, text in {ARTICLE_PATH: ARTICLE, CITY_PATH: CITY}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    briefing = load_briefing(Project(tmp_path))
    city = {lang: dict(render_pages(briefing, lang))["cities/ha-noi.md"] for lang in ("en", "vi", "fr")}
    assert '<span lang="en">The capital\\.</span>' in city["vi"]
    assert "(chưa được dịch sang tiếng Việt; hiển thị bằng tiếng Anh)" in city["vi"]
    assert "(pas encore traduit en français\u00a0; affiché en anglais)" in city["fr"]
    assert "not yet translated" not in city["en"]


def test_not_article_text_never_reaches_a_page(pages):
    for lang in ("en", "vi", "fr"):
        for text in pages[lang].values():
            for excluded in ("Kon Thụp", "Đòn bẩy", "Theo dõi Báo Gia Lai", "Ảnh minh họa", "Gia Lai cấp Giấy",
                             "clean fuel", "date 2017-12-05"):
                assert excluded not in text


def test_workshop_has_both_sources_and_backlinks(pages):
    event = pages["en"]["events/vietnam-france-smart-city-workshop-2017.md"]
    assert "(../sources/vna-2017-12-05-france-smart-city-workshop.md" in event
    assert "(../sources/baogialai-2017-12-viet-phap-do-thi-thong-minh.md" in event
    for page in ("cities/ha-noi.md", "organisations/ministry-of-information-and-communications.md",
                 "organisations/french-embassy-in-vietnam.md", "people/bertrand-lortholary.md",
                 "programmes/vietnam-france-it-mou-2016.md"):
        assert "(../events/vietnam-france-smart-city-workshop-2017.md" in pages["en"][page], page


def test_an_organisation_lists_the_people_with_a_role_in_it(project):
    """Not every person it shares a claim with: here the claim on the politburo's resolution also
    names the chairman of Hanoi's People's Committee, who holds no role in the politburo."""
    article = project.root / "sources" / "articles" / "vna-2018-hanoi-smart-city-roadmap.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("about: [politburo, ha-noi]", "about: [politburo, ha-noi, nguyen-duc-chung]"),
                       encoding="utf-8")
    briefing = load_briefing(project)
    assert "nguyen-duc-chung" in briefing.related["politburo"]
    pages = dict(render_pages(briefing, "en"))
    assert "People and their roles" not in pages["organisations/politburo.md"]
    embassy = pages["organisations/french-embassy-in-vietnam.md"]
    people = embassy[embassy.index("## People and their roles"):embassy.index("## What the sources say")]
    assert people.count("- [Bertrand Lortholary](../people/bertrand-lortholary.md):") == 2


HOSTILE = {
    "<script>alert(1)</script>": "&lt;script&gt;alert\\(1\\)&lt;/script&gt;",
    "{{ 7 * 7 }} {% if true %}x{% endif %}": "\\{\\{ 7 \\* 7 \\}\\} \\{% if true %\\}x\\{% endif %\\}",
    '[click](javascript:alert(1)) <img src=x onerror="alert(1)">': "\\[click\\]\\(javascript:alert\\(1\\)\\)",
    "# not a heading *not bold*": "\\# not a heading \\*not bold\\*",
}


@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_annotation_text_is_never_live_markup(tmp_path, hostile):
    article = ARTICLE.replace("en: The urbanisation rate was 42.7%.", f"en: '{hostile}'")
    write(tmp_path / "sources", "articles/test-article.md", article)
    write(tmp_path / "sources", "cities/ha-noi.yml", CITY)
    page = dict(render_pages(load_briefing(Project(tmp_path)), "en"))["sources/test-article.md"]
    assert HOSTILE[hostile] in page
    html = markdown.markdown(page, extensions=["tables", "md_in_html", "attr_list", "admonition", "toc"])
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "49" not in html  # the Jinja expression was not evaluated


@pytest.mark.parametrize("output", ["markdown", "html"])
def test_the_pages_and_the_pdf_share_one_template_dialect(output):
    """Both environments are stock Jinja2: ``a.b`` reads an attribute or else an item, an
    `is defined` test on a missing one is false, and every value is escaped exactly once."""
    env = make_environment("en", link(Corpus((), ())), output)
    template = env.from_string('{{ x.real }} {{ "yes" if x.name is defined else "no" }} {{ d.k }} {{ d["k"] }}')
    assert template.render(x=3, d={"k": "v"}) == "3 no v v"
    escaped = env.from_string("{{ text }} {{ m.label(text) }}").render(text="<b> & [x]")
    if output == "markdown":
        assert escaped == "&lt;b&gt; &amp; \\[x\\] &lt;b&gt; &amp; \\[x\\]:"
    else:
        assert escaped == "&lt;b&gt; &amp; [x] &lt;b&gt; &amp; [x]:"


def test_a_glossary_term_awaiting_translation_links_to_the_glossary(project):
    """The translation-status page tells a term of the glossary (no `kind`) from an entity."""
    glossary = project.sources / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    first_french = text.index("      fr: {text: \"Organe exécutif")
    glossary.write_text(text[:first_french] + text[text.index("\n", first_french) + 1:], encoding="utf-8")
    page = dict(render_pages(load_briefing(project), "fr"))["translation-status.md"]
    row = next(line for line in page.splitlines() if "glossary.md#term-uy-ban-nhan-dan" in line)
    assert row.startswith("| [Comité populaire](glossary.md#term-uy-ban-nhan-dan) | explanation |")


def test_one_fact_reported_by_two_articles_is_shown_once_with_both_quotes(pages):
    page = pages["en"]["events/vietnam-france-smart-city-workshop-2017.md"]
    assert page.count("two thirds of Vietnam’s population would live in cities") == 1
    fact = page[page.index("two thirds of Vietnam’s population would live in cities"):]
    fact = fact[:fact.index("\n- ")]
    assert "Ông Bertrand Lortholary" in fact and "French Ambassador to Vietnam Bertrand Lortholary said" in fact
    assert "[\\[1\\]](../sources/baogialai" in fact and "[\\[2\\]](../sources/vna-2017" in fact
    references = page[page.index("\nSources:"):]
    assert references.count("\n1. ") == 1 and references.count("\n2. ") == 1  # one entry per source


def test_an_entity_page_opens_with_what_it_is_at_a_glance(pages):
    page = pages["fr"]["cities/ha-noi.md"]
    glance = page[page.index('!!! abstract "En bref"'):page.index("## Ce que disent les sources")]
    assert "<strong>Type\u00a0:</strong> Ville" in glance and "    Capitale du Vietnam" in glance
    assert "plus de 7,5 millions" in glance and "[Da Nang](../cities/da-nang.md)" in glance


@pytest.mark.parametrize("lang, text, typeset_text", [
    ("en", 'Themed "Smart Cities - Digital Economy", the nation\'s summit', "Themed “Smart Cities – Digital Economy”, the nation’s summit"),
    ("vi", "Hội thảo Việt - Pháp về kinh tế - xã hội", "Hội thảo Việt – Pháp về kinh tế – xã hội"),
    ("fr", 'Sur le thème "Villes - Économie" : l\'atelier ; oui ! 10:30 http://a.b', "Sur le thème «\u00a0Villes – Économie\u00a0»\u00a0: l’atelier\u00a0; oui\u00a0! 10:30 http://a.b"),
    ("fr", "Il a dit “bonjour” et « merci »", "Il a dit «\u00a0bonjour\u00a0» et «\u00a0merci\u00a0»"),
    ("en", "Hanoi's 2016-2020 programme, 4.0-2020", "Hanoi’s 2016–2020 programme, 4.0-2020"),  # a range of years
    ("fr", "de 1 250 à 3 000 milliards, 42,7 %, en 2017 350", "de 1\u202f250 à 3\u202f000 milliards, 42,7\u00a0%, en 2017 350"),
    ("en", "the editors' 'own' words", "the editors’ ‘own’ words"),
    ("en", "priorities — urban transport — and", "priorities – urban transport – and"),
])
def test_texts_and_quotes_are_typeset_as_their_languages_press_writes(lang, text, typeset_text):
    assert typeset(text, lang) == typeset_text
    assert typeset(typeset_text, lang) == typeset_text  # typesetting twice changes nothing


def test_claims_and_their_quotes_share_one_typography(pages):
    """The editors' text and the article's quote on one page: curly quotes, typographic apostrophes, dashes."""
    page = pages["en"]["sources/vietnam-news-2024-12-smart-city-summit.md"]
    assert "“Smart Cities – Digital Economy – Sustainable Development”, the summit" in page
    assert "‘Smart Cities – Digital Economy – Sustainable Development,’ the event" in page  # a quote in a quote
    shown = page.split("---", 2)[2].split("## Article text")[0]  # the article's own text is shown as collected
    assert "&#39;" not in shown and "editors’ translations" in shown


@pytest.mark.parametrize("lang, within, quote, typeset_quote", [
    ("en", "en", 'The "Hanoi Project" and the “Programme”', "The ‘Hanoi Project’ and the ‘Programme’"),
    ("fr", "fr", "sur le thème « Exploration » et \"Données\"", "sur le thème “Exploration” et “Données”"),
    ("fr", "en", "sur le thème « Exploration » et", "sur le thème ‘Exploration’ et"),  # a French quote, English page
    ("en", "fr", 'Themed "Smart Cities," the event', "Themed “Smart Cities,” the event"),
])
def test_a_quote_within_a_quote_takes_the_second_level_marks(lang, within, quote, typeset_quote):
    """A quote is shown inside the quotation marks of the page's language (<q>): the marks it holds become
    that language's inner ones."""
    assert typeset(quote, lang, within) == typeset_quote

"""Reading and validating sources: every error names the file, the line and the fix."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest

from generator import yamlload
from generator.cache import BuildCache
from generator.model import PartialDate
from generator.reader import read_corpus
from generator.validate import validate
from tests.hostile_corpus import ARTICLE, CITY


def write(root: Path, relpath: str, text: str) -> Path:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path) -> Path:
    root = tmp_path / "sources"
    write(root, "articles/test-article.md", ARTICLE)
    write(root, "cities/ha-noi.yml", CITY)
    return root


def read(root: Path):
    """Read and validate like `check`: the corpus and every problem found."""
    found = []
    corpus = read_corpus(root, found)
    validate(corpus, found)
    return corpus, sorted(found)


def problems(root: Path) -> list[str]:
    """The errors found in ``root`` (warnings are tested on their own)."""
    _corpus, found = read(root)
    return [str(problem) for problem in found if problem.is_error]


def test_valid_corpus_reads(sources):
    corpus, found = read(sources)
    # Not errors: the claim is only in English, the city's name has no French, its summary only English.
    assert [(p.severity, p.message) for p in found] == [
        ("warning", "no translation in vi, fr"), ("warning", "no translation in fr"),
        ("warning", "no translation in vi, fr")]
    (source,) = corpus.sources
    assert source.published == PartialDate(2023, 11)
    assert source.published.precision == "month"
    assert "Photo: a caption" not in source.article_text
    assert source.claims[0].text.get("fr") is None  # a missing translation is allowed


def test_unknown_entity_id_names_line_and_suggests(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("about: [ha-noi]", "about: [ha-noii]"), encoding="utf-8")
    assert problems(sources) == [
        "sources/articles/test-article.md:12:1: error: unknown entity id 'ha-noii' in 'about' "
        "(hint: did you mean 'ha-noi'?)"
    ]


def test_quote_not_in_article_fails(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("quote: the urbanisation rate was 42.7%", "quote: the rate was 50%"),
                    encoding="utf-8")
    (message,) = problems(sources)
    assert message.startswith("sources/articles/test-article.md:13:1: error: quote not found in the article "
                              "text of 'test-article': \"the rate was 50%\"")


def test_quote_not_found_hints_the_closest_passage(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("quote: the urbanisation rate was 42.7%", "quote: the urbanization rate was 42.7%"),
                    encoding="utf-8")
    (message,) = problems(sources)
    assert message.endswith('(hint: the closest passage of the article is "the urbanisation rate was 42.7%"; they '
                            'first differ at character 11: “z” (U+007A LATIN SMALL LETTER Z) in the quote, “s” '
                            '(U+0073 LATIN SMALL LETTER S) in the article)')


def test_entity_no_source_mentions_is_a_warning(sources):
    write(sources, "cities/da-nang.yml", CITY.replace("ha-noi", "da-nang").replace("Hanoi", "Da Nang"))
    _corpus, found = read(sources)
    assert ("sources/cities/da-nang.yml:1:1: warning: no source mentions 'da-nang' "
            "(hint: add a claim about it to an article, or remove the file)") in [str(p) for p in found]


def test_a_broken_file_does_not_hide_the_problems_of_the_others(sources):
    write(sources, "cities/ha-noi.yml", CITY.replace("division: city", "division: [city"))
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("quote: the urbanisation rate was 42.7%", "quote: not in the text"),
                    encoding="utf-8")
    messages = problems(sources)
    assert len(messages) == 2  # the YAML error and the quote; no 'unknown id ha-noi' on top
    assert "YAML syntax error" in messages[1] and "quote not found" in messages[0]


def test_a_file_unchanged_since_it_was_read_without_a_problem_is_not_parsed_again(sources, tmp_path, monkeypatch):
    write(sources, "cities/da-nang.yml", CITY.replace("ha-noi", "da-nang").replace("division: city", "division: town"))
    cache = BuildCache(tmp_path / "cache.pickle")
    first = read_corpus(sources, [], cache)
    assert not (tmp_path / "cache.pickle").exists()  # saved by the build, not by the reader
    parsed, parse = [], yamlload.load_yaml
    monkeypatch.setattr(yamlload, "load_yaml", lambda text, offset=0: parsed.append(text) or parse(text, offset))
    write(sources, "cities/ha-noi.yml", CITY.replace("The capital.", "The capital city."))
    found = []
    again = read_corpus(sources, found, cache)
    assert again.sources == first.sources
    assert [entity.summary.get("en") for entity in again.entities] == ["The capital city."]
    # The article came from the cache; the changed city and the city with a problem were parsed again,
    # and the problem is reported again.
    assert len(parsed) == 2
    assert [str(problem) for problem in found if problem.is_error] == [
        "sources/cities/da-nang.yml:5:1: error: 'division' is 'town', not one of: city, province"]
    assert again.file_digests.keys() == {"sources/articles/test-article.md", "sources/cities/da-nang.yml",
                                         "sources/cities/ha-noi.yml"}


def test_quote_from_a_caption_is_not_article_text(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("quote: the urbanisation rate was 42.7%", "quote: a caption about Hanoi"),
                    encoding="utf-8")
    assert "quote not found" in problems(sources)[0]


def test_quote_matches_across_whitespace_and_unicode_forms(sources):
    path = sources / "articles/test-article.md"
    nfd_body = unicodedata.normalize("NFD", "Ở Hà Nội,   tỷ lệ\nđô thị hóa là 42,7%.")
    text = ARTICLE.replace("quote: the urbanisation rate was 42.7%", "quote: Hà Nội, tỷ lệ đô thị hóa")
    path.write_text(text + nfd_body + "\n", encoding="utf-8")
    corpus, found = read(sources)
    assert [problem for problem in found if problem.is_error] == []  # found: spaces and line break folded, NFD made NFC
    assert unicodedata.is_normalized("NFC", corpus.sources[0].article_text)


def test_missing_required_field(sources):
    write(sources, "cities/ha-noi.yml", CITY.replace("division: city\n", ""))
    assert problems(sources) == [
        "sources/cities/ha-noi.yml:1:1: error: missing field 'division' (a text)"
    ]


def test_invalid_date(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("published: 2023-11", "published: 2023-02-30"), encoding="utf-8")
    assert problems(sources) == [
        "sources/articles/test-article.md:6:1: error: '2023-02-30' is not a day of the calendar"
    ]


def test_duplicate_id(sources):
    write(sources, "cities/hanoi-again.yml", CITY.replace("id: ha-noi", "id: hanoi-again"))
    write(sources, "people/ha-noi.yml", textwrap.dedent("""\
        id: ha-noi
        name: {en: Someone}
        summary: {en: Someone.}
        roles: []
    """))
    messages = problems(sources)
    assert any("duplicate id 'ha-noi', already used by sources/cities/ha-noi.yml:1" in m for m in messages)


def test_yaml_syntax_error_has_line_and_column(sources):
    write(sources, "cities/ha-noi.yml", CITY.replace("division: city", "division: [city"))
    (message,) = problems(sources)
    assert message.startswith("sources/cities/ha-noi.yml:")
    assert "YAML syntax error" in message


def test_unknown_field_suggests_the_right_one(sources):
    write(sources, "cities/ha-noi.yml", CITY.replace("summary:", "sumary:"))
    messages = problems(sources)
    assert ("sources/cities/ha-noi.yml:6:1: error: unknown field 'sumary' "
            "(hint: did you mean the field 'summary'?)") in messages


def test_every_problem_is_reported_at_once(sources):
    write(sources, "cities/ha-noi.yml", CITY.replace("division: city", "division: town"))
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("published: 2023-11", "published: 2023-13"), encoding="utf-8")
    messages = problems(sources)
    assert len(messages) == 2
    assert messages == sorted(messages)


def test_id_must_match_file_name(sources):
    write(sources, "cities/ha-noi.yml", CITY.replace("id: ha-noi", "id: hanoi"))
    assert any("id 'hanoi' differs from the file name 'ha-noi.yml'" in m for m in problems(sources))


@pytest.mark.parametrize("text, precision", [("2018", "year"), ("2023-11", "month"), ("2017-12-05", "day")])
def test_partial_date_precision(text, precision):
    assert PartialDate.parse(text).precision == precision
    assert PartialDate.parse(text).iso == text


def test_a_list_made_by_a_yaml_tag_is_refused_not_a_traceback(sources):
    write(sources, "cities/ha-noi.yml", CITY + "aliases: !!omap [{a: b}]\n")
    assert problems(sources) == ["sources/cities/ha-noi.yml:8:1: error: 'aliases' must be a list of texts"]


def test_a_file_that_does_not_parse_makes_no_false_warnings_about_what_it_mentions(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("language: en", "language: [en"), encoding="utf-8")
    _corpus, found = read(sources)
    assert any("YAML syntax error" in str(problem) for problem in found)
    assert not any("no source mentions" in str(problem) for problem in found)


def test_a_headline_is_a_string_or_a_text_whose_translations_are_optional(sources):
    path = sources / "articles/test-article.md"
    corpus, found = read(sources)
    (source,) = corpus.sources
    assert source.title.get("en") == "A test article" and source.title.status("vi") == "missing"
    assert not any(problem.line == 3 for problem in found)  # no "no translation" warning for a headline
    path.write_text(ARTICLE.replace("title: A test article", "title:\n  en: A test article\n"
                                    "  fr: {text: Un article de test, from: en}"), encoding="utf-8")
    corpus, _found = read(sources)
    assert corpus.sources[0].title.status("fr") == "translated"
    path.write_text(ARTICLE.replace("title: A test article", "title:\n  fr: Un article de test"), encoding="utf-8")
    assert problems(sources) == [
        "sources/articles/test-article.md:3:1: error: 'title' has no en headline: write the headline as published, "
        "in the article's language (en), beside its translations"]


def test_a_figure_keeps_the_qualifier_its_article_gives(sources):
    path = sources / "articles/test-article.md"
    figure = ("    figure:\n      label: {en: Urbanisation rate}\n      value: 42.7\n      qualifier: QUALIFIER\n"
              "      unit: percent\n      as_of: 2023\n      status: actual\n---")
    claim_text = "      en: The urbanisation rate was 42.7%.\n"
    path.write_text(ARTICLE.replace(claim_text + "---", claim_text + figure.replace("QUALIFIER", "about")), "utf-8")
    corpus, _found = read(sources)
    assert corpus.sources[0].claims[0].figure.qualifier == "about"
    path.write_text(ARTICLE.replace(claim_text + "---", claim_text + figure.replace("QUALIFIER", "roughly")), "utf-8")
    (message,) = problems(sources)
    assert message.endswith(":19:1: error: 'qualifier' is 'roughly', not one of: about, more than, at least, "
                            "less than, up to")


NARRATIVE = """\
bottom_line:
  - text: {en: "The urbanisation rate was 42.7%."}
    cites: [test-article#urban-rate]
sections:
  - id: figures
    title: {en: Figures}
    sentences:
      - text: {en: "The rate was 42.7%."}
        cites: [test-article#urban-rate]
"""


def test_a_narrative_cites_claims_and_gives_only_their_numbers(sources):
    write(sources, "briefing.yml", NARRATIVE)
    corpus, found = read(sources)
    assert corpus.narrative is not None and not [p for p in found if p.is_error]
    assert [p.message for p in found if p.path.endswith("briefing.yml")] == [
        "the bottom line has 1 judgement(s)", "no translation in vi, fr", "no translation in vi, fr",
        "no translation in vi, fr"]
    write(sources, "briefing.yml", NARRATIVE.replace("test-article#urban-rate]\nsections", "test-article#urban]\n"
                                                     "sections").replace("was 42.7%.\"}", "was 47.2% in 2024.\"}"))
    assert problems(sources) == [
        "sources/briefing.yml:3:1: error: unknown claim 'test-article#urban' in 'cites' "
        "(hint: did you mean 'test-article#urban-rate'?)",
        "sources/briefing.yml:8:1: error: 47.2, 2024 in this sentence (en) is in none of the claims it cites "
        "(hint: cite the claim that gives it, or write the number as that claim does)"]


def test_numbers_are_read_as_each_language_writes_them():
    from decimal import Decimal

    from generator.validate import numbers_in
    assert numbers_in("VND 1.25 trillion, 42.7%, 2016-2020", "en") == {Decimal("1.25"), Decimal("42.7"),
                                                                      Decimal(2016), Decimal(2020)}
    assert numbers_in("1.250 tỷ đồng, 42,7%", "vi") == {Decimal(1250), Decimal("42.7")}
    assert numbers_in("1\u202f250 milliards, 42,7\u00a0%", "fr") == {Decimal(1250), Decimal("42.7")}


def test_a_figure_names_a_known_indicator_of_its_unit(sources):
    path = sources / "articles/test-article.md"
    claim_text = "      en: The urbanisation rate was 42.7%.\n"
    figure = ("    figure:\n      label: {en: Urbanisation rate}\n      value: 42.7\n      unit: percent\n"
              "      as_of: 2022\n      status: actual\n      indicator: INDICATOR\n---")
    write(sources, "indicators.yml", "indicators:\n  - id: urban-share\n    name: {en: Urban share}\n"
                                     "  - id: urban-areas\n    name: {en: Urban areas}\n")
    path.write_text(ARTICLE.replace(claim_text + "---", claim_text + figure.replace("INDICATOR", "urban-share")),
                    "utf-8")
    corpus, found = read(sources)
    assert corpus.sources[0].claims[0].figure.indicator == "urban-share"
    assert [str(p) for p in found if p.path.endswith("indicators.yml") and "no figure" in p.message] == [
        "sources/indicators.yml:4:1: warning: no figure measures the indicator 'urban-areas' (hint: give a figure "
        "`indicator: urban-areas`, or remove it)"]
    path.write_text(ARTICLE.replace(claim_text + "---", claim_text + figure.replace("INDICATOR", "urban-shares")),
                    "utf-8")
    assert problems(sources) == ["sources/articles/test-article.md:16:1: error: unknown indicator 'urban-shares' "
                                 "in the figure (hint: did you mean 'urban-share'?)"]


def test_same_as_names_a_claim_of_another_article(sources):
    path = sources / "articles/test-article.md"
    path.write_text(ARTICLE.replace("    about: [ha-noi]\n", "    about: [ha-noi]\n    same_as: [test-article#urban-rate, "
                                    "other-article#rate]\n"), "utf-8")
    assert problems(sources) == [
        "sources/articles/test-article.md:13:1: error: 'test-article#urban-rate' is a claim of the same article "
        "(hint: same_as joins the reports of one fact by different articles: merge the two claims instead)",
        "sources/articles/test-article.md:13:1: error: unknown claim 'other-article#rate' in 'same_as' "
        "(hint: did you mean 'test-article#urban-rate'?)"]


def test_a_text_keeps_its_no_break_spaces_and_folds_its_line_breaks(sources):
    path = sources / "cities/ha-noi.yml"
    path.write_text(CITY.replace("  en: The capital.", "  en: The capital.\n  fr: \"Capitale\u202f: 42,7\u00a0%\n    "
                                 "de la population.\""), encoding="utf-8")
    corpus, _found = read(sources)
    assert corpus.entities[0].summary.get("fr") == "Capitale\u202f: 42,7\u00a0% de la population."

"""Whatever `check` accepts builds: corpora generated at random (hypothesis), every field within
its limits but otherwise anything (empty lists, year 1, numbers up to 10^18, texts in one
language only, outdated translations, names in any script), are accepted by check and
rendered into every page, the timeline and the PDF's document, in the three languages."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build_date, check_sources, load_briefing
from generator.characters import first_refused
from generator.pdf import render_pdf_html
from generator.project import Project
from generator.render import render_pages, render_timeline

LANGS = ("en", "vi", "fr")
QUOTE = "the urbanisation rate was 42.7%"
BODY = f"In Hanoi, {QUOTE} last year.\n"

words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Zl", "Zp")), min_size=1, max_size=40)
names = words.filter(lambda text: text.strip() and first_refused(text, allowed="") < 0)
dates = st.one_of(st.integers(1, 9999).map(lambda year: f"{year:04d}"),
                  st.builds(lambda year, month: f"{year:04d}-{month:02d}", st.integers(1, 9999), st.integers(1, 12)),
                  st.builds(lambda year, month, day: f"{year:04d}-{month:02d}-{day:02d}",
                            st.integers(1, 9999), st.integers(1, 12), st.integers(1, 28)))
numbers = st.one_of(st.integers(-10 ** 18, 10 ** 18), st.floats(-1e18, 1e18, allow_nan=False, allow_infinity=False))


@st.composite
def texts(draw, required: bool = True) -> dict:
    """A text in one to three languages; a translation may be of a fingerprint that is outdated."""
    langs = draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=3, unique=True))
    text = {lang: draw(names) for lang in langs}
    if len(langs) > 1 and draw(st.booleans()):
        text[langs[1]] = {"text": text[langs[1]], "from": f"{langs[0]} {draw(st.sampled_from(['0badf00d', '1a2b3c4d']))}"}
    return text


@st.composite
def corpora(draw) -> dict[str, str]:
    """{path under sources/: content} of a corpus: one article, and entities of every kind it may mention."""
    files: dict[str, object] = {}
    cities = [f"city-{n}" for n in range(draw(st.integers(1, 2)))]
    for ident in cities:
        files[f"cities/{ident}.yml"] = {"id": ident, "name": draw(texts()), "summary": draw(texts()),
                                        "division": draw(st.sampled_from(["city", "province"])),
                                        "aliases": draw(st.lists(names, max_size=2))}
    organisations = [f"org-{n}" for n in range(draw(st.integers(0, 2)))]
    for number, ident in enumerate(organisations):
        files[f"organisations/{ident}.yml"] = {
            "id": ident, "name": draw(texts()), "summary": draw(texts()), "type": "department",
            **({"parent": organisations[0]} if number else {}), **({"city": cities[0]} if draw(st.booleans()) else {})}
    programmes = [f"programme-{n}" for n in range(draw(st.integers(0, 2)))]
    for ident in programmes:
        period = draw(st.lists(dates, max_size=2, unique=True))
        files[f"programmes/{ident}.yml"] = {
            "id": ident, "name": draw(texts()), "summary": draw(texts()), "type": "plan", "owners": organisations[:1],
            **dict(zip(("start", "end"), sorted(period), strict=False))}
    people = [f"person-{n}" for n in range(draw(st.integers(0, 2)))]
    for ident in people:
        roles = [{"title": draw(texts()), "as_of": draw(dates), "source": "article", "quote": QUOTE,
                  **({"organisation": organisations[0]} if organisations else {})}
                 for _ in range(draw(st.integers(0, 2)))]
        files[f"people/{ident}.yml"] = {"id": ident, "name": draw(texts()), "summary": draw(texts()), "roles": roles}
    events = [f"event-{n}" for n in range(draw(st.integers(0, 1)))]
    for ident in events:
        period = sorted(draw(st.lists(dates, min_size=1, max_size=2, unique=True)))
        files[f"events/{ident}.yml"] = {
            "id": ident, "name": draw(texts()), "summary": draw(texts()), "type": "summit",
            **dict(zip(("start", "end"), period, strict=False)), "city": cities[0], "organisers": organisations,
            "speakers": people, "programmes": programmes, **({"theme": draw(texts())} if draw(st.booleans()) else {})}
    entities = cities + organisations + programmes + people + events
    claims = []
    for number in range(draw(st.integers(0, 3))):
        claim = {"id": f"claim-{number}", "about": draw(st.lists(st.sampled_from(entities), unique=True, max_size=3)),
                 "quote": QUOTE, "text": draw(texts()), "key": draw(st.booleans())}
        if draw(st.booleans()):
            claim["figure"] = {"label": draw(texts()), "value": draw(numbers),
                               "unit": draw(st.sampled_from(["count", "percent", "VND", "USD"])),
                               "as_of": draw(dates), "status": draw(st.sampled_from(["actual", "forecast", "target"])),
                               **({"previous": draw(numbers)} if draw(st.booleans()) else {})}
        claims.append(claim)
    front_matter = {"id": "article", "title": draw(names), "language": draw(st.sampled_from(LANGS)),
                    "publisher": draw(names), "published": draw(dates), "date_inferred": draw(st.booleans()),
                    "claims": claims, **({"note": draw(texts())} if draw(st.booleans()) else {})}
    # JSON is YAML: each value is written quoted, each number and flag plain, as an editor would.
    written = {path: json.dumps(content, ensure_ascii=False, indent=1) for path, content in files.items()}
    written["articles/article.md"] = f"---\n{json.dumps(front_matter, ensure_ascii=False, indent=1)}\n---\n{BODY}"
    return written


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(corpus=corpora())
def test_a_corpus_that_check_accepts_renders_every_page_in_every_language(tmp_path_factory, corpus):
    project = Project(tmp_path_factory.mktemp("accepted"))
    for path, text in corpus.items():
        target = project.sources / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    _corpus, problems = check_sources(project)
    # Every corpus drawn is valid (its years may look like typos, its translations outdated: warnings).
    assert [str(problem) for problem in problems if problem.is_error] == []
    briefing = load_briefing(project)
    for lang in LANGS:
        pages = dict(render_pages(briefing, lang))
        assert "index.md" in pages
        render_timeline(briefing, lang)
        render_pdf_html(briefing, lang, site_url="https://example.org/", build_revision="test",
                        created=build_date(briefing))

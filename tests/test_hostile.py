"""Hostile and broken input: a clear message or literal text, never a traceback,
never live markup, never a half-written site."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.build import check_sources, load_briefing
from generator.formatting import typeset
from generator.project import Project
from generator.render import render_pages
from generator.write import write_tree
from tests.conftest import PUBLISHED_AT, REPO, add_alias, copy_project
from tests.hostile_corpus import ARTICLE, ARTICLE_PATH, CASES, CITY, CITY_PATH, FOLDER, Link

MKDOCS = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in MKDOCS["markdown_extensions"]]


class LiveMarkup(HTMLParser):
    """Collects the visible text and anything that would run or load in a browser."""

    DANGEROUS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "meta"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.live = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.DANGEROUS:
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "data", "xlink:href") and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.live.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        self.text.append(data)


def inspect(html: str) -> LiveMarkup:
    parser = LiveMarkup()
    parser.feed(html)
    return parser


def write_corpus(root: Path, files: dict) -> Project:
    for path, content in {ARTICLE_PATH: ARTICLE, CITY_PATH: CITY, **files}.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            target.symlink_to(content.target.replace("{root}", str(root)))
        elif content == FOLDER:
            target.mkdir()
        else:
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return Project(root)


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(tmp_path, case):
    project = write_corpus(tmp_path, case.files)
    _corpus, problems = check_sources(project)  # how long it takes: make bench (benchmarks/hostile.py)
    printed = [str(problem) for problem in problems]
    if case.outcome in ("error", "warning"):
        assert case.expected in printed
        assert case.outcome == "error" or [p for p in printed if ": error:" in p] == []
    else:
        assert [p for p in printed if ": error:" in p] == []
        page = dict(render_pages(load_briefing(project), case.lang))[case.page]
        assert unicodedata.is_normalized("NFC", page)
        body, meta = get_data(page)  # as MkDocs reads it: the front matter apart, its values written into attributes
        assert all("<" not in str(value) and '"' not in str(value) for value in meta.values()), meta
        found = inspect(markdown.markdown(body, extensions=EXTENSIONS))
        # Shown as text, in the typography of its language (the hostile quotes typeset as “…”).
        assert typeset(case.expected, case.lang) in typeset(" ".join("".join(found.text).split()), case.lang)
        assert found.live == []


def test_a_hostile_but_valid_corpus_never_becomes_live_on_any_page(built, tmp_path):
    """Every injection case at once, built into the three sites: parse every HTML page."""
    project = copy_project(tmp_path)
    hostile = [case for case in CASES if case.outcome == "page" and case.page == "cities/ha-noi.md"]
    city = project.sources / "cities" / "ha-noi.yml"
    text = city.read_text(encoding="utf-8")
    payload = " ".join(case.expected for case in hostile)
    name = " ".join(case.expected for case in hostile if case.name in ("title-breakout", "quotes-in-a-name", "iframe"))
    text = text.replace("  en: Hanoi\n", f"  en: {json.dumps('Hanoi ' + name, ensure_ascii=False)}\n")
    aliases = ", ".join(json.dumps(case.expected, ensure_ascii=False) for case in hostile)
    city.write_text(text, encoding="utf-8")
    add_alias(city, aliases)
    claim = project.sources / "articles" / "vna-2018-hanoi-smart-city-roadmap.md"
    claim.write_text(claim.read_text(encoding="utf-8").replace(
        "en: Hanoi completed a population database covering more than 7.5 million people.",
        f"en: {json.dumps(payload, ensure_ascii=False)}"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--project", str(project.root),
                             "--site-url", PUBLISHED_AT, "build"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pages = 0
    for page in project.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        clean = built.site / page.relative_to(project.site)
        # The theme's own <script>, <meta> and <form> elements are those of the clean build, no more.
        assert sorted(inspect(html).live) == sorted(inspect(clean.read_text(encoding="utf-8")).live), page
        title = html[html.index("<title>"):html.index("</title>")]
        assert "<" not in title[len("<title>"):], "a name from the sources must not end the <title> early"
        assert "<script>alert" not in html and "<iframe" not in html
        pages += 1
    assert pages > 100
    vi_page = (project.site / "vi" / "cities" / "ha-noi" / "index.html").read_text(encoding="utf-8")
    assert "&lt;iframe" in vi_page  # shown as text
    svg = (project.site / "en" / "assets" / "timeline.svg").read_text(encoding="utf-8")
    assert "<script" not in svg
    # Material's search shows the titles and texts of its index as HTML, and finds pages by their names: all inert.
    for lang in ("en", "vi", "fr"):
        index = json.loads((project.site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            for shown in (doc["title"], doc["text"], doc.get("names", "")):
                markup = inspect(shown)
                assert markup.live == [] and "<img" not in shown and "<iframe" not in shown, (lang, doc["location"])
        assert any("&lt;iframe" in doc.get("names", "") for doc in index["docs"])  # found by it, as text


def test_characters_beyond_the_basic_plane_reach_the_front_matter_intact(tmp_path):
    """Chữ Nôm and emoji are written as they are: MkDocs' YAML refuses JSON's surrogate escapes."""

    name = "Hà Nội 𡨸喃 🏙"
    project = write_corpus(tmp_path, {CITY_PATH: CITY.replace("vi: Hà Nội", f"vi: {name}")})
    page = dict(render_pages(load_briefing(project), "vi"))["cities/ha-noi.md"]
    _body, meta = get_data(page)
    assert name in meta["tags"] and f"# {name}" in page


def test_an_entity_named_like_a_section_of_the_pdf_does_not_take_its_anchor(tmp_path):
    from generator.build import build_date
    from generator.pdf import render_pdf_html

    files = {f"sources/cities/{ident}.yml": f"id: {ident}\nname: {{en: {ident}}}\ndivision: city\n"
                                            "summary: {en: A city.}\n" for ident in ("timeline", "sources")}
    files[ARTICLE_PATH] = ARTICLE.replace("about: [ha-noi]", "about: [ha-noi, timeline, sources]\n    key: true")
    briefing = load_briefing(write_corpus(tmp_path, files))
    html = render_pdf_html(briefing, "en", site_url="https://example.org/", build_revision="test",
                           created=build_date(briefing))
    for section in ("timeline", "sources"):  # the key claim's cities are profiled in the PDF
        assert html.count(f'id="{section}"') == 1 and f'id="city-{section}"' in html
        assert f'href="#{section}"' in html  # the contents' link, to the section


def test_related_lists_do_not_grow_with_the_square_of_the_entities(tmp_path):
    """Entities all named together: each page lists the MAX_RELATED that share the most claims."""
    from generator.link import MAX_RELATED

    count = MAX_RELATED + 30
    files = {f"sources/cities/c{n}.yml": CITY.replace("id: ha-noi", f"id: c{n}").replace("en: Hanoi", f"en: City {n}")
             for n in range(count)}
    draw = random.Random(0)
    claims = "".join(f"  - {{id: q{n}, about: [{', '.join(f'c{k}' for k in draw.sample(range(count), 20))}], "
                     "quote: urbanisation rate, text: {en: A claim.}}\n" for n in range(200))
    files[ARTICLE_PATH] = ARTICLE.replace("claims:\n", "claims:\n" + claims)
    briefing = load_briefing(write_corpus(tmp_path, files))
    assert max(len(related) for related in briefing.related.values()) == MAX_RELATED
    page = dict(render_pages(briefing, "en"))["cities/c0.md"]
    assert page.count("](../cities/c") <= MAX_RELATED + 20 * 200
    assert f"{briefing.related_not_listed['c0']} other entities, named in fewer claims with this one" in page


def test_a_timeline_from_year_1_to_9999_has_a_few_ticks(tmp_path):
    from generator.render import render_timeline

    plan = ("id: plan\nname: {en: Plan}\nsummary: {en: A plan.}\ntype: plan\nstart: '0001'\nend: 9999-12-31\n")
    files = {"sources/programmes/plan.yml": plan,
             ARTICLE_PATH: ARTICLE.replace("about: [ha-noi]", "about: [ha-noi, plan]")}
    svg = render_timeline(load_briefing(write_corpus(tmp_path, files)), "en")
    assert svg.count("<text") < 60 and len(svg) < 50_000


def test_an_article_address_is_placed_as_it_is(tmp_path):
    url = "https://vietnamnews.vn/a_b-c_d.html?a=1&b=2#x[1](javascript:alert(1))*y*!"
    project = write_corpus(tmp_path, {ARTICLE_PATH: ARTICLE.replace("publisher: Test Agency",
                                                                    f"publisher: Test Agency\nurl: '{url}'")})
    html = markdown.markdown(dict(render_pages(load_briefing(project), "en"))["sources/test-article.md"],
                             extensions=EXTENSIONS)
    links = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            links.extend(value for name, value in attrs if tag == "a" and name == "href")

    Links(convert_charrefs=True).feed(html)
    assert url in links and f">{url}</a>".replace("&", "&amp;") in html


def test_a_read_only_site_is_replaced_build_after_build(built, tmp_path):
    project = copy_built(built, tmp_path)
    subprocess.run(["chmod", "-R", "a-w", str(project.site)], check=True)
    city = project.sources / "cities" / "can-tho.yml"
    for alias in ("Cantho", "Can-Tho"):
        add_alias(city, alias)
        result = subprocess.run([sys.executable, "-m", "generator", "--project", str(project.root), "build"],
                                cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert alias in (project.site / "en" / "cities" / "can-tho" / "index.html").read_text(encoding="utf-8")
    assert not (project.build / "site.new").exists() and not (project.build / "site.old").exists()


def test_a_full_disk_fails_the_build_with_a_message_and_leaves_nothing_behind(built, tmp_path, monkeypatch, capsys):
    import errno

    from generator import __main__ as command_line
    from generator import build as build_module

    project = copy_built(built, tmp_path)
    before = digest(project.site)
    city = project.sources / "cities" / "can-tho.yml"
    add_alias(city, "Cantho")
    write_tree = build_module.write_tree

    def full_disk(files, root, *args, **kwargs):
        if root.name == "site.new":
            (root / "en").mkdir(parents=True, exist_ok=True)
            (root / "en" / "partial.html").write_text("half")
            raise OSError(errno.ENOSPC, "No space left on device", str(root / "en" / "index.html"))
        return write_tree(files, root, *args, **kwargs)

    monkeypatch.setattr(build_module, "write_tree", full_disk)
    assert command_line.main(["--project", str(project.root), "build"]) == 1
    printed = capsys.readouterr().err
    assert "the build could not write" in printed and "No space left on device" in printed
    assert "Traceback" not in printed and "site/ was left as it was." in printed
    assert digest(project.site) == before
    assert not (project.build / "site.new").exists() and not (project.build / "staging").exists()


TEXT_FIELDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=TEXT_FIELDS, summary=TEXT_FIELDS, claim=TEXT_FIELDS, alias=TEXT_FIELDS,
       lang=st.sampled_from(("en", "vi", "fr")))
def test_any_text_in_any_field_is_refused_or_shown_as_text(tmp_path_factory, name, summary, claim, alias, lang):
    root = tmp_path_factory.mktemp("prop")
    city = (CITY.replace("  en: Hanoi", f"  en: {json.dumps(name)}")
            .replace("  en: The capital.", f"  en: {json.dumps(summary)}") + f"aliases: [{json.dumps(alias)}]\n")
    article = ARTICLE.replace("      en: The urbanisation rate was 42.7%.", f"      en: {json.dumps(claim)}")
    project = write_corpus(root, {CITY_PATH: city, ARTICLE_PATH: article})
    _corpus, problems = check_sources(project)  # never raises
    if any(problem.is_error for problem in problems):
        return  # refused, with a message
    pages = dict(render_pages(load_briefing(project), lang))
    for path in ("cities/ha-noi.md", "sources/test-article.md", "index.md"):
        assert inspect(markdown.markdown(pages[path], extensions=EXTENSIONS)).live == []


def test_nothing_is_written_outside_the_output_folder(tmp_path):
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_tree({"../escaped.md": "x"}, tmp_path / "out")
    with pytest.raises(ValueError, match="refusing to write outside"):
        write_tree({"/etc/escaped.md": "x"}, tmp_path / "out")
    assert not (tmp_path / "escaped.md").exists()


@pytest.mark.parametrize("atomic", [True, False])
def test_a_link_at_the_place_of_a_page_is_replaced_not_written_through(tmp_path, atomic):
    # A staging folder (atomic=False) is a copy made of hard links to the live files; a
    # symbolic link, dangling or not, could lead outside the folder.
    live, outside, out = tmp_path / "live.md", tmp_path / "outside.md", tmp_path / "out"
    live.write_text("live page")
    out.mkdir()
    os.link(live, out / "hard.md")
    (out / "symbolic.md").symlink_to(outside)
    (out / ".new.md.tmp").symlink_to(outside)  # a leftover temporary name, planted
    report = write_tree({"hard.md": "new", "symbolic.md": "new", "new.md": "new"}, out, atomic=atomic)
    assert sorted(report.written) == ["hard.md", "new.md", "symbolic.md"]
    assert live.read_text() == "live page" and not outside.exists()
    assert all(not (out / name).is_symlink() and (out / name).read_text() == "new"
               for name in ("hard.md", "symbolic.md", "new.md"))


def copy_built(built: Project, destination: Path) -> Project:
    """A copy of the project with what its last build left (build/ and site/), to build again."""
    project = copy_project(destination)
    for output in ("build", "site"):
        subprocess.run(["cp", "-a", str(built.root / output), str(project.root / output)], check=True)
    return project


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return sha.hexdigest()


def test_an_interrupted_build_leaves_the_previous_site(built, tmp_path):
    project = copy_built(built, tmp_path)
    before_site = digest(project.site)
    claim = project.sources / "cities" / "can-tho.yml"
    add_alias(claim, "Cantho")
    # Killed while reading, rendering and laying out the PDFs, while MkDocs builds and while the
    # new site/ is prepared: each step after the first is recognised by the folder it starts
    # writing, not by a delay that a faster build outruns.
    for step in (None, project.build / "staging", project.build / "site.new"):
        run = subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project.root), "build"],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
        if step is None:
            time.sleep(0.5)
        else:
            while not step.exists():
                assert run.poll() is None, f"the build ended before it wrote {step}"
                time.sleep(0.02)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        assert digest(project.site) == before_site, step
    finished = subprocess.run([sys.executable, "-m", "generator", "--project", str(project.root), "build"],
                              cwd=REPO, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert "Cantho" in (project.site / "en" / "cities" / "can-tho" / "index.html").read_text(encoding="utf-8")


def test_two_builds_at_once_do_not_corrupt_each_other(built, tmp_path):
    """Two builds of one checkout for two addresses: neither is a no-op (their inputs differ), and
    the site they leave is entirely one build's, the same files as a build by itself."""
    project = copy_built(built, tmp_path)
    addresses = ("https://one.example/briefing/", "https://two.example/")
    runs = [subprocess.Popen([sys.executable, "-m", "generator", "--project", str(project.root), "--site-url", url,
                              "build"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for url in addresses]
    for run in runs:
        out, err = run.communicate()
        assert run.returncode == 0, err
        assert not re.search(r"(?<!\d)0 files written or removed", out), out  # each built, none skipped
    files = sorted(path.relative_to(project.site).as_posix() for path in project.site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(built.site).as_posix() for path in built.site.rglob("*") if path.is_file())
    sitemaps = [(project.site / lang / "sitemap.xml").read_text(encoding="utf-8") for lang in ("en", "vi", "fr")]
    used = {url for url in addresses if all(url in sitemap for sitemap in sitemaps)}
    assert len(used) == 1 and not any(other in sitemap for other in set(addresses) - used for sitemap in sitemaps)


def test_a_name_longer_than_the_timeline_is_cut_with_an_ellipsis_inside_the_drawing(tmp_path):
    from generator.render import render_timeline
    from generator.timeline import LABEL_CHAR_WIDTH, MARGIN, WIDTH

    name = "A programme " + "with a very long name " * 8  # within the 200 characters a name may have
    plan = f"id: plan\nname: {{en: {name.strip()}}}\nsummary: {{en: A plan.}}\ntype: plan\nstart: '2020'\nend: '2021'\n"
    files = {"sources/programmes/plan.yml": plan,
             ARTICLE_PATH: ARTICLE.replace("about: [ha-noi]", "about: [ha-noi, plan]")}
    svg = render_timeline(load_briefing(write_corpus(tmp_path, files)), "en")
    label = re.search(r'<text x="([\d.]+)" y="\d+" text-anchor="(\w+)" fill="#222">(A programme[^<]*)</text>', svg)
    assert label and label[3].endswith("…")
    x, width = float(label[1]), len(label[3]) * LABEL_CHAR_WIDTH
    left, right = (x, x + width) if label[2] == "start" else (x - width, x)
    assert MARGIN <= left + 1 and right <= WIDTH - MARGIN + 1, (left, right)

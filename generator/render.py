"""Render the linked briefing into Markdown pages, one set per language.

Presentation lives in the Jinja2 templates under ``generator/templates/``; the words of
those templates come from gettext catalogs (``templates/locale``). Any text that comes
from an annotation is escaped for Markdown and HTML on output (the environment's
``finalize``), so it reaches the page as text, never as markup or script.

Pages link to each other with plain relative Markdown links (``../cities/ha-noi.md``),
which MkDocs and Zensical both resolve and check.
"""

from __future__ import annotations

import functools
import io
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from . import formatting, kinds, model, opendata, paging, status, timeline
from .kinds import page_path
from .link import Briefing

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCALE_DIR = TEMPLATES / "locale"
DOMAIN = "messages"
# Markdown's punctuation gets a backslash and HTML's special characters become entities. The
# order keeps it one substitution per original character: the backslash first (the others add
# backslashes), the ampersand before the entities that hold one, and the entities (&#39; holds
# a '#') after the Markdown punctuation.
_MARKDOWN_ESCAPES = (
    *((char, "\\" + char) for char in "\\`*_{}[]()#+-.!|"),
    *((char, str(escape(char))) for char in "&<>\"'"),
)


def markdown_text(value) -> Markup:
    """Make any value safe to place in Markdown as literal text (the Markdown environment's finalize)."""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if value is None:
        return Markup("")
    return _escaped(str(value))


# Most texts placed on a page were placed before (names, separators, a claim cited on several
# pages). Bounded: the live preview lives for hours.
@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    for char, replacement in _MARKDOWN_ESCAPES:
        if char in text:
            text = text.replace(char, replacement)
    return Markup(text)


def markdown_link(text, url: str) -> Markup:
    return Markup(f"[{markdown_text(text)}]({escape(url)})")


# Python-Markdown looks for links, code and emphasis inside raw HTML's attributes too: in an
# attribute, these are written as character references, which the browser reads back as they are.
_MARKDOWN_IN_ATTRIBUTES = str.maketrans({char: f"&#{ord(char)};" for char in "`*_[]()\\!{}"})


def attribute(value: str) -> Markup:
    """A value (an article's URL) placed in an HTML attribute of a page, unchanged for the browser."""
    return Markup(str(escape(value)).translate(_MARKDOWN_IN_ATTRIBUTES))


def html_link(text, url: str) -> Markup:
    return Markup(f'<a href="{escape(url)}">{escape(text)}</a>')


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug(value: str) -> Markup:
    """An id or anchor placed in a URL or an attribute; ids are checked by the reader."""
    if not _SLUG.fullmatch(value):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)


@functools.cache
def load_translations(lang: str) -> NullTranslations:
    """The language's .po catalog, compiled in memory (no .mo file to go stale)."""
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext_callables(translations: NullTranslations, escape_value: Callable) -> dict[str, Callable]:
    """``_``, ``gettext`` and ``ngettext`` as Jinja's newstyle gettext defines them: the message
    marked safe, then %-formatted with its variables, each escaped as the output is (for
    Markdown, or for HTML)."""

    def gettext(message: str, /, **variables) -> Markup:
        return Markup(translations.gettext(message)) % {name: escape_value(value) for name, value in variables.items()}

    def ngettext(singular: str, plural: str, num: int, /, **variables) -> Markup:
        variables.setdefault("num", num)
        return Markup(translations.ngettext(singular, plural, num)) % {
            name: escape_value(value) for name, value in variables.items()}

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once, for every environment of the same settings (one per language,
    output and depth of page folder), into ``store`` ({key: Python bytecode}): this process's
    own, or one a caller keeps between runs (build.py gives the build cache's)."""

    def __init__(self, store: dict[str, bytes], output: str) -> None:
        self.store, self.output = store, output  # the two outputs compile a template differently

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return f"{self.output} {super().get_cache_key(name, filename)}"


_COMPILED_IN_THIS_PROCESS: dict[str, bytes] = {}


class Fragments:
    """The macros of a template, each rendered once per argument and then reused.

    A claim, a name or a citation appears on many pages (its source, every entity it is
    about, the indexes). Macros depend only on their arguments and the environment's
    globals, so a fragment is the same wherever it is placed. Objects are known by their
    id (they are kept with the result, so that their ids cannot be reused by other
    objects); texts, made anew on every page (a translated label, a date), by their value.
    """

    def __init__(self, env: jinja2.Environment, template: str) -> None:
        self._env, self._template = env, template

    @functools.cached_property
    def _module(self):
        # Made on first use, once the environment's globals hold the fragments themselves, so
        # that a macro can call another through them.
        return self._env.get_template(self._template).module

    def __getattr__(self, name: str):
        value = getattr(self._module, name)
        if not isinstance(value, jinja2.runtime.Macro):
            setattr(self, name, value)  # a constant of the module (m.STATUS)
            return value
        rendered: dict = {}

        def fragment(*args, caller=None):
            if caller is not None:  # {% call %}: the body is the caller's, made anew each time
                return value(*args, caller=caller)
            key = tuple((arg.__class__, arg) if isinstance(arg, str) else id(arg) for arg in args)
            kept = rendered.get(key)
            if kept is None:
                rendered[key] = kept = (args, value(*args))
            return kept[1]

        setattr(self, name, fragment)
        return fragment


def make_environment(lang: str, briefing: Briefing, output: str = "markdown", depth: int = 0,
                     citation_numbers: dict[str, int] | None = None,
                     compiled: dict[str, bytes] = _COMPILED_IN_THIS_PROCESS) -> jinja2.Environment:
    """A Jinja2 environment for one language, writing Markdown pages or an HTML document.

    In Markdown, every value is escaped for Markdown and HTML, and links are relative to pages
    ``depth`` folders below the docs root (0 for index.md, 1 for cities/ha-noi.md); in HTML
    (the PDF), values are escaped for HTML and links point to anchors of the one document.
    The templates' bytecode is kept in ``compiled`` (see CompiledTemplates).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=markdown_text if output == "markdown" else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # an environment lives for one run
        bytecode_cache=CompiledTemplates(compiled, output),
    )
    # Characters beyond the Basic Multilingual Plane (an emoji, Chữ Nôm) are written as they are:
    # JSON's surrogate-pair escapes are refused by the YAML loader of MkDocs' front matter.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.globals.update(gettext_callables(load_translations(lang), markdown_text if output == "markdown" else escape))
    up = "../" * depth

    def page_href(target, fragment: str = "") -> Markup:
        """A relative link to another page (or file) of the docs folder; ids are validated slugs."""
        path = target if isinstance(target, str) else page_path(target)
        return Markup(up + path + (f"#{slug(fragment)}" if fragment else ""))

    def document_href(target, fragment: str = "") -> Markup:
        """In the one-document PDF, every entity and source is a section anchored by its kind and
        id (an entity whose id is "timeline" does not take the timeline's anchor)."""
        return Markup(f"#{target.kind}-{slug(target.id)}")

    def other_spellings(item, for_search: bool = False) -> list[str]:
        """The spellings a page shows beside the name: the aliases the sources use and the names
        in the other languages. ``for_search``: also the search terms and every name's form
        without diacritics, so that the site's search finds "Đà Nẵng" as "da nang"."""
        shown = item.name.best(lang)[0]
        names = [text for _lang, text in item.name.translations]
        candidates = [*item.aliases, *names]
        if for_search:
            candidates += [*item.search_terms, *(formatting.ascii_fold(name) for name in (*names, *item.aliases))]
        else:  # shown as the page shows its name: "Việt - Pháp" is not another spelling of "Việt – Pháp"
            candidates = [formatting.typeset(candidate, lang) for candidate in candidates]
            shown = formatting.typeset(shown, lang)
        seen, spellings = {shown.casefold()}, []
        for candidate in candidates:
            if candidate.casefold() not in seen:
                seen.add(candidate.casefold())
                spellings.append(candidate)
        return spellings

    order = NameOrder(briefing.entities, lang)
    env.globals.update(
        LANG=lang, LANGUAGES=model.LANGUAGES, KINDS=kinds.KINDS, KIND=kinds.BY_NAME, TITLES=kinds.TITLES,
        PAGE_FOLDERS=kinds.PAGE_FOLDERS, briefing=briefing, HOME_ENTRIES=paging.HOME_ENTRIES,
        href=page_href if output == "markdown" else document_href,
        a=markdown_link if output == "markdown" else html_link,
        citation_numbers=citation_numbers, by_name=order.by_name, by_kind=order.by_kind,
        other_spellings=other_spellings, entity=briefing.entities.get, source=briefing.sources.get,
        language_name=lambda code: formatting.language_name(code, lang),
    )
    env.filters.update(
        date=lambda value: formatting.format_partial_date(value, lang),
        date_year=lambda value: formatting.format_partial_date(model.PartialDate(value.year), lang),
        date_range=lambda start, end: formatting.format_date_range(start, end, lang),
        entity=briefing.entities.__getitem__,
        md=markdown_text,
        capital=formatting.capitalised,
        # quoted: the text stands in a <q>, whose marks are those of the page's language
        typeset=lambda value, text_lang=lang, quoted=False: formatting.typeset(str(value), text_lang,
                                                                              lang if quoted else ""),
        attribute=attribute if output == "markdown" else escape,
        slug=slug,
        number=lambda value: formatting.format_number(value, lang),
        percentage=lambda value: formatting.format_percentage(value, lang),
    )
    # Shared by every page of the environment: `m` (names, texts, citations) and, on the site,
    # `b` (Markdown blocks).
    env.globals["m"] = Fragments(env, "_inline.j2")
    if output == "markdown":
        env.globals["b"] = Fragments(env, "pages/_blocks.md.j2")
    return env


class NameOrder:
    """Entities in the alphabetical order of their names in one language, diacritics ignored.
    Each entity's sort key is made once, on first use."""

    def __init__(self, entities: Mapping[str, model.Entity], lang: str) -> None:
        self._entities, self._lang = entities, lang

    @functools.cached_property
    def _keys(self) -> dict[str, tuple]:
        """{id: (rank of its kind in the registry, sort key of its name, id)}"""
        rank = {kind: number for number, kind in enumerate(kinds.ENTITY_KINDS)}
        return {ident: (rank[entity.kind], formatting.sort_key(entity.name.best(self._lang)[0]), ident)
                for ident, entity in self._entities.items()}

    def by_name(self, items) -> list:
        keys = self._keys
        return sorted(items, key=lambda item: keys[item.id][1:])

    def by_kind(self, ids) -> list[tuple[str, list]]:
        """The entities ``ids`` as [(kind, entities by name)], kinds in the registry's order."""
        entities = map(self._entities.__getitem__, sorted(ids, key=self._keys.__getitem__))
        return [(kind, list(group)) for kind, group in itertools.groupby(entities, key=operator.attrgetter("kind"))]


def index_entries(briefing: Briefing, kind: str, by_name: Callable) -> list:
    """The entries of a kind's index in reading order: sources and events latest first, others
    ``by_name`` (the language's NameOrder.by_name)."""
    if kind == "source":
        return list(briefing.sources_by_date)
    if kind == "event":
        return list(briefing.events_latest_first)
    return by_name(briefing.of_kind(kind))


def index_group(kind: str, lang: str) -> Callable:
    """How a long index is grouped: sources and events by year, names by their first letter."""
    if kind == "source":
        return lambda source: paging.by_year(source.published)
    if kind == "event":
        return lambda event: paging.by_year(event.start)
    return lambda item: paging.by_initial(item.name.best(lang)[0])


def _timeline(briefing: Briefing, lang: str) -> tuple[timeline.TimelineLayout | None, dict[str, str]]:
    """The timeline's layout (None if nothing is dated) and its labels in ``lang``."""
    inferred = load_translations(lang).gettext("date inferred")
    labels = {item.id: formatting.typeset(*item.name.best(lang))
              + (f" ({inferred})" if getattr(item, "date_inferred", False) else "")
              for item in briefing.entities.values()}
    return timeline.layout(briefing, {ident: len(label) for ident, label in labels.items()}), labels


def render_timeline(briefing: Briefing, lang: str) -> str:
    """The timeline as an SVG drawing, labelled in ``lang`` (site home page and PDF); "" if empty."""
    drawing, labels = _timeline(briefing, lang)
    if drawing is None:
        return ""
    return make_environment(lang, briefing, "html").get_template("timeline.svg.j2").render(
        timeline=drawing, labels=labels)


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes and what renders it; and, so that a page need not be
    rendered again while none of its files changed, which files of sources/ it shows
    (``shows``, relative paths; None for a page made from all of them) and, for a page of a
    list, which entries it holds (``holds``)."""

    path: str
    template: str
    context: dict = field(default_factory=dict)
    shows: frozenset[str] | None = None
    holds: str = ""


class Pages:
    """The generated pages of one language: ``all()`` says what they are, ``render`` makes one."""

    def __init__(self, briefing: Briefing, lang: str, compiled: dict[str, bytes] = _COMPILED_IN_THIS_PROCESS) -> None:
        self.briefing, self.lang, self.compiled = briefing, lang, compiled
        self._environments: dict[int, jinja2.Environment] = {}  # by depth of folder

    def render(self, page: Page) -> str:
        if page.template == "timeline.svg.j2":
            return render_timeline(self.briefing, self.lang)
        if page.path == opendata.FIGURES_CSV:
            return opendata.figures_csv(self.briefing, self.lang)
        if page.path == opendata.CLAIMS_JSON:
            return opendata.claims_json(self.briefing, self.lang)
        if page.path == opendata.FEED:
            return render_file("feed.xml.j2", self.lang, self.briefing,
                               **opendata.feed_context(self.briefing, self.lang))
        depth = page.path.count("/")
        if depth not in self._environments:
            self._environments[depth] = make_environment(self.lang, self.briefing, depth=depth,
                                                         compiled=self.compiled)
        return self._environments[depth].get_template(page.template).render(**page.context)

    def all(self) -> list[Page]:
        briefing, lang = self.briefing, self.lang
        files_of = briefing.files_behind
        pages: list[Page] = []

        def files_of_rows(entries: Sequence) -> frozenset[str]:
            return frozenset().union(*map(self._files_of_row, entries))

        def listing(path: str, template: str, entries, group_of, folder: str,
                    shows: Callable[[Sequence], frozenset[str] | None], whole_shows_all: bool = False,
                    **context) -> None:
            """A page with a list, split into pages of its own under ``folder`` when it is long (see
            paging); ``shows`` gives the files that a page of some of the entries shows, and
            ``whole_shows_all`` says that the page that holds the list shows more (a summary of everything)."""
            parts = paging.split(entries, group_of, folder)
            whole = None if whole_shows_all else shows(()) if parts else shows(entries)
            pages.append(Page(path, template, {"entries": entries, "parts": parts, **context}, whole,
                              _holds(parts or entries)))
            pages.extend(Page(part.path, template, {"entries": part.entries, "part": part, "whole": path, **context},
                              shows(part.entries), _holds(part.entries, part)) for part in parts)

        drawing, _labels = _timeline(briefing, lang)
        if drawing is not None:
            pages.append(Page("assets/timeline.svg", "timeline.svg.j2"))
        by_name = NameOrder(briefing.entities, lang).by_name
        for kind in (*kinds.ENTITY_KINDS, "source"):
            folder = kinds.PAGE_FOLDERS[kind]
            listing(f"{folder}/index.md", "pages/index.md.j2", index_entries(briefing, kind, by_name),
                    index_group(kind, lang), f"{folder}/{'by-year' if kind in ('source', 'event') else 'by-letter'}",
                    files_of_rows, kind=kind)
        for entity in briefing.entities.values():
            listing(page_path(entity), f"pages/{entity.kind}.md.j2", briefing.claims_about.get(entity.id, ()),
                    lambda claim: paging.by_year(briefing.sources[claim.source].published),
                    page_path(entity).removesuffix(".md"), functools.partial(_same, files_of(entity)), item=entity)
        pages.extend(Page(page_path(source), "pages/source.md.j2", {"item": source}, files_of(source))
                     for source in briefing.sources.values())
        timeline_items = briefing.timeline_items
        pages.append(Page("index.md", "pages/home.md.j2", {
            "has_timeline": drawing is not None, "timeline_total": len(timeline_items),
            "timeline_shown": min(len(timeline_items), timeline.MAX_ROWS)}))
        listing("timeline.md", "pages/timeline.md.j2", timeline_items,
                lambda item: paging.by_year(item.start or item.end), "timeline", files_of_rows)
        listing("figures.md", "pages/figures.md.j2", briefing.figures,
                lambda claim: paging.by_year(claim.figure.as_of), "figures", files_of_rows)
        pages.append(Page("glossary.md", "pages/glossary.md.j2"))
        pages.extend(Page(path, "") for path in (opendata.FIGURES_CSV, opendata.CLAIMS_JSON))  # made by opendata.py
        pages.append(Page(opendata.FEED, "feed.xml.j2"))
        listing("translation-status.md", "pages/translation-status.md.j2", status.needing_work(briefing.texts, lang),
                lambda row: row.status, "translation-status", files_of_rows, whole_shows_all=True,
                counts=briefing.translation_counts)
        return pages

    def _files_of_row(self, entry) -> frozenset[str]:
        """The files a row of a list shows (see Briefing.files_behind_row); a text to translate, its file's."""
        if isinstance(entry, status.TextStatus):
            return frozenset({entry.text.where.path})
        return self.briefing.files_behind_row(entry)


def render_pages(briefing: Briefing, lang: str) -> Iterator[tuple[str, str]]:
    """Every generated page of one language, as (path under docs, Markdown), one at a time."""
    pages = Pages(briefing, lang)
    for page in pages.all():
        yield page.path, pages.render(page)


def _same(files: frozenset[str], _entries: Sequence) -> frozenset[str]:
    """The files of an entity's page, whichever of its claims a page of it holds."""
    return files


def _holds(entries: Sequence, part: paging.Part | None = None) -> str:
    """What a page of a list holds, in order: its place among the pages of the list, and its
    entries (entities and sources by id, claims by source and id, texts to translate by place and
    state, the pages of a split list by path and size)."""
    keys = [f"{entry.path} {len(entry.entries)}" if isinstance(entry, paging.Part) else
            f"{entry.source}#{entry.id}" if isinstance(entry, model.Claim) else
            f"{entry.location} {entry.text.name} {entry.status}" if isinstance(entry, status.TextStatus) else entry.id
            for entry in entries]
    place = f"{part.group} {part.number}/{part.of}" if part else ""
    return place + "\0" + "\0".join(keys)


def render_file(template: str, lang: str, briefing: Briefing, citation_numbers: dict[str, int] | None = None,
                **context) -> str:
    """Render an HTML or configuration template (the PDF document, a per-language MkDocs config)."""
    env = make_environment(lang, briefing, "html", citation_numbers=citation_numbers)
    return env.get_template(template).render(**context)

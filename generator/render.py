"""Render the linked briefing into Markdown pages, one set per language.

Presentation lives in the Jinja2 templates under ``templates/``; the words of
those templates come from gettext catalogs (``templates/locale``). Any text
that comes from an annotation is escaped for Markdown and HTML on output, so
it reaches the page as text, never as markup or script.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import keyword
import operator
import re
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

import jinja2
import jinja2.compiler
import jinja2.idtracking
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from . import formatting, model, paging, status, timeline
from .link import Briefing

TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCALE_DIR = TEMPLATES / "locale"
DOMAIN = "messages"
# Markdown's punctuation gets a backslash and HTML's special characters become entities. One
# str.replace per character present (each a pass in C) is ten times faster on a paragraph than a
# str.translate with a mapping (a lookup per character), and every annotation text on every page
# goes through it. The order keeps it one substitution per original character: the backslash
# first (the others add backslashes), the ampersand before the entities that hold one, and the
# entities (&#39; holds a '#') after the Markdown punctuation.
_MARKDOWN_ESCAPES = (
    *((char, "\\" + char) for char in "\\`*_{}[]()#+-.!|"),
    *((char, str(escape(char))) for char in "&<>\"'"),
)


def markdown_text(value) -> Markup:
    """Make any value safe to place in Markdown as literal text."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return _escaped(value)
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    if value is None:
        return Markup("")
    return _escaped(str(value))


# Most texts placed on a page were placed before: the separators of lists (", "), language
# codes, names, a claim cited on several pages. (Bounded: the live preview lives for hours.)
@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    for char, replacement in _MARKDOWN_ESCAPES:
        if char in text:
            text = text.replace(char, replacement)
    return Markup(text)


def markdown_link(text, url: Markup) -> Markup:
    return Markup(f"[{markdown_text(text)}]({escape(url)})")


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@functools.lru_cache(maxsize=1 << 12)  # anchors repeat from article to article ("claim-1")
def slug(value: str) -> Markup:
    """An id or anchor placed in a URL or an attribute; ids are checked by the reader."""
    if not _SLUG.fullmatch(value):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)


def load_translations(lang: str) -> NullTranslations:
    """Compile the language's .po catalog in memory (no .mo file to go stale)."""
    po_path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def page_path(item) -> str:
    """Where an entity's or a source's page lives, the same in every language."""
    return f"{model.KIND_FOLDERS[item.kind]}/{item.id}.md"


def unit_name(item) -> str:
    """The name of an entity's or a source's unit: its page's path without .md ("cities/ha-noi")."""
    return page_path(item).removesuffix(".md")


def unit_of(path: str) -> str | None:
    """The entity or source whose pages ``path`` is one of ("cities/ha-noi" for cities/ha-noi.md
    and the pages of its claims, cities/ha-noi/2019.md); None for the pages made from everything
    (home, indexes and their pages, timeline, figures, glossary, translation status)."""
    folder, _, rest = path.partition("/")
    name = rest.split("/", 1)[0].removesuffix(".md")
    if folder not in _FOLDERS or not name or name in _NOT_UNITS:
        return None
    return f"{folder}/{name}"


_FOLDERS = frozenset(model.KIND_FOLDERS.values())
_NOT_UNITS = frozenset({"index", *paging.GROUP_FOLDERS})


@dataclass
class ListRecord:
    """What one language's list pages (kind indexes, figures, timeline) were made from, so that
    a list page whose entries come from files that did not change is not rendered again.

    A list page's digest covers, in order, each entry and the digest of the files its unit's
    pages show (``made_from``, from build.unit_digests: its own file, and those of the entities
    and sources it names, and the code); a row of a list shows no more than that. ``previous``
    holds the digests of the last run, ``written(path)`` says whether a page is still there.
    Rendering fills ``digests`` (this run's) and ``kept`` (the pages left as they were).
    """

    made_from: Mapping[str, str]
    previous: Mapping[str, str]
    written: Callable[[str], bool]
    digests: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)

    def unchanged(self, path: str, entries) -> bool:
        sha = hashlib.sha256(path.encode())
        for entry in entries:
            unit, within = _entry_unit(entry)
            sha.update(f"\0{unit}#{within}\0{self.made_from[unit]}".encode())
        self.digests[path] = digest = sha.hexdigest()
        if self.previous.get(path) == digest and self.written(path):
            self.kept.add(path)
            return True
        return False


def _entry_unit(entry) -> tuple[str, str]:
    """The unit (see unit_of) whose files an entry of a list comes from, and the entry within it."""
    if isinstance(entry, model.Claim):
        return f"{model.KIND_FOLDERS['source']}/{entry.source}", entry.anchor
    return unit_name(entry), ""


def html_link(text, url: Markup) -> Markup:
    return Markup(f'<a href="{escape(url)}">{escape(text)}</a>')


class Fragments:
    """The macros of a template, each rendered once per argument and then reused.

    A claim, a name or a citation appears on many pages (its source, every entity it is
    about, the indexes); calling the macro again each time was most of the generation
    time. Macros depend only on their arguments and the environment's globals, so a
    fragment is the same wherever it is placed. Objects are known by their id (they are
    kept with the result, so that their ids cannot be reused by other objects); texts,
    made anew on every page (a translated label, a formatted date), by their value.
    """

    def __init__(self, env: jinja2.Environment, template: str) -> None:
        self._env, self._template = env, template

    @functools.cached_property
    def _module(self):
        # Made on first use, once the environment's globals hold the fragments themselves, so
        # that a macro can call another through them (the module sees the globals of its time).
        return self._env.get_template(self._template).module

    def __getattr__(self, name: str):
        value = getattr(self._module, name)
        if not isinstance(value, jinja2.runtime.Macro):
            setattr(self, name, value)  # a constant of the module (m.KIND_TITLES), asked for on every page
            return value
        rendered: dict = {}
        render_macro = _direct_call(value)

        def fragment(*args):
            # (type, text): a Markup and a plain str of the same text render differently. Most
            # macros take one argument: its key is made without a generator.
            if len(args) == 1:
                arg = args[0]
                key = (arg.__class__, arg) if isinstance(arg, str) else id(arg)
            else:
                key = tuple((arg.__class__, arg) if isinstance(arg, str) else id(arg) for arg in args)
            kept = rendered.get(key)
            if kept is None:
                rendered[key] = kept = (args, render_macro(*args))
            return kept[1]

        setattr(self, name, fragment)
        return fragment


def _direct_call(macro: jinja2.runtime.Macro) -> Callable:
    """The macro, called the way Macro.__call__ ends when given all its arguments by position, as
    fragments are: its function, the result marked safe. (Macro.__call__ first sorts out keyword
    arguments, defaults, `caller` and extra arguments, a third of the cost of a short macro.)"""
    if (macro.catch_kwargs or macro.catch_varargs or macro.caller or not macro._default_autoescape
            or macro._environment.is_async):
        return macro
    function, count = macro._func, macro._argument_count

    def call(*args):
        return Markup(function(*args)) if len(args) == count else macro(*args)

    return call


def gettext_callables(translations: NullTranslations) -> dict:
    """``_``, ``gettext`` and ``ngettext`` as Jinja's newstyle gettext defines them (the message
    marked safe, then %-formatted with its escaped variables), without the three context-passing
    calls Jinja makes for each: templates call them on every label and heading, thousands of
    times per page kind. A message without variables is translated once. (Templates call
    these functions; Jinja's i18n extension and its {% trans %} block are not loaded.)"""

    @functools.cache
    def constant(message: str) -> Markup:
        return Markup(translations.gettext(message)) % {}

    def gettext(message: str, /, **variables) -> Markup:
        if not variables:
            return constant(message)
        return Markup(translations.gettext(message)) % variables

    def ngettext(singular: str, plural: str, num: int, /, **variables) -> Markup:
        variables.setdefault("num", num)
        return Markup(translations.ngettext(singular, plural, num)) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


class _Context(jinja2.runtime.Context):
    """Jinja's template context, with a shorter way to call what takes no context.

    Every call in a template goes through ``Context.call``, which probes the callable twice
    for Jinja's pass_context marks. The functions, methods, built-ins and macros our templates
    call carry none (a function or method that does is still called the long way), and they
    make a third of a page's work.
    """

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if _takes_no_context(__obj):
            if kwargs:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


def _takes_no_context(callable_) -> bool:
    """Whether a callable carries none of Jinja's pass_context marks: built-in functions and
    methods and macros cannot, functions and methods can."""
    kind = callable_.__class__
    return (kind in _NEVER_MARKED or kind is types.FunctionType and "jinja_pass_arg" not in callable_.__dict__
            or kind is types.MethodType and "jinja_pass_arg" not in callable_.__func__.__dict__)


# Callables that cannot carry a pass_context mark: built-in functions and methods, and macros.
_NEVER_MARKED = frozenset({types.BuiltinFunctionType, jinja2.runtime.Macro})


class _MarkdownCodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles the Markdown templates: each output is written ``finalize(value)`` instead of
    Jinja's ``escape(finalize(value))``, since the finalize, markdown_text, already returns the
    value escaped as Markup, which escape() would only copy again. (These two methods are the
    hooks Jinja 3.1 gives for what surrounds an output; the golden pages test the result.)

    A call to a fragment of the shared globals ``m`` and ``b`` (render.Fragments) is compiled
    as a plain call of a plain attribute, not through the context and Environment.getattr, and
    its output, already Markup, is not finalized: they are most of a page's calls and outputs.
    (A name that is not a fragment still fails, with Python's AttributeError.) So is a call of
    a global function that takes no context (``_``, ``href``, ``entity``): the context's call
    was a tenth of a page's work.

    ``a.b`` is Python's attribute access, not Environment.getattr, which tries the attribute
    and then the item (the templates of the pages read attributes of model objects, 1.8 million
    times per language at 10,000 articles; a mapping's items, and the blocks of ``self``, are
    read as ``a["b"]``), except in an ``is defined`` test."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        if not _is_fragment_call(node, frame):
            self.write(finalize.src)

    def _output_child_post(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_post(node, frame, finalize)
        if not _is_fragment_call(node, frame):
            self.write(")")

    def visit_Call(self, node, frame, forward_caller: bool = False) -> None:
        if forward_caller or not (_is_fragment_call(node, frame) or self._is_global_call(node, frame)):
            return super().visit_Call(node, frame, forward_caller=forward_caller)
        self.visit(node.node, frame)
        self.write("(")
        for position, argument in enumerate([*node.args, *node.kwargs]):
            self.write(", " if position else "")
            self.visit(argument, frame)
        self.write(")")

    # The operand of an `is defined` test (`item.name is defined`): looked up Jinja's way, since
    # an attribute that is not there is what the test is for.
    _tested_for_definition = None

    def visit_Test(self, node, frame) -> None:
        if node.name == "defined":
            self._tested_for_definition = node.node
        super().visit_Test(node, frame)

    def visit_Getattr(self, node, frame) -> None:
        if node is self._tested_for_definition or keyword.iskeyword(node.attr):
            return super().visit_Getattr(node, frame)
        self.write("(")
        self.visit(node.node, frame)
        self.write(f").{node.attr}")

    def _is_global_call(self, node, frame) -> bool:
        """Whether ``node`` calls, with plain arguments, a global of the environment (not a
        variable of the template) that takes no context."""
        if not (isinstance(node.node, jinja2.nodes.Name) and node.dyn_args is None and node.dyn_kwargs is None
                and not any(keyword.iskeyword(argument.key) for argument in node.kwargs)):
            return False
        name = node.node.name
        return (name in self.environment.globals and _takes_no_context(self.environment.globals[name])
                and _resolves_to_global(name, frame))


_SHARED_FRAGMENTS = frozenset({"m", "b"})


def _is_fragment_call(node, frame) -> bool:
    """Whether ``node`` calls a macro of ``m`` or ``b`` with plain positional arguments, those
    names being the environment's globals (not a variable of the template)."""
    return (isinstance(node, jinja2.nodes.Call) and isinstance(node.node, jinja2.nodes.Getattr)
            and isinstance(node.node.node, jinja2.nodes.Name) and node.node.node.name in _SHARED_FRAGMENTS
            and not node.kwargs and node.dyn_args is None and node.dyn_kwargs is None
            and _resolves_to_global(node.node.node.name, frame))


def _resolves_to_global(name: str, frame) -> bool:
    """Whether ``name`` is, where ``frame`` is, looked up in the context (the environment's
    globals and the variables a page is rendered with), not a variable set in the template."""
    ref = frame.symbols.find_ref(name)
    return ref is not None and frame.symbols.find_load(ref) == (jinja2.idtracking.VAR_LOAD_RESOLVE, name)


class _Template(jinja2.Template):
    """A template whose pages start from one dict of its globals. Jinja keeps them as a ChainMap
    over the environment's, and copies it into every page's context key by key in Python (a
    ChainMap's look-ups are Python code); our environments' globals are all set when it is
    made (make_environment), before any template is loaded."""

    @functools.cached_property
    def _flat_globals(self) -> dict:
        return dict(self.globals)

    def new_context(self, vars=None, shared=False, locals=None) -> jinja2.runtime.Context:
        return jinja2.runtime.new_context(self.environment, self.name, self.blocks, vars, shared,
                                          self._flat_globals, locals)


class _Environment(jinja2.Environment):
    context_class = _Context
    template_class = _Template


class _MarkdownEnvironment(_Environment):
    code_generator_class = _MarkdownCodeGenerator


def make_environment(lang: str, briefing: Briefing, output: str = "markdown",
                     citation_numbers: dict[str, int] | None = None) -> jinja2.Environment:
    """A Jinja2 environment for one language, writing Markdown pages or an HTML document.

    In Markdown, every value is escaped for Markdown and HTML and links are Markdown
    links from the docs root, which MkDocs checks and makes relative; in HTML (the PDF),
    values are escaped for HTML and links point to anchors of the one document.
    """
    env = (_MarkdownEnvironment if output == "markdown" else _Environment)(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=markdown_text if output == "markdown" else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # an environment lives for one build: no need to stat each template per page
        # Every template kept in a dict: each page that extends or includes another looks it up,
        # and Jinja's bounded cache takes a lock and reorders a queue on every lookup.
        cache_size=-1,
    )
    env.globals.update(gettext_callables(load_translations(lang)))

    def page_href(target, fragment: str = "") -> Markup:
        """A link to another page from the docs folder's root, which MkDocs resolves and checks
        (validation.links.absolute_links: relative_to_docs): the same on every page, so a claim
        or a name is rendered once and reused (ids are validated slugs)."""
        path = target if isinstance(target, str) else page_path(target)
        return Markup(f"/{path}" + (f"#{slug(fragment)}" if fragment else ""))

    def document_href(target, fragment: str = "") -> Markup:
        """In the one-document PDF, every entity and source is a section anchored by its id."""
        return Markup(f"#{slug(target if isinstance(target, str) else target.id)}")

    def other_spellings(item) -> list[str]:
        """Aliases, the names in the other languages and their forms without diacritics, so that
        a reader (and the site's search) finds "Đà Nẵng" as "Da Nang" or "Hanoï" as "Hanoi"."""
        shown = item.name.best(lang)[0]
        names = [text for _lang, text in item.name.translations]
        candidates = [*item.aliases, *names, *(formatting.ascii_fold(name) for name in names)]
        seen, spellings = {shown.casefold()}, []
        for candidate in candidates:
            if candidate.casefold() not in seen:
                seen.add(candidate.casefold())
                spellings.append(candidate)
        return spellings

    order = NameOrder(briefing.entities, lang)
    env.globals.update(
        LANG=lang, LANGUAGES=model.LANGUAGES, briefing=briefing, HOME_ENTRIES=paging.HOME_ENTRIES,
        href=page_href if output == "markdown" else document_href,
        a=markdown_link if output == "markdown" else html_link,
        citation_numbers=citation_numbers, by_name=order.by_name,
        by_kind=order.by_kind, other_spellings=other_spellings,
        entity=briefing.entities.get, source=briefing.sources.get, KIND_FOLDERS=model.KIND_FOLDERS,
        language_name=lambda code: formatting.language_name(code, lang),
    )
    env.filters.update(
        date=lambda value: formatting.format_partial_date(value, lang),
        date_range=lambda start, end: formatting.format_date_range(start, end, lang),
        entity=briefing.entities.__getitem__,
        md=markdown_text,
        slug=slug,
        number=lambda value: formatting.format_number(value, lang),
        percentage=lambda value: formatting.format_percentage(value, lang),
    )
    # Shared by every page of the environment: `m` (names, texts, citations) and, on the site,
    # `b` (Markdown blocks); imported once here instead of once per page.
    env.globals["m"] = Fragments(env, "_inline.j2")
    if output == "markdown":
        env.globals["b"] = Fragments(env, "pages/_blocks.md.j2")
    return env


class NameOrder:
    """Entities in the alphabetical order of their names in one language, diacritics ignored.

    Each entity's sort key is made once, on first use, and lists are sorted by looking keys up
    in C: the pages of a language sort the same entities again and again (the entities a source
    mentions, those related to an entity)."""

    def __init__(self, entities: Mapping[str, model.Entity], lang: str) -> None:
        self._entities, self._lang = entities, lang

    @functools.cached_property
    def _keys(self) -> dict[str, tuple]:
        """{id: (rank of its kind in model.ENTITY_KINDS, sort key of its name, id)}"""
        rank = {kind: number for number, kind in enumerate(model.ENTITY_KINDS)}
        return {ident: (rank[entity.kind], formatting.sort_key(entity.name.best(self._lang)[0]), ident)
                for ident, entity in self._entities.items()}

    def by_name(self, items) -> list:
        keys = self._keys
        return sorted(items, key=lambda item: keys[item.id][1:])

    def by_kind(self, ids) -> list[tuple[str, list]]:
        """The entities ``ids`` as [(kind, entities by name)], kinds in the order of model.ENTITY_KINDS."""
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


def index_group(kind: str, lang: str):
    """How a long index is grouped: sources and events by year, names by their first letter."""
    if kind == "source":
        return lambda source: paging.by_year(source.published)
    if kind == "event":
        return lambda event: paging.by_year(event.start)
    return lambda item: paging.by_initial(item.name.best(lang)[0])


def render_timeline(briefing: Briefing, lang: str) -> str:
    """The timeline as an SVG drawing, labelled in ``lang`` (site home page and PDF)."""
    labels = {item.id: item.name.best(lang)[0] for item in briefing.entities.values()}
    drawing = timeline.layout(briefing, {ident: len(label) for ident, label in labels.items()})
    if drawing is None:
        return ""
    return make_environment(lang, briefing, "html").get_template("timeline.svg.j2").render(
        timeline=drawing, labels=labels)


def render_pages(briefing: Briefing, lang: str, unchanged: frozenset[str] = frozenset(),
                 lists: ListRecord | None = None) -> Iterator[tuple[str, str]]:
    """Every generated page of one language, as (path under docs, Markdown), except the pages
    of the ``unchanged`` entities and sources (see unit_of) and the list pages that ``lists``
    finds unchanged, which are already written. Pages come one at a time, to be written as
    they are made (see write.BATCH) rather than all held in memory."""
    env = make_environment(lang, briefing)
    svg = render_timeline(briefing, lang)
    if svg:
        yield "assets/timeline.svg", svg

    templates: dict[str, jinja2.Template] = {}

    def render(path: str, template: str, **context) -> tuple[str, str]:
        if template not in templates:
            templates[template] = env.get_template(template)
        return path, templates[template].render(**context)

    def render_list(path: str, template: str, entries, group_of, folder: str, reuse: bool = False,
                    **context) -> Iterator[tuple[str, str]]:
        """A page with a list, split into pages of its own under ``folder`` when it is long (see
        paging); with ``reuse``, the pages whose entries did not change are left as they are."""
        parts = paging.split(entries, group_of, folder)
        for page, page_entries, placing in [(path, entries, {"parts": parts}),
                                            *((part.path, part.entries, {"part": part, "whole": path})
                                              for part in parts)]:
            if not (reuse and lists and lists.unchanged(page, page_entries)):
                yield render(page, template, entries=page_entries, **placing, **context)

    for kind in (*model.ENTITY_KINDS, "source"):
        folder = model.KIND_FOLDERS[kind]
        yield from render_list(f"{folder}/index.md", "pages/index.md.j2",
                               index_entries(briefing, kind, env.globals["by_name"]), index_group(kind, lang),
                               f"{folder}/{'by-year' if kind in ('source', 'event') else 'by-letter'}",
                               reuse=True, kind=kind)
    for entity in briefing.entities.values():
        if unit_name(entity) in unchanged:
            continue
        claims = briefing.claims_about.get(entity.id, ())
        yield from render_list(page_path(entity), f"pages/{entity.kind}.md.j2", claims,
                               lambda claim: paging.by_year(briefing.sources[claim.source].published),
                               unit_name(entity), item=entity)
    for source in briefing.sources.values():
        if unit_name(source) not in unchanged:
            yield render(page_path(source), "pages/source.md.j2", item=source)
    timeline_items = briefing.timeline_items
    yield render("index.md", "pages/home.md.j2", has_timeline=bool(svg), timeline_total=len(timeline_items),
                 timeline_shown=min(len(timeline_items), timeline.MAX_ROWS))
    yield from render_list("timeline.md", "pages/timeline.md.j2", timeline_items,
                           lambda item: paging.by_year(item.start or item.end), "timeline", reuse=True)
    yield from render_list("figures.md", "pages/figures.md.j2", briefing.figures,
                           lambda claim: paging.by_year(claim.figure.as_of), "figures", reuse=True)
    yield render("glossary.md", "pages/glossary.md.j2")
    yield from render_list("translation-status.md", "pages/translation-status.md.j2",
                           status.needing_work(briefing.texts, lang), lambda row: row.status,
                           "translation-status", counts=status.counts(briefing.texts))


def render_file(template: str, lang: str, briefing: Briefing, citation_numbers: dict[str, int] | None = None,
                **context) -> str:
    """Render an HTML or configuration template (the PDF document, a per-language MkDocs config)."""
    env = make_environment(lang, briefing, "html", citation_numbers)
    return env.get_template(template).render(**context)

"""The pipeline, top to bottom: read → validate → link → render → write, then
``mkdocs build --strict`` per language, then publish into ``site/``.

This is the only module that knows the order of the stages; each stage knows nothing of
the ones after it. What a build remembers between runs is :mod:`generator.cache`'s.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from . import formatting, model
from .cache import BuildCache
from .link import Briefing, link
from .pdf import PDF_NAME, lay_out_pdf, render_pdf_html, revision
from .problems import Problem, SourceErrors, in_order
from .project import Project
from .reader import read_corpus
from .render import Pages, load_translations, render_file
from .validate import validate
from .write import files_under, make_writable, read_tree, remove_tree, write_tree

DEFAULT_SITE_URL = ""  # no published address: nothing names one (see Project.site_url)
GENERATOR = Path(__file__).resolve().parent


class BuildFailed(Exception):
    """MkDocs refused a language site, or a hand-written page clashes; the message says which."""


def check_sources(project: Project, cache: BuildCache | None = None) -> tuple[model.Corpus, list[Problem]]:
    """Read and validate ``sources/``: the corpus and every problem (errors and warnings), in order."""
    problems: list[Problem] = []
    corpus = read_corpus(project.sources, problems, cache)
    validate(corpus, problems)
    return corpus, in_order(problems)


def load_briefing(project: Project, cache: BuildCache | None = None) -> Briefing:
    """Read, validate and link ``sources/``; raises SourceErrors if there is any error.
    With ``cache``, only the files that changed since the last run are parsed."""
    corpus, problems = check_sources(project, cache)
    if any(problem.is_error for problem in problems):
        raise SourceErrors(problems)
    if cache:
        cache.forget_files_but(corpus.file_digests)
    return link(corpus)


def build(project: Project, site_url: str = DEFAULT_SITE_URL) -> tuple[dict[str, int], int]:
    """The whole build: returns (docs files written per language, site files written or removed).

    Nothing is written if the sources have an error. The three sites are built into
    build/staging/ and published only when all of them built: a failed or interrupted
    build leaves site/ as it was. One build of a checkout runs at a time.
    """
    with _build_lock(project):
        old_site = project.build / "site.old"
        if old_site.is_dir() and not project.site.exists():  # a build killed between the renames of publish
            os.rename(old_site, project.site)
        cache = BuildCache(project.build / "cache.pickle")
        inputs = inputs_digest(project, site_url, cache.code)
        if project.site.is_dir() and cache.stamps.get("site") == inputs:
            return {lang: 0 for lang in model.LANGUAGES}, 0  # nothing that the site is made from changed
        cache.stamps.pop("site", None)
        briefing = load_briefing(project, cache)
        staging, new_site = project.build / "staging", project.build / "site.new"
        try:
            remove_tree(staging)
            with SiteBuilds(project, briefing, site_url, staging) as sites:
                # Each language's MkDocs build starts once its pages and its PDF are written, while
                # the next language's are made.
                written = generate(project, briefing, cache, site_url, with_pdf=True, ready=sites.start)
                cache.save()  # the files read and the PDFs made are kept even if MkDocs fails below
                sites.wait()
            changed = publish(project, briefing, staging, site_url)
            remove_tree(staging)
        except OSError as error:  # a full disk, a folder that cannot be written
            for leftover in (staging, new_site):
                with contextlib.suppress(OSError):
                    remove_tree(leftover)
            raise BuildFailed(_write_failure(error)) from None
        cache.stamp("site", inputs)
        cache.save()
        return written, changed


def _write_failure(error: OSError) -> str:
    where = f" {error.filename}" if error.filename else ""
    return f"the build could not write{where}: {error.strerror or error}"


def generate_pages(project: Project, site_url: str = DEFAULT_SITE_URL) -> dict[str, int]:
    """`python -m generator generate` and the live preview: the pages only (the PDFs last built
    are kept); returns the files written or removed per language. Skipped when no input changed
    since the pages were last written (as when the preview rebuilds for the pages it has just written)."""
    with _build_lock(project):
        cache = BuildCache(project.build / "cache.pickle")
        inputs = inputs_digest(project, site_url, cache.code)
        if project.docs.is_dir() and cache.stamps.get("pages") == inputs:
            return {lang: 0 for lang in model.LANGUAGES}
        try:
            written = generate(project, load_briefing(project, cache), cache, site_url, with_pdf=False)
        except OSError as error:
            raise BuildFailed(_write_failure(error)) from None
        cache.stamp("pages", inputs)
        cache.save()
        return written


def generate(project: Project, briefing: Briefing, cache: BuildCache, site_url: str,
             with_pdf: bool, ready: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write every language's pages into build/docs/<lang>/ (only the files that changed),
    with its PDF (``with_pdf``; else the last one is kept), and the MkDocs configurations
    that build them; returns the files written or removed per language. ``ready(lang)`` is
    called as soon as a language's files are all written.

    A PDF is laid out by WeasyPrint, seconds per language: the three run in processes of
    their own while this one renders the pages, and a PDF whose document did not change
    since the last run is kept as it is."""
    cache.stamps.pop("pages", None)  # until generate_pages stamps what it writes: a build writes other pages
    written = {}
    with ProcessPoolExecutor(max_workers=len(model.LANGUAGES)) as pool:
        pdfs: dict[str, tuple[str, Future[bytes]]] = {}
        if with_pdf:
            build_revision, created = revision(project.root), build_date(briefing)
            for lang in model.LANGUAGES:
                html = render_pdf_html(briefing, lang, site_url=site_url, build_revision=build_revision,
                                       created=created)
                digest = hashlib.sha256(html.encode()).hexdigest()
                if cache.stamps.get(f"pdf {lang}") != digest or not (project.docs / lang / PDF_NAME).is_file():
                    pdfs[lang] = digest, pool.submit(lay_out_pdf, html, created)
        write_mkdocs_configs(project, briefing, site_url, project.build / "mkdocs", project.docs,
                             project.build / "preview")
        for lang in model.LANGUAGES:
            written[lang] = write_language(project, briefing, lang, project.docs / lang, cache)
            if lang in pdfs:
                digest, pdf = pdfs[lang]
                written[lang] += len(write_tree({PDF_NAME: pdf.result()}, project.docs / lang, prune=False).written)
                cache.stamp(f"pdf {lang}", digest)
            if ready:
                ready(lang)
    return written


def write_language(project: Project, briefing: Briefing, lang: str, docs: Path,
                   cache: BuildCache | None = None) -> int:
    """Make ``docs`` hold one language's generated pages and the hand-written ones, and its PDF
    (written on its own); returns the number of files written or removed. With ``cache``, a
    page none of whose files changed since it was written is left as it is."""
    handwritten = read_tree(project.handwritten / lang) if (project.handwritten / lang).is_dir() else {}
    pages = Pages(briefing, lang, cache.compiled) if cache else Pages(briefing, lang)
    every_page = pages.all()
    for page in every_page:
        if page.path in handwritten:
            raise BuildFailed(f"docs/{lang}/{page.path} has the path of a generated page: rename it")
    kept, made = set(), {}

    def contents() -> Iterator[tuple[str, str | bytes]]:
        for page in every_page:
            digest = cache.page_digest(page.shows, page.holds, briefing.file_digests) if cache else None
            if digest and cache and cache.stamps.get(f"{lang}/{page.path}") == digest and (docs / page.path).is_file():
                kept.add(page.path)
                continue
            yield page.path, pages.render(page)
            if digest:  # now written
                made[page.path] = digest
        yield from handwritten.items()

    report = write_tree(contents(), docs, keep=lambda path: path == PDF_NAME or path in kept)
    if cache:
        cache.stamp_pages(lang, made, [page.path for page in every_page])
    return len(report.written) + len(report.removed)


def write_mkdocs_configs(project: Project, briefing: Briefing, site_url: str, config_dir: Path,
                         docs: Path, site: Path) -> None:
    """One MkDocs configuration per language, building ``docs/<lang>`` into ``site/<lang>``."""
    for lang in model.LANGUAGES:
        config = render_file(
            "mkdocs.yml.j2", lang, briefing,
            base_config=os.path.relpath(project.root / "mkdocs.yml", config_dir),
            site_url=f"{site_url.rstrip('/')}/{lang}/" if site_url else "",
            published_root=f"{site_url.rstrip('/')}/",
            docs_dir=os.path.relpath(docs / lang, config_dir),
            site_dir=os.path.relpath(site / lang, config_dir),
            theme_dir=os.path.relpath(GENERATOR / "templates" / "theme", config_dir),
            hook=os.path.relpath(GENERATOR / "mkdocs_hooks.py", config_dir),
            watch=[os.path.relpath(folder, config_dir)
                   for folder in (project.sources, GENERATOR / "templates", project.handwritten)],
        )
        write_tree({f"{lang}.yml": config}, config_dir, prune=False)


class SiteBuilds:
    """``mkdocs build --strict`` of each language into ``staging/<lang>``, in a process of its own,
    started by ``start(lang)``; ``wait()`` fails with MkDocs' own messages if any build failed (a
    broken link, a missing anchor, a page left out of the navigation). Leaving the ``with`` block
    any other way stops the builds still running."""

    def __init__(self, project: Project, briefing: Briefing, site_url: str, staging: Path) -> None:
        self.project, self.briefing, self.configs = project, briefing, project.build / "mkdocs-staging"
        write_mkdocs_configs(project, briefing, site_url, self.configs, project.docs, staging)
        self.runs: dict[str, subprocess.Popen] = {}

    def start(self, lang: str) -> None:
        self.runs[lang] = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file",
             str(self.configs / f"{lang}.yml")],
            cwd=self.project.root, env=mkdocs_environment(self.briefing), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)

    def wait(self) -> None:
        failures = []
        for lang, run in self.runs.items():
            output, _ = run.communicate()
            if run.returncode != 0:
                # MkDocs' INFO lines say what it did; its WARNING and ERROR lines say what is wrong.
                problems = [line for line in output.splitlines() if not line.startswith("INFO")]
                failures.append(f"mkdocs build --strict of the '{lang}' site failed:\n" + "\n".join(problems).strip())
        if failures:
            raise BuildFailed("\n".join(failures))

    def __enter__(self) -> SiteBuilds:
        return self

    def __exit__(self, *exc_info) -> None:
        for run in self.runs.values():
            if run.poll() is None:
                run.kill()
                run.communicate()


def publish(project: Project, briefing: Briefing, staging: Path, site_url: str) -> int:
    """Make site/ hold the staged language sites and the language chooser, all at once:
    the new site/ is prepared beside it from hard links to the files of the current one
    (so unchanged files keep their bytes and times; write_tree replaces a file, never
    writes through it), then renamed into its place. Returns the files written or removed."""
    files: dict[str, bytes] = {}
    for lang in model.LANGUAGES:
        files.update({f"{lang}/{path}": data for path, data in read_tree(staging / lang).items()})
    choices = [
        {"lang": lang, "language": formatting.capitalised(formatting.language_name(lang, lang)),
         "title": translations.gettext("Vietnam Smart City Briefing"),
         "description": translations.gettext("Smart-city development in Vietnam, from annotated news articles.")}
        for lang, translations in ((lang, load_translations(lang)) for lang in model.LANGUAGES)
    ]
    files["index.html"] = render_file("language-chooser.html.j2", "en", briefing, choices=choices,
                                      published_root=f"{site_url.rstrip('/')}/" if site_url else "").encode("utf-8")
    new, old = project.build / "site.new", project.build / "site.old"
    remove_tree(new)
    remove_tree(old)
    if project.site.is_dir():
        shutil.copytree(project.site, new, copy_function=os.link)
        make_writable(new)  # the copy of a read-only site/ is written in
    report = write_tree(files, new, atomic=False)  # nothing reads it until it is complete
    if project.site.exists():
        os.rename(project.site, old)
    os.rename(new, project.site)
    remove_tree(old)
    return len(report.written) + len(report.removed)


def inputs_digest(project: Project, site_url: str, code: str) -> str:
    """A digest of everything the site is made from (``code``: the generator's, see cache.code_digest):
    a build whose inputs did not change is skipped."""
    sha = hashlib.sha256(f"{site_url}\0{revision(project.root)}\0{code}\0".encode())
    sha.update((project.root / "mkdocs.yml").read_bytes())
    for folder in (project.sources, project.handwritten):
        for relpath, path in files_under(folder):
            with open(path, "rb") as file:
                sha.update(f"{folder.name}/{relpath}\0".encode() + file.read())
    return sha.hexdigest()


@contextlib.contextmanager
def _build_lock(project: Project):
    """Builds of one checkout wait for each other instead of mixing their files."""
    project.build.mkdir(parents=True, exist_ok=True)
    with open(project.build / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def source_date_epoch(briefing: Briefing) -> str:
    """Build dates come from the data (the newest source), so rebuilds are byte-identical."""
    as_of = briefing.as_of
    return str(calendar.timegm((as_of.year, as_of.month or 1, as_of.day or 1, 0, 0, 0)))


def build_date(briefing: Briefing) -> datetime.datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(briefing))
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC)


def mkdocs_environment(briefing: Briefing) -> dict[str, str]:
    """MkDocs' environment: the generator importable (for its hooks) and reproducible dates."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(GENERATOR.parent), os.environ.get("PYTHONPATH")])),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", source_date_epoch(briefing)),
        "NO_MKDOCS_2_WARNING": "1",
    }

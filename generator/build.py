"""The pipeline: read → validate → link → render → write, then MkDocs per language."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import collector, formatting, model
from .link import Briefing, link
from .parsed import ParsedFiles
from .pdf import PDF_NAME, render_pdf, revision
from .problems import Problem, SourceErrors, in_order
from .reader import read_corpus
from .render import ListRecord, load_translations, render_file, render_pages, unit_name, unit_of
from .validate import validate
from .write import files_under, read_tree, write_tree

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    """The folders of a checkout; tests point it at a temporary copy."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def handwritten(self) -> Path:
        return self.root / "docs"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def docs(self) -> Path:
        """The generated docs folders MkDocs reads, one per language."""
        return self.build / "docs"

    @property
    def next(self) -> Path:
        """Where a build prepares everything before swapping it in."""
        return self.build / "next"

    def mkdocs_config(self, lang: str) -> Path:
        return self.build / "mkdocs" / f"{lang}.yml"


class BuildFailed(Exception):
    """MkDocs refused a language site; the message is what it said."""


def check_sources(project: Project, keep_parsed: bool = False,
                  parallel: bool = True) -> tuple[model.Corpus, list[Problem]]:
    """Read and validate ``sources/``: the corpus and every problem (errors and warnings), sorted.

    With ``keep_parsed`` (builds, not `check`, which writes nothing), the files are parsed
    only if they changed since the last build (build/parsed/). Without ``parallel`` (inside
    `mkdocs serve`, which runs threads), no process is forked to read them."""
    problems: list[Problem] = []
    # Unpickling the kept files and parsing the others make millions of objects that live to the end.
    with collector.paused():
        parsed = (ParsedFiles(project.build / "parsed", _folders_digest((PACKAGE_ROOT / "generator",)))
                  if keep_parsed else None)
        corpus = read_corpus(project.sources, problems, parsed, parallel)
        validate(corpus, problems)
    return corpus, in_order(problems)


def load_briefing(project: Project, parallel: bool = True) -> Briefing:
    """Read, validate and link ``sources/``; raises SourceErrors if there is any error."""
    # One pause for reading and linking: the collector, resumed in between, would walk the whole
    # corpus once more when it is next triggered (half a second at 10,000 articles).
    with collector.paused():
        corpus, problems = check_sources(project, keep_parsed=True, parallel=parallel)
        if any(problem.is_error for problem in problems):
            raise SourceErrors(problems)
        return link(corpus)


def source_date_epoch(briefing: Briefing) -> str:
    """Build dates come from the data (the newest source), so rebuilds are byte-identical."""
    as_of = briefing.as_of
    return str(calendar.timegm((as_of.year, as_of.month or 1, as_of.day or 1, 0, 0, 0)))


def build_date(briefing: Briefing) -> datetime.datetime:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch(briefing))
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)


def _language_pdf(briefing: Briefing, lang: str, site_url: str, build_revision: str) -> bytes:
    return render_pdf(briefing, lang, site_url=site_url, build_revision=build_revision, created=build_date(briefing))


def _render_pdf_in_worker(lang: str, site_url: str, build_revision: str) -> bytes:
    return _language_pdf(collector.inherited(), lang, site_url, build_revision)


def _write_language_in_worker(project: Project, lang: str, docs: Path,
                              before: Before | None) -> tuple[int, dict[str, str]]:
    return write_language(project, collector.inherited(), lang, docs, before)


@dataclass(frozen=True)
class Before:
    """What the pages already written were made from (see generate): per language, the entities
    and sources whose pages are unchanged and the digests of the list pages at the last run;
    and the digest of each entity's and source's files now (unit_digests)."""

    unchanged: dict[str, frozenset[str]]
    lists: dict[str, dict[str, str]]
    made_from: dict[str, str]


def write_language(project: Project, briefing: Briefing, lang: str, docs: Path,
                   before: Before | None = None) -> tuple[int, dict[str, str]]:
    """Render one language's pages into ``docs/<lang>`` with the hand-written ones; returns the
    number of files written or removed, and the digests of its list pages (render.ListRecord).
    The pages that did not change since ``before`` and the PDF, written on its own, are left
    as they are."""
    unchanged = before.unchanged[lang] if before else frozenset()
    lists = ListRecord(before.made_from, before.lists.get(lang, {}),
                       lambda path: (docs / lang / path).is_file()) if before else None

    def kept(path: str) -> bool:
        return unit_of(path) in unchanged or (lists is not None and path in lists.kept)

    pages = docs_files(project, render_pages(briefing, lang, unchanged, lists), lang, kept)
    # Only the live docs folder is read while it is written (by the preview); the others (a
    # build's build/next, a review's, the benchmark's) are read once complete.
    report = write_tree(pages, docs / lang, keep=lambda path: path == PDF_NAME or kept(path),
                        atomic=docs == project.docs)
    return len(report.written) + len(report.removed), lists.digests if lists else {}


def write_outputs(project: Project, briefing: Briefing, site_url: str, docs: Path, with_pdf: bool = True,
                  parallel: bool = True, before: Before | None = None,
                  ) -> tuple[dict[str, int], dict[str, dict[str, str]]]:
    """Write the pages of every language, and their PDFs (``with_pdf``), into ``docs/<lang>``;
    returns the files written or removed per language, and the digests of each language's list
    pages. The pages that did not change since ``before`` are left as they are (see generate).

    In ``parallel``, one forked process per language and PDF renders and writes them side by
    side on the machine's cores; forked, so the workers share the briefing already read
    instead of reading sources/ again (a briefing holds mapping proxies, which do not pickle),
    and each writes its own pages instead of sending them back. The preview inside
    `mkdocs serve` renders in its own process: it runs threads, which a fork does not mix well with.
    """
    build_revision = revision(project.root) if with_pdf else ""
    if parallel:
        with collector.forked_workers(len(model.LANGUAGES), briefing) as pool:
            pdf_runs = {lang: pool.submit(_render_pdf_in_worker, lang, site_url, build_revision)
                        for lang in model.LANGUAGES} if with_pdf else {}
            page_runs = {lang: pool.submit(_write_language_in_worker, project, lang, docs, before)
                         for lang in model.LANGUAGES}
            results = {lang: run.result() for lang, run in page_runs.items()}
            pdfs = {lang: run.result() for lang, run in pdf_runs.items()}
    else:
        results = {lang: write_language(project, briefing, lang, docs, before) for lang in model.LANGUAGES}
        pdfs = {lang: _language_pdf(briefing, lang, site_url, build_revision)
                for lang in model.LANGUAGES} if with_pdf else {}
    written = {lang: count for lang, (count, _lists) in results.items()}
    for lang, pdf in pdfs.items():
        written[lang] += len(write_tree({PDF_NAME: pdf}, docs / lang, prune=False).written)
    return written, {lang: lists for lang, (_count, lists) in results.items()}


def docs_files(project: Project, pages: Iterable[tuple[str, str]], lang: str,
               kept: Callable[[str], bool] = lambda path: False) -> Iterator[tuple[str, str | bytes]]:
    """One language's docs folder for MkDocs: the generated ``pages`` as they come, then the
    hand-written ones, which must not take the path of a generated page, new or ``kept`` from
    the last run. (Found as the pages are written, a clash stops the writing: the pages written
    before it are those of the sources as they are, and no page is removed.)"""
    handwritten = read_tree(project.handwritten / lang) if (project.handwritten / lang).is_dir() else {}
    for path, page in pages:
        if path in handwritten:
            raise _clash(lang, path)
        yield path, page
    clashes = sorted(path for path in handwritten if kept(path))
    if clashes:
        raise _clash(lang, clashes[0])
    yield from handwritten.items()


def _clash(lang: str, path: str) -> BuildFailed:
    return BuildFailed(f"docs/{lang}/{path} has the path of a generated page: rename it")


def generate(project: Project, briefing: Briefing, site_url: str = DEFAULT_SITE_URL,
             with_pdf: bool = True, docs: Path | None = None, parallel: bool = True) -> dict[str, int]:
    """Write the pages (and PDFs) of every language into ``docs`` (default: the live
    build/docs/) and the MkDocs configurations that serve them; returns files written.

    The pages of an entity or a source are rendered again only when a file they are made
    from changed since they were written (``docs/units.json`` records what each was made
    from), and so are the pages of the indexes, figures and timeline whose entries come from
    such files (render.ListRecord); the home, glossary and translation-status pages always
    are. Without ``with_pdf`` (the live preview), the PDFs already built are kept as they are.
    """
    docs = docs or project.docs
    made_from = unit_digests(project, briefing)
    previous = _read_record(docs / UNITS_RECORD)
    same = {unit for unit, digest in made_from.items() if previous["units"].get(unit) == digest}
    unchanged = {lang: frozenset(unit for unit in same if os.path.isfile(f"{docs}/{lang}/{unit}.md"))
                 for lang in model.LANGUAGES}
    written, lists = write_outputs(project, briefing, site_url, docs, with_pdf, parallel,
                                   Before(unchanged, previous["lists"], made_from))
    record = {"units": made_from, "lists": lists}
    # Compact: with an indent, json encodes in Python (a second for 50,000 units), without in C.
    write_tree({UNITS_RECORD: json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"}, docs, prune=False)
    write_mkdocs_configs(project, briefing, site_url, project.build / "mkdocs", project.docs,
                         project.build / "preview")
    return written


UNITS_RECORD = "units.json"


def _read_record(path: Path) -> dict:
    """The last run's record of what the pages were made from; an empty one if there is none or
    it is from an older generator (then every page is rendered)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(record.get("units"), dict) and isinstance(record.get("lists"), dict):
            return record
    except (OSError, ValueError, AttributeError):
        pass
    return {"units": {}, "lists": {}}


def unit_digests(project: Project, briefing: Briefing) -> dict[str, str]:
    """For each entity and source (see render.unit_of), a digest of what its pages show: its
    own file and the files of the sources and entities they cite or name, as they were read,
    and the code and templates that render them."""
    code = _folders_digest((project.root / "templates", PACKAGE_ROOT / "generator"))

    def digest(item, *others) -> str:
        sha = hashlib.sha256(code.encode())
        for path in sorted({item.where.path, *(other.where.path for other in others)}):
            sha.update(f"{path}\0{briefing.file_digests[path]}\0".encode())
        return sha.hexdigest()

    entities, sources = briefing.entities, briefing.sources
    units = {}
    for source in sources.values():
        units[unit_name(source)] = digest(
            source, *(entities[ident] for ident in briefing.mentions.get(source.id, ())))
    for entity in entities.values():
        units[unit_name(entity)] = digest(
            entity, *(sources[ident] for ident in briefing.sources_of.get(entity.id, ())),
            *(entities[ident] for ident in briefing.related.get(entity.id, ())))
    return units


def write_mkdocs_configs(project: Project, briefing: Briefing, site_url: str, config_dir: Path,
                         docs: Path, site: Path) -> None:
    """One MkDocs configuration per language, building ``docs/<lang>`` into ``site/<lang>``."""
    for lang in model.LANGUAGES:
        config = render_file(
            "mkdocs.yml.j2", lang, briefing,
            base_config=os.path.relpath(project.root / "mkdocs.yml", config_dir),
            site_url=f"{site_url.rstrip('/')}/{lang}/",
            docs_dir=os.path.relpath(docs / lang, config_dir),
            site_dir=os.path.relpath(site / lang, config_dir),
            theme_dir=os.path.relpath(project.root / "templates" / "theme", config_dir),
            hook=os.path.relpath(Path(__file__).with_name("mkdocs_hooks.py"), config_dir),
            watch=[os.path.relpath(project.root / folder, config_dir) for folder in ("sources", "templates", "docs")],
        )
        write_tree({f"{lang}.yml": config}, config_dir, prune=False)


def build(project: Project, site_url: str = DEFAULT_SITE_URL) -> tuple[dict[str, int], int]:
    """The whole build, all or nothing: returns (docs files written per language, site files changed).

    Everything is prepared under build/next/ — docs, MkDocs output, the new site/ —
    and swapped in only when all of it succeeded: a failed or interrupted build
    leaves site/ and build/docs/ as they were. Unchanged files are hard links to the
    current ones, so they keep their bytes and times. One build runs at a time.
    """
    with _build_lock(project):
        _recover(project)
        digest = inputs_digest(project, site_url, revision(project.root))
        stamp = project.build / "inputs.sha256"
        if project.site.is_dir() and project.docs.is_dir() and _stamped(stamp, digest):
            return {lang: 0 for lang in model.LANGUAGES}, 0  # nothing that the site is made from changed
        briefing = load_briefing(project)
        # This build replaces build/docs: the pages no longer match generate_pages' stamp.
        (project.build / PAGES_STAMP).unlink(missing_ok=True)
        shutil.rmtree(project.next, ignore_errors=True)
        _link_copy(project.docs, project.next / "docs")
        written = generate(project, briefing, site_url, docs=project.next / "docs")
        configs = project.next / "mkdocs"
        write_mkdocs_configs(project, briefing, site_url, configs, project.next / "docs", project.next / "staging")
        build_sites(project, briefing, configs)
        _link_copy(project.site, project.next / "site")
        changed = publish(project, briefing, project.next / "staging", project.next / "site")
        _swap(project, project.next / "docs", project.docs)
        _swap(project, project.next / "site", project.site)
        shutil.rmtree(project.next, ignore_errors=True)
        stamp.write_text(digest)
        return written, changed


def generate_pages(project: Project, site_url: str = DEFAULT_SITE_URL, parallel: bool = True,
                   briefing: Briefing | None = None) -> dict[str, int]:
    """`python -m generator generate` and the live preview: the pages only (PDFs kept), skipped
    when no input changed (as when the preview rebuilds for the pages it has just written).
    ``briefing``: the sources already loaded, if the caller needs them anyway."""
    digest = inputs_digest(project, site_url, "")
    stamp = project.build / PAGES_STAMP
    if project.docs.is_dir() and _stamped(stamp, digest):
        return {lang: 0 for lang in model.LANGUAGES}
    written = generate(project, briefing or load_briefing(project, parallel), site_url, with_pdf=False,
                       parallel=parallel)
    stamp.write_text(digest)
    return written


PAGES_STAMP = "pages-inputs.sha256"  # what build/docs was last generated from by generate_pages


def _stamped(stamp: Path, digest: str) -> bool:
    return stamp.is_file() and stamp.read_text() == digest


def inputs_digest(project: Project, site_url: str, build_revision: str) -> str:
    """A digest of everything the site is made from: a build whose inputs did not change is skipped."""
    folders = (project.sources, project.handwritten, project.root / "templates", PACKAGE_ROOT / "generator")
    prefix = f"{site_url}\0{build_revision}\0".encode() + (project.root / "mkdocs.yml").read_bytes()
    return _folders_digest(folders, prefix)


def _folders_digest(folders, prefix: bytes = b"") -> str:
    sha = hashlib.sha256(prefix)
    for folder in folders:
        for relpath, path in files_under(folder, skip=frozenset({"__pycache__"})):
            with open(path, "rb") as file:
                sha.update(f"{folder.name}/{relpath}".encode() + b"\0" + file.read())
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


def _link_copy(source: Path, target: Path) -> None:
    """A copy of ``source`` made of hard links (write_tree replaces files, never edits them)."""
    if source.is_dir():
        shutil.copytree(source, target, copy_function=os.link, symlinks=True)
    else:
        target.mkdir(parents=True)


def _swap(project: Project, new: Path, live: Path) -> None:
    """Put ``new`` in the place of ``live``; the old one is kept until the new one is in place."""
    previous = project.build / "previous" / live.name
    shutil.rmtree(previous, ignore_errors=True)
    previous.parent.mkdir(parents=True, exist_ok=True)
    if live.exists():
        os.rename(live, previous)
    os.rename(new, live)
    shutil.rmtree(previous, ignore_errors=True)


def _recover(project: Project) -> None:
    """A build stopped between the two renames of a swap: put the previous folder back."""
    for live in (project.docs, project.site):
        previous = project.build / "previous" / live.name
        if previous.is_dir() and not live.exists():
            os.rename(previous, live)


def mkdocs_environment(briefing: Briefing) -> dict[str, str]:
    """MkDocs' environment: the generator importable (for its hooks) and reproducible dates."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH")])),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", source_date_epoch(briefing)),
        "NO_MKDOCS_2_WARNING": "1",
    }


def build_sites(project: Project, briefing: Briefing, configs: Path) -> None:
    """Run ``mkdocs build --strict`` for the three languages side by side (one process each)."""
    env = mkdocs_environment(briefing)
    runs = {
        lang: subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
             "--config-file", str(configs / f"{lang}.yml")],
            cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for lang in model.LANGUAGES
    }
    failures = []
    for lang, run in runs.items():
        output, _ = run.communicate()
        if run.returncode != 0:
            failures.append(f"mkdocs build of the '{lang}' site failed:\n{output.strip()}")
    if failures:
        raise BuildFailed("\n".join(failures))


def publish(project: Project, briefing: Briefing, staging: Path, site: Path) -> int:
    """Bring the staged language sites and the language chooser into ``site`` (changed files only)."""
    files: dict[str, bytes] = {}
    for lang in model.LANGUAGES:
        files.update({f"{lang}/{path}": data for path, data in read_tree(staging / lang).items()})
    choices = [
        {"lang": lang, "language": _capitalised(formatting.language_name(lang, lang)),
         "title": load_translations(lang).gettext("Vietnam Smart City Briefing")}
        for lang in model.LANGUAGES
    ]
    files["index.html"] = render_file("language-chooser.html.j2", "en", briefing, choices=choices).encode("utf-8")
    report = write_tree(files, site, atomic=False)  # build/next/site, swapped in once complete
    return len(report.written) + len(report.removed)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

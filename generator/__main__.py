"""The command line: ``python -m generator check|status|new|suggest|diff|schema|build|generate|serve``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import kinds, model
from .build import (
    DEFAULT_SITE_URL,
    BuildFailed,
    build,
    check_sources,
    generate_pages,
    load_briefing,
    mkdocs_environment,
)
from .cache import BuildCache
from .characters import shown
from .problems import SourceErrors
from .project import Project
from .review import ReviewError, page_changes
from .scaffold import ScaffoldError, new_entity, new_source
from .schema import write_files as write_schema_files
from .status import STATUSES, counts, needing_work, owned_texts, record_fingerprints
from .suggest import suggest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout to build (default: this one)")
    parser.add_argument("--site-url", help="where the site is published, each language under <url>/<lang>/ "
                                           "(default: $SITE_URL, else site_url in mkdocs.yml, else none)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate sources/ without writing anything; exit 1 on errors")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: workflow commands that annotate the pull request's diff")
    status = commands.add_parser("status", help="translations per language: written, translated, outdated, missing")
    status.add_argument("--lang", choices=model.LANGUAGES, help="list only this language's work")
    status.add_argument("--record", nargs="+", metavar="FILE", type=Path,
                        help="record, in each translation of FILE, the fingerprint of its current original "
                             "(run it once the translations are made or checked)")
    new = commands.add_parser("new", help="create a new source or entity file, ready to fill in")
    new.add_argument("kind", choices=("source", *kinds.ENTITY_KINDS))
    new.add_argument("name", nargs="?", help="the entity's name (for an entity)")
    new.add_argument("--lang", choices=model.LANGUAGES, default="en",
                     help="the article's language, or the language of the name given")
    new.add_argument("--url", help="the article's address")
    new.add_argument("--date", help="the publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("--title", help="the headline")
    new.add_argument("--publisher", help="who published it")
    new.add_argument("--id", help="the new file's id (else made from the name, or the publisher, date and title)")
    suggest = commands.add_parser("suggest", help="what an article's text names: known entities with their ids, "
                                                  "names that match none, lines that look like captions or credits")
    suggest.add_argument("article", type=Path, help="an article file (sources/articles/<id>.md) or a text as collected")
    diff = commands.add_parser("diff", help="list the generated pages a change adds, removes or changes")
    diff.add_argument("revision", help="the git revision to compare with (main, HEAD~1, a commit)")
    diff.add_argument("--text", action="store_true", help="also show how each page's text changes (unified diff)")
    commands.add_parser("schema", help="write the JSON Schemas of the annotation files into schema/, and "
                                       "their map for VS Code into .vscode/settings.json")
    commands.add_parser("build", help="generate the pages and build the three sites into site/")
    commands.add_parser("generate", help="generate the Markdown pages only (build/docs/<lang>/), keeping the PDFs")
    serve = commands.add_parser("serve", help="preview one language, regenerating on every change")
    serve.add_argument("--lang", choices=model.LANGUAGES, default="en")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--dirty", action="store_true",
                       help="rebuild only the pages whose Markdown changed (large corpora; a change to "
                            "the theme then shows only on the pages rebuilt)")
    args = parser.parse_args(argv)
    project = Project(args.project.resolve())
    if args.site_url is None:
        args.site_url = os.environ.get("SITE_URL") or project.site_url or DEFAULT_SITE_URL

    if args.command == "check":
        return run_check(project, args.format)
    if args.command == "status":
        return run_record(project, args.record) if args.record else run_status(project, args.lang)
    if args.command == "suggest":
        return run_suggest(project, args.article)
    if args.command == "diff":
        return run_diff(project, args.revision, args.text)
    if args.command == "new":
        return run_new(project, args, parser)
    if args.command == "schema":
        schema_files = write_schema_files(project.root)
        print(f"schema/ and .vscode/settings.json: {len(schema_files)} file(s) written")
        return 0
    started = time.perf_counter()
    try:
        if args.command == "build":
            written, changed = build(project, args.site_url)
        elif args.command == "generate":
            written = generate_pages(project, args.site_url)
        else:  # the preview keeps the PDFs last built (they take minutes for big corpora)
            # Served at the preview's own address, each language under /<lang>/ as when published.
            generate_pages(project, args.site_url or f"http://{args.dev_addr}/")
            briefing = load_briefing(project)  # for MkDocs' environment
            os.execvpe(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", args.dev_addr,
                                        "--config-file", str(project.mkdocs_config(args.lang)),
                                        *(["--dirty"] if args.dirty else [])],
                       mkdocs_environment(briefing))
        print(f"generated pages: {sum(written.values())} files written "
              f"({', '.join(f'{lang} {count}' for lang, count in written.items())})")
        if args.command == "build":
            print(f"built site/ ({', '.join(model.LANGUAGES)}): {changed} files written or removed, "
                  f"{time.perf_counter() - started:.1f} s")
    except SourceErrors as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        print(f"{len(error.errors)} error(s) in sources/; nothing was written. "
              "`make check` lists them with the warnings.", file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(printable(error), file=sys.stderr)
        print("site/ was left as it was.", file=sys.stderr)
        return 1
    return 0


def printable(error: Exception) -> str:
    """An error's message as printed: its lines kept, any control character in them escaped."""
    return shown(str(error), allowed="\n")


def run_check(project: Project, output_format: str) -> int:
    # The files the last build read are not parsed again; check itself writes nothing.
    _corpus, problems = check_sources(project, BuildCache(project.build / "cache.pickle"))
    for problem in problems:
        print(problem.github() if output_format == "github" else problem)
    errors = sum(problem.is_error for problem in problems)
    summary = f"{errors} error(s), {len(problems) - errors} warning(s) in sources/"
    print(summary if output_format == "text" else f"::notice::{summary}", file=sys.stderr)
    return 1 if errors else 0


def run_diff(project: Project, revision: str, text: bool) -> int:
    try:
        changes = page_changes(project, revision, text)
    except (ReviewError, SourceErrors, BuildFailed) as error:
        print(f"error: {printable(error)}", file=sys.stderr)
        return 1
    print(f"Generated pages, compared with {revision}:")
    for lang, change in changes.items():
        print(f"{lang}: {len(change.added)} added, {len(change.removed)} removed, {len(change.changed)} changed")
        for sign, paths in (("+", change.added), ("-", change.removed), ("~", change.changed)):
            for path in paths:
                print(f"  {sign} {path}")
    for lang, change in changes.items():
        for page_diff in change.diffs:
            print(f"\n{lang}: " + shown(page_diff, allowed="\n").rstrip("\n"))
    return 0


def run_suggest(project: Project, article: Path) -> int:
    path = article if article.is_absolute() else Path.cwd() / article
    if not path.is_file():
        print(f"error: {printable(ValueError(str(article)))} is not a file", file=sys.stderr)
        return 1
    try:
        relpath = path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        relpath = str(article)
    problems: list = []
    found = suggest(project.sources, path, relpath, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"{shown(relpath)}: {len(found.mentions)} known entities, {len(found.candidates)} other names, "
          f"{len(found.lookalikes)} passage(s) that look like not the article")
    if found.mentions:
        print("\nKnown entities the text names (id, as written, lines):")
        for mention in found.mentions:
            print(f"  {mention.entity.kind:<13} {mention.entity.id:<45} {shown(', '.join(mention.spellings))}"
                  f"  (line{'s' if len(mention.lines) > 1 else ''} {', '.join(map(str, mention.lines))})")
        print(f"  about: [{', '.join(mention.entity.id for mention in found.mentions)}]")
    if found.candidates:
        print("\nNames that match no entity (a new file, an alias of one above, or nothing):")
        for candidate in found.candidates:
            lines, name = ", ".join(map(str, candidate.lines)), json.dumps(candidate.name, ensure_ascii=False)
            print(f"  {shown(candidate.name):<50} line{'s' if len(candidate.lines) > 1 else ''} {lines}"
                  f"   python -m generator new {candidate.kind or 'KIND'} {shown(name)}")
    if found.lookalikes:
        print("\nPassages that look like not the article (if so, add them to not_article):")
        for lookalike in found.lookalikes:
            print(f"  line {lookalike.line}: {lookalike.kind:<16} - {{kind: {lookalike.kind}, start: "
                  f"{shown(json.dumps(lookalike.passage, ensure_ascii=False))}}}")
    return 0


def run_new(project: Project, args, parser: argparse.ArgumentParser) -> int:
    try:
        if args.kind == "source":
            path = new_source(project.sources, args.lang, args.url, args.date, args.title, args.publisher, args.id)
        elif not args.name:
            parser.error(f"new {args.kind} needs a name, for example: new {args.kind} \"Hà Nội\"")
        else:
            path = new_entity(project.sources, args.kind, args.name, args.lang, args.id)
    except (ScaffoldError, ValueError) as error:
        print(f"error: {printable(error)}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(project.root)}: fill in its empty fields, then run `make check`")
    return 0


def run_record(project: Project, files: list[Path]) -> int:
    corpus, problems = check_sources(project)
    texts = owned_texts(corpus.text_owners)
    unreadable = {problem.path for problem in problems if problem.is_error}
    status = 0
    for file in files:
        path = file if file.is_absolute() else Path.cwd() / file
        try:
            relpath = path.resolve().relative_to(project.root).as_posix()
        except ValueError:
            print(f"error: {printable(ValueError(str(file)))} is not a file of {project.root}", file=sys.stderr)
            status = 1
            continue
        if relpath in unreadable or not (project.root / relpath).is_file():
            print(f"error: {printable(ValueError(relpath))} cannot be read: run `python -m generator check`",
                  file=sys.stderr)
            status = 1
            continue
        recorded = record_fingerprints(texts, project.root, relpath)
        for item in recorded:
            print(f"{item.path}:{item.line}: {item.field} from: {item.origin}")
        print(f"{relpath}: {len(recorded)} fingerprint(s) recorded")
    return status


def run_status(project: Project, only_lang: str | None) -> int:
    corpus, problems = check_sources(project)
    texts = owned_texts(corpus.text_owners)
    print(f"{'language':<10}" + "".join(f"{name:>12}" for name in STATUSES))
    for lang, counter in counts(texts).items():
        print(f"{lang:<10}" + "".join(f"{counter[name]:>12}" for name in STATUSES))
    for lang in [only_lang] if only_lang else model.LANGUAGES:
        work = needing_work(texts, lang)
        print(f"\n{lang}: {len(work)} text(s) to translate or update")
        for row in work:
            print(f"  {row.location}: {row.text.name}.{lang} {row.status}: {row.advice()}")
    if any(problem.is_error for problem in problems):
        print("\n(sources/ also has errors: run `python -m generator check`)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure what a person waits for: `make bench` (the seeds, 100 and 1,000 synthetic articles) or
`make bench N="seeds 100"`.

For each corpus, as the README's commands run it, each in a process of its own: a first
`build` (what `make site` runs: generation, the three PDFs, the three MkDocs builds), a second
one with nothing changed, `generate` after one article was edited (what the live preview runs
before MkDocs rebuilds), a `build` after that edit, and `check`; then the three PDFs laid out
on their own, and their pages. Prints a Markdown table (benchmarks/README.md explains it) and
writes benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import write_corpus  # noqa: E402
from generator.build import DEFAULT_SITE_URL, build_date, load_briefing  # noqa: E402
from generator.pdf import render_pdf  # noqa: E402
from generator.project import Project  # noqa: E402

LANGS = ("en", "vi", "fr")

SEEDS_ARTICLE = "vna-2017-12-05-france-smart-city-workshop.md"


def run(root: Path, *command: str) -> tuple[float, str]:
    """Seconds the generator's command took, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "--project", str(root), *command], cwd=REPO,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1) or (done.returncode and command[0] != "check"):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


def files_written(stdout: str) -> int:
    return int(re.search(r"generated pages: (\d+) files written", stdout).group(1))


def corpus(size: str, workdir: Path) -> tuple[Path, Path]:
    """The project to measure, and the article the edit changes."""
    root = workdir / f"corpus-{size}"
    if size == "seeds":
        for part in ("sources", "docs", "mkdocs.yml"):
            (shutil.copytree if (REPO / part).is_dir() else shutil.copy2)(REPO / part, root / part)
        return root, root / "sources" / "articles" / SEEDS_ARTICLE
    articles = int(size)
    write_corpus(root, articles, seed=1)
    return root, root / "sources" / "articles" / f"article-{articles // 2}.md"


def edit(article: Path, mark: str) -> None:
    """Change one English text of the article's annotations, as an editor would."""
    text = article.read_text(encoding="utf-8")
    claim_text = re.search(r'\n +en: |"en": "', text)
    assert claim_text, f"no English text to edit in {article}"
    at = claim_text.end()
    article.write_text(text[:at] + f"({mark}) " + text[at:], encoding="utf-8")


def measure(size: str, workdir: Path) -> dict:
    print(f"measuring {size}…", file=sys.stderr)
    root, article = corpus(size, workdir)
    row: dict = {"corpus": size, "articles": len(list((root / "sources" / "articles").glob("*.md")))}
    row["site_s"], stdout = run(root, "build")
    row["peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row["pages"] = sum(1 for path in (root / "build" / "docs").rglob("*.md"))
    pdfs = {lang: root / "build" / "docs" / lang / "briefing.pdf" for lang in LANGS}
    row["pdf_kib"] = {lang: pdf.stat().st_size // 1024 for lang, pdf in pdfs.items()}
    row["pdf_pages"] = {lang: len(PdfReader(pdf).pages) for lang, pdf in pdfs.items()}
    row["pdf_s"] = pdf_seconds(root)
    row["noop_build_s"], stdout = run(root, "build")
    edit(article, "edited")
    row["edit_generate_s"], stdout = run(root, "generate")
    row["edit_generate_files"] = files_written(stdout)
    edit(article, "edited again")
    row["edit_build_s"], stdout = run(root, "build")
    row["check_s"], _stdout = run(root, "check")
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in row.items()}


def pdf_seconds(root: Path) -> float:
    """Seconds to render and lay out the three PDFs, one after the other, from the linked briefing."""
    briefing = load_briefing(Project(root))
    started = time.perf_counter()
    for lang in LANGS:
        render_pdf(briefing, lang, site_url=DEFAULT_SITE_URL, build_revision="", created=build_date(briefing))
    return time.perf_counter() - started


def table(rows: list[dict]) -> str:
    head = ("| corpus | articles | pages (3 languages) | `make site` s | again, nothing changed s "
            "| one article edited: `generate` s (files written) | then `make site` s | `make check` s "
            "| peak MiB | PDF pages (en, vi, fr) | the 3 PDFs alone s | PDF KiB (en, vi, fr) |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        pdf = ", ".join(str(kib) for kib in r["pdf_kib"].values())
        pages = ", ".join(str(count) for count in r["pdf_pages"].values())
        lines.append(f"| {r['corpus']} | {r['articles']:,} | {r['pages']:,} | {r['site_s']} | {r['noop_build_s']} "
                     f"| {r['edit_generate_s']} ({r['edit_generate_files']}) | {r['edit_build_s']} | {r['check_s']} "
                     f"| {r['peak_mib']:,.0f} | {pages} | {r['pdf_s']} | {pdf} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", default=["seeds", "100", "1000"],
                        help="'seeds' (the real sources) or a number of synthetic articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        rows = [measure(size, Path(workdir)) for size in args.sizes]
    (REPO / "benchmarks" / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()

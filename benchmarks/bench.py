"""Measure the generator on synthetic corpora: `make bench` (N = 100, 1,000, 10,000) or `make bench N=1000`.

Prints a Markdown table and writes benchmarks/results.json. Each measurement runs in
its own process, so that times and peak memory (ru_maxrss) are those of that step alone;
the YAML floor and the generation run three times, alternately, and the median of each is shown.

Nothing a step writes is deleted before the end of the run: on this machine's disk,
creating files in the minutes after thousands were deleted costs up to four times as much
kernel time (perf: ext4's inode allocation passing over recently deleted inodes), which
would charge one step's clean-up to the next step's time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import write_corpus  # noqa: E402

LANGS = ("en", "vi", "fr")
# `mkdocs build` per language: all three at 1,000 articles; at 10,000 one language (minutes each),
# enough to compare its time per page with the one at 1,000.
MKDOCS_LANGS = {1000: LANGS, 10000: ("en",)}
# The YAML floor and generate steps run this many times, alternately, and the median of each is
# kept: this machine's speed drifts by 20 % and more between runs minutes apart.
REPEATS = 3
PDF_UP_TO = 100  # the PDF lists every entity and claim: at 1,000 articles it is a book (minutes); --pdf-up-to

STEP = r'''
import json, resource, sys, time
sys.path.insert(0, {repo!r})
from pathlib import Path
project_root, step = Path({root!r}), {step!r}
started = time.perf_counter()
result = {{}}
if step == "yaml_floor":
    import yaml, frontmatter
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((project_root / "sources").rglob("*")):
        if path.suffix == ".md":
            meta, _body = frontmatter.YAMLHandler().split(path.read_text(encoding="utf-8"))
            yaml.load(meta, Loader=loader)
        elif path.suffix == ".yml":
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
elif step == "generate":
    import gc
    from generator.build import Project, load_briefing, write_outputs
    gc.disable()  # as the command line runs (generator/__main__.py)
    project = Project(project_root)
    briefing = load_briefing(project)
    result["read_validate_link_s"] = time.perf_counter() - started
    docs = project_root / "bench-docs"
    written, _lists = write_outputs(project, briefing, "http://127.0.0.1:8000/", docs, with_pdf=False)
    result["seconds"] = time.perf_counter() - started
    pages = [path for path in docs.rglob("*") if path.is_file()]
    assert len(pages) == sum(written.values()), "the folder was not empty"
    result["pages"] = len(pages)
    result["largest_page_kib"] = max(path.stat().st_size for path in pages) / 1024
elif step.startswith("pdf-"):
    import datetime
    from generator.build import Project, load_briefing
    from generator.pdf import render_pdf
    briefing = load_briefing(Project(project_root))
    render_started = time.perf_counter()
    data = render_pdf(briefing, step[4:], site_url="http://127.0.0.1:8000/", build_revision="bench",
                      created=datetime.datetime(2024, 1, 1))
    result["render_s"] = time.perf_counter() - render_started
    result["bytes"] = len(data)
result.setdefault("seconds", time.perf_counter() - started)
result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result["worker_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(result))
'''


def run_step(root: Path, step: str) -> dict:
    output = subprocess.run([sys.executable, "-c", STEP.format(repo=str(REPO), root=str(root), step=step)],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_generator(root: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "--project", str(root), *args], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return time.perf_counter() - started, done.stdout


def files_written(stdout: str) -> int:
    return int(re.search(r"generated pages: (\d+) files written", stdout).group(1))


def measure(articles: int, workdir: Path, pdf_up_to: int) -> dict:
    root = write_corpus(workdir / f"corpus-{articles}", articles, seed=1)
    row = {"articles": articles}
    print(f"measuring {articles:,} articles…", file=sys.stderr)
    floors, generates = [], []
    for run in range(REPEATS):
        floors.append(run_step(root, "yaml_floor")["seconds"])
        generates.append(run_step(root, "generate"))
        for name in ("build", "bench-docs"):  # set aside, not deleted (see above): the next run starts cold
            (root / name).rename(root / f"{name}-{run}")
    generate = sorted(generates, key=lambda result: result["seconds"])[REPEATS // 2]
    row["yaml_floor_s"] = round(sorted(floors)[REPEATS // 2], 3)
    row["generate_s"] = round(generate["seconds"], 3)
    row["pages"] = generate["pages"]
    row["read_validate_link_s"] = round(generate["read_validate_link_s"], 3)
    row["largest_page_kib"] = round(generate["largest_page_kib"], 1)
    row["peak_mib"] = round(generate["peak_mib"], 1)
    row["worker_peak_mib"] = round(generate["worker_peak_mib"], 1)
    row["per_article_ms"] = round(1000 * generate["seconds"] / articles, 3)
    row["vs_yaml_floor"] = round(generate["seconds"] / row["yaml_floor_s"], 2)
    first_s, _ = run_generator(root, "generate")
    row["first_generate_s"] = round(first_s, 3)
    noop_s, stdout = run_generator(root, "generate")
    row["noop_s"], row["noop_files_written"] = round(noop_s, 3), files_written(stdout)
    article = root / "sources" / "articles" / f"article-{articles // 2}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("[en] ", "[en] (edited) ", 1), encoding="utf-8")
    edit_s, stdout = run_generator(root, "generate")
    row["edit_s"], row["edit_files_written"] = round(edit_s, 3), files_written(stdout)
    row["mkdocs_build_s"], row["mkdocs_pages_per_s"] = {}, {}
    for lang in MKDOCS_LANGS.get(articles, ()):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                        str(root / "build" / "mkdocs" / f"{lang}.yml"), "--site-dir", str(workdir / f"site-{articles}-{lang}")],
                       cwd=root, check=True, capture_output=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)})
        seconds = time.perf_counter() - started
        pages = sum(1 for _ in (root / "build" / "docs" / lang).rglob("*.md"))
        row["mkdocs_build_s"][lang] = round(seconds, 2)
        row["mkdocs_pages_per_s"][lang] = round(pages / seconds, 1)
    row["pdf_s"] = {}
    if articles <= pdf_up_to:
        for lang in LANGS:
            row["pdf_s"][lang] = round(run_step(root, f"pdf-{lang}")["render_s"], 2)
    return row


def table(rows: list[dict]) -> str:
    head = ("| articles | pages (3 languages) | largest page KiB | YAML floor s | read + validate + link s "
            "| generate s | × floor | ms/article | peak MiB (main / worker) | no-op s (files written) "
            "| one article edited: s (files written) | mkdocs build s (pages/s) | PDF s |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        mkdocs = ", ".join(f"{lang} {r['mkdocs_build_s'][lang]} ({r['mkdocs_pages_per_s'][lang]:,.0f}/s)"
                           for lang in r["mkdocs_build_s"]) or "—"
        pdf = ", ".join(f"{lang} {seconds}" for lang, seconds in r["pdf_s"].items()) or "—"
        lines.append(f"| {r['articles']:,} | {r['pages']:,} | {r['largest_page_kib']} | {r['yaml_floor_s']} "
                     f"| {r['read_validate_link_s']} | {r['generate_s']} | {r['vs_yaml_floor']} | {r['per_article_ms']} "
                     f"| {r['peak_mib']:.0f} / {r['worker_peak_mib']:.0f} | {r['noop_s']} ({r['noop_files_written']}) "
                     f"| {r['edit_s']} ({r['edit_files_written']}) | {mkdocs} | {pdf} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--pdf-up-to", type=int, default=PDF_UP_TO, help="measure the PDFs up to this many articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        rows = [measure(n, Path(workdir), args.pdf_up_to) for n in args.articles]
    (REPO / "benchmarks" / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()

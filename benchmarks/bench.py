"""Measure the generator on synthetic corpora: `make bench` (N = 100, 1,000, 10,000) or `make bench N=1000`.

Prints a Markdown table and writes benchmarks/results.json. Each measurement runs in
its own process, so that times and peak memory (ru_maxrss) are those of that step alone.
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
MKDOCS_AT = 1000  # mkdocs build is measured at this size (it is minutes at 10,000)
PDF_UP_TO = 100  # the PDF lists every entity and claim: at 1,000 articles it is already a book (minutes)

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
    from generator.build import Project, load_briefing, render_outputs
    project = Project(project_root)
    briefing = load_briefing(project)
    result["read_validate_link_s"] = time.perf_counter() - started
    pages, _pdfs = render_outputs(project, briefing, "http://127.0.0.1:8000/", with_pdf=False)
    result["pages"] = sum(len(by_path) for by_path in pages.values())
    result["largest_page_kib"] = max(len(text.encode("utf-8")) for by_path in pages.values()
                                     for text in by_path.values()) / 1024
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
result["seconds"] = time.perf_counter() - started
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


def measure(articles: int, workdir: Path) -> dict:
    root = write_corpus(workdir / f"corpus-{articles}", articles, seed=1)
    row = {"articles": articles}
    print(f"measuring {articles:,} articles…", file=sys.stderr)
    row["yaml_floor_s"] = round(run_step(root, "yaml_floor")["seconds"], 3)
    generate = run_step(root, "generate")
    row["generate_s"] = round(generate["seconds"], 3)
    row["pages"] = generate["pages"]
    row["peak_mib"] = round(generate["peak_mib"], 1)
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
    row["mkdocs_build_s"] = {}
    if articles == MKDOCS_AT:
        for lang in LANGS:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                            str(root / "build" / "mkdocs" / f"{lang}.yml"), "--site-dir", str(workdir / f"site-{lang}")],
                           cwd=root, check=True, capture_output=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)})
            seconds = time.perf_counter() - started
            row["mkdocs_build_s"][lang] = round(seconds, 2)
            row.setdefault("mkdocs_pages_per_s", {})[lang] = round(generate["pages"] / 3 / seconds, 1)
    row["pdf_s"] = {}
    if articles <= PDF_UP_TO:
        for lang in LANGS:
            row["pdf_s"][lang] = round(run_step(root, f"pdf-{lang}")["render_s"], 2)
    return row


def table(rows: list[dict]) -> str:
    head = ("| articles | pages | YAML floor s | generate s | × floor | ms/article | peak MiB | no-op s (files) "
            "| edit s (files) | mkdocs s per language | PDF s per language |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        mk = ", ".join(f"{k} {v}" for k, v in r["mkdocs_build_s"].items()) or "—"
        pdf = ", ".join(f"{k} {v}" for k, v in r["pdf_s"].items()) or "—"
        lines.append(f"| {r['articles']:,} | {r['pages']:,} | {r['yaml_floor_s']} | {r['generate_s']} | "
                     f"{r['vs_yaml_floor']} | {r['per_article_ms']} | {r['peak_mib']} | {r['noop_s']} "
                     f"({r['noop_files_written']}) | {r['edit_s']} ({r['edit_files_written']}) | {mk} | {pdf} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="*", default=[100, 1000, 10000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        rows = [measure(n, Path(workdir)) for n in args.articles]
    (REPO / "benchmarks" / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()

"""The worst inputs a stranger's pull request can hold within the limits (CONTRIBUTING, "Untrusted
input"), timed as `make check` and `generate` run them: `make bench` prints the table after
the corpora's (benchmarks/README.md). Each is a small valid corpus (tests/hostile_corpus.py)
with one file at its limit.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.schema import MAX_ITEMS, MAX_LENGTH  # noqa: E402
from generator.yamlload import MAX_FILE_BYTES  # noqa: E402
from tests.hostile_corpus import ARTICLE, ARTICLE_PATH, CITY, CITY_PATH  # noqa: E402

WORDS = "the city smart plan data digital Hanoi transport government urban development people investment".split()


def words(count: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def body_near_the_limit(rng: random.Random, room: int) -> str:
    lines, size = [], 0
    while size < MAX_FILE_BYTES - room:
        lines.append(words(60, rng))
        size += len(lines[-1]) + 1
    return "\n".join(lines[:-1]) + "\n"


def quotes_not_found(rng: random.Random) -> dict[str, str]:
    """The most quotes that are not in an article of nearly 1 MB (five of 300 words, then short
    ones), and a not-article span whose first words are not either: each is searched for, and
    the closest passage found for the hints of the first five."""
    claims = "".join(f"  - id: q{n}\n    quote: {words(300 if n < 5 else 3, rng)} zzz\n    text: {{en: A claim.}}\n"
                     for n in range(MAX_ITEMS["records"] - 1))
    head = ARTICLE.replace("claims:\n", "claims:\n" + claims).replace(
        'start: "Photo: a caption"', f'start: "{words(250, rng)} qqq"')
    return {ARTICLE_PATH: head + body_near_the_limit(rng, len(head.encode()) + 1000)}


def largest_pages(rng: random.Random) -> dict[str, str]:
    """An article with the most claims, each about the most entities, each with the longest name."""
    count = MAX_ITEMS["ids"]
    name = ("Hanoi " * MAX_LENGTH["string"])[:MAX_LENGTH["string"] - 4].strip()
    files = {f"sources/cities/c{n}.yml": CITY.replace("id: ha-noi", f"id: c{n}").replace("en: Hanoi", f"en: {name} {n}")
             for n in range(count)}
    about = ", ".join(f"c{n}" for n in range(count))
    claims = "".join(f"  - id: q{n}\n    about: [{about}]\n    quote: urbanisation rate\n    text: {{en: A claim.}}\n"
                     for n in range(MAX_ITEMS["records"] - 1))
    return {CITY_PATH: CITY, ARTICLE_PATH: ARTICLE.replace("claims:\n", "claims:\n" + claims), **files}


CASES = {f"{MAX_ITEMS['records'] - 1} quotes and a span not found in a 1 MB article": quotes_not_found,
         f"{MAX_ITEMS['records'] - 1} claims about {MAX_ITEMS['ids']} entities of {MAX_LENGTH['string']}-character "
         "names": largest_pages}


def write(root: Path, files: dict[str, str]) -> None:
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for path, text in {ARTICLE_PATH: ARTICLE, CITY_PATH: CITY, **files}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def seconds(root: Path, command: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "--project", str(root), command], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode and command != "check":
        raise SystemExit(f"{command} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> None:
    rng = random.Random(1)
    lines = ["| worst input within the limits | `make check` s | `generate` s | largest page KiB |",
             "| --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as workdir:
        for number, (title, make) in enumerate(CASES.items()):
            root = Path(workdir) / str(number)
            write(root, make(rng))
            check = seconds(root, "check")
            generate = seconds(root, "generate") if number else None
            largest = max((path.stat().st_size for path in (root / "build" / "docs").rglob("*.md")), default=0)
            lines.append(f"| {title} | {check:.2f} | {'—' if generate is None else f'{generate:.2f}'} "
                         f"| {largest // 1024 if generate is not None else '—'} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

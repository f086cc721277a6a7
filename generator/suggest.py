"""`python -m generator suggest ARTICLE`: what an article's text names, to annotate it.

Three lists, each with its lines: the known entities whose name, alias or search term the
text holds (their ids, for a claim's ``about``); the capitalised names that match none
(candidates for ``new``); and the passages that look like a caption, a credit, the
collector's date marker or a site's navigation and are not declared ``not_article`` (the
same passages `check` warns about). Nothing is written: an editor decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import model, quotes
from .problems import Problem
from .reader import Fields, read_corpus
from .yamlload import load_article, nfc

# Words that join the capitalised words of one name ("Ministry of Information and Communications",
# "Service de l'Information", "Sở Thông tin và Truyền thông").
CONNECTORS = frozenset({"of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "l", "d", "et", "sur",
                        "và", "về"})
# Capitalised words that start a sentence or a title, not a name.
LEADING = frozenset({"the", "a", "an", "le", "la", "les", "l", "un", "une", "ông", "bà", "according", "in", "on",
                     "at", "with", "since", "by", "theo", "tại", "ngày", "en", "au", "selon", "depuis"})
BETWEEN_WORDS = r"[\s,;:]+"  # what may stand between two words of a name in the text
# A hint of the kind of entity a name is, by a word it holds: {word: kind}.
KIND_WORDS = {
    "organisation": ("committee", "council", "ministry", "department", "association", "embassy", "company",
                     "agency", "corporation", "group", "bộ", "sở", "ủy", "ban", "hiệp", "hội", "đại", "sứ", "công",
                     "ty", "tập", "đoàn", "ministère", "service", "ambassade", "comité", "conseil", "société"),
    "event": ("summit", "workshop", "conference", "forum", "seminar", "hội nghị", "hội thảo", "diễn đàn", "sommet",
              "atelier", "conférence"),
    "programme": ("programme", "program", "project", "plan", "strategy", "chương", "trình", "đề", "án", "kế",
                  "hoạch", "chiến", "lược", "projet", "stratégie"),
}


@dataclass(frozen=True)
class Mention:
    """A known entity that the text names."""

    entity: model.Entity
    spellings: tuple[str, ...]  # as the text writes them
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Candidate:
    """A capitalised name that matches no entity."""

    name: str
    lines: tuple[int, ...]
    kind: str | None  # the kind its words suggest, if any


@dataclass(frozen=True)
class Lookalike:
    line: int
    kind: str  # a not-article span kind
    passage: str


@dataclass(frozen=True)
class Suggestions:
    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    lookalikes: tuple[Lookalike, ...]


def spelling(text: str) -> str:
    """A name as compared with the text: case and the apostrophe (’ or ') set aside."""
    return text.casefold().replace("\u2019", "'")


def article_lines(path: Path, relpath: str, problems: list[Problem]) -> tuple[list[tuple[int, str]], list]:
    """The numbered lines of the article's text (its body, for an annotated article; the whole
    file, for a text as collected), and the not-article ranges its annotation declares."""
    raw = path.read_bytes()
    if raw.startswith(b"---"):
        article = load_article(raw, path, relpath, problems)
        if article is None:
            return [], []
        spans = Fields(article.front_matter, relpath, [], model.Source, given={"source": path.stem}).read()
        ranges = quotes.not_article_ranges(article.body, spans["not_article"], [])
        return _numbered(article.body, article.body_line, ranges), _lookalikes(article.body, article.body_line, ranges)
    text = nfc(raw.decode("utf-8", errors="replace")).replace("\r\n", "\n")
    return _numbered(text, 1, []), _lookalikes(text, 1, [])


def _numbered(body: str, first_line: int, ranges: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The body's lines with their numbers in the file, the declared not-article passages blanked."""
    kept = list(body)
    for start, stop in ranges:
        kept[start:stop] = [" " if char != "\n" else char for char in body[start:stop]]
    return [(first_line + number, line) for number, line in enumerate("".join(kept).split("\n"))]


def _lookalikes(body: str, first_line: int, ranges: list[tuple[int, int]]) -> list[Lookalike]:
    return [Lookalike(first_line + body.count("\n", 0, offset), kind, passage)
            for offset, kind, passage in quotes.lookalikes(body, ranges)]


def suggest(sources: Path, path: Path, relpath: str, problems: list[Problem]) -> Suggestions:
    lines, lookalikes = article_lines(path, relpath, problems)
    entities = read_corpus(sources, []).entities
    patterns = []  # (pattern, entity), the longest spellings first: "Hanoi People's Committee" before "Hanoi"
    for entity in entities:
        for text in {*(name for _lang, name in entity.name.translations), *entity.aliases, *entity.search_terms}:
            # Word by word, punctuation between words aside: "until 2025, with" is "until 2025 with".
            words = [word for word in re.split(BETWEEN_WORDS, spelling(text)) if word]
            if words:
                name = BETWEEN_WORDS.join(map(re.escape, words))
                patterns.append((len(text), re.compile(rf"(?<!\w){name}(?!\w)"), entity))
    patterns.sort(key=lambda item: (-item[0], item[2].id))
    found: dict[str, tuple[model.Entity, dict[str, None], dict[int, None]]] = {}
    rest = []  # each line with the known names blanked out, for the candidates
    for number, line in lines:
        folded, taken = spelling(line), [False] * len(line)
        for _length, pattern, entity in patterns:
            for match in pattern.finditer(folded):
                if any(taken[match.start():match.end()]):
                    continue  # inside a longer name already found
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                _entity, spellings, at = found.setdefault(entity.id, (entity, {}, {}))
                spellings[line[match.start():match.end()]] = None
                at[number] = None
        rest.append((number, "".join(" " if hit else char for char, hit in zip(line, taken, strict=False))))
    mentions = tuple(Mention(entity, tuple(spellings), tuple(at))
                     for entity, spellings, at in sorted(found.values(), key=lambda item: (item[0].kind, item[0].id)))
    return Suggestions(mentions, _candidates(rest), tuple(lookalikes))


def _candidates(lines: list[tuple[int, str]]) -> tuple[Candidate, ...]:
    """Runs of capitalised words (two or more, joined by connectors), and acronyms, in ``lines``."""
    seen: dict[str, dict[int, None]] = {}
    for number, line in lines:
        for run in _capitalised_runs(line):
            seen.setdefault(run, {})[number] = None
    return tuple(Candidate(name, tuple(at), _kind_of(name)) for name, at in sorted(
        seen.items(), key=lambda item: (next(iter(item[1])), item[0])))


def _capitalised_runs(line: str) -> list[str]:
    words = [(match.group(), match.start(), match.end()) for match in re.finditer(r"[^\W\d_][\w'’-]*", line)]
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    for word, start, end in words:
        joined = not current or line[current[-1][2]:start].strip() in ("", "'", "’")
        capital = word[0].isupper()
        if capital and joined:
            current.append((word, start, end))
        elif joined and current and word.casefold() in CONNECTORS:
            current.append((word, start, end))
        else:
            runs.append(current)
            current = [(word, start, end)] if capital else []
    runs.append(current)
    names = []
    for run in runs:
        while run and (run[-1][0].casefold() in CONNECTORS and not run[-1][0][0].isupper()):
            run = run[:-1]
        while run and run[0][0].casefold() in LEADING:
            run = run[1:]
        capitals = [word for word, _start, _end in run if word[0].isupper()]
        if len(capitals) >= 2 or (len(run) == 1 and len(run[0][0]) >= 2 and run[0][0].isupper()):
            names.append(line[run[0][1]:run[-1][2]])
    return names


def _kind_of(name: str) -> str | None:
    words = set(re.findall(r"\w+", name.casefold()))
    for kind, hints in KIND_WORDS.items():
        if any(hint in words or (" " in hint and hint in name.casefold()) for hint in hints):
            return kind
    return None

"""An article's text, and whether a quote is really in it.

A collected article may hold passages that are not the article (a caption, the site's
navigation): its annotation marks them as not-article spans, and quotes must come from
the rest. The reader works out each source's article text and checks the quotes of its
own claims; validation checks the quotes that other files take from it (roles, glossary).
"""

from __future__ import annotations

import bisect
import collections
import difflib
import heapq
import re
from collections.abc import Callable

from . import characters, model
from .problems import Problem


def fold(text: str) -> str:
    """Whitespace folding used to compare a quote with its article."""
    return " ".join(text.split())


class _FoldedBody:
    """An article's body with its whitespace folded, and the way back to the body's offsets: a
    span's words are found with one substring search, in time linear in the body's length."""

    def __init__(self, body: str):
        self.word_spans = [match.span() for match in re.finditer(r"\S+", body)]
        self.text = " ".join(body[start:end] for start, end in self.word_spans)
        self.starts, offset = [], 0  # where each word starts in the folded text
        for start, end in self.word_spans:
            self.starts.append(offset)
            offset += end - start + 1

    def body_offset(self, folded_offset: int) -> int:
        word = bisect.bisect_right(self.starts, folded_offset) - 1
        return self.word_spans[word][0] + folded_offset - self.starts[word]

    def find(self, words: str, body_position: int) -> tuple[int, int] | None:
        """Where ``words`` (their whitespace folded) first occur in the body at or after
        ``body_position``: (start, end) offsets of the body."""
        target = fold(words)
        if not target:
            return None
        first_word = bisect.bisect_left(self.word_spans, (body_position, -1))
        if first_word > 0 and self.word_spans[first_word - 1][1] > body_position:
            first_word -= 1  # the position is inside a word: the match may start in it
        folded_position = self.starts[first_word] if first_word < len(self.starts) else len(self.text)
        found = self.text.find(target, folded_position)
        while found >= 0 and self.body_offset(found) < body_position:
            found = self.text.find(target, found + 1)
        if found < 0:
            return None
        return self.body_offset(found), self.body_offset(found + len(target) - 1) + 1


def not_article_ranges(body: str, spans: tuple[model.Span, ...], problems: list[Problem]) -> list[tuple[int, int]]:
    """The (start, stop) offsets of the body that its not-article ``spans`` cover; each span
    must be found in the body, after the previous one."""
    ranges, position = [], 0
    folded = _FoldedBody(body) if spans else None
    for span in spans:
        assert folded is not None
        start = folded.find(span.start, position)
        if not start:
            problems.append(Problem(span.where.path, span.where.line, 1, f"not-article span start '{span.start}' "
                                                                         "is not in the text after the previous span"))
            continue
        if span.end:
            end = folded.find(span.end, start[0])
            if not end:
                problems.append(Problem(span.where.path, span.where.line, 1,
                                        f"not-article span end '{span.end}' is not in the text after its start"))
                continue
            stop = end[1]
        else:
            newline = body.find("\n", start[1])
            stop = len(body) if newline < 0 else newline
        ranges.append((start[0], stop))
        position = stop
    return ranges


def article_text(body: str, ranges: list[tuple[int, int]]) -> str:
    """The body without its not-article ``ranges`` (see not_article_ranges)."""
    kept, position = [], 0
    for start, stop in ranges:
        kept.append(body[position:start])
        position = stop
    kept.append(body[position:])
    return "\n".join(part.strip("\n") for part in kept if part.strip())


# What a collected page holds beside the article, as the seeds' sites write it: the collector's
# date marker, photo captions and credits, a news site's navigation and related-article lists.
# {span kind: patterns, each matching the passage on one line}.
LOOKALIKES: dict[str, tuple[re.Pattern[str], ...]] = {
    "collector-marker": (re.compile(r"^\s*date \d{4}(?:-\d{2}){0,2}\b"),),
    "caption": (re.compile(r"\((?:Photo|Ảnh|Crédit photo|Photo credit)\s*:[^)\n]*\)", re.IGNORECASE),
                re.compile(r"^\s*(?:Photo|Ảnh|Crédit photo|Photo credit)\s*:.*$", re.IGNORECASE | re.MULTILINE),
                re.compile(r"\b(?:Photo|Ảnh|Crédit photo)\s*:\s*\S[^\n]{0,60}$", re.IGNORECASE | re.MULTILINE),
                re.compile(r"^\s*Ảnh minh họa\s*$", re.IGNORECASE | re.MULTILINE)),
    "credit": (re.compile(r"^\s*(?:Source|Nguồn)\s*:\s*\S.{0,60}$", re.IGNORECASE | re.MULTILINE),),
    "navigation": (re.compile(r"(?:Theo dõi|Follow|Suivez)\b.{1,80}\b(?:trên|on|sur) Google (?:News|Actualités)",
                              re.IGNORECASE),),
    "related-articles": (re.compile(r"^\s*(?:Có thể bạn quan tâm|Tin liên quan|Xem thêm|Đọc thêm|Read more|"
                                    r"Related(?: articles| news| stories)?|Lire aussi|À lire aussi)\s*:?\s*$",
                                    re.IGNORECASE | re.MULTILINE),),
}
LOOKALIKE_NAMES = {"collector-marker": "the collector's date marker", "caption": "a photo caption",
                   "credit": "a credit line", "navigation": "the site's navigation",
                   "related-articles": "a list of related articles"}


def lookalikes(body: str, ranges: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """The passages of ``body`` that look like a caption, a credit, the collector's date marker or a
    site's navigation and that no not-article range covers: (offset, span kind, passage), in order."""
    found = []
    for kind, patterns in LOOKALIKES.items():
        for pattern in patterns:
            for match in pattern.finditer(body):
                start, stop = match.start() + len(match.group()) - len(match.group().lstrip()), match.end()
                if stop > start and not any(begin < stop and start < end for begin, end in ranges):
                    found.append((start, stop, kind))
    kept: list[tuple[int, int, str]] = []
    for start, stop, kind in sorted(found, key=lambda item: (item[0], -item[1])):
        if not any(begin < stop and start < end for begin, end, _kind in kept):  # one report per passage
            kept.append((start, stop, kind))
    return [(start, kind, body[start:stop].strip()) for start, stop, kind in kept]


# Finding the closest passage reads the whole article: a file of a thousand quotes that are
# not found would take minutes. The first few of each file get the hint.
MAX_HINTS_PER_FILE = 5


def check_quote(quote: str, source_id: str, folded_article: str, where_of: Callable[[], model.Location],
                problems: list[Problem], hints: collections.Counter[str],
                spans: tuple[model.Span, ...] = (), body: str = "") -> None:
    """A problem if ``quote`` is not in the article text of ``source_id`` (``folded_article``, see
    fold). Its location is worked out only then: a large corpus has a hundred thousand quotes.
    ``hints`` counts the hints given to each file so far. With the article's not-article ``spans``
    and its whole collected text (``body``), a quote that is there only across a span is told so."""
    passage = fold(quote)
    if passage in folded_article:
        return
    where = where_of()
    hints[where.path] += 1
    if body and passage in fold(body):
        crossed = _crossed_span(passage, body, spans)
        what = f"the {crossed.kind} marked on line {crossed.where.line}" if crossed else "a not-article passage"
        hint = f"it is in the collected text, but crosses {what}: quote only the article's words"
    elif hints[where.path] <= MAX_HINTS_PER_FILE and (closest := closest_passage(passage, folded_article)):
        hint = f"the closest passage of the article is \"{closest}\"{first_difference(passage, closest)}"
    else:
        hint = ""
    problems.append(Problem(where.path, where.line, 1,
                            f"quote not found in the article text of '{source_id}': \"{quote}\"", hint))


def _crossed_span(passage: str, body: str, spans: tuple[model.Span, ...]) -> model.Span | None:
    """The not-article span that the passage (found in the whole collected ``body``) overlaps."""
    folded = _FoldedBody(body)
    at = folded.text.find(passage)
    start, stop = folded.body_offset(at), folded.body_offset(at + len(passage) - 1) + 1
    for span in spans:
        found = folded.find(span.start, 0)
        if not found:
            continue
        end = folded.find(span.end, found[0]) if span.end else None
        newline = body.find("\n", found[1])
        span_stop = end[1] if end else len(body) if newline < 0 else newline
        if found[0] < stop and start < span_stop:
            return span
    return None


def first_difference(quote: str, passage: str) -> str:
    """Where a quote first differs from the passage most like it, with both characters' code points:
    a straight ' for a ’ looks the same on screen."""
    at = next((index for index, (mine, theirs) in enumerate(zip(quote, passage, strict=False)) if mine != theirs),
              min(len(quote), len(passage)))
    if at == len(quote) == len(passage):
        return ""

    def shown(text: str) -> str:
        return f"“{text[at]}” ({characters.describe(text[at])})" if at < len(text) else "nothing"

    return f"; they first differ at character {at + 1}: {shown(quote)} in the quote, {shown(passage)} in the article"


HINT_CANDIDATES = 8  # passages compared character by character, of those sharing the most words


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote``, as long as the quote (for a hint).

    Comparing the quote with the passage at every word is quadratic: the passages sharing
    the most words with the quote are found in one pass, and only those are compared."""
    words, wanted = text.split(), quote.split()
    size = max(1, len(wanted))
    keys = [word.casefold() for word in words]
    want = collections.Counter(word.casefold() for word in wanted)
    window: collections.Counter[str] = collections.Counter()
    shared, scores = 0, []
    for index, key in enumerate(keys):
        if window[key] < want[key]:
            shared += 1
        window[key] += 1
        if index >= size:
            left = keys[index - size]
            window[left] -= 1
            if window[left] < want[left]:
                shared -= 1
        if index >= size - 1 or index == len(keys) - 1:
            scores.append((shared, -(index - size + 1)))
    target = " ".join(wanted)
    best, best_ratio = "", 0.0
    for _shared, negative_start in heapq.nlargest(HINT_CANDIDATES, scores):
        start = max(0, -negative_start)
        candidate = " ".join(words[start:start + size])
        ratio = difflib.SequenceMatcher(None, target, candidate, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best

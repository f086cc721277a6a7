"""An article's text, and whether a quote is really in it.

A collected article may hold passages that are not the article (a caption, the site's
navigation): its annotation marks them as not-article spans, and quotes must come from
the rest. The reader works out each source's article text and checks the quotes of its
own claims; validation checks the quotes that other files take from it (roles, glossary).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from . import model
from .problems import Problem


def fold(text: str) -> str:
    """Whitespace folding used to compare a quote with its article."""
    return " ".join(text.split())


def _span_pattern(text: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def article_text(body: str, spans: tuple[model.Span, ...], problems: list[Problem]) -> str:
    """The body without its not-article ``spans``; each span must be found in the body."""
    kept, position = [], 0
    for span in spans:
        start = _span_pattern(span.start).search(body, position) if span.start.strip() else None
        if not start:
            problems.append(Problem(span.where.path, span.where.line, 1, f"not-article span start '{span.start}' "
                                                                         "is not in the text after the previous span"))
            continue
        if span.end:
            end = _span_pattern(span.end).search(body, start.start())
            if not end:
                problems.append(Problem(span.where.path, span.where.line, 1,
                                        f"not-article span end '{span.end}' is not in the text after its start"))
                continue
            stop = end.end()
        else:
            newline = body.find("\n", start.end())
            stop = len(body) if newline < 0 else newline
        kept.append(body[position:start.start()])
        position = stop
    kept.append(body[position:])
    return "\n".join(part.strip("\n") for part in kept if part.strip())


def check_quote(quote: str, source_id: str, folded_article: str, where_of: Callable[[], model.Location],
                problems: list[Problem]) -> None:
    """A problem if ``quote`` is not in the article text of ``source_id`` (``folded_article``, see
    fold). Its location is worked out only then: a large corpus has a hundred thousand quotes."""
    passage = fold(quote)
    if passage not in folded_article:
        where, closest = where_of(), closest_passage(passage, folded_article)
        problems.append(Problem(where.path, where.line, 1,
                                f"quote not found in the article text of '{source_id}': \"{quote}\"",
                                f"the closest passage of the article is \"{closest}\"" if closest else ""))


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote``, as long as the quote (for a hint)."""
    words, wanted = text.split(), quote.split()
    size = max(1, len(wanted))
    target = " ".join(wanted)
    best, best_ratio = "", 0.0
    for start in range(0, max(1, len(words) - size + 1)):
        candidate = " ".join(words[start:start + size])
        matcher = difflib.SequenceMatcher(None, target, candidate, autojunk=False)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best

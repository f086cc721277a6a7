"""Cross-file invariants: unique ids, references that resolve, quotes that are
really in their article, coherent dates; and warnings for what deserves a look
(an entity no source mentions, a missing translation)."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
from typing import Callable

from . import model
from .problems import Problem


def fold(text: str) -> str:
    """Whitespace folding used to compare a quote with its article."""
    return " ".join(text.split())


def _span_pattern(text: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))


def article_text(source: model.Source, problems: list[Problem]) -> str:
    """The body without its not-article spans; each span must be found in the body."""
    body, kept, position = source.body, [], 0
    for span in source.not_article:
        start = _span_pattern(span.start).search(body, position) if span.start.strip() else None
        if not start:
            problems.append(Problem(span.where.path, span.where.line, 1,
                                    f"not-article span start '{span.start}' is not in the text after the previous span"))
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


def _hint(unknown: str, known) -> str:
    match = difflib.get_close_matches(unknown, sorted(known), n=1)
    return f"did you mean '{match[0]}'?" if match else ""


def _check_parents(corpus: model.Corpus, problems: list[Problem]) -> None:
    """An organisation cannot be its own parent, directly or through others."""
    parents = {e.id: e.parent for e in corpus.entities if isinstance(e, model.Organisation) and e.parent}
    for entity in corpus.entities:
        chain, current = [entity.id], parents.get(entity.id)
        while current and current not in chain:
            chain.append(current)
            current = parents.get(current)
        if current == entity.id:
            where = entity.location_of("parent")
            problems.append(Problem(where.path, where.line, 1,
                                    f"'{entity.id}' is its own parent ({' → '.join(chain + [entity.id])})"))


EARLIEST_YEAR, LATEST_YEAR = 1945, 2100  # outside: surely a typo in a briefing on smart cities


def _check_dates(corpus: model.Corpus, problems: list[Problem]) -> None:
    today = datetime.date.today()
    today_key = (today.year, today.month, today.day)
    dated = [(s, "published", s.published) for s in corpus.sources]
    dated += [(e, name, getattr(e, name)) for e in corpus.entities for name in ("start", "end")
              if getattr(e, name, None)]
    for item, name, date in dated:
        if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
            message = f"the year {date.year} looks like a typo"
        elif name == "published" and date.sort_key() > today_key:
            message = f"published {date.iso}, after today"
        else:
            continue
        where = item.location_of(name)  # only for a problem, as in validate
        problems.append(Problem(where.path, where.line, 1, message, severity="warning"))


def validate(corpus: model.Corpus, problems: list[Problem]) -> model.Corpus:
    """Check ``corpus`` as a whole, adding to ``problems``; returns it with article texts set."""
    seen: dict[str, model.Location] = {}
    kinds: dict[str, str] = {}
    for item in (*corpus.sources, *corpus.entities):
        if item.id in seen:
            problems.append(Problem(item.where.path, item.where.line, 1,
                                    f"duplicate id '{item.id}', already used by {seen[item.id]}"))
        seen[item.id] = item.where
        kinds[item.id] = item.kind
    entity_ids = {e.id for e in corpus.entities}
    source_ids = {s.id for s in corpus.sources}
    ids_of_kind: dict[str, set[str]] = {}
    for ident, kind in kinds.items():
        ids_of_kind.setdefault(kind, set()).add(ident)

    # A problem's location is worked out only when there is a problem: the references and quotes
    # of a large corpus number in the hundred thousands.
    def resolve(ident: str, expected: str | None, owner: model.Placed, field: str) -> None:
        if ident in corpus.unreadable:
            return  # its own file is already reported
        ids = entity_ids if expected is None else ids_of_kind.get(expected, set())
        if ident not in ids:
            where = owner.location_of(field)
            what = f"{expected} " if expected else "entity "
            problems.append(Problem(where.path, where.line, 1,
                                    f"unknown {what}id '{ident}' in '{field}'", _hint(ident, ids | corpus.unreadable)))

    sources = []
    folded = {}
    for source in corpus.sources:
        text = article_text(source, problems)
        folded[source.id] = fold(text)
        sources.append(dataclasses.replace(source, article_text=text))

    def check_quote(quote: str, source_id: str, where_of: Callable[[], model.Location]) -> None:
        if source_id in corpus.unreadable:
            return
        if source_id not in folded:
            where = where_of()
            problems.append(Problem(where.path, where.line, 1, f"unknown source id '{source_id}'",
                                    _hint(source_id, source_ids)))
            return
        passage = fold(quote)
        if passage not in folded[source_id]:
            where, closest = where_of(), closest_passage(passage, folded[source_id])
            problems.append(Problem(where.path, where.line, 1,
                                    f"quote not found in the article text of '{source_id}': \"{quote}\"",
                                    f"the closest passage of the article is \"{closest}\"" if closest else ""))

    mentioned = set()
    for source in corpus.sources:
        claim_ids = set()
        for claim in source.claims:
            if claim.id in claim_ids:
                problems.append(Problem(claim.where.path, claim.where.line, 1, f"duplicate claim id '{claim.id}'"))
            claim_ids.add(claim.id)
            for ident in claim.about:
                resolve(ident, None, claim, "about")
                mentioned.add(ident)
            check_quote(claim.quote, source.id, lambda: claim.location_of("quote"))
    for entity in corpus.entities:
        for field, ident, kind in entity.references():
            resolve(ident, kind, entity, field)
        if isinstance(entity, model.Person):
            for role in entity.roles:
                check_quote(role.quote, role.source, lambda: role.location_of("quote"))
                mentioned.update(filter(None, (entity.id, role.organisation)))
        start, end = getattr(entity, "start", None), getattr(entity, "end", None)
        if start and end and end.sort_key() < start.sort_key():
            where = entity.location_of("end")
            problems.append(Problem(where.path, where.line, 1, f"ends ({end.iso}) before it starts ({start.iso})"))
    _check_parents(corpus, problems)
    _check_dates(corpus, problems)
    for term in corpus.glossary:
        for attestation in term.attested:
            check_quote(attestation.quote, attestation.source, lambda: attestation.where)

    for entity in corpus.entities:
        if entity.id not in mentioned:
            problems.append(Problem(entity.where.path, entity.where.line, 1,
                                    f"no source mentions '{entity.id}'",
                                    "add a claim about it to an article, or remove the file", "warning"))
    for text in model.texts_in((*corpus.sources, *corpus.entities, *corpus.glossary)):
        if text.missing and text.where:
            problems.append(Problem(text.where.path, text.where.line, 1,
                                    f"no translation in {', '.join(text.missing)}",
                                    "the page shows the text that exists, with a notice", "warning"))
    return dataclasses.replace(corpus, sources=tuple(sources))

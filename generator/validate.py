"""Cross-file invariants: unique ids, references that resolve, quotes that are
really in their article, coherent dates. Returns the sources with their article
text (the collected text without its not-article spans)."""

from __future__ import annotations

import dataclasses
import difflib
import re

from . import model
from .problems import Problem, SourceErrors


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


def _hint(unknown: str, known) -> str:
    match = difflib.get_close_matches(unknown, sorted(known), n=1)
    return f"did you mean '{match[0]}'?" if match else ""


def validate(corpus: model.Corpus) -> model.Corpus:
    problems: list[Problem] = []
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

    def resolve(ident: str, expected: str | None, where: model.Location, field: str) -> None:
        ids = entity_ids if expected is None else {i for i, k in kinds.items() if k == expected}
        if ident not in ids:
            what = f"{expected} " if expected else "entity "
            problems.append(Problem(where.path, where.line, 1,
                                    f"unknown {what}id '{ident}' in '{field}'", _hint(ident, ids)))

    sources = []
    folded = {}
    for source in corpus.sources:
        text = article_text(source, problems)
        folded[source.id] = fold(text)
        sources.append(dataclasses.replace(source, article_text=text))

    def check_quote(quote: str, source_id: str, where: model.Location) -> None:
        if source_id not in folded:
            problems.append(Problem(where.path, where.line, 1, f"unknown source id '{source_id}'",
                                    _hint(source_id, source_ids)))
        elif fold(quote) not in folded[source_id]:
            problems.append(Problem(where.path, where.line, 1,
                                    f"quote not found in the article text of '{source_id}': \"{quote}\"",
                                    "copy the passage exactly from the article (not from a caption or a related-articles list)"))

    for source in corpus.sources:
        claim_ids = set()
        for claim in source.claims:
            if claim.id in claim_ids:
                problems.append(Problem(claim.where.path, claim.where.line, 1, f"duplicate claim id '{claim.id}'"))
            claim_ids.add(claim.id)
            for ident in claim.about:
                resolve(ident, None, claim.location_of("about"), "about")
            check_quote(claim.quote, source.id, claim.location_of("quote"))
    for entity in corpus.entities:
        for field, ident, kind in entity.references():
            resolve(ident, kind, entity.location_of(field), field)
        if isinstance(entity, model.Person):
            for role in entity.roles:
                check_quote(role.quote, role.source, role.location_of("quote"))
        start, end = getattr(entity, "start", None), getattr(entity, "end", None)
        if start and end and end.sort_key() < start.sort_key():
            where = entity.location_of("end")
            problems.append(Problem(where.path, where.line, 1, f"ends ({end.iso}) before it starts ({start.iso})"))
    for term in corpus.glossary:
        for attestation in term.attested:
            check_quote(attestation.quote, attestation.source, attestation.where)
    if problems:
        raise SourceErrors(problems)
    return dataclasses.replace(corpus, sources=tuple(sources))

"""Cross-file invariants: unique ids, references that resolve, quotes taken from other
files' articles that are really there, coherent dates; and warnings for what deserves
a look (an entity no source mentions, a missing translation)."""

from __future__ import annotations

import collections
import datetime
import difflib
import re
from decimal import Decimal, InvalidOperation

from . import model, quotes
from .problems import Problem


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
    dated: list[tuple[model.Placed, str, model.PartialDate]] = [(s, "published", s.published) for s in corpus.sources]
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


def _names_year(quotes: list[str], year: int) -> bool:
    return any(str(year) in quote for quote in quotes)


def _check_inferred_dates(corpus: model.Corpus, problems: list[Problem]) -> None:
    """A date that rests on an article's inferred date must be marked inferred too: a figure's or a
    role's date whose quote names no year, an event's or a programme's date that no quote about it
    names, when every article it comes from is dated by the editors."""
    sources = {source.id: source for source in corpus.sources}

    def warn(item: model.Placed, field: str, what: str) -> None:
        where = item.location_of(field)
        problems.append(Problem(where.path, where.line, 1, f"{what} rests on an article whose date the editors "
                                                           "inferred, and its quote names no year",
                                "add `date_inferred: true` to it (the pages then say so), or quote the year",
                                "warning"))

    quotes_about: dict[str, list[tuple[str, str]]] = {}  # {entity id: [(source id, quote)]}
    for source in corpus.sources:
        for claim in source.claims:
            figure = claim.figure
            if figure and source.date_inferred and not figure.date_inferred and \
                    not _names_year([claim.quote], figure.as_of.year):
                warn(claim, "figure", f"the figure's date ({figure.as_of.iso})")
            for ident in claim.about:
                quotes_about.setdefault(ident, []).append((source.id, claim.quote))
    for entity in corpus.entities:
        for role in getattr(entity, "roles", ()):
            role_source = sources.get(role.source)
            if role_source and role_source.date_inferred and not role.date_inferred and \
                    not _names_year([role.quote], role.as_of.year):
                warn(role, "as_of", f"the role's date ({role.as_of.iso})")
        about = quotes_about.get(entity.id, [])
        if getattr(entity, "date_inferred", True) or not about:
            continue
        if all(sources[source_id].date_inferred for source_id, _quote in about):
            for field in ("start", "end"):
                date = getattr(entity, field, None)
                if date and not _names_year([quote for _source, quote in about], date.year):
                    warn(entity, field, f"its {field} ({date.iso})")


def _spelling(text: str) -> str:
    """A name as compared with another or with an article: whitespace, case and the apostrophe
    ("People’s", "People's") set aside."""
    return quotes.fold(text).casefold().replace("\u2019", "'")


def _check_aliases(corpus: model.Corpus, problems: list[Problem]) -> None:
    """An alias is shown to readers as a spelling of the sources: one that no article mentioning
    the entity holds is a search term."""
    articles = {source.id: _spelling(source.article_text) for source in corpus.sources}
    sources_of: dict[str, set[str]] = {}
    for source in corpus.sources:
        for claim in source.claims:
            for ident in claim.about:
                sources_of.setdefault(ident, set()).add(source.id)
    for entity in corpus.entities:
        for role in getattr(entity, "roles", ()):
            sources_of.setdefault(entity.id, set()).add(role.source)
        texts = [articles[ident] for ident in sorted(sources_of.get(entity.id, ())) if ident in articles]
        if not texts:
            continue
        names = {name.casefold() for _lang, name in entity.name.translations}
        for alias in entity.aliases:
            if alias.casefold() not in names and not any(_spelling(alias) in text for text in texts):
                where = entity.location_of("aliases")
                problems.append(Problem(where.path, where.line, 1, f"the alias '{alias}' is in no article that "
                                                                   f"mentions '{entity.id}'",
                                        "the page shows it as a spelling of the sources: if it only helps the "
                                        "search, move it to search_terms", "warning"))


def _check_near_duplicates(corpus: model.Corpus, problems: list[Problem]) -> None:
    """Two files for one thing: events of one type on one date in one city, and an entity whose
    name is another's name or alias in some language (each pair reported once, at the later file)."""
    seen_events: dict[tuple, model.Entity] = {}
    for entity in sorted(corpus.entities, key=lambda item: item.where.path):
        if isinstance(entity, model.Event):
            key = (entity.type, entity.start, entity.city)
            if key in seen_events:
                problems.append(Problem(entity.where.path, entity.where.line, 1,
                                        f"'{entity.id}' has the type, date and city of '{seen_events[key].id}' "
                                        f"({seen_events[key].where.path})",
                                        "if they are one event, keep one file and give it both articles' claims",
                                        "warning"))
            seen_events.setdefault(key, entity)

    holders: dict[str, list[model.Entity]] = {}  # {folded name or alias: the entities that have it}
    for entity in corpus.entities:
        for spelling in {_spelling(text) for text in (*(text for _lang, text in entity.name.translations),
                                                   *entity.aliases)}:
            holders.setdefault(spelling, []).append(entity)
    reported: set[tuple[str, str]] = set()
    for entity in corpus.entities:
        for spelling in sorted({_spelling(text) for _lang, text in entity.name.translations}):
            for other in holders[spelling]:
                first, second = sorted((entity, other), key=lambda item: (item.where.path, item.id))
                if other is entity or (first.id, second.id) in reported:
                    continue
                reported.add((first.id, second.id))
                problems.append(Problem(second.where.path, second.where.line, 1,
                                        f"'{second.id}' and '{first.id}' ({first.where.path}) share the name or "
                                        f"alias '{spelling}'",
                                        "if they are one entity, keep one file; if not, make the names tell them "
                                        "apart", "warning"))


# A number as a sentence or a quote writes it: digits, with the separators of some language between them.
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
# {language: (its decimal separator, its thousands separators)}: 42.7 and 1,250 in English; 42,7 and
# 1 250 in French; 42,7 and 1.250 in Vietnamese.
_NUMBER_STYLES = {"en": (".", ","), "fr": (",", "\u00a0\u202f."), "vi": (",", ".")}


def _read_number(token: str, style: tuple[str, str]) -> Decimal | None:
    decimal, thousands = style
    whole, _sep, fraction = token.partition(decimal) if decimal in token else (token, "", "")
    groups = re.split(f"[{re.escape(thousands)}]", whole)
    if len(groups) > 1 and not all(len(group) == 3 for group in groups[1:]) or not all(groups):
        return None
    if not fraction.isdigit() and fraction:
        return None
    try:
        return Decimal("".join(groups) + ("." + fraction if fraction else "")).normalize()
    except InvalidOperation:
        return None


def numbers_in(text: str, lang: str | None = None) -> set[Decimal]:
    """The numbers ``text`` writes: read as ``lang`` writes numbers, or (None) in each way some language
    may write it (a quote's "1,25" may be 1.25 or 125: both are counted as given)."""
    found = set()
    for token in _NUMBER.findall(text):
        styles = [_NUMBER_STYLES[lang]] if lang else list(_NUMBER_STYLES.values())
        readings = {value for style in styles if (value := _read_number(token, style)) is not None}
        found |= readings or {value for style in _NUMBER_STYLES.values()
                              if (value := _read_number(token, style)) is not None}
    return found


def _numbers_of(claim: model.Claim, source: model.Source) -> set[Decimal]:
    """The numbers a claim gives: in its quote, its texts, its figure and the date the figure refers to."""
    given = numbers_in(claim.quote) | set().union(*(numbers_in(text) for _lang, text in claim.text.translations))
    if claim.figure:
        figure = claim.figure
        given |= {Decimal(repr(value)).normalize() for value in (figure.value, figure.previous) if value is not None}
        given |= {Decimal(part) for part in (figure.as_of.year, figure.as_of.month, figure.as_of.day) if part}
    return given


def _check_indicators(corpus: model.Corpus, problems: list[Problem]) -> None:
    """Each figure's indicator exists, the figures of one indicator share a unit, and each indicator
    measures some figure."""
    lines: dict[str, model.Location] = {}
    for indicator in corpus.indicators:
        if indicator.id in lines:
            problems.append(Problem(indicator.where.path, indicator.where.line, 1, f"duplicate indicator id "
                                    f"'{indicator.id}', already used at line {lines[indicator.id].line}"))
        lines.setdefault(indicator.id, indicator.where)
    if corpus.indicators_unread:
        return
    units: dict[str, tuple[str, model.Claim]] = {}
    for source in corpus.sources:
        for claim in source.claims:
            figure = claim.figure
            if figure is None or figure.indicator is None:
                continue
            where = claim.location_of("figure")
            if figure.indicator not in lines:
                problems.append(Problem(where.path, where.line, 1, f"unknown indicator '{figure.indicator}' in the "
                                                                   "figure", _hint(figure.indicator, lines) or
                                        "add it to sources/indicators.yml"))
                continue
            unit, first = units.setdefault(figure.indicator, (figure.unit, claim))
            if unit != figure.unit:
                problems.append(Problem(where.path, where.line, 1, f"the figure measures '{figure.indicator}' in "
                                                                   f"{figure.unit}, the claim '{first.source}#"
                                                                   f"{first.id}' in {unit}",
                                        "the figures of one indicator share a unit: convert it, or use another "
                                        "indicator"))
    for ident, where in lines.items():
        if ident not in units:
            problems.append(Problem(where.path, where.line, 1, f"no figure measures the indicator '{ident}'",
                                    "give a figure `indicator: " + ident + "`, or remove it", "warning"))


def _cited(owner: model.Sentence | model.Claim, field: str, claims: CitedClaims,
           corpus: model.Corpus, problems: list[Problem]) -> list[tuple[model.Claim, model.Source]]:
    """The claims that ``owner`` names in ``field`` (<article id>#<claim id>); a problem for each unknown one."""
    found = []
    for ref in getattr(owner, field):
        if ref in claims:
            found.append(claims[ref])
        elif ref.partition("#")[0] not in corpus.unreadable:
            where = owner.location_of(field)
            article = ref.partition("#")[0]
            known = [key for key in claims if key.startswith(f"{article}#")] or claims
            problems.append(Problem(where.path, where.line, 1, f"unknown claim '{ref}' in '{field}'",
                                    _hint(ref, known)))
    return found


CitedClaims = dict[str, tuple[model.Claim, model.Source]]  # {"<article id>#<claim id>": (claim, its article)}


def _check_same_facts(corpus: model.Corpus, claims: CitedClaims, problems: list[Problem]) -> None:
    """A claim's `same_as` names claims of other articles."""
    for source in corpus.sources:
        for claim in source.claims:
            for other, other_source in _cited(claim, "same_as", claims, corpus, problems):
                if other_source.id == source.id:
                    where = claim.location_of("same_as")
                    problems.append(Problem(where.path, where.line, 1, f"'{other_source.id}#{other.id}' is a claim "
                                                                       "of the same article",
                                            "same_as joins the reports of one fact by different articles: "
                                            "merge the two claims instead"))


def _check_narrative(corpus: model.Corpus, claims: CitedClaims, problems: list[Problem]) -> None:
    """Every sentence of the briefing cites claims that exist, and writes no number they do not give."""
    narrative = corpus.narrative
    if narrative is None:
        return
    path = narrative.where.path
    if not 3 <= len(narrative.bottom_line) <= 5:
        problems.append(Problem(path, narrative.where.line, 1, f"the bottom line has {len(narrative.bottom_line)} "
                                                               "judgement(s)", "a reader takes in three to five",
                                "warning"))
    section_lines: dict[str, int] = {}
    for section in narrative.sections:
        if section.id in section_lines:
            problems.append(Problem(path, section.where.line, 1, f"duplicate section id '{section.id}', already "
                                                                 f"used at line {section_lines[section.id]}"))
        section_lines.setdefault(section.id, section.where.line)
    for sentence in narrative.sentences():
        cited = _cited(sentence, "cites", claims, corpus, problems)
        if len(cited) < len(sentence.cites):
            continue
        given = set().union(*(_numbers_of(claim, source) for claim, source in cited))
        for lang, text in sentence.text.translations:
            missing = [token for token in _NUMBER.findall(text) if not numbers_in(token, lang) & given]
            if missing:
                problems.append(Problem(path, sentence.text.line_of(lang), 1,
                                        f"{', '.join(dict.fromkeys(missing))} in this sentence ({lang}) is in none of "
                                        f"the claims it cites", "cite the claim that gives it, or write the number "
                                                                "as that claim does"))


def validate(corpus: model.Corpus, problems: list[Problem]) -> None:
    """Check ``corpus`` as a whole, adding to ``problems``."""
    seen: dict[str, model.Location] = {}
    kind_of: dict[str, str] = {}
    items: tuple[model.Source | model.Entity, ...] = (*corpus.sources, *corpus.entities)
    for item in items:
        if item.id in seen:
            problems.append(Problem(item.where.path, item.where.line, 1,
                                    f"duplicate id '{item.id}', already used by {seen[item.id]}"))
        seen[item.id] = item.where
        kind_of[item.id] = item.kind
    entity_ids = {e.id for e in corpus.entities}
    ids_of_kind: dict[str, set[str]] = {}
    for ident, kind in kind_of.items():
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

    articles: dict[str, str] = {source.id: source.article_text for source in corpus.sources}
    folded: dict[str, str] = {}  # the articles that other files quote (a claim's quote is checked by the reader)
    hints: collections.Counter[str] = collections.Counter()  # given to each file (quotes.MAX_HINTS_PER_FILE)

    def check_quote(owner: model.Role | model.Attestation) -> None:
        """A problem if the quote of a role or of a glossary term's attestation is not in its source."""
        source_id = owner.source
        if source_id in corpus.unreadable:
            return

        def where_of() -> model.Location:
            return owner.location_of("quote") if isinstance(owner, model.Role) else owner.where

        if source_id not in articles:
            where = where_of()
            problems.append(Problem(where.path, where.line, 1, f"unknown source id '{source_id}'",
                                    _hint(source_id, articles)))
            return
        if source_id not in folded:
            folded[source_id] = quotes.fold(articles[source_id])
        quotes.check_quote(owner.quote, source_id, folded[source_id], where_of, problems, hints)

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
    for entity in corpus.entities:
        for field, ident, kind in entity.references():
            resolve(ident, kind, entity, field)
        if isinstance(entity, model.Person):
            for role in entity.roles:
                check_quote(role)
                mentioned.update(filter(None, (entity.id, role.organisation)))
        start, end = getattr(entity, "start", None), getattr(entity, "end", None)
        if start and end and end.last_key() < start.sort_key():
            where = entity.location_of("end")
            problems.append(Problem(where.path, where.line, 1, f"ends ({end.iso}) before it starts ({start.iso})"))
    _check_parents(corpus, problems)
    _check_dates(corpus, problems)
    _check_inferred_dates(corpus, problems)
    _check_aliases(corpus, problems)
    _check_near_duplicates(corpus, problems)
    cited = {f"{source.id}#{claim.id}": (claim, source) for source in corpus.sources for claim in source.claims}
    _check_narrative(corpus, cited, problems)
    _check_same_facts(corpus, cited, problems)
    _check_indicators(corpus, problems)
    term_lines: dict[str, model.Location] = {}
    for term in corpus.glossary:
        if term.id in term_lines:
            problems.append(Problem(term.where.path, term.where.line, 1,
                                    f"duplicate term id '{term.id}', already used at line {term_lines[term.id].line}"))
        term_lines.setdefault(term.id, term.where)
        for attestation in term.attested:
            check_quote(attestation)

    # An article or a person that could not be read may be what mentions them: its own error says enough.
    for entity in corpus.entities:
        if entity.id not in mentioned and not corpus.mentions_unread:
            problems.append(Problem(entity.where.path, entity.where.line, 1,
                                    f"no source mentions '{entity.id}'",
                                    "add a claim about it to an article, or remove the file", "warning"))
    for text in model.texts_in(corpus.text_owners):
        for lang, (original, print_) in text.made_from:
            if not print_:
                problems.append(Problem(text.where.path, text.line_of(lang), 1,
                                        f"'{text.name}.{lang}' says it is translated from {original}, with no "
                                        "fingerprint recorded",
                                        f"`python -m generator status --record {text.where.path}` records it",
                                        "warning"))
        if text.missing and not text.translations_optional:
            problems.append(Problem(text.where.path, text.where.line, 1,
                                    f"no translation in {', '.join(text.missing)}",
                                    "the page shows the text that exists, with a notice", "warning"))

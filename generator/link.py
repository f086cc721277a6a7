"""Link the validated corpus into a briefing: who refers to whom, both ways."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from . import model, status


@dataclass(frozen=True)
class Briefing:
    """The linked briefing that every renderer works from; nothing changes it once linked.
    (Plain dicts, typed read-only: a briefing is pickled to the processes that make the PDFs.)"""

    sources: Mapping[str, model.Source]
    entities: Mapping[str, model.Entity]
    glossary: tuple[model.GlossaryTerm, ...]
    claims_about: Mapping[str, tuple[model.Claim, ...]]
    related: Mapping[str, tuple[str, ...]]  # of an entity: those sharing the most claims with it (MAX_RELATED)
    related_not_listed: Mapping[str, int]  # of an entity: how many others share fewer claims with it
    sources_of: Mapping[str, tuple[str, ...]]
    mentions: Mapping[str, tuple[str, ...]]
    holders: Mapping[str, tuple[str, ...]]  # of an organisation: the people with a role in it
    file_digests: Mapping[str, str]  # of the source files as they were read (see model.Corpus)
    texts: tuple[status.OwnedText, ...]  # every text, for the translation-status pages
    narrative: model.Narrative | None = None  # sources/briefing.yml
    indicators: Mapping[str, model.Indicator] = dataclasses.field(default_factory=dict)  # sources/indicators.yml

    # The selections below are made once, on first use: the briefing does not change once
    # linked, and the pages and the PDF of a language ask for them several times.

    def of_kind(self, kind: str) -> tuple[model.Entity, ...]:
        return self._entities_by_kind.get(kind, ())

    @functools.cached_property
    def _entities_by_kind(self) -> dict[str, tuple[model.Entity, ...]]:
        by_kind: dict[str, list[model.Entity]] = defaultdict(list)
        for entity in self.entities.values():
            by_kind[entity.kind].append(entity)
        return {kind: tuple(entities) for kind, entities in by_kind.items()}

    def files_behind(self, item: model.Source | model.Entity) -> frozenset[str]:
        """The files of sources/ whose content the page of an entity or a source shows: its own,
        and those of the sources and entities it cites or names."""
        return self._files_behind[item.id]

    @functools.cached_property
    def _files_behind(self) -> dict[str, frozenset[str]]:
        path_of = {ident: item.where.path for items in (self.sources, self.entities) for ident, item in items.items()}
        behind = {ident: frozenset({path_of[ident], *map(path_of.__getitem__, self.mentions.get(ident, ()))})
                  for ident in self.sources}
        behind.update({ident: frozenset({path_of[ident], *map(path_of.__getitem__, self.sources_of.get(ident, ())),
                                         *map(path_of.__getitem__, self.related.get(ident, ()))})
                       for ident in self.entities})
        return behind

    def files_behind_row(self, entry: model.Claim | model.Source | model.Entity) -> frozenset[str]:
        """The files a row of a list shows: a claim's article; a source's own file; an entity's, and
        those of the entities it names in its row (its place, its organisation)."""
        ident = entry.source if isinstance(entry, model.Claim) else entry.id
        return self._files_behind_rows[ident]

    @functools.cached_property
    def _files_behind_rows(self) -> dict[str, frozenset[str]]:
        rows = {ident: frozenset({source.where.path}) for ident, source in self.sources.items()}
        rows.update({ident: frozenset({entity.where.path, *(self.entities[other].where.path
                                                            for _field, other, _kind in entity.references()
                                                            if other in self.entities)})
                     for ident, entity in self.entities.items()})
        return rows

    @functools.cached_property
    def translation_counts(self) -> dict[str, Counter]:
        """{language: Counter(status → number of texts)}, for the translation-status pages."""
        return status.counts(self.texts)

    @functools.cached_property
    def claims(self) -> tuple[model.Claim, ...]:
        return tuple(claim for source in self.sources.values() for claim in source.claims)

    @functools.cached_property
    def claim_at(self) -> dict[str, model.Claim]:
        """{"<article id>#<claim id>": claim}, as the narrative cites them."""
        return {f"{claim.source}#{claim.id}": claim for claim in self.claims}

    @functools.cached_property
    def narrative_references(self) -> dict[str, int]:
        """{cited claim: its reference number}, numbered in the order the narrative first cites them."""
        numbers: dict[str, int] = {}
        for sentence in self.narrative.sentences() if self.narrative else ():
            for ref in sentence.cites:
                numbers.setdefault(ref, len(numbers) + 1)
        return numbers

    @functools.cached_property
    def _fact_of(self) -> dict[str, str]:
        """{claim: the first claim of its fact}: claims joined by `same_as`, in either direction, report one fact."""
        first: dict[str, str] = {}

        def root(ref: str) -> str:
            while first.get(ref, ref) != ref:
                ref = first[ref]
            return ref

        for claim in self.claims:
            for other in claim.same_as:
                a, b = sorted((root(f"{claim.source}#{claim.id}"), root(other)))
                if a != b:
                    first[b] = a
        return {ref: root(ref) for ref in first}

    def facts(self, claims) -> tuple[tuple[model.Claim, ...], ...]:
        """``claims`` as facts: a claim with the claims among them that report the same fact (`same_as`),
        in the order of the first of each."""
        grouped: dict[str, list[model.Claim]] = {}
        for claim in claims:
            ref = f"{claim.source}#{claim.id}"
            grouped.setdefault(self._fact_of.get(ref, ref), []).append(claim)
        return tuple(tuple(group) for group in grouped.values())

    def facts_by_year(self, claims) -> tuple[tuple[tuple[int, bool, tuple], ...], dict[str, int]]:
        """``claims`` as facts grouped by the year of their first article: ((year, whether every article of
        that year has an inferred date, facts), …), and {source id: its reference number} in the order
        the facts cite them."""
        years: dict[int, list] = {}
        numbers: dict[str, int] = {}
        for fact in self.facts(claims):
            years.setdefault(self.sources[fact[0].source].published.year, []).append(fact)
            for claim in fact:
                numbers.setdefault(claim.source, len(numbers) + 1)
        return tuple((year, all(self.sources[fact[0].source].date_inferred for fact in facts), tuple(facts))
                     for year, facts in years.items()), numbers

    @functools.cached_property
    def briefed(self) -> tuple[str, ...]:
        """The entities the briefing names: those of the claims the narrative cites, in the order it
        cites them, then those of the key claims (the PDF profiles them)."""
        named: dict[str, None] = {}
        for ref in self.narrative_references:
            named.update(dict.fromkeys(self.claim_at[ref].about))
        for claim in self.claims:
            if claim.key:
                named.update(dict.fromkeys(claim.about))
        return tuple(ident for ident in named if ident in self.entities)

    @functools.cached_property
    def key_takeaways(self) -> tuple[model.Claim, ...]:
        """The key claims without a figure, those of the latest sources first."""
        return tuple(claim for source in self.sources_by_date for claim in source.claims
                     if claim.key and not claim.figure)

    @functools.cached_property
    def figures(self) -> tuple[model.Claim, ...]:
        """The claims with a figure, the oldest figures first."""
        dated = [(claim.figure.as_of.sort_key(), claim) for claim in self.claims if claim.figure]
        return tuple(claim for _date, claim in sorted(dated, key=lambda pair: pair[0]))

    @functools.cached_property
    def figure_groups(self) -> tuple[tuple[model.Indicator | None, tuple[model.Claim, ...]], ...]:
        """The figures by indicator, in the order of sources/indicators.yml, each group's oldest first;
        then each figure that names no indicator, as a group of its own (the oldest first)."""
        by_indicator: dict[str, list[model.Claim]] = defaultdict(list)
        alone = []
        for claim in self.figures:
            indicator = claim.figure.indicator if claim.figure else None
            if indicator is not None and indicator in self.indicators:
                by_indicator[indicator].append(claim)
            else:
                alone.append(claim)
        return (*((self.indicators[ident], tuple(by_indicator[ident])) for ident in self.indicators
                  if ident in by_indicator),
                *((None, (claim,)) for claim in alone))

    @functools.cached_property
    def indicator_figures(self) -> dict[str, tuple[model.Claim, ...]]:
        """{indicator id: every figure that measures it}: whether a target has an outcome is a question
        of the indicator, not of the page that shows the target."""
        return {indicator.id: claims for indicator, claims in self.figure_groups if indicator}

    def figure_groups_of(self, ident: str) -> tuple[tuple[model.Indicator | None, tuple[model.Claim, ...]], ...]:
        """The figures of the claims about an entity, by indicator (see figure_groups)."""
        about = {id(claim) for claim in self.claims_about.get(ident, ())}
        return tuple((indicator, kept) for indicator, claims in self.figure_groups
                     if (kept := tuple(claim for claim in claims if id(claim) in about)))

    @functools.cached_property
    def key_figure_groups(self) -> tuple[tuple[model.Indicator | None, tuple[model.Claim, ...]], ...]:
        """The groups of figures that hold a key figure."""
        return tuple(group for group in self.figure_groups if any(claim.key for claim in group[1]))

    @functools.cached_property
    def key_figures(self) -> tuple[model.Claim, ...]:
        """The key claims with a figure, the oldest figures first."""
        return tuple(claim for claim in self.figures if claim.key)

    @functools.cached_property
    def events_latest_first(self) -> tuple[model.Event, ...]:
        events = [event for event in self.of_kind("event") if isinstance(event, model.Event)]
        return tuple(sorted(events, key=lambda event: event.start.sort_key(), reverse=True))

    @functools.cached_property
    def timeline_items(self) -> tuple[model.Programme | model.Event, ...]:
        """The programmes with a start or an end, and the events, in the order of the timeline."""
        items = [item for item in self.entities.values()
                 if isinstance(item, model.Event) or isinstance(item, model.Programme) and (item.start or item.end)]
        return tuple(sorted(items, key=lambda item: item.timeline_key))

    @functools.cached_property
    def as_of(self) -> model.PartialDate:
        return max((s.published for s in self.sources.values()), key=model.PartialDate.sort_key)

    @functools.cached_property
    def sources_by_date(self) -> tuple[model.Source, ...]:
        return tuple(sorted(self.sources.values(), key=lambda s: (s.published.sort_key(), s.id), reverse=True))


def _frozen(mapping: Mapping[str, set | list]) -> dict[str, tuple]:
    return {key: tuple(sorted(values)) if isinstance(values, set) else tuple(values)
            for key, values in sorted(mapping.items())}


# An entity page lists at most this many related entities, those that share the most claims
# with it: as many as a reader scans, and pages whose total does not grow with the square of
# the number of entities (a pull request naming thousands of entities together).
MAX_RELATED = 100


def _most_related(counts: Counter[str]) -> tuple[str, ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_RELATED]
    return tuple(sorted(ident for ident, _count in ranked))


def link(corpus: model.Corpus) -> Briefing:
    """Compute claims per entity, related entities (both directions) and source mentions."""
    claims_about: dict[str, list[model.Claim]] = defaultdict(list)
    related: dict[str, Counter[str]] = defaultdict(Counter)  # {id: {related id: claims and references shared}}
    sources_of: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[str]] = defaultdict(set)

    # Oldest source first, so an entity's claims read in the order they were reported.
    for source in sorted(corpus.sources, key=lambda s: (s.published.sort_key(), s.id)):
        for claim in source.claims:
            for ident in claim.about:
                claims_about[ident].append(claim)
                sources_of[ident].add(source.id)
                mentions[source.id].add(ident)
                related[ident].update(other for other in claim.about if other != ident)
    for entity in corpus.entities:
        for _field, reference, _kind in entity.references():
            related[entity.id][reference] += 1
            related[reference][entity.id] += 1
        for role in getattr(entity, "roles", ()):
            sources_of[entity.id].add(role.source)
            mentions[role.source].add(entity.id)
            if role.organisation:
                holders[role.organisation].add(entity.id)

    dates = {s.id: s.published.sort_key() for s in corpus.sources}

    def by_date(source_ids: set[str]) -> list[str]:
        return sorted(source_ids, key=lambda ident: (dates.get(model.Id(ident), (0, 0, 0)), ident))

    return Briefing(
        sources={s.id: s for s in corpus.sources},
        entities={e.id: e for e in corpus.entities},
        glossary=corpus.glossary,
        claims_about=_frozen(claims_about),
        related={ident: _most_related(counts) for ident, counts in sorted(related.items())},
        related_not_listed={ident: len(counts) - MAX_RELATED for ident, counts in sorted(related.items())
                            if len(counts) > MAX_RELATED},
        sources_of=_frozen({ident: by_date(ids) for ident, ids in sources_of.items()}),
        mentions=_frozen(mentions),
        holders=_frozen(holders),
        file_digests=dict(corpus.file_digests),
        texts=status.owned_texts(corpus.text_owners),
        narrative=corpus.narrative,
        indicators={indicator.id: indicator for indicator in corpus.indicators},
    )

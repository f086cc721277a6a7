"""The briefing as open data, per language: the figures as CSV, the claims as JSON.

Written beside the pages (data/figures.csv, data/claims.json) and linked from the figures
page and the About page. The Atom feed of the latest sources and events is a template
(templates/feed.xml.j2). Values are the annotations' own: a figure's number as written,
dates as ISO 8601 at their precision, texts in the page's language where they exist.
"""

from __future__ import annotations

import csv
import io
import json
import uuid

from . import model
from .kinds import page_path
from .link import Briefing

FIGURES_CSV = "data/figures.csv"
CLAIMS_JSON = "data/claims.json"
FEED = "feed.xml"
FEED_ENTRIES = 30  # the latest sources and events
FIGURE_COLUMNS = ("indicator", "label", "qualifier", "value", "unit", "refers_to", "date_inferred", "status",
                  "claim", "source", "source_published", "quote", "quote_language")


def figures_csv(briefing: Briefing, lang: str) -> str:
    """One row per figure, by indicator then date: what a researcher loads into a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for indicator, claims in briefing.figure_groups:
        for claim in claims:
            figure, source = claim.figure, briefing.sources[claim.source]
            assert figure is not None
            writer.writerow((
                indicator.name.best(lang)[0] if indicator else "", figure.label.best(lang)[0], figure.qualifier or "",
                _number(figure.value), figure.unit, figure.as_of.iso,
                str(figure.date_inferred).lower(), figure.status, f"{claim.source}#{claim.id}", claim.source,
                source.published.iso, claim.quote, source.language))
    return out.getvalue()


def _number(value: float) -> str:
    """A number as a spreadsheet reads it: 3000000000000, 42.7 (never 3e+12)."""
    return f"{value:.0f}" if float(value).is_integer() else repr(float(value))


def claims_json(briefing: Briefing, lang: str) -> str:
    """Every claim: its text in ``lang`` (or the language it exists in), its quote, source and entities."""
    claims = []
    for source in briefing.sources_by_date[::-1]:
        for claim in source.claims:
            text, text_lang = claim.text.best(lang)
            figure = claim.figure
            claims.append({
                "id": f"{source.id}#{claim.id}",
                "text": text, "text_language": text_lang,
                "quote": claim.quote, "quote_language": source.language,
                "about": list(claim.about),
                "source": {"id": source.id, "publisher": source.publisher, "published": source.published.iso,
                           "date_inferred": source.date_inferred, "url": source.url, "page": page_path(source)},
                "figure": None if figure is None else {
                    "indicator": figure.indicator, "label": figure.label.best(lang)[0], "value": figure.value,
                    "qualifier": figure.qualifier, "unit": figure.unit, "previous": figure.previous,
                    "refers_to": figure.as_of.iso, "date_inferred": figure.date_inferred, "status": figure.status},
                "same_as": list(claim.same_as),
            })
    return json.dumps({"language": lang, "claims": claims}, ensure_ascii=False, indent=1) + "\n"


def _timestamp(date: model.PartialDate) -> str:
    """A date at its precision as an RFC 3339 timestamp: its first day, at midnight UTC."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def feed_context(briefing: Briefing, lang: str) -> dict:
    """The Atom feed's entries, newest first. Ids are stable URNs (a UUID made from the page's
    path), so that a reader's feed software knows an entry again, whatever the address; links are
    relative to the feed, which lives at the root of its language's site."""
    dated: list[tuple[str, model.Source | model.Event, model.PartialDate]] = [
        ("source", source, source.published) for source in briefing.sources.values()]
    dated += [("event", event, event.start) for event in briefing.events_latest_first]
    dated.sort(key=lambda entry: (entry[2].sort_key(), entry[1].id), reverse=True)
    entries = [(kind, item, _timestamp(date), _urn(lang, page_path(item)),
                page_path(item).removesuffix(".md") + "/") for kind, item, date in dated[:FEED_ENTRIES]]
    return {"entries": entries, "feed_id": _urn(lang, FEED),
            "updated": entries[0][2] if entries else "1970-01-01T00:00:00Z"}


def _urn(lang: str, path: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"vietnam-smart-city-briefing/{lang}/{path}").urn

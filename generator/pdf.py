"""The printable briefing: one PDF per language, from the same linked data as the site.

The document is rendered from generator/templates/pdf/briefing.html.j2 with the same inline
macros as the site (names, dates, figures, citations), then laid out for A4 paper
by WeasyPrint with the fonts shipped in generator/templates/pdf/fonts (so that every
Vietnamese diacritic is embedded, whatever fonts the machine has).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import os
import subprocess
from pathlib import Path

from markupsafe import Markup

from . import kinds, timeline
from .link import Briefing
from .render import TEMPLATES, render_file, render_timeline

PDF_TEMPLATES = TEMPLATES / "pdf"
PDF_NAME = "briefing.pdf"


def revision(project_root: Path) -> str:
    """The build's revision: $BRIEFING_REVISION, else the git commit (marked if files changed)."""
    if os.environ.get("BRIEFING_REVISION"):
        return os.environ["BRIEFING_REVISION"]
    try:
        commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=project_root,
                                capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "sources", "templates"],
                                 cwd=project_root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return f"{commit}+changes" if changed else commit


# The PDF is a briefing of a few pages at any size of the corpus (the rest is on the website): the
# entities it profiles are those the narrative and the key claims name, at most PDF_PROFILES per
# section; at most PDF_ENTRIES key figures (by indicator) or key takeaways; the timeline's table
# lists what its drawing shows.
PDF_PROFILES = 12
PDF_ENTRIES = 12


def render_pdf_html(briefing: Briefing, lang: str, *, site_url: str, build_revision: str,
                    created: datetime.datetime) -> str:
    sections = {kind.name: kind.pdf_section for kind in kinds.KINDS}
    briefed: dict[str, list] = {"profiles": [], "whos-who": []}
    for ident in briefing.briefed:
        entity = briefing.entities[ident]
        shown = briefed.get(sections[entity.kind])
        if shown is not None and len(shown) < PDF_PROFILES:
            shown.append(entity)
    cited_claims = [briefing.claim_at[ref] for ref in briefing.narrative_references]
    cited_claims += [claim for _indicator, claims in briefing.key_figure_groups[:PDF_ENTRIES] for claim in claims]
    if briefing.narrative is None:
        cited_claims += briefing.key_takeaways[:PDF_ENTRIES]
    cited = {claim.source for claim in cited_claims}
    ordered = sorted((briefing.sources[ident] for ident in cited), key=lambda s: (s.published.sort_key(), s.id))
    address = f"{site_url.rstrip('/')}/{lang}/" if site_url else ""  # without one, the PDF names no website

    def site_link(path: str) -> Markup:
        return Markup('<a href="{0}">{0}</a>').format(address + path)

    return render_file(
        "pdf/briefing.html.j2", lang, briefing,
        citation_numbers={source.id: number for number, source in enumerate(ordered, start=1)},
        cited_sources=ordered,
        briefed_by_section=briefed,
        PDF_ENTRIES=PDF_ENTRIES,
        TIMELINE_ROWS=timeline.MAX_ROWS,
        site_link=site_link,
        timeline_svg=Markup(render_timeline(briefing, lang)),
        site_url=address,
        revision=build_revision,
        created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def render_pdf(briefing: Briefing, lang: str, *, site_url: str, build_revision: str,
               created: datetime.datetime) -> bytes:
    """The PDF briefing in ``lang``; the same input and ``created`` give the same bytes."""
    return lay_out_pdf(render_pdf_html(briefing, lang, site_url=site_url, build_revision=build_revision,
                                       created=created), created)


def lay_out_pdf(html: str, created: datetime.datetime) -> bytes:
    """The PDF of the briefing's HTML document, laid out for A4 paper by WeasyPrint."""
    import weasyprint  # imported here: only the PDF needs it (and Pango behind it)

    fonts = weasyprint.text.fonts.FontConfiguration()
    stylesheet = weasyprint.CSS(filename=str(PDF_TEMPLATES / "briefing.css"), font_config=fonts)
    document = weasyprint.HTML(string=html, base_url=str(PDF_TEMPLATES))
    with _font_timestamps(created):
        return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1")


@contextlib.contextmanager
def _font_timestamps(created: datetime.datetime):
    """Where HarfBuzz's subsetter is missing, WeasyPrint subsets the fonts with fontTools, which
    stamps each font it writes with the time of writing unless SOURCE_DATE_EPOCH gives another:
    without it, two renderings a second apart differ."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(created.utctimetuple()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before

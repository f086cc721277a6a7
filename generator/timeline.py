"""Lay out the timeline of programmes (periods) and events (dates) for an SVG drawing.

Only geometry is computed here; templates/timeline.svg.j2 draws it, with labels
in the reader's language, for the site's home page and for the PDF alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from .link import Briefing
from .model import Event, PartialDate, Programme

WIDTH = 760
MARGIN = 24
ROW_HEIGHT = 34
AXIS_HEIGHT = 28
MAX_ROWS = 40  # the drawing shows the programmes and events that start last; the timeline page lists all
LABEL_CHAR_WIDTH = 5.9  # average advance of an 11 px sans-serif character, to keep labels inside
OPEN_LENGTH = 44  # px: how far a period with no start or no end is drawn, fading, from the date it has
LEGEND_HEIGHT = 48  # two lines of legend below the axis
# A label longer than the drawing is cut, with an ellipsis: the timeline's table gives every name in full.
LABEL_CHARS = int((WIDTH - 2 * MARGIN) / LABEL_CHAR_WIDTH)


@dataclass(frozen=True)
class Row:
    item: Programme | Event
    y: float
    x_start: float
    x_end: float
    unknown_start: bool  # the sources give no start: drawn fading in, from no year
    unknown_end: bool  # the sources give no end (a programme): drawn fading out, to no year
    inferred: bool  # the editors inferred its dates: drawn dashed
    label_x: float
    label_anchor: str


@dataclass(frozen=True)
class Tick:
    year: int
    x: float


@dataclass(frozen=True)
class TimelineLayout:
    width: int
    height: int
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    label_chars: int = LABEL_CHARS


MAX_TICKS = 20  # a year per tick for 20 years; beyond (a year 0001 typed by mistake), every 2, 5, 10… years
_TICK_STEPS = tuple(unit * 10 ** power for power in range(5) for unit in (1, 2, 5))


def _fraction_of_year(date: PartialDate, at_end: bool) -> float:
    """A date as a fractional year; a year- or month-precision end covers its whole span."""
    if date.precision == "year":
        return date.year + (1.0 if at_end else 0.0)
    if date.precision == "month":
        return date.year + ((date.month or 1) - (0 if at_end else 1)) / 12
    return date.year + ((date.month or 1) - 1) / 12 + ((date.day or 1) - 1) / 365


def layout(briefing: Briefing, label_lengths: dict[str, int]) -> TimelineLayout | None:
    """Rows in date order (None if nothing is dated); ``label_lengths`` are in characters."""
    items = briefing.timeline_items[-MAX_ROWS:]
    if not items:
        return None
    dates = [d for item in items for d in (item.start, item.end) if d]
    first_year = min(d.year for d in dates)
    last_year = max(d.year for d in dates) + 1
    span = WIDTH - 2 * MARGIN

    def x(year_fraction: float) -> float:
        return round(MARGIN + (year_fraction - first_year) / (last_year - first_year) * span, 1)

    rows = []
    for index, item in enumerate(items):
        # A period the sources leave open is drawn a short way from the date they give, never to a
        # year they do not give.
        unknown_start, unknown_end = item.start is None, isinstance(item, Programme) and item.end is None
        if isinstance(item, Event):
            x_start = x(_fraction_of_year(item.start, at_end=False))
            x_end = max(x(_fraction_of_year(item.end or item.start, at_end=True)), x_start + 4)
        elif unknown_start:
            assert item.end is not None  # a programme on the timeline has a start or an end
            x_end = x(_fraction_of_year(item.end, at_end=True))
            x_start = max(MARGIN, x_end - OPEN_LENGTH)
        else:
            assert item.start is not None
            x_start = x(_fraction_of_year(item.start, at_end=False))
            x_end = (max(x(_fraction_of_year(item.end, at_end=True)), x_start + 4) if item.end
                     else min(WIDTH - MARGIN, x_start + OPEN_LENGTH))
        label_width = min(label_lengths[item.id], LABEL_CHARS) * LABEL_CHAR_WIDTH
        fits_right = x_start + label_width <= WIDTH - MARGIN
        rows.append(Row(
            item=item, y=index * ROW_HEIGHT, x_start=x_start, x_end=x_end,
            unknown_start=unknown_start, unknown_end=unknown_end, inferred=item.date_inferred,
            label_x=x_start if fits_right else max(x_end, MARGIN + label_width),
            label_anchor="start" if fits_right else "end",
        ))
    step = next(step for step in _TICK_STEPS if (last_year - first_year) / step <= MAX_TICKS)
    ticks = tuple(Tick(year, x(year)) for year in range(first_year, last_year + 1) if year % step == 0
                  or year in (first_year, last_year))
    axis_y = len(rows) * ROW_HEIGHT + 6
    return TimelineLayout(WIDTH, int(axis_y + AXIS_HEIGHT + LEGEND_HEIGHT), tuple(rows), ticks, axis_y)

"""Locale-aware formatting of dates, numbers and names, shared by every renderer."""

from __future__ import annotations

import datetime
import functools
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from .model import PartialDate


@functools.cache  # a few hundred distinct dates, formatted tens of thousands of times
def format_partial_date(value: PartialDate, lang: str) -> str:
    """A date at its precision: '5 December 2017', 'November 2023' or '2018', per locale."""
    if value.precision == "day":
        return babel_format_date(_first_day(value), "long", locale=lang)
    if value.precision == "month":
        return format_skeleton("yMMMM", _first_day(value), locale=lang)
    return format_skeleton("y", _first_day(value), locale=lang)


def _first_day(value: PartialDate) -> datetime.date:
    """The first day a date at its precision covers."""
    return datetime.date(value.year, value.month or 1, value.day or 1)


@functools.cache
def format_date_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """'29–30 November 2023' for two days; each end at its own precision otherwise."""
    if end is None or end == start:
        return format_partial_date(start, lang)
    if start.precision == end.precision == "day":
        return format_interval(_first_day(start), _first_day(end), "yMMMMd", locale=lang)
    return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"


@functools.cache  # parsing the locale was most of the time of formatting a number
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def format_number(value: float, lang: str) -> str:
    """Counts as written, large ones in words ('7.5 million', '7,5 triệu')."""
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="long", fraction_digits=2, locale=_locale(lang))
    return format_decimal(value, locale=_locale(lang))


def format_percentage(value: float, lang: str) -> str:
    """A value given in percent (42.7 → '42.7%', '42,7 %')."""
    # Decimal, so that 42.7 stays 42.7 and does not become 42.700000000000005.
    return format_percent(Decimal(str(value)) / 100, locale=_locale(lang), decimal_quantization=False)


@functools.cache
def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in language ``lang`` ('tiếng Anh', 'anglais')."""
    return Locale.parse(code).get_display_name(lang) or code


@functools.cache  # a name is folded for every list and search tag it is in
def ascii_fold(text: str) -> str:
    """The text without diacritics: 'Đà Nẵng' → 'Da Nang'."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache  # a name is sorted into every list it is on
def sort_key(text: str) -> str:
    """Alphabetical order that ignores diacritics (Đà Nẵng sorts with D)."""
    return ascii_fold(text).casefold()

"""Locale-aware formatting of dates, numbers and names, shared by every renderer."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from .model import PartialDate

# The locale of each language's dates: English as the UK writes it, as the sources (VNA,
# Vietnam News) do: "5 December 2017", not "December 5, 2017".
DATE_LOCALES = {"en": "en_GB", "vi": "vi", "fr": "fr"}
# Babel's long forms, except in Vietnamese, whose official and press writing gives a day as
# "ngày 5/12/2017", a month as "tháng 12/2024" and a year as "năm 2018".
DATE_PATTERNS = {"vi": {"day": "'ngày' d/M/y", "month": "'tháng' M/y", "year": "'năm' y"}}


@functools.cache  # a few hundred distinct dates, formatted tens of thousands of times
def format_partial_date(value: PartialDate, lang: str) -> str:
    """A date at its precision: '5 December 2017', 'November 2023' or '2018', per locale."""
    locale, day = DATE_LOCALES.get(lang, lang), _first_day(value)
    if lang in DATE_PATTERNS:
        return babel_format_date(day, DATE_PATTERNS[lang][value.precision], locale=locale)
    if value.precision == "day":
        return babel_format_date(day, "long", locale=locale)
    return format_skeleton("yMMMM" if value.precision == "month" else "y", day, locale=locale)


def _first_day(value: PartialDate) -> datetime.date:
    """The first day a date at its precision covers."""
    return datetime.date(value.year, value.month or 1, value.day or 1)


@functools.cache
def format_date_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """'29–30 November 2023' (ngày 29–30/11/2023) for two days of a month; each end in full otherwise."""
    if end is None or end == start:
        return format_partial_date(start, lang)
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        first = babel_format_date(_first_day(start), "d", locale=DATE_LOCALES.get(lang, lang))
        if lang == "vi":
            return f"ngày {first}–{babel_format_date(_first_day(end), 'd/M/y', locale='vi')}"
        if lang == "fr":  # as the French press writes it: "les 29 et 30 novembre", "du 2 au 5 décembre"
            joined = " et " if (end.day or 0) - (start.day or 0) == 1 else " au "
            return f"{'' if joined == ' et ' else 'du '}{first}{joined}{format_partial_date(end, lang)}"
        return f"{first}–{format_partial_date(end, lang)}"
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}"  # a period of years, as every language writes it: 2016–2020
    return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"


@functools.cache  # parsing the locale was most of the time of formatting a number
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


# The words of the French and Vietnamese press for large amounts: "3 000 milliards", "3.000 tỷ"
# (Babel's "3 billions" and "3 nghìn tỷ" are not how they are written; "billion" reads as 10^9).
LARGE_NUMBER_WORDS = {"fr": ((10 ** 9, "milliard", "milliards"), (10 ** 6, "million", "millions")),
                      "vi": ((10 ** 9, "tỷ", "tỷ"), (10 ** 6, "triệu", "triệu"))}


def format_number(value: float, lang: str) -> str:
    """Counts as written, large ones in words ('7.5 million', '7,5 triệu', '3 000 milliards')."""
    for size, one, many in LARGE_NUMBER_WORDS.get(lang, ()):
        if abs(value) >= size:
            scaled = Decimal(str(value)) / size
            return f"{format_decimal(scaled, locale=_locale(lang))} {one if abs(scaled) < 2 else many}"
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="long", fraction_digits=2, locale=_locale(lang))
    return format_decimal(value, locale=_locale(lang))


def format_percentage(value: float, lang: str) -> str:
    """A value given in percent (42.7 → '42.7%', '42,7 %')."""
    # Decimal, so that 42.7 stays 42.7 and does not become 42.700000000000005.
    return format_percent(Decimal(str(value)) / 100, locale=_locale(lang), decimal_quantization=False)


def capitalised(text: str) -> str:
    """The text with a capital first letter (the rest as it is), to start a label or a cell."""
    return text[:1].upper() + text[1:]


@functools.cache
def language_name(code: str, lang: str) -> str:
    """The name of language ``code`` in language ``lang``, as written inside a sentence ('English',
    'tiếng Anh', 'anglais'; Babel gives 'Tiếng Anh')."""
    name = Locale.parse(code).get_display_name(lang) or code
    return name[:1].lower() + name[1:] if lang == "vi" else name


@functools.cache  # a name is folded for every list and search tag it is in
def ascii_fold(text: str) -> str:
    """The text without diacritics: 'Đà Nẵng' → 'Da Nang'."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache  # a name is sorted into every list it is on
def sort_key(text: str) -> str:
    """Alphabetical order that ignores diacritics (Đà Nẵng sorts with D)."""
    return ascii_fold(text).casefold()


NBSP, NARROW_NBSP = "\u00a0", "\u202f"  # as Babel writes them: before % and in 42,7 %; between thousands
_APOSTROPHE = re.compile(r"(?<=\w)'")  # in a word, or after it (the editors', a closing single quote): ’
_OPENING_SINGLE_QUOTE = re.compile(r"(?<![\w’])'(?=\w)")
_SPACED_HYPHEN = re.compile(r"(?<=\S) [-—] (?=\S)")  # or a spaced em dash: one dash in running text
_YEAR_RANGE = re.compile(r"(?<![\w.,])(1[89]\d\d|20\d\d)-(1[89]\d\d|20\d\d)(?![\w.,]\w)")
_STRAIGHT_QUOTES = re.compile(r'"([^"]+)"')
_CURLY_QUOTES = re.compile(r"“([^”]+)”")
_GUILLEMETS = re.compile(r"«[ \u00a0\u202f]*([^»]+?)[ \u00a0\u202f]*»")
_FRENCH_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s\u00a0])[ \u202f]?([:;!?])(?=\s|$)")
_FRENCH_PERCENT = re.compile(r"(?<=\d)[ \u202f]?%(?!\()")
_FRENCH_THOUSANDS = re.compile(r"(?<![\d,])\d{1,3}(?: \d{3})+(?![\d,])")


def typeset(text: str, lang: str, within: str = "") -> str:
    """A text (a claim, a quote, a name) in the typography of its language's press, whatever the editor's
    keyboard or the article gave: ’ for an apostrophe, a spaced en dash for a spaced hyphen ("Việt – Pháp") or em dash,
    an en dash between the years of a range, “…” in English and Vietnamese, « … » in French with no-break
    spaces inside, before : ; ! ? and %, and between thousands. ``within``: the language of the quotation
    marks the text stands in (a <q> on a page in that language): the quotes it holds take that language's
    second-level marks, ‘…’ in English and Vietnamese, “…” in French."""
    text = _YEAR_RANGE.sub("\\1–\\2", _SPACED_HYPHEN.sub(" – ", _APOSTROPHE.sub("’", text)))
    if lang != "fr":
        text = _OPENING_SINGLE_QUOTE.sub("‘", text)
    if within:
        inner = r"“\1”" if within == "fr" else r"‘\1’"
        text = _GUILLEMETS.sub(inner, _CURLY_QUOTES.sub(inner, _STRAIGHT_QUOTES.sub(inner, text)))
    elif lang == "fr":
        text = _GUILLEMETS.sub(f"«{NBSP}\\1{NBSP}»", _CURLY_QUOTES.sub(r"«\1»", _STRAIGHT_QUOTES.sub(r"«\1»", text)))
    else:
        text = _STRAIGHT_QUOTES.sub(r"“\1”", text)
    if lang != "fr":
        return text
    text = _FRENCH_THOUSANDS.sub(lambda number: number[0].replace(" ", NARROW_NBSP), text)
    return _FRENCH_PERCENT.sub(NBSP + "%", _FRENCH_HIGH_PUNCTUATION.sub(NBSP + r"\1", text))

"""Which characters an annotation file may hold, and how a message shows the others.

One policy, by Unicode category rather than a list of known tricks: control characters
(Cc), format characters (Cf: bidi overrides, zero-width spaces, tag characters, the soft
hyphen), private-use characters (Co), surrogates (Cs), line and paragraph separators (Zl,
Zp), the other default-ignorable code points (fillers, variation selectors, the combining
grapheme joiner) and the noncharacters are refused wherever they occur: in a file's text
and in a value that a YAML escape (``"\\e"``, ``"\\u202e"``) makes. Everything that
Vietnamese and French text needs is letters, marks, digits, punctuation, symbols and
spaces (U+00A0 and U+202F included); characters beyond the Basic Multilingual Plane (an
emoji, Chữ Nôm) are letters and symbols like the others. Only the line break and the tab,
which a text file holds, are let through: the reader decides where they may be.
"""

from __future__ import annotations

import re
import unicodedata

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
WHITESPACE = "\n\t"
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt) outside the categories
# above, and the noncharacters: invisible, or never meant to be exchanged.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufdd0-\ufdef"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)) + "]")


def describe(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE"""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def first_refused(text: str, allowed: str = WHITESPACE) -> int:
    """The index of the first character of ``text`` that the policy refuses, or -1.

    Most texts are printable throughout, which ``str.isprintable`` says at C speed; only a text
    that is not (a space other than U+0020, a line break, a refused character) is looked at
    character by character."""
    ignorable = _IGNORABLE.search(text)
    end = ignorable.start() if ignorable else len(text)
    if not text[:end].isprintable():
        for index in range(end):
            char = text[index]
            if char not in allowed and unicodedata.category(char) in REFUSED_CATEGORIES:
                return index
    return end if ignorable else -1


def shown(text: str, allowed: str = "") -> str:
    """``text`` with each refused character but the ``allowed`` ones written as an escape (``\\x1b``,
    ``\\u202e``), so that a message repeating input prints it, and not what it would do to a
    terminal or a log."""
    if first_refused(text, allowed) < 0:
        return text
    return "".join(char if char == " " or char in allowed or unicodedata.category(char) not in REFUSED_CATEGORIES
                   and not _IGNORABLE.match(char) else char.encode("unicode_escape").decode("ascii")
                   for char in text)

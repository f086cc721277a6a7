"""Long lists split into pages, so that no generated page outgrows a reader's browser.

A list of up to ``MAX_ENTRIES`` entries stays on its page. A longer one is grouped
(sources and events by year, names by first letter, figures by the year they refer
to, …) and each group gets a page of its own, itself cut into numbered parts of at
most ``MAX_ENTRIES`` when one group is that large. The page that held the list
then lists the groups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import formatting

MAX_ENTRIES = 500
HOME_ENTRIES = 20  # the home page shows the latest 20 key takeaways and figures, and names cities beyond 20
# Where the pages of a long index go (cities/by-letter/d.md, sources/by-year/2019.md): names
# that no entity or source can take as its id.
GROUP_FOLDERS = ("by-letter", "by-year")


@dataclass(frozen=True)
class Part:
    """One page of a split list: a group (a year, a letter) or a numbered part of one."""

    group: str  # how the page is named: "2019", "d", "other", "missing"
    number: int  # 1-based, within the group
    of: int  # parts in the group
    path: str  # under the docs folder
    entries: tuple


def split(entries: Sequence, group_of: Callable[[object], str], folder: str) -> tuple[Part, ...]:
    """The pages of ``entries`` (already in reading order) under ``folder``; () if they fit on one.

    ``group_of`` gives an entry's group, a slug; groups keep the order of their first entry.
    """
    limit = MAX_ENTRIES
    if len(entries) <= limit:
        return ()
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(group_of(entry), []).append(entry)
    parts = []
    for group, members in groups.items():
        chunks = [tuple(members[start:start + limit]) for start in range(0, len(members), limit)]
        for number, chunk in enumerate(chunks, start=1):
            name = group if len(chunks) == 1 else f"{group}-{number}"
            parts.append(Part(group, number, len(chunks), f"{folder}/{name}.md", chunk))
    return tuple(parts)


def by_year(date) -> str:
    return str(date.year) if date and date.year else "undated"


def by_initial(name: str) -> str:
    """The group of a name in an alphabetical list: its first letter without diacritics."""
    initial = formatting.sort_key(name)[:1]
    if "a" <= initial <= "z":
        return initial
    return "0-9" if initial.isdigit() else "other"

"""Problems found in the sources, reported as ``file:line:col: severity: message``.

A message may repeat input (a file name, a value, a quote): it is printed with every
control or invisible character written as an escape (characters.shown), so that it
cannot move the cursor, erase a line, write to the clipboard or forge another line."""

from __future__ import annotations

import dataclasses
import operator
from dataclasses import dataclass

from .characters import shown


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning": not wrong, but worth a look

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        text = f"{shown(self.path)}:{self.line}:{self.column}: {self.severity}: {shown(self.message)}"
        return f"{text} (hint: {shown(self.hint)})" if self.hint else text

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        def escape(value: str, properties: bool = False) -> str:
            value = shown(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return value.replace(":", "%3A").replace(",", "%2C") if properties else value

        message = f"{self.message} (hint: {self.hint})" if self.hint else self.message
        return (f"::{self.severity} file={escape(self.path, True)},line={self.line},col={self.column}"
                f"::{escape(message)}")


_ORDER = operator.attrgetter(*(field.name for field in dataclasses.fields(Problem)))  # order=True's own


def in_order(problems) -> list[Problem]:
    """The problems, each once, in the order of their files and lines: Problem's own order, its
    comparisons made in C (a large corpus has tens of thousands of warnings)."""
    return sorted(set(problems), key=_ORDER)


class SourceErrors(Exception):
    """The sources cannot be built; carries every problem found (errors and warnings)."""

    def __init__(self, problems: list[Problem]):
        self.problems = in_order(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

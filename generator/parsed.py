"""Source files read before, kept between runs: after an edit, only the changed files are parsed.

Parsing is most of the cost of reading ``sources/`` (and reading most of the cost of
a rebuild after a small edit). The model objects of every file that was read without
any problem are kept in ``build/parsed.pickle``, keyed by the file's path and the
digest of its bytes, for as long as the generator's code is the same. The file is
build output: written only by this generator, in the checkout's own build folder.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from .collector import paused


class ParsedFiles:
    def __init__(self, path: Path, code_digest: str) -> None:
        self.path = path
        self.code_digest = code_digest
        self.entries: dict[str, tuple[str, object]] = {}
        self.changed = False
        try:
            with paused(), path.open("rb") as file:  # unpickling makes millions of objects
                code_digest_then, entries = pickle.load(file)
            if code_digest_then == code_digest:
                self.entries = entries
        except Exception:  # missing, cut short by a kill, or from an older model: parse every file
            pass

    def read(self, path: Path, relpath: str, digest: str, problems: list, read_file):
        """The model object of ``path``: the one kept if its bytes (``digest``) did not change,
        else ``read_file(path, relpath, problems)``, kept if it added no problem."""
        kept = self.entries.get(relpath)
        if kept is not None and kept[0] == digest:
            return kept[1]
        problems_before = len(problems)
        item = read_file(path, relpath, problems)
        if item is not None and len(problems) == problems_before:
            self.entries[relpath] = (digest, item)
            self.changed = True
        return item

    def save(self, present: set[str]) -> None:
        """Keep the files still ``present`` (relative paths), if anything changed."""
        gone = set(self.entries) - present
        if not (self.changed or gone):
            return
        entries = {relpath: entry for relpath, entry in self.entries.items() if relpath in present}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        with temporary.open("wb") as file:
            pickle.dump((self.code_digest, entries), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)

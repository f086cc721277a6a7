"""Source files read before, kept between runs: after an edit, only the changed files are parsed.

Parsing is most of the cost of reading ``sources/`` (and reading most of the cost of
a rebuild after a small edit). The model objects of every file that was read without
any problem are kept in ``build/parsed/``, keyed by the file's path and the digest of
its bytes, for as long as the generator's code is the same. The files are build output:
written only by this generator, in the checkout's own build folder.

They are kept in shards, a file per group of paths, so that after an edit only the
shard of the edited file is written again (at 10,000 articles, writing them all took
two seconds of every rebuild).
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Collection, Iterable


SHARDS = 64


def _shard(relpath: str) -> int:
    return zlib.crc32(relpath.encode()) % SHARDS


def _shard_file(shard: int) -> str:
    return f"{shard:02d}.pickle"


def _half(shard: int) -> int:
    return shard % 2


def half_of(relpath: str) -> int:
    """0 or 1: the half of the shards the file's shard is in (two processes read half each)."""
    return _half(_shard(relpath))


class ParsedFiles:
    def __init__(self, folder: Path, code_digest: str) -> None:
        self.folder = folder
        self.code_digest = code_digest
        self.entries: dict[str, tuple[str, object]] = {}
        self.changed: set[int] = set()  # shards
        self.load(range(SHARDS))

    def load(self, shards: Iterable[int]) -> None:
        """Read the kept files of these shards: all of them at first, and after a read in two
        processes the ones the other process wrote (see reader.read_corpus)."""
        for shard in shards:
            try:
                with (self.folder / _shard_file(shard)).open("rb") as file:
                    code_digest_then, entries = pickle.load(file)
            except Exception:  # none yet, cut short by a kill, or from an older model: parse its files again
                continue
            if code_digest_then == self.code_digest:  # SHARDS is code: shards of another count are dropped
                self.entries.update(entries)

    def get(self, relpath: str, digest: str):
        """The model object kept for the file, if its bytes (``digest``) did not change."""
        kept = self.entries.get(relpath)
        return kept[1] if kept is not None and kept[0] == digest else None

    def keep(self, relpath: str, digest: str, item) -> None:
        """Keep what a file was read into (files read with a problem are not kept, so that
        their problems are reported on every run)."""
        self.entries[relpath] = (digest, item)
        self.changed.add(_shard(relpath))

    def save(self, present: Collection[str], half: int | None = None) -> set[int]:
        """Keep the files still ``present`` (relative paths): write the shards that changed, and
        return them; with ``half``, only those of that half (when two processes read the files,
        each writes its own)."""
        changed = {shard for shard in self.changed | {_shard(relpath) for relpath in self.entries
                                                      if relpath not in present}
                   if half is None or _half(shard) == half}
        if not changed:
            return changed
        shards: dict[int, dict] = {shard: {} for shard in changed}
        for relpath, entry in self.entries.items():
            if relpath in present and (shard := _shard(relpath)) in shards:
                shards[shard][relpath] = entry
        self.folder.mkdir(parents=True, exist_ok=True)
        for shard, entries in sorted(shards.items()):
            temporary = self.folder / f".{_shard_file(shard)}.tmp"
            with temporary.open("wb") as file:
                pickle.dump((self.code_digest, entries), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / _shard_file(shard))
        return changed

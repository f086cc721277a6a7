"""What a build remembers between runs, and nothing else does: the files of ``sources/``
already read, so that after an edit only the changed files are parsed again.

One pickle, ``build/cache.pickle``, holds the model object of each file read without a
problem, keyed by the file's path and the digest of its bytes, for as long as the
generator's code is the same. It is build output: written only by this generator, in the
checkout's own build folder, and a missing, damaged or outdated one is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Collection

CODE = Path(__file__).resolve().parent  # the generator and its templates


def code_digest() -> str:
    """A digest of the generator's code and templates: a cache made by other code is dropped."""
    sha = hashlib.sha256()
    for folder, subfolders, names in sorted(os.walk(CODE)):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            path = Path(folder, name)
            sha.update(f"{path.relative_to(CODE)}\0".encode() + path.read_bytes())
    return sha.hexdigest()


class FileCache:
    """The files read before: ``get`` what a file was read into, ``keep`` what it is read
    into now, and ``save`` once the run is done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.code = code_digest()
        self.files: dict[str, tuple[str, object]] = {}
        self.changed = False
        try:
            with path.open("rb") as file:
                code, files = pickle.load(file)
            if code == self.code:
                self.files = files
        except Exception:  # none yet, cut short by a kill, or from another version: read everything again
            pass

    def get(self, relpath: str, digest: str) -> object | None:
        """The model object kept for the file, if its bytes (``digest``) did not change."""
        kept = self.files.get(relpath)
        return kept[1] if kept is not None and kept[0] == digest else None

    def keep(self, relpath: str, digest: str, item: object) -> None:
        """Keep what a file was read into. (Files read with a problem are not given, so that
        their problems are reported on every run.)"""
        self.files[relpath] = (digest, item)
        self.changed = True

    def save(self, present: Collection[str]) -> None:
        """Forget the files no longer ``present`` (relative paths) and write the cache, if it changed."""
        gone = [relpath for relpath in self.files if relpath not in present]
        for relpath in gone:
            del self.files[relpath]
        if not (self.changed or gone):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        with temporary.open("wb") as file:
            pickle.dump((self.code, self.files), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self.changed = False

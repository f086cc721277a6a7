"""What a build remembers between runs, and nothing else does.

- The files of ``sources/`` already read: after an edit, only the changed files are
  parsed again. Each file read without a problem is kept as its model object, keyed by
  its path and the digest of its bytes.
- Digests of what was last made (``stamps``): the inputs of the last complete build and
  of the last pages generated (when they did not change, there is nothing to do); for each
  page, the files it shows as they were when it was written (a page none of whose files
  changed is not rendered again); the HTML of each PDF (a PDF whose document did not
  change is not laid out again);
- the templates compiled to Python bytecode (``compiled``, see render.CompiledTemplates).

All of it is one pickle, ``build/cache.pickle``, valid for as long as the generator's code
is the same. It is build output: written only by this generator, in the checkout's own
build folder, and a missing, damaged or outdated one is simply made again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Collection, Mapping
from pathlib import Path

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


class BuildCache:
    """``get`` what a file was read into, ``keep`` what it is read into now; ``stamps``
    ({what: digest}) of what was made; ``save`` once the run is done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.code = code_digest()
        self.files: dict[str, tuple[str, object]] = {}
        self.stamps: dict[str, str | bytes] = {}
        self.compiled: dict[str, bytes] = {}
        self.changed = False
        self._files_digests: dict[frozenset[str], bytes] = {}
        try:
            with path.open("rb") as file:
                code, files, stamps, compiled = pickle.load(file)
            if code == self.code:
                self.files, self.stamps, self.compiled = files, stamps, compiled
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

    def stamp(self, what: str, digest: str | bytes) -> None:
        self.stamps[what] = digest
        self.changed = True

    def stamp_pages(self, lang: str, made: dict[str, bytes], present: Collection[str]) -> None:
        """Record the pages of ``lang`` just ``made`` ({path: page_digest}), and forget those no
        longer ``present``."""
        present = {f"{lang}/{path}" for path in present}
        for key in [key for key in self.stamps if key.startswith(f"{lang}/") and key not in present]:
            del self.stamps[key]
        self.stamps.update({f"{lang}/{path}": digest for path, digest in made.items()})
        self.changed = True

    def page_digest(self, shows: frozenset[str] | None, holds: str, file_digests: Mapping[str, str]) -> bytes | None:
        """A digest of the files a page shows, as they are now, and of the entries it holds;
        None for a page made from all of them."""
        if shows is None:
            return None
        if shows not in self._files_digests:  # the same files are behind many pages, in every language
            sha = hashlib.sha256()
            for path in sorted(shows):
                sha.update(f"{path}\0{file_digests[path]}\0".encode())
            self._files_digests[shows] = sha.digest()
        return hashlib.sha256(self._files_digests[shows] + holds.encode()).digest()

    def forget_files_but(self, present: Collection[str]) -> None:
        """Forget the files no longer in sources/ (``present``: relative paths)."""
        for relpath in [relpath for relpath in self.files if relpath not in present]:
            del self.files[relpath]
            self.changed = True

    def save(self) -> None:
        """Write the cache, if it changed."""
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        with temporary.open("wb") as file:
            pickle.dump((self.code, self.files, self.stamps, self.compiled), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self.changed = False

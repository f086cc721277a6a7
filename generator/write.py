"""Write a tree of files, touching only what changed.

Unchanged files keep their bytes and modification time, so MkDocs' live reload
and any later step see only real changes; files that are no longer generated
are removed. Nothing is ever written outside the given root.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]


class _Folders:
    """The folders of ``root`` that files are written into, each checked (and made) and listed
    once: thousands of pages share a few hundred folders."""

    def __init__(self, root: Path) -> None:
        self.root, self.real_root = root, root.resolve()
        self.checked: dict[str, tuple[str, set[str]]] = {}

    def place(self, relpath: str) -> tuple[str, str, bool]:
        """The folder (made if missing) and the name of the file at ``relpath``, and whether
        something is at its place. (Asking the folder once spares trying to open each file of
        a first build: 52,000 failed opens at 10,000 articles.)"""
        folder, _, name = relpath.rpartition("/")
        if folder not in self.checked:
            path = self.root / folder
            real = path.resolve()
            if real != self.real_root and self.real_root not in real.parents:
                raise ValueError(f"refusing to write outside {self.root}: {relpath}")
            path.mkdir(parents=True, exist_ok=True)
            self.checked[folder] = str(path), set(os.listdir(path))
        if name in ("", ".", ".."):
            raise ValueError(f"refusing to write outside {self.root}: {relpath}")
        # A file is replaced, never written through, so a link at its place cannot lead outside.
        # (Paths as strings from here: pathlib's objects cost more than the system calls.)
        path, names = self.checked[folder]
        return path, name, name in names


def write_tree(files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]], root: Path,
               prune: bool = True, keep: Callable[[str], bool] = lambda relpath: False,
               atomic: bool = True) -> WriteReport:
    """Make ``root`` hold exactly ``files`` ({relative path: content}, or (relative path,
    content) pairs, written as they come: see BATCH) and the files already there that ``keep``
    accepts, asked once all are written; without ``prune``, all other files there are left alone.

    A file is written under a temporary name and renamed into place, so that a reader of
    ``root`` (MkDocs' live preview) never sees it half-written. Without ``atomic`` (a staging
    folder that nothing reads until it is complete), a new file is written at its place:
    the temporary file and its rename are a third of the time of writing 17,000 new pages."""
    root.mkdir(parents=True, exist_ok=True)
    folders = _Folders(root)
    given, written = set(), []
    for relpath, content in _in_batches(files.items() if isinstance(files, Mapping) else files):
        if relpath in given:
            raise ValueError(f"{relpath} is given twice")
        given.add(relpath)
        data = content.encode("utf-8") if isinstance(content, str) else content
        folder, name, present = folders.place(relpath)
        target = os.path.join(folder, name)
        try:
            if present:
                with open(target, "rb") as current:
                    if current.read() == data:
                        continue
        except (FileNotFoundError, IsADirectoryError):
            pass
        # A file already there, or a link at its place, is replaced, never written through (a
        # staging folder is made of hard links to the live files; a link could lead outside).
        if atomic or not _create(target, data):
            temporary = os.path.join(folder, f".{name}.tmp")
            if not _create(temporary, data):  # left by an interrupted run
                os.unlink(temporary)
                _create(temporary, data)
            os.replace(temporary, target)
        written.append(relpath)
    removed = []
    for folder, subfolders, names in os.walk(root, topdown=False) if prune else ():
        within = _within(folder, root)
        for name in names:
            path = os.path.join(folder, name)
            relpath = within + name
            if relpath not in given and not keep(relpath):
                os.unlink(path)
                removed.append(relpath)
        if folder != str(root) and not os.listdir(folder):
            os.rmdir(folder)
    return WriteReport(tuple(sorted(written)), tuple(sorted(removed)))


# Pairs made as they are written (a language's pages) are made this many at a time, then
# written. Made and written one by one, the 52,000 pages of 10,000 articles took a second more
# of processor time (about 5 %: each step evicts the other's working set from the caches, we
# think); held all at once, 170 MiB more per language. Batches of 20 to 300 do as well as 50.
BATCH = 50


def _in_batches(pairs: Iterable) -> Iterator:
    pairs = iter(pairs)
    while batch := list(itertools.islice(pairs, BATCH)):
        yield from batch


def _create(path: str, data: bytes) -> bool:
    """Write ``data`` to a new file at ``path``; False if something (a file, a link) is there.
    (os calls: Python's file objects cost more than the writing, for 17,000 small pages.)"""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        descriptor = os.open(path, flags, 0o666)
    except FileExistsError:
        return False
    try:
        remaining = memoryview(data)
        while remaining:
            remaining = remaining[os.write(descriptor, remaining):]
    finally:
        os.close(descriptor)
    return True


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` as {relative path: bytes}."""
    files = {}
    for relpath, path in files_under(root):
        with open(path, "rb") as file:
            files[relpath] = file.read()
    return files


def files_under(root: Path, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(path relative to ``root`` with "/", full path) of every file under ``root`` in a fixed
    order, but those in the folders named in ``skip``. os.walk and path strings: pathlib's
    objects cost more than reading the 17,000 small files of a large corpus."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in skip)
        within = _within(folder, root)
        for name in sorted(names):
            path = os.path.join(folder, name)
            if os.path.isfile(path):  # not a dangling link
                yield within + name, path


def _within(folder: str, root: Path) -> str:
    """The relative path of a folder of os.walk(root), as the prefix of its files' ("", "cities/")."""
    relative = os.path.relpath(folder, root).replace(os.sep, "/")
    return "" if relative == "." else f"{relative}/"

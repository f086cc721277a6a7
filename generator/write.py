"""Write a tree of files, touching only what changed.

Unchanged files keep their bytes and modification time, so MkDocs' live reload and any
later step see only real changes; files that are no longer generated are removed.
Nothing is ever written outside the given root.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]


def write_tree(files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]], root: Path,
               prune: bool = True, keep: Callable[[str], bool] = lambda relpath: False,
               atomic: bool = True) -> WriteReport:
    """Make ``root`` hold ``files`` ({relative path: content}, or (relative path, content)
    pairs, written as they come) and, with ``prune``, no other file but those ``keep`` accepts.

    A file is written under a temporary name and renamed into place, so that a reader of
    ``root`` (MkDocs' live preview) never sees it half-written. A file already there, or a
    link at its place, is replaced, never written through (a link could lead outside; a
    folder of hard links must not change the files it links to). Without ``atomic`` (a
    folder nothing reads until it is complete), a new file is written at its place."""
    root.mkdir(parents=True, exist_ok=True)
    real_root = root.resolve()
    given, written = set(), []
    for relpath, content in files.items() if isinstance(files, Mapping) else files:
        if relpath in given:
            raise ValueError(f"{relpath} is given twice")
        given.add(relpath)
        target = root / relpath
        folder = target.parent.resolve()
        if target.name in ("", ".", "..") or (folder != real_root and real_root not in folder.parents):
            raise ValueError(f"refusing to write outside {root}: {relpath}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if atomic or not _create(target, data):
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.unlink(missing_ok=True)  # left by an interrupted run
            _create(temporary, data)
            os.replace(temporary, target)
        written.append(relpath)
    removed = []
    for walked, _subfolders, names in os.walk(root, topdown=False) if prune else ():
        within = _within(walked, root)
        for name in names:
            if within + name not in given and not keep(within + name):
                os.unlink(os.path.join(walked, name))
                removed.append(within + name)
        if walked != str(root) and not os.listdir(walked):
            os.rmdir(walked)
    return WriteReport(tuple(sorted(written)), tuple(sorted(removed)))


def _create(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file at ``path``; False if something (a file, a link) is there."""
    try:
        with path.open("xb") as file:
            file.write(data)
    except FileExistsError:
        return False
    return True


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` as {relative path: bytes}."""
    return {relpath: Path(path).read_bytes() for relpath, path in files_under(root)}


def files_under(root: Path) -> Iterator[tuple[str, str]]:
    """(path relative to ``root`` with "/", full path) of every file under ``root``, in a fixed order."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        within = _within(folder, root)
        for name in sorted(names):
            path = os.path.join(folder, name)
            if os.path.isfile(path):  # not a dangling link
                yield within + name, path


def _within(folder: str, root: Path) -> str:
    """The relative path of a folder of os.walk(root), as the prefix of its files ("", "cities/")."""
    relative = os.path.relpath(folder, root).replace(os.sep, "/")
    return "" if relative == "." else f"{relative}/"


def remove_tree(path: Path) -> None:
    """Remove a folder of the build's own, even one whose folders a copy of a read-only site/ made
    read-only; an error is raised, not ignored (a leftover folder would break the next build)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
        return
    if not path.exists():
        return
    make_writable(path)
    shutil.rmtree(path)


def make_writable(path: Path) -> None:
    """Let the owner write in ``path`` and every folder below it (links are not followed)."""
    os.chmod(path, os.stat(path).st_mode | stat.S_IRWXU)
    for folder, subfolders, _names in os.walk(path):
        for name in subfolders:
            subfolder = os.path.join(folder, name)
            if not os.path.islink(subfolder):
                os.chmod(subfolder, os.stat(subfolder).st_mode | stat.S_IRWXU)

"""Write a tree of files, touching only what changed.

Unchanged files keep their bytes and modification time, so MkDocs' live reload
and any later step see only real changes; files that are no longer generated
are removed. Nothing is ever written outside the given root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]


def _inside(root: Path, relpath: str) -> Path:
    target = (root / relpath).resolve()
    if root.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {root}: {relpath}")
    return target


def write_tree(files: Mapping[str, str | bytes], root: Path, prune: bool = True,
               keep: Callable[[str], bool] = lambda relpath: False) -> WriteReport:
    """Make ``root`` hold exactly ``files`` ({relative path: content}) and the files already
    there that ``keep`` accepts; without ``prune``, all other files there are left alone."""
    root.mkdir(parents=True, exist_ok=True)
    written = []
    for relpath, content in sorted(files.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = _inside(root, relpath)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)  # readers never see a half-written file
        written.append(relpath)
    removed = []
    for path in sorted(root.rglob("*"), reverse=True) if prune else ():
        relpath = path.relative_to(root).as_posix()
        if path.is_file() and relpath not in files and not keep(relpath):
            path.unlink()
            removed.append(relpath)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteReport(tuple(written), tuple(sorted(removed)))


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` as {relative path: bytes}."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}

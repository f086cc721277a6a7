"""When Python's cycle collector runs while the briefing is read and rendered.

Reading makes millions of small objects (mappings, texts, claims) that live until the
run ends and hold no reference cycles; rendering makes millions of short strings. Each
full collection walks every live object, so with the collector on, reading 10,000
articles took 1.7 times as long and rendering a language 1.3 times as long, for no
memory returned (measured with benchmarks/bench.py). Memory is still freed by
reference counting; only the search for cycles is paused.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator


@contextlib.contextmanager
def paused():
    """No cycle collection inside the block; the collector is left as it was found."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# What the processes of forked_workers work on: they inherit it in the fork instead of its
# being pickled to them (a briefing holds mapping proxies, which do not pickle; the parse cache
# of a large corpus is 60 MB: 2.4 s to pickle and unpickle at 10,000 articles).
_INHERITED: object = None


@contextlib.contextmanager
def forked_workers(count: int, shared: object) -> Iterator[ProcessPoolExecutor]:
    """``count`` processes forked from this one, settled as below, for work on ``shared``,
    which a task gets with inherited(). They fork at the first submit, in the block."""
    global _INHERITED
    _INHERITED = shared
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_settle_forked_worker) as pool:
            yield pool
    finally:
        _INHERITED = None  # else it would outlive the run (a preview would keep every briefing it loaded)


def inherited() -> object:
    """In a process of forked_workers: what it was forked to work on."""
    return _INHERITED


def _settle_forked_worker() -> None:
    """In a process of forked_workers: what it inherited from the parent (the briefing, or the
    files to read and the parse cache) lives as long as it does, so it is left out of
    collections, and the memory it shares with the parent is not copied by a collection
    touching its objects; rendering and reading make no cycles."""
    gc.freeze()
    gc.disable()

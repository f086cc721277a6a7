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


def forked_workers(count: int) -> ProcessPoolExecutor:
    """``count`` processes forked from this one: they inherit what it has read (handed over in a
    module global set before the first submit, which forks them, instead of being pickled to
    them) and are settled as below."""
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"),
                               initializer=_settle_forked_worker)


def _settle_forked_worker() -> None:
    """In a process forked to render: what it inherited from the parent (the briefing) lives
    as long as it does, so it is left out of collections, and the memory it shares with the
    parent is not copied by a collection touching its objects; rendering makes no cycles."""
    gc.freeze()
    gc.disable()

"""How the commands treat Python's cyclic garbage collector while they build large data (shared by
the CLI and the speed benchmark, which measures the commands' steps as the CLI runs them)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def keep_out_of_gc() -> None:
    """The gold and the submission live until the command ends; frozen, the cyclic garbage collector
    stops rescanning their millions of objects on every collection (parsing a large file twice as fast)."""
    gc.freeze()


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Build the gold, the submission, the scores and the report (millions of small objects, none
    in a reference cycle) without the cyclic garbage collector: its passes over the growing heap
    freed nothing and took a third of a large `claimbench score`. Collection resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

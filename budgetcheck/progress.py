"""A progress bar for long runs, on a terminal only.

Shown on stderr, and only when stderr is a terminal and the run has enough
files to be worth it: CI logs and pipes stay clean, and stdout (the report)
is never touched. The bar disappears when the run ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TextIO, TypeVar

MIN_FILES = 10

T = TypeVar("T")


def tracker(stream: TextIO) -> Callable[[Sequence[T]], Iterable[T]] | None:
    """A function that wraps the list of files in a progress bar, or None when ``stream`` is no terminal."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None

    def track(items: Sequence[T]) -> Iterable[T]:
        if len(items) < MIN_FILES:
            return items
        from rich.console import Console
        from rich.progress import track as rich_track

        return rich_track(items, description="Checking", console=Console(file=stream), transient=True)

    return track

"""A time budget per file, so that one pathological text cannot stall a whole run.

The engine starts the clock before checking a file; loops whose length depends on
the text call ``check()``, and regex searches get ``remaining()`` as their timeout.
One file is checked at a time per process, so a module-level clock is enough.
"""

from __future__ import annotations

import math
import time


class OutOfTime(Exception):
    """The current file has used up its time budget."""


_deadline = math.inf


def start(seconds: float) -> None:
    global _deadline
    _deadline = time.monotonic() + seconds


def stop() -> None:
    global _deadline
    _deadline = math.inf


def remaining() -> float:
    return _deadline - time.monotonic()


def check() -> None:
    if time.monotonic() > _deadline:
        raise OutOfTime

"""Regular expressions from data files (rules, profiles), run with a timeout.

Their patterns are untrusted: ``(a|aa)+$`` takes exponential time on a run of a's,
and the standard ``re`` cannot be stopped. They run under the ``regex`` module's
timeout instead (as the ``pattern`` kind does), never longer than the file's own
time budget; one that runs away is a ``CheckError`` naming the pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import regex

from budgetcheck import deadline, literals
from budgetcheck.errors import CheckError

TIMEOUT = 2.0  # seconds one user pattern may search one text


def finditer(pattern: str, text: str, limit: int | None = None) -> Iterator[regex.Match[str]]:
    """Matches of ``pattern`` in ``text`` (the first ``limit`` of them if given). Raises CheckError."""
    yield from matches(_compile(pattern), text, limit=limit)


def matches(compiled: regex.Pattern[str], text: str, start: int = 0, end: int | None = None,
            limit: int | None = None, seconds: float | None = None) -> list[regex.Match[str]]:
    """All matches of a compiled pattern in ``text[start:end]``, within ``seconds`` (default TIMEOUT)."""
    end = len(text) if end is None else end
    if not _may_match(compiled, text, start, end):
        return []
    seconds = TIMEOUT if seconds is None else seconds
    timeout = min(seconds, max(deadline.remaining(), 0.0))
    try:
        # The timeout covers the whole iteration, so the matches are collected before any is used.
        return list(islice(compiled.finditer(text, start, end, timeout=timeout), limit))
    except TimeoutError:
        deadline.check()  # the file's own budget ran out: the engine reports that instead
        raise CheckError(
            f"pattern {compiled.pattern!r} ran longer than {seconds:g} s on this text and was stopped; "
            "simplify it (nested repeats such as (a+)+ can take exponential time)"
        ) from None


_NEEDED: dict[regex.Pattern[str], literals.Presence | None] = {}


def _may_match(compiled: regex.Pattern[str], text: str, start: int, end: int) -> bool:
    """False when the span lacks every literal a match needs (the search could only come back empty)."""
    try:
        needed = _NEEDED[compiled]
    except KeyError:
        needed = literals.presence(compiled.pattern, compiled.flags & ~regex.VERSION0)
        if len(_NEEDED) < 4096:  # as _COMPILED: patterns built from document text stay bounded
            _NEEDED[compiled] = needed
    return needed is None or needed(text, start, end)


def search(pattern: str, text: str) -> regex.Match[str] | None:
    return next(finditer(pattern, text), None)


_COMPILED: dict[str, regex.Pattern[str]] = {}


def _compile(pattern: str) -> regex.Pattern[str]:
    # regex.compile has a cache too, but looking a pattern up there costs about 20 µs (flags,
    # locale): profile signals and stale phrases run thousands of times per run.
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        try:
            compiled = regex.compile(pattern)
        except regex.error as exc:
            raise CheckError(f"pattern {pattern!r} is not a valid regular expression: {exc}") from None
        if len(_COMPILED) < 4096:  # patterns built from document text must not grow it without bound
            _COMPILED[pattern] = compiled
    return compiled

"""Literal text that every match of a regular expression must contain, to skip hopeless searches.

A rule's pattern such as ``按上述格式依次说明[^\\n。]*`` can only match a text that contains
"按上述格式依次说明": a ``str.find`` answers that in a fraction of the time a timed regex
search takes to start. ``needed(pattern, flags)`` returns a set of strings of which every
match contains at least one (as ripgrep and RE2 do before searching), or ``None`` when the
pattern promises nothing. It is only ever a necessary condition: a text that has one of
the strings is still searched in full, so findings never depend on this module.

The pattern is parsed with Python's own regular-expression parser. Rule patterns run under
the ``regex`` module, which reads a few constructs differently; those patterns get ``None``
(any pattern the standard parser refuses, POSIX classes such as ``[[:alpha:]]``, and every
flag other than multi-line and dot-all), so a difference of dialect never hides a match.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from itertools import product
from typing import Any

try:  # Python 3.11 moved the parser; it is the same code
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

Needed = frozenset[str]

_HARMLESS_FLAGS = re.MULTILINE | re.DOTALL | re.UNICODE
_MAX_ALTERNATIVES = 64  # past this many spellings a literal run is not worth checking one by one
_FINDS = 4  # up to this many strings are looked for one by one
_MAX_CLASS = 8  # a class of at most this many plain characters is spelled out ("[（(]")


def needed(pattern: str, flags: int = 0) -> Needed | None:
    """Strings of which every match of ``pattern`` contains one, or None if nothing is promised."""
    if flags & ~_HARMLESS_FLAGS or "[:" in pattern:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set": refused below anyway
            parsed = _p.parse(pattern, flags)
    except Exception:  # any pattern this parser cannot read promises nothing
        return None
    if parsed.state.flags & ~_HARMLESS_FLAGS:
        return None  # an inline (?i) or (?x) for the whole pattern
    return _best(_sequence(list(parsed)))


@lru_cache(maxsize=4096)  # bounded: patterns built from document text must not fill the memory
def presence(pattern: str, flags: int = 0) -> Presence | None:
    """A check for the strings ``needed`` reads from the pattern, or None when the pattern
    promises nothing (and the search must always run)."""
    strings = needed(pattern, flags)
    return Presence(strings) if strings else None


class Presence:
    """Answers whether a span of a text contains one of a set of strings."""

    __slots__ = ("_any", "_few")

    def __init__(self, strings: Needed) -> None:
        self._few = tuple(sorted(strings)) if len(strings) <= _FINDS else ()
        # Past a few strings one search for their alternation beats a find for each (22 strings:
        # 5 µs against 25 µs on a 1,400-character text); it is linear, so it needs no timeout.
        longest_first = sorted(strings, key=lambda s: (-len(s), s))
        self._any = None if self._few else re.compile("|".join(map(re.escape, longest_first)))

    def __call__(self, text: str, start: int, end: int) -> bool:
        if self._any is None:
            find = text.find
            for string in self._few:  # a loop, not any(): asked for every rule's pattern on every text
                if find(string, start, end) != -1:
                    return True
            return False
        return self._any.search(text, start, end) is not None


def _best(candidates: list[Needed]) -> Needed | None:
    """The cheapest set to look for (a few strings, each found by ``str.find``), then the most selective."""
    usable = [c for c in candidates if c and "" not in c]
    usable += [frozenset((common,)) for c in usable if len(c) > 1 and (common := _common_part(c))]
    if not usable:
        return None
    return min(usable, key=lambda c: (min(len(c), _FINDS + 1), -min(map(len, c)), len(c)))


def _common_part(strings: Needed) -> str:
    """The longest string that each of ``strings`` contains ("事物" of "社区事物", "事物受理" …)."""
    shortest = min(strings, key=len)
    for size in range(len(shortest), 0, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in s for s in strings):
                return part
    return ""


def _sequence(items: list[tuple[Any, Any]]) -> list[Needed]:
    """Candidate sets of a concatenation: runs of exactly spelled items, and what other items need."""
    candidates: list[Needed] = []
    run: Needed | None = None
    for op, av in items:
        spelled = _spelled(op, av)
        if spelled is not None:
            joined = _join(run, spelled) if run is not None else spelled
            if run is not None and joined is None:  # too many spellings: keep the run so far, start again here
                candidates.append(run)
            run = joined or spelled
            continue
        if run is not None:
            candidates.append(run)
            run = None
        inner = _inner(op, av)
        if inner is not None:
            candidates.append(inner)
    if run is not None:
        candidates.append(run)
    return candidates


def _join(left: Needed, right: Needed) -> Needed | None:
    if len(left) * len(right) > _MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _spelled(op: Any, av: Any) -> Needed | None:
    """The exact strings an item matches, if there are few (a literal, a small class, literal alternatives)."""
    if op is _c.LITERAL:
        return frozenset((chr(av),))
    if op is _c.IN:
        return _class(av)
    if op is _c.SUBPATTERN:
        add_flags, del_flags, body = av[1], av[2], av[3]
        if add_flags or del_flags:
            return None
        return _spelled_sequence(list(body))
    if op is _c.BRANCH:
        options: set[str] = set()
        for branch in av[1]:
            spelled = _spelled_sequence(list(branch))
            if spelled is None:
                return None
            options |= spelled
        return frozenset(options) if len(options) <= _MAX_ALTERNATIVES else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == av[1] and 1 <= av[0] <= 4:
        body = _spelled_sequence(list(av[2]))
        if body is None:
            return None
        repeated: Needed | None = frozenset(("",))
        for _ in range(av[0]):
            repeated = _join(repeated, body) if repeated is not None else None
        return repeated
    return None


def _spelled_sequence(items: list[tuple[Any, Any]]) -> Needed | None:
    spelled: Needed | None = frozenset(("",))
    for op, av in items:
        item = _spelled(op, av)
        if item is None or spelled is None:
            return None
        spelled = _join(spelled, item)
    return spelled


def _class(items: list[tuple[Any, Any]]) -> Needed | None:
    chars = []
    for op, av in items:
        if op is not _c.LITERAL:  # a range, a category (\\d), a negation
            return None
        chars.append(chr(av))
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None


def _inner(op: Any, av: Any) -> Needed | None:
    """What an item that is not spelled exactly still needs: a group, a repeat of one or more, alternatives."""
    if op is _c.SUBPATTERN:
        if av[1] or av[2]:  # local flags such as (?i:…): promise nothing
            return None
        return _best(_sequence(list(av[3])))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _best(_sequence(list(av[2])))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _best(_sequence(list(av)))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            best = _best(_sequence(list(branch)))
            if best is None:
                return None  # one alternative needs nothing: neither does the whole
            union |= best
        return frozenset(union)
    return None  # lookarounds (their text may lie outside the searched span), anchors, classes, back-references

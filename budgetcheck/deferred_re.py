"""Module-level regular expressions compiled at their first use, not when their module is imported.

A run that checks one plain text never uses about half of the package's patterns (those of
tables, publications and rarer phrasings), yet compiling them all was a tenth of its
start-up: ``re`` compiles in Python, and fills a map of 65,536 entries one at a time for a
class such as ``[\\u4e00-\\u9fff]``. ``compile`` takes the place of ``re.compile`` for such
constants. It returns a stand-in that compiles on its first use and then holds the compiled
pattern's methods and attributes as its own, so every later ``PATTERN.search(...)`` costs
what it costs on a compiled pattern. Give it only to code that calls the pattern's methods:
``re.sub(PATTERN, ...)`` and ``isinstance(..., re.Pattern)`` want the real object
(``deferred_re.real(PATTERN)``).
"""

from __future__ import annotations

import re
from typing import Any, cast

# Everything a re.Pattern offers; copied onto the stand-in at its first use.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn", "scanner", "pattern", "flags", "groups", "groupindex")


class _Deferred:
    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def real(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
            for name in _ATTRIBUTES:  # instance attributes from now on: __getattr__ is not called for them again
                self.__dict__[name] = getattr(compiled, name)
        return compiled

    def __getattr__(self, name: str) -> Any:  # only for names not (yet) in the instance's __dict__
        if name not in _ATTRIBUTES:
            raise AttributeError(name)
        return getattr(self.real(), name)

    def __repr__(self) -> str:
        return f"deferred {self.real()!r}"

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return (compile, (self._source, self._flags))


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern like ``re.compile(source, flags)``, compiled when it is first used."""
    return cast("re.Pattern[str]", _Deferred(source, flags))


def real(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The compiled pattern behind ``pattern`` (itself if it is one already)."""
    return pattern if isinstance(pattern, re.Pattern) else cast(_Deferred, pattern).real()


__all__ = ["compile", "real"]

"""Text that should not be there: regular expressions over a text (or whole lines).

Patterns come from rule files, so they are untrusted: they run under the ``regex``
module's timeout, and one that runs away on a text is stopped and reported as a
rule problem instead of stalling the run.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field, PrivateAttr, model_validator

from budgetcheck import timedregex
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"match": "the text that matched"}


class Params(KindParams):
    patterns: list[str] = Field(min_length=1, description="regular expressions (Python syntax)")
    whole_line: bool = Field(False, description="a pattern must match a whole line (spaces around allowed)")
    ignore_case: bool = False
    _compiled: list[regex.Pattern[str]] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _compile(self) -> Params:
        flags = regex.MULTILINE | (regex.IGNORECASE if self.ignore_case else 0)
        try:
            compiled = [regex.compile(_anchor(p) if self.whole_line else p, flags) for p in self.patterns]
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        self._compiled = compiled
        return self


def _anchor(pattern: str) -> str:
    return rf"^[ \t\u3000]*(?:{pattern})[ \t\u3000]*$"


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    spans = sorted(
        (_span(text, match, params.whole_line)
         for pattern, compiled in zip(params.patterns, params._compiled)
         for match in _matches(compiled, pattern, doc)),
        key=lambda span: (span[0], -span[1]),
    )
    covered = -1
    for start, end in spans:
        if end > start and start >= covered:  # one finding per stretch, however many patterns match it
            covered = end
            yield Hit(start, end, {"match": text[start:end]})


def _matches(compiled: regex.Pattern[str], pattern: str, doc: Document) -> list[regex.Match[str]]:
    return timedregex.matches(compiled, doc.source.text, doc.start, doc.end)


def _span(text: str, match: regex.Match[str], whole_line: bool) -> tuple[int, int]:
    start, end = match.span()
    if whole_line:
        stripped = match.group().strip(" \t\u3000")
        start = text.index(stripped, start) if stripped else start
        end = start + len(stripped)
    return start, end

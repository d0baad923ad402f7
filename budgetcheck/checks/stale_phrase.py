"""Aims and periods that are out of date for the text's budget year ('十三五' in a 2026 text).

The phrase list is data in the rule: each phrase with the first budget year in
which it is stale and, optionally, words before it that make it a statement
about the past ('已全面建成小康社会') rather than a goal.

Patterns come from rule files, so they run with a timeout as the ``pattern`` kind's
do: one that runs away on a text is stopped and reported as a rule problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from budgetcheck import timedregex
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.schema import RegexStr

FIELDS = {"phrase": "the phrase found", "year": "the text's budget year", "reason": "why it is stale"}


class Phrase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    pattern: RegexStr = Field(description="regular expression of the phrase")
    stale_from: int = Field(ge=1949, le=2200, description="first budget year in which the phrase is stale")
    reason: str = Field(description="Chinese explanation shown in the message")
    unless_after: RegexStr | None = Field(None, description="regex: no finding when this stands just before the phrase")


class Params(KindParams):
    phrases: list[Phrase] = Field(min_length=1, description="each: pattern, stale_from (year), reason, optional unless_after")
    lookbehind: int = Field(8, ge=0, le=40, description="characters before a phrase searched for unless_after")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.year is None:
        return
    text = doc.source.text
    body = text[doc.start : doc.end]
    for phrase in params.phrases:
        if doc.year < phrase.stale_from:
            continue
        # Patterns come from rule files: they run with a timeout (see timedregex).
        for match in timedregex.finditer(phrase.pattern, body):
            start, end = doc.start + match.start(), doc.start + match.end()
            before = text[max(doc.start, start - params.lookbehind) : start]
            if phrase.unless_after and timedregex.search(f"(?:{phrase.unless_after})\\W{{0,2}}$", before):
                continue
            yield Hit(start, end, {"phrase": match.group(), "year": doc.year, "reason": phrase.reason})

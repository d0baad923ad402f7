"""Sections the template requires: each must appear as a numbered heading."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import PROJECT_TEXT_SECTIONS, Document
from budgetcheck.findings import Hit

FIELDS = {"section": "the missing section title", "number": "its number in the template (一, 二, …)"}
_NUMERALS = "一二三四五六七八九十"


class Params(KindParams):
    sections: list[str] = Field(list(PROJECT_TEXT_SECTIONS), min_length=1, description="required titles, in order")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    present = {s.title for s in doc.sections}
    start, end = doc.heading_span or _first_line(doc)
    for position, title in enumerate(params.sections):
        if title not in present:
            number = _NUMERALS[position] if position < len(_NUMERALS) else str(position + 1)
            yield Hit(start, end, {"section": title, "number": number})


def _first_line(doc: Document) -> tuple[int, int]:
    text = doc.source.text
    start = doc.start + len(text[doc.start : doc.end]) - len(text[doc.start : doc.end].lstrip())
    end = text.find("\n", start, doc.end)
    return start, doc.end if end == -1 else end

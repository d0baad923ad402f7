"""Sections the text's genre requires: each must appear as a numbered heading.

The required titles are the profile's (project texts: 一、项目名称 … 八、项目实施成效)
unless the rule names its own; a genre without sections is never checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import PROJECT_TEXT_SECTIONS, Document
from budgetcheck.findings import Hit

FIELDS = {"section": "the missing section title", "number": "its number in the template (一, 二, …)"}
_NUMERALS = "一二三四五六七八九十"


class Params(KindParams):
    sections: list[str] | None = Field(None, min_length=1, description="required titles, in order (default: the profile's)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    genre = doc.detection.profile.sections if doc.detection else list(PROJECT_TEXT_SECTIONS)
    if not genre:
        return  # this genre has no sections to require
    required = params.sections or genre
    present = {s.title for s in doc.sections}
    aliases = doc.detection.profile.aliases if doc.detection else {}
    start, end = doc.heading_span or _first_line(doc)
    for position, title in enumerate(required):
        if title not in present and not present.intersection(aliases.get(title, ())):
            number = _NUMERALS[position] if position < len(_NUMERALS) else str(position + 1)
            yield Hit(start, end, {"section": title, "number": number})


def _first_line(doc: Document) -> tuple[int, int]:
    text = doc.source.text
    start = doc.start + len(text[doc.start : doc.end]) - len(text[doc.start : doc.end].lstrip())
    end = text.find("\n", start, doc.end)
    return start, doc.end if end == -1 else end

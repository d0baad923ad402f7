"""A section heading with nothing under it."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"section": "the heading as written"}


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for section in doc.sections:
        if not doc.body(section).strip(" \t\u3000\n"):
            yield Hit(section.start, section.heading_end, {"section": text[section.start : section.heading_end].strip()})

"""Quotation marks and brackets that open without closing (or close without opening).

A paragraph may wrap onto the next line in a PDF's text layer, so a mark opened on
one line may close on the next; one still open after that, or a closing mark with
nothing open, is reported. Table rows are left alone (their cells are not prose).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"mark": "the mark without its partner", "partner": "the mark missing", "context": "the text around it"}
CONTEXT = 12  # characters shown on each side


class Params(KindParams):
    pairs: list[tuple[str, str]] = Field([("“", "”"), ("（(", "）)"), ("《", "》")], description="(opening marks, closing marks) that pair with each other")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    source = doc.source
    text = source.text
    for openers, closers in params.pairs:
        open_at: list[tuple[int, int]] = []  # (offset, line) of marks still open
        line = 0
        # Only line ends and the pair's marks matter: visit those, not every character.
        for match in _stops(openers + closers).finditer(text, doc.start, doc.end):
            offset = match.start()
            char = text[offset]
            if char == "\n":
                line += 1
                if not open_at or open_at[0][1] >= line - 1:
                    continue  # marks open in line order: none is two lines old
                yield from (_hit(text, at, closers[0], doc) for at, opened in open_at if opened < line - 1)
                open_at = [(at, opened) for at, opened in open_at if opened >= line - 1]
            elif source.row_spans and source.in_row(offset):
                continue
            elif char in openers:
                open_at.append((offset, line))
            elif open_at:
                open_at.pop()
            else:
                yield _hit(text, offset, openers[0], doc)
        yield from (_hit(text, at, closers[0], doc) for at, _ in open_at)


@lru_cache(maxsize=64)
def _stops(marks: str) -> re.Pattern[str]:
    return re.compile("[\n" + re.escape(marks) + "]")


def _hit(text: str, offset: int, partner: str, doc: Document) -> Hit:
    context = text[max(doc.start, offset - CONTEXT) : min(doc.end, offset + CONTEXT + 1)].replace("\n", " ")
    return Hit(offset, offset + 1, {"mark": text[offset], "partner": partner, "context": context})

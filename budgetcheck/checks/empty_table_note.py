"""A table note that says the table is empty ("故本表为空表", "本表无数据") under a table with figures.

The note is kept from last year's publication, or the figures are wrong: either way
the two cannot both stand. Only money the table's cells state counts as a figure
(a 0 does not).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.schema import RegexStr, compiled

FIELDS = {"note": "the note as written", "figures": "the first non-zero figures of the table", "count": "how many non-zero figures"}
SHOWN = 4  # figures quoted in the message


class Params(KindParams):
    # The look-behind starts a match only where a clause starts: without it a long line with no 。
    # is scanned from every character (quadratic; a 100,000-item list took minutes).
    note: RegexStr = Field(r"(?<![^\n。])[^\n。]*(?:本表为空表|本表无数据|本表无内容)[^\n。]*", description="regex: a note saying the table is empty")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if not doc.tables:  # most texts have none: no figure can contradict a note, which need not be searched for
        return
    notes = list(compiled(params.note).finditer(doc.source.text, doc.start, doc.end))
    if not notes:  # most tables have no such note: their figures need not be looked at
        return
    figures = [a for table in doc.tables for a in doc.quantities.amounts_between(table.start, table.end) if a.value != 0]
    if not figures:
        return
    shown = "、".join(a.text for a in figures[:SHOWN]) + ("等" if len(figures) > SHOWN else "")
    for match in notes:
        yield Hit(match.start(), match.end(), {"note": match.group().strip(), "figures": shown, "count": len(figures)})

"""A classification code written wrong in a table row: "301 2 津贴补贴" where the 款 code is 02.

Function codes are a 类 of three digits, then a 款 and a 项 of two digits each (201 / 201 13 /
201 13 01, or 2011301 in one cell); economic codes a 类 of three digits and a 款 of two (301 /
30102). A segment of another length is a code the tables' reader cannot place (a lost leading
0, a digit typed twice), so its row drops out of every sum by code. Only the cells under a code
column of the header (科目编码, 类 / 款 / 项) are read, and only rows whose code cells hold digits;
a table with codes on both of its sides, or a row whose cells give more parts than levels, is
not one code per row and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.tables import CODE_COLUMN, leaf_headers

FIELDS = {"code": "the code as written", "segment": "the wrong part of it", "level": "类, 款 or 项",
          "digits": "the digits that level takes", "hint": "the part with its leading 0, when one is missing (or nothing)"}
LEVELS = ("类", "款", "项")
_DIGITS = deferred_re.compile(r"^\d+(?:[ \u3000]+\d+)*$")


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for table in doc.joined_tables:
        columns = {c for c, (_, cell) in leaf_headers(doc.source, table).items() if CODE_COLUMN.search(text[cell.start : cell.end])}
        if not columns or max(columns) - min(columns) + 1 != len(columns):
            continue  # no codes, or codes on both sides of a two-sided table (301 … | 302 …)
        for row in table.body:
            cells = [c for c in row.cells if c.column in columns and c.end > c.start]
            if not cells or not all(_DIGITS.match(text[c.start : c.end]) for c in cells):
                continue
            segments = [s for c in cells for s in _segments(text[c.start : c.end])]
            wrong = next((i for i, s in enumerate(segments) if len(s) != (3 if i == 0 else 2)), None)
            if wrong is None or len(segments) > len(LEVELS):
                continue  # more parts than levels: not one code (a layout that ran cells together)
            digits = 3 if wrong == 0 else 2
            segment = segments[wrong]
            hint = f"，疑为“{segment.zfill(digits)}”" if len(segment) < digits else ""
            start, end = cells[0].start, cells[-1].end
            yield Hit(start, end, {"code": " ".join(segments), "segment": segment, "level": LEVELS[min(wrong, 2)],
                                   "digits": digits, "hint": hint})


def _segments(cell: str) -> list[str]:
    """The parts of one code cell: "221 02 01" by its spaces, "2210201" as 3 + 2 + 2 digits (a last
    part of one digit, "201131", is the one that lost a digit)."""
    parts = cell.split()
    if len(parts) > 1:
        return parts
    code = parts[0]
    return [code[:3], *(code[i : i + 2] for i in range(3, len(code), 2))]

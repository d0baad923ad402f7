"""Shares and weights presented as a whole must total 100.

Two shapes are read: shares of the parts of a complete breakdown
('1.产业发展项目1250万元，占资金总额的6.1%；2.…'), and the 权重 column of a
performance table flattened with '|' (grouped per project, judged only when
every row of a group is complete).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.breakdowns import breakdowns, same
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import format_number

FIELDS = {"total": "the shares or weights added up", "expected": "what they should total", "what": "占比 or 权重", "arithmetic": "the sum"}
_SHARE = deferred_re.compile(r"占[^，。；;,\n%％]{0,12}?(?P<num>\d+(?:\.\d+)?)\s*[%％]")
_LEVEL_ONE = ("产出指标", "效益指标", "满意度指标", "成本指标")
_DIRECTION = deferred_re.compile(r"^[正反]向指标$")


class Params(KindParams):
    weight_totals: list[Decimal] = Field(
        [Decimal(100), Decimal(90)],
        description="accepted weight totals (90 where 预算执行率 carries the other 10 points)",
    )


def check(doc: Document, params: Params) -> Iterator[Hit]:
    yield from _shares(doc)
    yield from _weights(doc, params)


def _shares(doc: Document) -> Iterator[Hit]:
    text = doc.source.text
    for breakdown in breakdowns(doc):
        if breakdown.total is None or not same(breakdown.parts_sum, breakdown.total.value, Decimal("0.01")):
            continue  # only a complete breakdown's shares must make a whole
        found = [_SHARE.search(text, start, end) for start, end in breakdown.item_spans]
        shares = [s for s in found if s is not None]
        if len(shares) < 2 or len(shares) != len(found):
            continue
        values = [Decimal(s["num"]) for s in shares]
        total = sum(values, Decimal(0))
        rounding = max(Decimal(5) / Decimal(10) ** (len(s["num"].partition(".")[2]) + 1) for s in shares) * len(values)
        if abs(total - 100) > rounding:
            arithmetic = " + ".join(format_number(v) for v in values) + f" = {format_number(total)}"
            yield Hit(shares[0].start(), shares[-1].end(), {"total": total, "expected": 100, "what": "占比", "arithmetic": arithmetic})


def _weights(doc: Document, params: Params) -> Iterator[Hit]:
    for group in _weight_groups(doc):
        if any(row is None for row in group):
            continue  # a cut-off row: the group is incomplete, stay silent
        values = [value for value, _, _ in group]
        total = sum(values)
        if total not in params.weight_totals:
            arithmetic = " + ".join(format_number(v) for v in values) + f" = {format_number(total)}"
            expected = "或".join(format_number(t) for t in params.weight_totals)
            yield Hit(group[0][1], group[-1][2], {"total": total, "expected": expected, "what": "权重", "arithmetic": arithmetic})


def _weight_groups(doc: Document) -> list[list]:
    """Weight cells of a '|' table, grouped per project: [(value, start, end) or None for a cut-off row]."""
    text = doc.source.text
    groups: list[list] = []
    offset_to_weight = None
    pos = doc.start
    for line in text[doc.start : doc.end].split("\n"):
        cells = [c.strip() for c in line.split("|")]
        if "权重" in cells and "一级指标" in cells:
            offset_to_weight = cells.index("权重") - cells.index("一级指标")
        elif offset_to_weight is not None:
            anchor = next((i for i, c in enumerate(cells) if c in _LEVEL_ONE), None)
            if anchor is not None:
                if anchor > 2 or not groups:  # a row that names its project starts a group
                    groups.append([])
                groups[-1].append(_weight_cell(line, cells, anchor + offset_to_weight, pos))
        pos += len(line) + 1
    return groups


def _weight_cell(line: str, cells: list[str], index: int, line_start: int):
    """(value, start, end) of the weight cell, or None when the row is cut off or the cell is no number."""
    if index + 1 >= len(cells) or not _DIRECTION.match(cells[index + 1]) or not re.fullmatch(r"\d+(?:\.\d+)?", cells[index]):
        return None
    pipes = [i for i, ch in enumerate(line) if ch == "|"]
    start = line.index(cells[index], pipes[index - 1] + 1)
    return Decimal(cells[index]), line_start + start, line_start + start + len(cells[index])

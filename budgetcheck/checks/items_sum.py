"""Listed line items ('分别是：办公费…元、会议费…元') must add up to the stated total."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.breakdowns import breakdowns, same
from budgetcheck.checks.base import SumParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import UNIT_FACTORS, common_unit, format_money, sum_expression

FIELDS = {
    "total": "the stated total (yuan)",
    "sum": "the sum of the items (yuan)",
    "difference": "sum minus total (yuan)",
    "arithmetic": "the sum written out",
    "count": "number of items",
    "gap": "the difference in the figures' own unit (0.01万元)",
}


class Params(SumParams):
    triggers: list[str] = Field(
        ["分别为", "分别是", "分别有", "分别用于", "具体为", "具体是", "包括", "包含", "其中"],
        description="phrases that introduce a list of items with amounts",
    )
    outline: bool = Field(True, description="also check numbered items whose numbered children carry amounts")
    tables: bool = Field(True, description="also check table rows of items against the table's 合计 row")
    rounding: bool = Field(
        False, description="report only differences that the rounding of the written figures could explain (else only larger ones)"
    )


def check(doc: Document, params: Params) -> Iterator[Hit]:
    for breakdown in breakdowns(doc):
        if breakdown.total is None or breakdown.incomplete:
            continue
        if breakdown.origin == "list" and breakdown.trigger not in params.triggers:
            continue
        if (breakdown.origin == "outline" and not params.outline) or (breakdown.origin == "table" and not params.tables):
            continue
        total, parts_sum = breakdown.total.value, breakdown.parts_sum
        if same(parts_sum, total, params.tolerance):
            continue
        if any(same(parts_sum, other.value, params.tolerance + breakdown.rounding) for other in breakdown.other_totals):
            continue  # the items match another total stated in the paragraph
        # 4.79 + 0 + 246.47 ≠ 251.25: each figure rounded to 0.01 may explain a 0.01 gap
        if (abs(parts_sum - total) <= breakdown.rounding) != params.rounding:
            continue
        parts = [p.value for p in breakdown.parts]
        unit = common_unit([a.unit for a in (*breakdown.parts, breakdown.total)])
        start, end = _span(breakdown)
        yield Hit(start, end, {
            "total": total,
            "sum": parts_sum,
            "difference": parts_sum - total,
            "arithmetic": sum_expression(parts, total, unit),
            "gap": f"{format_money(abs(parts_sum - total) / UNIT_FACTORS[unit])}{unit}",
            "count": len(parts),
            "items": [p.text for p in breakdown.parts],
            "total_text": breakdown.total.text,
        })


def _span(breakdown) -> tuple[int, int]:
    """Where to point: the list, the first numbered part, or a table's 合计 figure."""
    if breakdown.origin == "list":
        return breakdown.start, breakdown.end
    if breakdown.origin == "table" and breakdown.total is not None:
        return breakdown.total.start, breakdown.total.end
    return breakdown.start, breakdown.parts[0].end

"""'T万元，其中：A万元，占x%；B万元，占y%' — each share must be its part over the total named before the list.

The total is the amount the line states before the colon that opens the list ("一般公共预算
财政拨款支出2940.05万元，主要用于以下方面："). A share that names a total of its own
("占本年支出合计的100%") is not judged here. Each share is checked within the rounding of the
part, the total and the percentage, when the total is plainly the list's: the parts add up
to it, or another share of the list fits it. The finding lists every wrong share, and the sum
of the stated shares when the parts make the whole total but the shares do not make 100.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import ShareList, bounds, interval_percent, percent_text, share_lists, stated_fits
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import format_number

FIELDS = {"total": "the total the shares are of", "wrong": "each wrong share, recomputed", "sum_note": "the stated shares added up, when they miss 100"}


class Params(KindParams):
    slack: Decimal = Field(Decimal(0), ge=0, description="extra tolerance in percentage points beyond rounding")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    for found in share_lists(doc):
        total = found.total
        if total.value - total.half_step <= 0:
            continue
        wrong = [s for s in found.shares if not stated_fits(s.percent, *_range(s.part, total, params.slack))]
        if wrong and (_complete(found) or len(wrong) < len(found.shares)):  # the total is the whole, or fits another share
            shown = "；".join(f"{s.part.text} ÷ {total.text} = {percent_text(s.part.value / total.value * 100)}，而非{format_number(s.percent.value)}%" for s in wrong)
            yield Hit(wrong[0].part.start, wrong[-1].percent.end, {"total": total.text, "wrong": shown, "sum_note": _sum_note(found)})


def _range(part, total, slack: Decimal) -> tuple[Decimal, Decimal]:
    low, high = interval_percent(bounds(part), bounds(total))
    return low - slack, high + slack


def _complete(found: ShareList) -> bool:
    """Whether the parts add up to the total (within their rounding): then the shares must be of it."""
    parts = sum(s.part.value for s in found.shares)
    return abs(parts - found.total.value) <= found.total.half_step + sum(s.part.half_step for s in found.shares)


def _sum_note(found: ShareList) -> str:
    """'；所列占比合计100.07%' when the parts add up to the total but the stated shares miss 100."""
    stated = sum((s.percent.value for s in found.shares), Decimal(0))
    slack = sum((Decimal(5).scaleb(-s.percent.decimals - 1) for s in found.shares), Decimal(0))
    if not _complete(found) or abs(stated - 100) <= slack:
        return ""
    return "；所列占比合计" + " + ".join(format_number(s.percent.value) for s in found.shares) + f" = {format_number(stated)}%"

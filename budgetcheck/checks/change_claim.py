"""'A万元 … B万元，比<A的年份>增加C万元 / 增长D%' must follow from the two figures the sentence names.

C = B − A and D = C / A, each within the rounding of the written figures (a percentage
may also be truncated: 99.868 → "99.86%"); "持平" needs A = B; a decrease cannot exceed
100%. The base is the figure whose year the comparison names, so "2023年…执行数为A万元，
2024年预算安排B万元，比2023年预算执行数…" compares B with A. When a change amount is
given with its rate, the rate is A106's to judge; a base of 0 is A303's; a rate that
fits the line's heading amount instead is A302's.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import Change, changes, growth_range, heading, money, percent_text, stated_fits
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"claim": "the change as written", "arithmetic": "what the two figures give", "base": "the figure compared against", "other": "the other figure"}


class Params(KindParams):
    slack: Decimal = Field(Decimal(0), ge=0, description="extra tolerance in percentage points beyond rounding")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    for change in changes(doc):
        arithmetic = _judge(change, params)
        if arithmetic and _fits_heading(doc, change):
            continue  # the rate fits the line's heading amount: A302 reports the two amounts
        if arithmetic:
            base, other = change.base.amount, change.other.amount
            yield Hit(change.start, change.end, {"claim": doc.source.text[change.start : change.end], "arithmetic": arithmetic,
                                                 "base": base.text, "other": other.text})


def _judge(change: Change, params: Params) -> str | None:
    a, b = change.base.amount, change.other.amount
    gap = b.value - a.value
    rounding = a.half_step + b.half_step
    if change.direction == 0:
        return None if abs(gap) <= rounding else f"{b.text} − {a.text} = {money(gap, a, b)}，并非持平"
    if change.delta is not None:
        stated = change.direction * change.delta.value
        if abs(gap - stated) > rounding + change.delta.half_step:
            return f"{b.text} − {a.text} = {money(gap, a, b)}，而非{change.word}{change.delta.text}"
        return None
    if change.percent is None or a.value - a.half_step <= 0:
        return None
    if change.direction < 0 and change.percent.value > 100:
        return f"{change.word}{change.percent.value}%超过100%，不可能"
    low, high = growth_range(a, b, change.direction)
    if stated_fits(change.percent, low - params.slack, high + params.slack):
        return None
    computed = gap / a.value * 100
    return f"{b.text} ÷ {a.text} − 1 = {percent_text(computed)}，而非{change.word}{change.percent.value}%"


def _fits_heading(doc: Document, change: Change) -> bool:
    top = heading(doc, change.other.amount.start)
    if top is None or change.percent is None or top.amount.value == change.other.amount.value:
        return False
    return stated_fits(change.percent, *growth_range(change.base.amount, top.amount, change.direction))

"""An amount off by 10⁴ or 10⁸: '15,000.00万元' written where '15,000.00元' was meant.

Fires only when one unit correction explains the slip: it makes a list add up to
its total, makes the plan equal the budget, or brings a 10⁴× outlier back among
its sibling items. The message proposes the corrected amount.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from pydantic import Field

from budgetcheck.breakdowns import breakdowns, budget_figures, plan_figures, same
from budgetcheck.checks.base import SumParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import UNIT_FACTORS, format_money, sum_expression
from budgetcheck.quantities import Amount

FIELDS = {
    "amount": "the amount as written",
    "suggestion": "the amount with the corrected unit",
    "factor": "how many times too large or small (10⁴ or 10⁸)",
    "reason": "why the correction is proposed",
    "corrected": "the corrected value in yuan",
}
_UNITS = ("元", "万元", "亿元")


class Params(SumParams):
    outlier_ratio: Decimal = Field(Decimal(1000), gt=1, description="an item this many times its siblings' median is an outlier")


@dataclass(frozen=True)
class _Fix:
    amount: Amount
    unit: str
    value: Decimal


def check(doc: Document, params: Params) -> Iterator[Hit]:
    seen: set[int] = set()
    for hit in (*_breakdown_slips(doc, params), *_plan_slips(doc, params), *_outliers(doc, params)):
        if hit.start not in seen:
            seen.add(hit.start)
            yield hit


def _fixes(amount: Amount) -> list[_Fix]:
    if amount.numeral != "arabic" or amount.unit not in _UNITS:
        return []
    return [_Fix(amount, unit, amount.number * UNIT_FACTORS[unit]) for unit in _UNITS if unit != amount.unit]


def _solve(parts: list[Amount], totals: list[Amount], tolerance: Decimal, fix_totals: bool = True) -> _Fix | None:
    """The one unit correction that makes sum(parts) equal a total, if exactly one does."""
    parts_sum = sum((p.value for p in parts), Decimal(0))
    found = []
    for part in parts:
        for fix in _fixes(part):
            new_sum = parts_sum - part.value + fix.value
            found += [fix for total in totals if same(new_sum, total.value, tolerance)]
    for total in totals if fix_totals else ():
        found += [fix for fix in _fixes(total) if same(parts_sum, fix.value, tolerance)]
    unique = {(id(f.amount), f.unit): f for f in found}
    return next(iter(unique.values())) if len(unique) == 1 else None


def _hit(fix: _Fix, parts: list[Amount], totals: list[Amount], reason: str) -> Hit:
    values = [fix.value if p is fix.amount else p.value for p in parts]
    target = next((t for t in totals if t is not fix.amount), totals[0])
    total = fix.value if target is fix.amount else target.value
    ratio = max(fix.value, fix.amount.value) / min(fix.value, fix.amount.value)
    return Hit(fix.amount.start, fix.amount.end, {
        "amount": fix.amount.text,
        "suggestion": f"{fix.amount.number_text}{fix.unit}",
        "factor": "10⁴" if ratio == 10_000 else "10⁸",
        "corrected": fix.value,
        "reason": f"{reason}：{sum_expression(values, total)}",
    })


def _breakdown_slips(doc: Document, params: Params) -> Iterator[Hit]:
    for breakdown in breakdowns(doc):
        if breakdown.total is None or same(breakdown.parts_sum, breakdown.total.value, params.tolerance):
            continue
        parts, totals = list(breakdown.parts), [breakdown.total]
        fix = _solve(parts, totals, params.tolerance)
        if fix:
            yield _hit(fix, parts, totals, "改正后分项合计与总额相符")


def _plan_slips(doc: Document, params: Params) -> Iterator[Hit]:
    budgets, plan = budget_figures(doc), plan_figures(doc)
    if not budgets or not plan:
        return
    plan_total = sum((a.value for a in plan), Decimal(0))
    if any(same(plan_total, b.value, params.tolerance) for b in budgets):
        return
    # The budget section holds the approved figure: the plan is what gets corrected.
    fix = _solve(plan, budgets[:1], params.tolerance, fix_totals=False)
    if fix:
        yield _hit(fix, plan, budgets[:1], "改正后实施计划与预算相符")


def _outliers(doc: Document, params: Params) -> Iterator[Hit]:
    for breakdown in breakdowns(doc):
        parts = breakdown.parts
        if breakdown.total is not None or len(parts) < 3:
            continue
        for part in parts:
            others = [p.value for p in parts if p is not part]
            middle = Decimal(median(others))
            if middle <= 0 or part.value < middle * params.outlier_ratio:
                continue
            fixes = [f for f in _fixes(part) if min(others) / 10 <= f.value <= max(others) * 10]
            if len(fixes) == 1:
                fix = fixes[0]
                yield Hit(part.start, part.end, {
                    "amount": part.text,
                    "suggestion": f"{part.number_text}{fix.unit}",
                    "factor": "10⁴" if part.value / fix.value == 10_000 else "10⁸",
                    "corrected": fix.value,
                    "reason": f"该项是同列其他分项中位数（{format_money(middle)}）的{part.value / middle:,.0f}倍",
                })

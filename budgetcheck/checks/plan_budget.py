"""The money planned in 七、项目实施计划 must equal the budget in 六、资金安排情况."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck.breakdowns import budget_figures, plan_figures, same
from budgetcheck.checks.base import SumParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import common_unit, sum_expression

FIELDS = {
    "plan": "the money in the plan section (yuan)",
    "budget": "the budget stated in the budget section (yuan)",
    "arithmetic": "the plan amounts added up against the budget",
    "plan_section": "title of the plan section",
    "budget_section": "title of the budget section",
}


class Params(SumParams):
    budget_section: str | None = Field(None, description="section that states the budget (default: the genre's, 资金安排情况)")
    plan_section: str | None = Field(None, description="section whose amounts must add up to it (default: the genre's, 项目实施计划)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    budgets = budget_figures(doc, params.budget_section)
    plan = plan_figures(doc, params.plan_section)
    if not budgets or not plan:
        return
    plan_total = sum((a.value for a in plan), Decimal(0))
    if any(same(plan_total, b.value, params.tolerance) for b in budgets):
        return
    budget = budgets[0].value
    yield Hit(plan[0].start, plan[-1].end if _same_line(doc, plan) else plan[0].end, {
        "plan": plan_total,
        "budget": budget,
        "arithmetic": sum_expression([a.value for a in plan], budget, common_unit([a.unit for a in (*plan, budgets[0])])),
        "plan_section": params.plan_section or doc.role_title("plan"),
        "budget_section": params.budget_section or doc.role_title("budget"),
        "plan_amounts": [a.text for a in plan],
        "budget_text": budgets[0].text,
    })


def _same_line(doc: Document, amounts: list) -> bool:
    return "\n" not in doc.source.text[amounts[0].start : amounts[-1].end]

"""The 基本支出 of the general budget and its split into 人员经费 and 公用经费 must be the same in
the function-classification table (合计 × 基本支出), the economic-classification table of 基本支出
(合计 × 合计 / 人员经费 / 公用经费, or its 人员经费合计 and 公用经费合计 rows) and the text
("一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元…公用经费184.65万元").
Comparisons and messages: ``budgetcheck.checks.named``.
"""

from __future__ import annotations

from pydantic import Field

from budgetcheck.checks.named import FIELDS, NamedParams, Quantity, check_run, collect, quantities

_GENERAL = r"一般公共预算支出功能分类(?:预算)?表$|一般公共预算财政拨款支出决算表$"
_ECONOMIC = r"一般公共预算基本支出.*经济分类(?:预算)?表$|一般公共预算财政拨款基本支出决算表$"

DEFAULT = [
    ("一般公共预算基本支出", [{"table": _GENERAL, "row": r"^合计$", "column": r"(?:^|/)基本支出$"},
                    {"table": _ECONOMIC, "row": r"^合计$"}, {"label": r"^一般公共预算(?:财政拨款)?基本支出$"}]),
    ("人员经费", [{"table": _ECONOMIC, "row": r"^合计$", "column": r"(?:^|/)人员经费$"}, {"table": _ECONOMIC, "row": r"^人员经费合计$"},
              {"label": r"^人员经费$"}]),
    ("公用经费", [{"table": _ECONOMIC, "row": r"^合计$", "column": r"(?:^|/)公用经费$"}, {"table": _ECONOMIC, "row": r"^公用经费合计$"},
              {"label": r"^公用经费$"}]),
]


class Params(NamedParams):
    quantities: list[Quantity] = Field(default_factory=lambda: quantities(DEFAULT), description="the figures compared and where each is stated")


__all__ = ["FIELDS", "Params", "check_run", "collect"]

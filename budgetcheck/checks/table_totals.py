"""The totals of a publication stated in several places must agree: 收入总计 in the 收支总表 and the
收入总表, 财政拨款收入 in the 收支总表, the 收入总表, the 财政拨款收支总表 and the 编制说明,
一般公共预算支出 in the 财政拨款收收支总表 and the function-classification table, and so on.

Which rows, columns and clauses state one total is data (``quantities``); the defaults follow
the 部门预算 / 部门决算 templates (a 决算 counts 本年收入合计 apart from the 总计 that adds the
carry-over). A table whose 上年结转 is not 0 states its 收入总计 with the carry-over, so it is
not compared with the year's income. Comparisons and messages: ``budgetcheck.checks.named``.
"""

from __future__ import annotations

from pydantic import Field

from budgetcheck.checks.named import FIELDS, NamedParams, Quantity, check_run, collect, quantities

_ALL = r"^(?!.*财政拨款).*(?:收支(?:预算)?总表|收入支出决算总表)$"
_INCOME_BUDGET = r"(?<!支)收入预算总表$"
_INCOME_FINAL = r"^(?:.*部门|.*单位)?收入决算表$"
_SPENDING_BUDGET = r"^(?:\d{4}年)?(?:部门|单位|预算单位)?支出预算总表$"
_SPENDING_FINAL = r"^(?:\d{4}年度?)?(?:部门|单位)?支出决算表$"
_GRANTS = r"财政拨款收支(?:预算)?总表$|财政拨款收入支出决算总表$"
_GENERAL_COLUMN = r"(?:^|/)一般公共预算(?:财政拨款)?$"
_GENERAL = r"一般公共预算支出功能分类(?:预算)?表$|一般公共预算财政拨款支出决算表$"

# The body a clause may start with when the publication's cover does not name it ("某街道办事处收入预算").
_BODY = r"(?:^|局|委员会|办事处|办公室|政府|中心|街道|镇|乡|院|所|站|队|馆|厅|部门|单位|\))"

DEFAULT = [
    ("收入总计", [{"table": _ALL, "row": r"^收入总计$", "unless": "结转"}, {"table": _INCOME_BUDGET, "row": r"^合计$"},
              {"label": _BODY + r"收入(?:总计)?$"}]),
    ("本年收入合计", [{"table": _ALL, "row": r"^本年收入合计$"}, {"table": _INCOME_FINAL, "row": r"^合计$"},
                {"label": r"^本年收入合计$"}]),
    ("支出总计", [{"table": _ALL, "row": r"^支出总计$", "unless": "结转"}, {"table": _SPENDING_BUDGET, "row": r"^合计$"},
              {"label": _BODY + r"支出(?:总计)?$"}]),
    ("本年支出合计", [{"table": _ALL, "row": r"^本年支出合计$"}, {"table": _SPENDING_FINAL, "row": r"^合计$"},
                {"label": r"^本年支出合计$"}]),
    ("收入支出总计", [{"table": _ALL, "row": r"^总计$"}, {"label": r"^收入支出总计$"}]),
    ("财政拨款收入支出总计", [{"table": _GRANTS, "row": r"^总计$"}, {"label": r"^财政拨款收入支出总计$"}]),
    ("财政拨款收入", [{"table": _ALL, "row": r"^财政拨款收入$"}, {"table": _INCOME_BUDGET, "row": r"^合计$", "column": r"(?:^|/)财政拨款收入$"},
                {"table": _INCOME_FINAL, "row": r"^合计$", "column": r"(?:^|/)财政拨款收入$"},
                {"table": _GRANTS, "row": r"^收入总计$", "unless": "结转"}, {"table": _GRANTS, "row": r"^本年收入合计$"}, {"label": r"^财政拨款收入$"}]),
    ("财政拨款支出", [{"table": _GRANTS, "row": r"^支出总计$", "unless": "结转"}, {"table": _GRANTS, "row": r"^本年支出合计$"},
                {"label": r"^财政拨款支出$"}]),
    ("一般公共预算财政拨款支出", [{"table": _GRANTS, "row": r"^支出总计$", "column": _GENERAL_COLUMN, "unless": "结转"},
                      {"table": _GRANTS, "row": r"^本年支出合计$", "column": _GENERAL_COLUMN},
                      {"table": _GENERAL, "row": r"^合计$"}, {"label": r"^一般公共预算(?:财政)?拨款支出$"}]),
]


class Params(NamedParams):
    quantities: list[Quantity] = Field(default_factory=lambda: quantities(DEFAULT), description="the totals compared and where each is stated")


__all__ = ["FIELDS", "Params", "check_run", "collect"]

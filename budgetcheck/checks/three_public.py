"""The 三公 figures and the 机关运行经费 in their table and in 其他相关情况说明 must agree: the total,
因公出国（境）费, 公务用车购置及运行费 with its 购置费 and 运行费, 公务接待费, each as 预算数 (a
budget, or a 决算's 年初预算) and as 决算数. A column is known by the header cells over it; a
header the reader merged over two columns ("“三公”经费预算数公务接待费" over 公务接待费 and 小计)
names neither, so neither is compared. A blank cell counts as 0. Comparisons and messages:
``budgetcheck.checks.named``.
"""

from __future__ import annotations

from pydantic import Field

from budgetcheck.checks.named import FIELDS, NamedParams, Quantity, check_run, collect, quantities

_TABLE = r"三公.*表$"

DEFAULT = [
    ("“三公”经费", [{"table": _TABLE, "row": "", "column": r"^合计(?:/|$)"}, {"label": r"^三公经费(?:财政拨款)?(?:支出)?$"}]),
    ("因公出国（境）费", [{"table": _TABLE, "row": "", "column": r"因公出国\(境\)费(?:/|$)"}, {"label": r"^因公出国\(境\)费(?:支出)?$"}]),
    ("公务用车购置及运行费", [{"table": _TABLE, "row": "", "column": r"购置及运行(?:维护)?费(?:/|$)"},
                    {"label": r"^公务用车购置及运行(?:维护)?费(?:支出)?$"}]),
    ("公务用车购置费", [{"table": _TABLE, "row": "", "column": r"购置费(?:/|$)"}, {"label": r"^公务用车购置费(?:支出)?$"}]),
    ("公务用车运行费", [{"table": _TABLE, "row": "", "column": r"(?<!购置及)运行(?:维护)?费(?:/|$)"},
                 {"label": r"^公务用车运行(?:维护)?费(?:支出)?$"}]),
    ("公务接待费", [{"table": _TABLE, "row": "", "column": r"(?:^|/|预算数|决算数)公务接待费(?:/|$)"}, {"label": r"^公务接待费(?:支出)?$"}]),
    ("机关运行经费", [{"table": _TABLE, "row": "", "column": r"机关运行经费"}, {"label": r"机关运行经费(?:支出)?$"}]),
]


class Params(NamedParams):
    quantities: list[Quantity] = Field(default_factory=lambda: quantities(DEFAULT), description="the figures compared and where each is stated")


__all__ = ["FIELDS", "Params", "check_run", "collect"]

"""A 收支总表 (and a 财政拨款收支总表) balances: its 收入总计 equals its 支出总计 (a 决算's two 总计
cells, on one row, too). Both are the same table's figures in one unit, so any difference is a
slip; a table whose totals are not both found (a row the reader ran together) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.breakdowns import same
from budgetcheck.checks.base import SumParams
from budgetcheck.checks.named import describe, gap_text
from budgetcheck.document import Document
from budgetcheck.figures import CellFigure, cell_figures
from budgetcheck.findings import Hit
from budgetcheck.schema import RegexStr, compiled

FIELDS = {
    "table": "the table's title",
    "income": "收入总计, as written",
    "spending": "支出总计, as written",
    "gap": "the difference, in the table's unit",
}


class Params(SumParams):
    tables: RegexStr = Field(r"收支(?:预算)?总表$|收入支出(?:决算)?总表$", description="titles of the tables that balance (spaces removed)")
    income: RegexStr = Field(r"^收入总计$", description="the income side's total row label")
    spending: RegexStr = Field(r"^支出总计$", description="the spending side's total row label")
    both: RegexStr = Field(r"^总计$", description="the label both sides give their total on one row")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    by_table: dict[str, list[CellFigure]] = {}
    tables = compiled(params.tables)
    for cell in cell_figures(doc):
        if cell.first and (tables.search(cell.table) or doc.part is None):
            by_table.setdefault(cell.table, []).append(cell)
    for title, cells in by_table.items():
        pair = _pair(cells, params)
        if pair is None:
            continue
        income, spending = pair
        if income.amount is None or spending.amount is None or same(income.value, spending.value, params.tolerance):
            continue
        yield Hit(spending.start, spending.end, {
            "table": title or "收支总表", "income": describe(income.written, income.unit, False),
            "spending": describe(spending.written, spending.unit, False),
            "gap": gap_text(income.value - spending.value, spending.unit),
        })


def _pair(cells: list[CellFigure], params: Params) -> tuple[CellFigure, CellFigure] | None:
    income_pattern, spending_pattern = compiled(params.income), compiled(params.spending)
    income = [c for c in cells if income_pattern.search(c.row)]
    spending = [c for c in cells if spending_pattern.search(c.row)]
    if len(income) == 1 and len(spending) == 1:
        return income[0], spending[0]
    both_pattern = compiled(params.both)
    both = [c for c in cells if both_pattern.search(c.row)]
    if len(both) == 2 and not income and not spending:
        return both[0], both[1]
    return None

"""A table's figures must add up: across each row (合计 = 基本支出 + 项目支出), down each column
(合计 row = Σ 类 rows), and within the code hierarchy (类 = Σ 款, 款 = Σ 项).

Only layouts the header makes unambiguous are judged: a total column is one whose own (lowest)
header cell reads 合计/小计/总计; its parts are the columns to its right, up to the next total,
each under a header cell of one column in the same header row. A header the reader merged ("“三公”
经费预算数公务接待费" over two columns) or spread over rows leaves the table unjudged. Columns are
summed only in tables whose every body row carries a classification code or is a 合计 row. A
gap within the rounding of the figures (0.01 万元 each) goes to the ``rounding`` twin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.blocks import Block
from budgetcheck.breakdowns import same
from budgetcheck.checks.base import SumParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import UNIT_FACTORS
from budgetcheck.quantities import Amount
from budgetcheck.schema import RegexStr, compiled
from budgetcheck.source import Source
from budgetcheck.tables import CODE_COLUMN, TOTAL_LABEL, Table, leaf_headers, row_amounts, row_code, row_label

FIELDS = {
    "check": "rows, total or hierarchy",
    "label": "the row (or column) that does not add up",
    "arithmetic": "the sum written out, in the table's unit",
    "total": "the stated total (yuan)",
    "sum": "the sum of the parts (yuan)",
    "gap": "the difference, in the table's unit",
}
Check = Literal["rows", "total", "hierarchy"]
_CHECKS: tuple[Check, ...] = ("rows", "total", "hierarchy")
_SPACES = deferred_re.compile(r"[ \t\u3000\n]")


class Params(SumParams):
    checks: list[Check] = Field(["rows", "total", "hierarchy"], description="which sums to check")
    total_header: RegexStr = Field(r"^(?:本年)?(?:收入|支出)?(?:合计|小计|总计)$", description="a total column's header (spaces removed)")
    rounding: bool = Field(False, description="report only gaps that the rounding of the figures explains (else only larger ones)")


@dataclass(frozen=True)
class _Row:
    block: Block
    label: str
    code: tuple[str, ...]
    amounts: dict[int, Amount | None]
    is_total: bool
    name: str  # code and label, as a message names the row


def check(doc: Document, params: Params) -> Iterator[Hit]:
    for table in doc.joined_tables:
        yield from _check_table(_layout(doc, table), params)


@dataclass(frozen=True)
class _Layout:
    """What a table's sums are read from, the same for every rule of this kind (worked out once per text)."""

    leaves: dict
    names: dict[int, str]
    codes: set[int]
    coded: bool
    rows: list[_Row]
    children: dict[tuple[str, ...], list[_Row]]  # by code: the rows one level below it
    gaps: dict[tuple[str, str], list[_Gap]]  # by (check, total header): the sums to judge, found once


def _layout(doc: Document, table: Table) -> _Layout:
    key = ("table_sums", table.number, table.start, table.end)
    if key not in doc.cache:
        source = doc.source
        leaves = leaf_headers(source, table)
        names = {column: _compact(source.text[cell.start : cell.end]) for column, (_, cell) in leaves.items()}
        codes = {column for column, name in names.items() if CODE_COLUMN.search(name)}
        coded = bool(codes) and max(codes) - min(codes) + 1 == len(codes)  # one run: not a two-sided table
        rows = [_row(source, table, block, codes if coded else set()) for block in table.body]
        children: dict[tuple[str, ...], list[_Row]] = {}
        for row in rows:
            if row.code:
                children.setdefault(row.code[:-1], []).append(row)
        doc.cache[key] = _Layout(leaves, names, codes, coded, rows, children, {})
    return doc.cache[key]


def _check_table(layout: _Layout, params: Params) -> Iterator[Hit]:
    for check in (c for c in _CHECKS if c in params.checks):  # in this order, whatever the rule lists
        key = (check, params.total_header if check == "rows" else "")
        if key not in layout.gaps:
            layout.gaps[key] = _gaps(layout, check, params)
        for gap in layout.gaps[key]:
            if hit := _hit(gap, params):
                yield hit


def _gaps(layout: _Layout, check: Check, params: Params) -> list[_Gap]:
    leaves, names, codes, rows = layout.leaves, layout.names, layout.codes, layout.rows
    if check == "rows":
        return [g for total, parts in _column_groups(leaves, names, params) for row in rows if (g := _row_gap(row, total, parts, names))]
    if not (layout.coded and all(r.code or r.is_total for r in rows)):
        return []
    columns = sorted({c for r in rows for c, a in r.amounts.items() if a is not None} - codes)
    if check == "total":
        tops = layout.children.get((), [])
        return [g for row in rows if row.is_total for c in columns if (g := _total_gap(row, tops, c, names))]
    return [g for row in rows if row.code for c in columns if (g := _children_gap(row, layout.children.get(row.code, []), c, names))]


def _row(source: Source, table: Table, block: Block, codes: set[int]) -> _Row:
    label = row_label(source, block, frozenset(codes)) or row_label(source, block)  # "合计" may stand under 编码
    code = row_code(source, table, block, codes) if codes else ()
    name = f"{''.join(code)} {label}".strip()
    return _Row(block, label, code, row_amounts(source, table, block), not code and bool(TOTAL_LABEL.match(label)), name)


def _compact(text: str) -> str:
    return _SPACES.sub("", text)


def _column_groups(leaves, names: dict[int, str], params: Params) -> Iterator[tuple[int, list[int]]]:
    """(total column, its part columns) wherever the header lays them out without doubt."""
    width = max(leaves, default=-1) + 1
    total_header = compiled(params.total_header)
    totals = [c for c in range(width) if total_header.match(names.get(c, ""))]
    for index, total in enumerate(totals):
        end = totals[index + 1] if index + 1 < len(totals) else width
        parts = list(range(total + 1, end))
        cells = [leaves.get(c) for c in [total, *parts]]
        if not parts or any(cell is None or cell[1].span != 1 or cell[0] != cells[0][0] for cell in cells):
            continue  # a merged or misplaced header cell: the layout is not certain
        if any(CODE_COLUMN.search(names[c]) for c in parts):
            continue
        yield total, parts


@dataclass(frozen=True)
class _Gap:
    """A stated total and its parts; judged by each rule of the kind, and most of them add up, so the
    sum is worked out once and the label only for a gap that is reported."""

    check: Check
    row: _Row
    column: str  # the total's column (its header), "" for a row's sum
    total: Amount
    parts: list[tuple[str, Amount | None]]

    @cached_property
    def present(self) -> list[Amount]:
        return [a for _, a in self.parts if a is not None]

    @cached_property
    def parts_sum(self) -> Decimal:
        return sum((a.value for a in self.present), Decimal(0))

    @property
    def label(self) -> str:
        if self.check == "rows":
            return f"“{self.row.label}”一行"
        if self.check == "total":
            return f"“{self.row.label}”行“{self.column}”列"
        return f"“{self.row.name}”的“{self.column}”"


def _row_gap(row: _Row, total: int, parts: list[int], names: dict[int, str]) -> _Gap | None:
    stated = row.amounts.get(total)
    if stated is None or any(c not in row.amounts for c in parts):
        return None  # no total written, or a part cell that is not a figure
    return _Gap("rows", row, "", stated, [(names[c], row.amounts[c]) for c in parts])


def _total_gap(row: _Row, tops: list[_Row], column: int, names: dict[int, str]) -> _Gap | None:
    stated = row.amounts.get(column)
    if stated is None or not tops or any(column not in r.amounts for r in tops):
        return None
    return _Gap("total", row, names.get(column, ""), stated, [(r.name, r.amounts[column]) for r in tops])


def _children_gap(row: _Row, children: list[_Row], column: int, names: dict[int, str]) -> _Gap | None:
    stated = row.amounts.get(column)
    if not children or stated is None or any(column not in r.amounts for r in children):
        return None
    return _Gap("hierarchy", row, names.get(column, ""), stated, [(r.name, r.amounts[column]) for r in children])


def _hit(gap: _Gap, params: Params) -> Hit | None:
    present, parts_sum = gap.present, gap.parts_sum
    total = gap.total.value
    if same(parts_sum, total, params.tolerance):
        return None
    rounding = gap.total.half_step + sum((a.half_step for a in present), Decimal(0))
    if (abs(parts_sum - total) <= rounding) != params.rounding:
        return None
    unit = gap.total.unit
    decimals = max(len(a.number_text.partition(".")[2]) for a in [gap.total, *present])
    show = lambda value: f"{value / UNIT_FACTORS[unit]:,.{decimals}f}"  # noqa: E731 - one format for the message
    added = " + ".join(f"{name} {a.number_text if a is not None else '0'}" for name, a in gap.parts)
    return Hit(gap.total.start, gap.total.end, {
        "check": gap.check,
        "label": gap.label,
        "arithmetic": f"{added} = {show(parts_sum)} ≠ {gap.total.number_text}（{unit}）",
        "total": total,
        "sum": parts_sum,
        "gap": f"{show(abs(parts_sum - total))}{unit}",
    })

"""Tables as the reader saw them: header rows, body rows, the unit, and the money in cells.

A table is the run of ``table_row`` blocks with one table number. Its unit comes
from a line above it ("单位：万元") or from a header cell ("金额（元）"); a column's
own unit wins over the table's. A bare number in a cell ("25,000.00" under
"金额（元）") is money when the table says in what unit and the number is written
as money (grouping commas or two decimals) or stands in a column whose header
names money; codes such as "201" or "01" in 科目编码 columns never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from budgetcheck.blocks import Block, Cell
from budgetcheck.numerals import UNIT_FACTORS
from budgetcheck.quantities import Amount
from budgetcheck.source import Source

_UNIT_LINE = re.compile(r"单位[ \t\u3000]*[：:][ \t\u3000]*(?P<unit>亿元|千万元|百万元|万元|千元|元)")
_HEADER_UNIT = re.compile(r"[（(][ \t\u3000]*(?P<unit>亿元|千万元|百万元|万元|千元|元)[ \t\u3000]*[)）]")
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_FIGURE = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[ \u3000]?(?:亿元|万元|千元|元|万|%|％)?$")  # a data cell
_MONEY_SHAPE = re.compile(r",\d{3}|\.\d{2}$")
_MONEY_HEADER = re.compile(r"金额|预算|决算|合计|小计|总计|支出|收入|资金|经费|费用|数$")
_CODE_HEADER = re.compile(r"编码|代码|科目|序号|^[类款项]$|编号")
TOTAL_LABEL = re.compile(r"^[ \t\u3000]*(?:合[ \t\u3000]*计|总[ \t\u3000]*计|共[ \t\u3000]*计)")
LOOK_ABOVE = 3  # non-table blocks above a table searched for its unit


@dataclass(frozen=True)
class Table:
    """One table: its rows in order, which of them are headers, and its units."""

    number: int  # the reader's table number in the file
    start: int
    end: int
    rows: tuple[Block, ...]
    header_count: int  # the first rows that are headers
    unit: str | None  # the table's unit ("单位：万元"), if stated
    column_units: tuple[tuple[int, str], ...]  # (grid column, unit) from header cells
    headers: tuple[tuple[int, str], ...]  # (grid column, header text), header rows joined

    @property
    def body(self) -> tuple[Block, ...]:
        return self.rows[self.header_count :]

    def unit_of(self, column: int) -> str | None:
        return dict(self.column_units).get(column, self.unit)

    def header_of(self, column: int) -> str:
        return dict(self.headers).get(column, "")


def tables_between(source: Source, start: int, end: int) -> list[Table]:
    """The tables whose rows lie in ``source.text[start:end]``."""
    if not source.row_spans:
        return []
    groups: dict[int, list[Block]] = {}
    before: dict[int, list[Block]] = {}
    recent: list[Block] = []
    for block in source.blocks:
        if block.end <= start or block.start >= end:
            continue
        if block.kind == "table_row":
            if block.table not in groups:
                before[block.table] = recent[-LOOK_ABOVE:]
            groups.setdefault(block.table, []).append(block)
        else:
            recent.append(block)
    return [_table(source, number, rows, before[number]) for number, rows in groups.items()]


def _table(source: Source, number: int, rows: list[Block], above: list[Block]) -> Table:
    text = source.text
    header_count = _header_count(text, rows)
    unit = next((m["unit"] for b in reversed(above) if (m := _UNIT_LINE.search(text, b.start, b.end))), None)
    column_units, headers = [], []
    for row in rows[:header_count]:
        for cell in row.cells:
            value = text[cell.start : cell.end]
            if m := _UNIT_LINE.search(value) or _HEADER_UNIT.search(value):
                column_units.append((cell.column, m["unit"]))
            if value:
                headers.append((cell.column, value))
    if unit is None and header_count:
        unit = next((m["unit"] for r in rows[:header_count] if (m := _UNIT_LINE.search(text, r.start, r.end))), None)
    return Table(number, rows[0].start, rows[-1].end, tuple(rows), header_count, unit, tuple(column_units), tuple(headers))


def _header_count(text: str, rows: list[Block]) -> int:
    """Rows the reader marked as headers, else the rows before the first one with a number."""
    marked = sum(1 for _ in _leading(rows))
    if marked:
        return marked
    for index, row in enumerate(rows):
        if any(_FIGURE.match(text[c.start : c.end]) for c in row.cells):
            return index
    return 0


def _leading(rows: list[Block]):
    for row in rows:
        if not row.header:
            return
        yield row


def cell_amounts(source: Source, table: Table) -> list[Amount]:
    """Bare numbers in body cells that the table makes money of (cells with a unit of their own are
    amounts already, found in the text)."""
    found = []
    text = source.text
    for row in table.body:
        for cell in row.cells:
            amount = _cell_amount(text, table, cell)
            if amount is not None:
                found.append(amount)
    return found


def _cell_amount(text: str, table: Table, cell: Cell) -> Amount | None:
    written = text[cell.start : cell.end]
    unit = table.unit_of(cell.column)
    if unit is None or not _NUMBER.match(written):
        return None
    header = table.header_of(cell.column)
    if _CODE_HEADER.search(header) or not (_MONEY_SHAPE.search(written) or _MONEY_HEADER.search(header)):
        return None
    try:
        number = Decimal(written.replace(",", ""))
    except InvalidOperation:
        return None
    return Amount(cell.start, cell.end, written, number * UNIT_FACTORS[unit], number, written, unit, "arabic")


def row_label(source: Source, row: Block) -> str:
    """The first non-empty cell that is not a number: the item a row is about."""
    text = source.text
    for cell in row.cells:
        value = text[cell.start : cell.end]
        if value and not _NUMBER.match(value):
            return value
    return ""


_CODE_CELL = re.compile(r"^\d{1,3}$")


def coded_names(source: Source, table: Table) -> list[tuple[str, int, str]]:
    """The classification rows of a table as (code, level, name): "221 02 01 住房公积金" is
    ("2210201", 3, "住房公积金"), level 1 a 类, 2 a 款, 3 a 项. Rows without a leading code are left out."""
    text = source.text
    found = []
    for row in table.body:
        cells = [value for c in row.cells if (value := text[c.start : c.end].strip(" \t\u3000"))]
        codes = []
        for cell in cells:
            if not _CODE_CELL.match(cell):
                break
            codes.append(cell)
        name = cells[len(codes)] if len(codes) < len(cells) else ""
        if codes and len(codes[0]) == 3 and name and not _NUMBER.match(name):
            found.append(("".join(codes), len(codes), name))
    return found

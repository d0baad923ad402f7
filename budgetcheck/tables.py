"""Tables as the reader saw them: header rows, body rows, the unit, and the money in cells.

A table is the run of ``table_row`` blocks with one table number. Its unit comes
from a line above it ("单位：万元") or from a header cell ("金额（元）"); a column's
own unit wins over the table's. A bare number in a cell ("25,000.00" under
"金额（元）") is money when the table says in what unit and the number is written
as money (grouping commas or two decimals) or stands in a column whose header
names money; codes such as "201" or "01" in 科目编码 columns never are.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property

from budgetcheck import deferred_re
from budgetcheck.blocks import Block, Cell
from budgetcheck.numerals import UNIT_FACTORS
from budgetcheck.quantities import Amount
from budgetcheck.source import Source

_UNIT_LINE = deferred_re.compile(r"单位[ \t\u3000]*[：:][ \t\u3000]*(?P<unit>亿元|千万元|百万元|万元|千元|元)")
_HEADER_UNIT = deferred_re.compile(r"[（(][ \t\u3000]*(?P<unit>亿元|千万元|百万元|万元|千元|元)[ \t\u3000]*[)）]")
_NUMBER = deferred_re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_FIGURE = deferred_re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[ \u3000]?(?:亿元|万元|千元|元|万|%|％)?$")  # a data cell
_MONEY_SHAPE = deferred_re.compile(r",\d{3}|\.\d{2}$")
_UNIT_END = deferred_re.compile(r"[元万%％]$")
_MONEY_HEADER = deferred_re.compile(r"金额|预算|决算|合计|小计|总计|支出|收入|资金|经费|费用|数$")
_CODE_HEADER = deferred_re.compile(r"编码|代码|科目|序号|^[类款项]$|编号")
TOTAL_LABEL = deferred_re.compile(r"^[ \t\u3000]*(?:合[ \t\u3000]*计|总[ \t\u3000]*计|共[ \t\u3000]*计)")
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
        return self._units.get(column, self.unit)

    def header_of(self, column: int) -> str:
        return self._headers.get(column, "")

    @cached_property
    def _units(self) -> dict[int, str]:
        return dict(self.column_units)

    @cached_property
    def _headers(self) -> dict[int, str]:
        return dict(self.headers)

    @cached_property
    def known_rows(self) -> dict[int, dict[int, Amount | None]]:
        """``row_amounts`` of each body row asked for so far, by the row's start (see there)."""
        return {}

    @cached_property
    def width(self) -> int:
        """Grid columns, spans included (asked for every pair of tables that may continue one another)."""
        return max((c.column + c.span for row in self.rows for c in row.cells), default=0)


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
    return [_known_table(source, number, rows, before[number]) for number, rows in groups.items()]


def _known_table(source: Source, number: int, rows: list[Block], above: list[Block]) -> Table:
    """``_table``, built once per file: a publication's part and the whole file (whose coded rows
    ``subject_name`` reads) see the same tables. A table depends only on its rows and the unit
    stated above it (the part, starting at its title, sees fewer blocks above than the file)."""
    text = source.text
    unit = next((m["unit"] for b in reversed(above) if (m := _UNIT_LINE.search(text, b.start, b.end))), None)
    known: dict[tuple, Table] = source.cache.setdefault("tables.tables", {})
    key = (number, rows[0].start, rows[-1].end, len(rows), unit)
    table = known.get(key)
    if table is None:
        table = known[key] = _table(source, number, rows, unit)
    return table


def _table(source: Source, number: int, rows: list[Block], unit: str | None) -> Table:
    """The table of these rows; ``unit``: the one a line above states, if any."""
    text = source.text
    header_count = _header_count(text, rows)
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
    """The rows before the first one holding a figure written as money ("25,000.00", "5万元").

    A reader that marks header rows (Word's repeated header row, the PDF layout) is believed
    up to that first row of money: a reader guesses before units in cells are known. A row
    of bare small integers is the "栏次 1 2 3" row of a header; a table with no money-shaped
    figure at all starts its body at its first figure.
    """
    money = next((i for i, row in enumerate(rows) if any(_money_figure(text[c.start : c.end]) for c in row.cells)), None)
    if money is None:
        money = next((i for i, row in enumerate(rows) if any(_FIGURE.match(text[c.start : c.end]) for c in row.cells)), 0)
    marked = next((i for i, row in enumerate(rows) if not row.header), len(rows))
    return min(marked, money) if marked else money


def _money_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell)) and bool(_MONEY_SHAPE.search(cell) or _UNIT_END.search(cell))


def cell_amounts(source: Source, table: Table) -> list[Amount]:
    """Bare numbers in body cells that the table makes money of (cells with a unit of their own are
    amounts already, found in the text)."""
    found = []
    for row in table.body:
        for cell in row.cells:
            amount = _known_amount(source, table, cell)
            if amount is not None:
                found.append(amount)
    return found


def _known_amount(source: Source, table: Table, cell: Cell) -> Amount | None:
    """``_cell_amount``, worked out once per file: the quantities, the table sums, the tables'
    agreement and the cell figures each ask for the same cells. A cell's amount depends only on
    the cell and its column's unit and header (a table joined to the page it continues keeps
    the first page's)."""
    known: dict[tuple, Amount | None] = source.cache.setdefault("tables.cell_amounts", {})
    key = (cell.start, cell.end, table.unit_of(cell.column), table.header_of(cell.column))
    if key in known:
        return known[key]
    amount = known[key] = _cell_amount(source.text, table, cell)
    return amount


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


def row_label(source: Source, row: Block, skip: frozenset[int] = frozenset()) -> str:
    """The first non-empty cell that is not a number (nor in a ``skip`` column): the item a row is about."""
    text = source.text
    for cell in row.cells:
        value = text[cell.start : cell.end]
        if value and not _NUMBER.match(value) and cell.column not in skip:
            return value
    return ""


# --- The structure of a table of figures: header per column, codes per row, money per cell.

CODE_COLUMN = deferred_re.compile(r"编码|代码|^[类款项]$")
_CODE = deferred_re.compile(r"^\d{1,3}$|^\d{3}(?:\d{2})+$")


def continued(tables: list[Table]) -> list[Table]:
    """Tables of one part with the pages that continue them joined: a PDF gives each page's part of a
    long table a number of its own, with no header rows or with the first page's header repeated."""
    joined: list[Table] = []
    for table in tables:
        previous = joined[-1] if joined else None
        if previous is not None and previous.header_count and _continues(previous, table):
            body = table.body if table.header_count else table.rows
            joined[-1] = Table(previous.number, previous.start, table.end, previous.rows + body, previous.header_count,
                               previous.unit, previous.column_units, previous.headers)
        else:
            joined.append(table)
    return joined


def _continues(previous: Table, table: Table) -> bool:
    if table.unit not in (None, previous.unit) or table.width != previous.width:
        return False
    return table.header_count == 0 or table.headers == previous.headers


def leaf_headers(source: Source, table: Table) -> dict[int, tuple[int, Cell]]:
    """Per grid column, the lowest header cell over it that has text, with its header row's index
    (a "合计" over its "预算数 | 决算数" is not a leaf)."""
    leaves: dict[int, tuple[int, Cell]] = {}
    for index, row in enumerate(table.rows[: table.header_count]):
        for cell in row.cells:
            if source.text[cell.start : cell.end].strip():
                for column in range(cell.column, cell.column + cell.span):
                    leaves[column] = (index, cell)
    return leaves


def row_code(source: Source, table: Table, row: Block, code_columns: set[int]) -> tuple[str, ...]:
    """A row's classification code as segments: "201","13","01" in three cells or "2010301" in one →
    ("201", "13", "01"); () when the row has none or it is not written as a code."""
    segments: list[str] = []
    text = source.text
    for cell in row.cells:
        if cell.column not in code_columns:
            continue  # asked before the cell's text is cut out: most of a row's cells are figures
        value = text[cell.start : cell.end].replace(" ", "")
        if value in ("", "类", "款", "项"):
            continue  # "类 款 项" is a header line the reader ran into the 合计 row
        if not _CODE.match(value):
            return ()
        segments += [value] if len(value) <= 3 else [value[:3], *(value[i : i + 2] for i in range(3, len(value), 2))]
    return tuple(segments)


def row_amounts(source: Source, table: Table, row: Block) -> dict[int, Amount | None]:
    """Per money cell of a body row, its Amount; None for an empty cell (0 in a sum). Kept per table
    and row: the table sums, the tables' agreement and the cell figures each ask; never to be changed."""
    known = table.known_rows.get(row.start)
    if known is not None:
        return known
    found: dict[int, Amount | None] = {}
    table.known_rows[row.start] = found
    for cell in row.cells:
        if cell.start == cell.end:
            found[cell.column] = None
            continue
        amount = _known_amount(source, table, cell)
        if amount is not None:
            found[cell.column] = amount
    return found


def coded_names(source: Source, table: Table) -> list[tuple[str, int, str]]:
    """The classification rows of a table as (code, level, name): "221 02 01 住房公积金" is
    ("2210201", 3, "住房公积金"), level 1 a 类, 2 a 款, 3 a 项. Rows without a code are left out."""
    text = source.text
    code_columns = {c for c, (_, cell) in leaf_headers(source, table).items() if CODE_COLUMN.search(text[cell.start : cell.end])}
    found = []
    for row in table.body:
        code = row_code(source, table, row, code_columns) if code_columns else ()
        name = row_label(source, row, frozenset(code_columns))  # "221 02 01" in one cell is the code, not the name
        if code and name:
            found.append(("".join(code), len(code), name))
    return found


def bare_amount(source: Source, table: Table, cell: Cell) -> Amount | None:
    """A bare number ("0", "25") in a body cell of a row of money, taken as money in the table's unit
    although written without the money shape; never in a code column (科目编码, 序号)."""
    written = source.text[cell.start : cell.end]
    unit = table.unit_of(cell.column)
    if unit is None or not _NUMBER.match(written) or _CODE_HEADER.search(table.header_of(cell.column)):
        return None
    number = Decimal(written.replace(",", ""))
    return Amount(cell.start, cell.end, written, number * UNIT_FACTORS[unit], number, written, unit, "arabic")

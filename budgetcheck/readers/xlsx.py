"""Excel (.xlsx, .xlsm): each sheet one table, its cells as Excel displays them.

Performance tables (绩效目标表) and budget breakdowns often come as workbooks.
Cached values are read (``data_only``: what Excel last computed and showed, not
formulas), numbers formatted by the cell's number format for the common formats
(``#,##0.00`` → "50,000.00", "0%" → "85%", whole numbers without ".0"), so
amounts are checked as the reader of the sheet sees them. A merged range shows
its text once, in its top-left cell, spanning its columns. Origins are
``{"sheet": s, "row": r}``, both 1-based as in Excel.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from budgetcheck import deferred_re
from budgetcheck.readers import TextBuilder
from budgetcheck.source import InputError, Source

_DAMAGED = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError)
_DEFAULT_NAME = deferred_re.compile(r"(?:Sheet|工作表)\d*", re.IGNORECASE)
_MAX_HEADER_ROWS = 3


def read(data: bytes, path: str) -> Source:
    out = TextBuilder()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for index, sheet in enumerate(book.worksheets, 1):
                _sheet(out, index, sheet)
        finally:
            book.close()
    except _DAMAGED as exc:
        raise InputError(f"not a readable .xlsx file ({type(exc).__name__}: {exc})") from None
    return out.source(path, "xlsx")


def _sheet(out: TextBuilder, index: int, sheet) -> None:
    rows = _rows(sheet)
    if not rows:
        return
    first_row, first_cells = rows[0]
    if sum(1 for text, _ in first_cells if text) == 1:  # a title row: one text across the sheet
        out.block("paragraph", next(text for text, _ in first_cells if text), {"sheet": index, "row": first_row})
        rows = rows[1:]
    elif not _DEFAULT_NAME.fullmatch(sheet.title.strip()):  # no title row: the sheet's name says what it is
        out.block("paragraph", sheet.title.strip(), {"sheet": index})
    headers = _header_count(rows)
    for position, (r, cells) in enumerate(rows):
        out.row([text for text, _ in cells], {"sheet": index, "row": r}, table=index, row=r,
                header=position < headers, spans=[span for _, span in cells])


def _rows(sheet) -> list[tuple[int, list[tuple[str, int]]]]:
    """(row number, [(displayed text, columns spanned)]) for each row with text, trailing empty cells cut."""
    span, hidden = _merged(sheet)
    # Some writers record a wrong sheet size (just "A1"): read what is there instead.
    sheet.reset_dimensions()
    rows = []
    for r, cells in enumerate(sheet.iter_rows(), 1):  # missing rows and cells come as empty ones
        shown = [(display(cell.value, cell.number_format), c) for c, cell in enumerate(cells, 1) if (r, c) not in hidden]
        while shown and not shown[-1][0]:
            shown.pop()
        if shown:
            rows.append((r, [(text, span.get((r, c), 1)) for text, c in shown]))
    return rows


def _merged(sheet) -> tuple[dict[tuple[int, int], int], set[tuple[int, int]]]:
    """Merged ranges: each row's first cell spans the range's columns; the cells to its right are hidden.

    Excel keeps the text in the top-left cell only, so the rows below show an empty cell:
    the range's amounts count once.
    """
    span: dict[tuple[int, int], int] = {}
    hidden: set[tuple[int, int]] = set()
    for ref in _merge_refs(sheet):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        for row in range(min_row, max_row + 1):
            span[(row, min_col)] = max_col - min_col + 1
            hidden.update((row, column) for column in range(min_col + 1, max_col + 1))
    return span, hidden


def _merge_refs(sheet) -> list[str]:
    # Read-only sheets do not parse <mergeCells>; read them from the sheet's XML, streaming.
    try:
        source = sheet._get_source()
    except AttributeError:  # not a read-only sheet
        return [str(r) for r in getattr(sheet, "merged_cells", ())]
    with source:
        return [el.get("ref") for _, el in etree.iterparse(source, tag="{*}mergeCell") if el.get("ref")]


def _header_count(rows) -> int:
    """Rows above the first one holding a number are the header (at most three)."""
    for position, (_, cells) in enumerate(rows):
        if any(_looks_numeric(text) for text, _ in cells):
            return min(position, _MAX_HEADER_ROWS)
    return 1 if len(rows) > 1 else 0


_NUMERIC = deferred_re.compile(r"[-+(]?[\d,]*\.?\d+\)?(?:%|元|万元|亿元)?")


def _looks_numeric(text: str) -> bool:
    return bool(_NUMERIC.fullmatch(text.replace(" ", "")))


# --- number formats ---------------------------------------------------------------------

_LITERAL = deferred_re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.')
_NUMBER_PART = deferred_re.compile(r"[#0?,]*[0#?](?:\.[0#?]*)?|\.[0#?]+")


def display(value, number_format: str | None) -> str:
    """A cell's value as Excel shows it, for the formats budget tables use."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return _date(value, number_format or "")
    if isinstance(value, int | float):
        return _number(value, number_format or "General")
    return str(value)


def _date(value, number_format: str) -> str:
    day = value.date() if isinstance(value, dt.datetime) else value
    if "年" in number_format:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def _number(value: float, number_format: str) -> str:
    section = number_format.split(";")[0]
    plain = _LITERAL.sub("", section)
    if section in ("General", "@", "") or "E" in plain.upper() or not _NUMBER_PART.search(plain):
        return _general(value)
    percent = "%" in plain
    pattern = _NUMBER_PART.search(_LITERAL.sub(lambda m: "\0" * len(m[0]), section))
    assert pattern is not None  # blanking literals keeps the number part found above
    decimals = len(pattern[0].split(".")[1]) if "." in pattern[0] else 0
    amount = Decimal(str(value)) * (100 if percent else 1)
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    digits = f"{abs(rounded):,.{decimals}f}" if "," in pattern[0] else f"{abs(rounded):.{decimals}f}"
    before, after = _literals(section[: pattern.start()]), _literals(section[pattern.end() :])
    return ("-" if rounded < 0 else "") + before + digits + after


def _literals(part: str) -> str:
    """The text a format shows around its number: quoted text, escaped characters, % and units."""
    def keep(match: re.Match) -> str:
        return match[1] if match[1] is not None else (match[2] or "")

    return _LITERAL.sub(keep, part)


def _general(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"  # Excel's General shows about eleven significant characters

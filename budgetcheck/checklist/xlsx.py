"""Checklists as an Excel workbook (openpyxl, the ``xlsx`` extra): a sheet per file, a summary sheet for several.

Header rows are bold and frozen, the problem column wraps, columns are sized for
Chinese text; printed, a sheet repeats its header row under a page header naming the form and file.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from budgetcheck import deferred_re
from budgetcheck.checklist.markdown import columns, row_cells, summary_cells, summary_columns
from budgetcheck.checklist.rows import Checklist
from budgetcheck.i18n import tr

WIDTHS = (6, 36, 8, 10, 80)  # 序号, 检查项目, 页码, 符合要求, 发现的问题
SUMMARY_WIDTHS = (50, 26, 18, 8, 8, 8, 8)
_SHEET_FORBIDDEN = deferred_re.compile(r"[\[\]:*?/\\]")
CELL_LIMIT = 32_000  # Excel holds at most 32,767 characters in a cell
MISSING_EXTRA = "writing .xlsx needs openpyxl: pip install 'budgetcheck[xlsx]'"


class XlsxUnavailable(Exception):
    """openpyxl is not installed; the message names the extra."""


def write_xlsx(checklists: list[Checklist], stream: BinaryIO) -> None:
    """Write the workbook to a binary stream (raises XlsxUnavailable)."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise XlsxUnavailable(MISSING_EXTRA) from None
    book = Workbook()
    book.remove(book.active)
    if len(checklists) > 1:
        _sheet(book, tr("checklist.summary"), summary_columns(), [summary_cells(c) for c in checklists], SUMMARY_WIDTHS, wrap=0)
    used: set[str] = set()
    for checklist in checklists:
        rows = [row_cells(i, row) for i, row in enumerate(checklist.rows, 1)]
        sheet = _sheet(book, sheet_title(checklist.path, used), columns(), rows, WIDTHS, wrap=len(WIDTHS))
        # Printed, each page says which form and file it is, and repeats the header row.
        sheet.oddHeader.center.text = " ".join(filter(None, (checklist.form, Path(checklist.path).name)))
        sheet.print_title_rows = "1:1"
    book.save(stream)


def _sheet(book, title: str, header: tuple[str, ...], rows: list[list[str]], widths: tuple[int, ...], wrap: int):
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for value in sheet[1]:
        value.font = Font(bold=True)
    for values in rows:
        sheet.append([_value(v) for v in values])
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    if wrap:
        for (value,) in sheet.iter_rows(min_row=2, min_col=wrap, max_col=wrap):
            value.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return sheet


def _value(text: str) -> int | str | None:
    if text.isdigit():
        return int(text)
    if len(text) > CELL_LIMIT:
        cut = text.rfind("\n", 0, CELL_LIMIT)
        return text[: cut if cut > 0 else CELL_LIMIT] + tr("checklist.more")
    return text or None


def sheet_title(path: str, used: set[str]) -> str:
    """A unique sheet name from the file's name: at most 31 characters, none of []:*?/\\."""
    base = _SHEET_FORBIDDEN.sub("_", Path(path).stem)[:28] or tr("checklist.sheet")
    title, number = base, 2
    while title.lower() in used or title.lower() == tr("checklist.summary").lower():
        title, number = f"{base[:27]}~{number}", number + 1
    used.add(title.lower())
    return title

"""A subject's figure in the text ("住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元")
against the row the function-classification tables give the same subject (221 02 01 住房公积金).

Run-wide over the texts of one file (the 编制说明 and each table are parts of their own):
``collect`` keeps each subject the prose names by level with its figures (the heading amount,
the year's "预算安排" or "支出决算为" figure; never a past year's 执行数), and each coded row of
the reference tables with its 合计. ``check_run`` finds the subject's code from its names, level
by level under its parent (a name the tables give two codes at one level, or none, leaves the
item alone), and compares the figures within the rounding of both. A figure that agrees with
any reference table is taken as right (a subject may be funded from two of them); one that
agrees with none is reported, the table figures quoted. The ``rounding`` twin reports figures
one rounding step apart (350.36 against 3,503,499元).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.checks.named import at, describe, gap_text
from budgetcheck.document import Document
from budgetcheck.figures import CellFigure, agreement, cell_figures, column_basis, subject_items
from budgetcheck.findings import Hit, Mark
from budgetcheck.schema import RegexStr, compiled

FIELDS = {
    "subject": "the subject as the text names it (类/款/项)",
    "figure": "the text's figure, as written",
    "place": "the part of the text and its page",
    "tables": "the reference tables' figures for the subject, with code, title and page",
    "gap": "the difference, in the text's unit",
    "code": "the subject's code in the tables",
    "value": "the text's figure (yuan)",
}


class Params(KindParams):
    tables: RegexStr = Field(r"功能分类|财政拨款(?:收入)?支出决算表$", description="titles of the reference tables (spaces removed)")
    column: RegexStr = Field(r"^(?:合计|小计|本年支出合计|本年支出/小计)$", description="the column of a reference table that holds the subject's figure")
    rounding: bool = Field(False, description="report only figures one rounding step from the tables (else only larger gaps)")


def collect(doc: Document, params: Params) -> Iterator[Hit]:
    if not doc.source.row_spans:
        # The prose's subjects are compared with the tables' rows of the same file (``check_run``):
        # a file without a table row has none.
        return
    part = doc.part.kind if doc.part is not None else None
    if part in (None, "table"):
        yield from _table_rows(doc, params)
    if part in (None, "chapter"):
        title = doc.part.title if doc.part is not None else "正文"
        for item in subject_items(doc):
            for figure in item.figures:
                amount = figure.amount
                yield Hit(amount.start, amount.end, {
                    "side": "text", "names": item.names, "subject": item.written, "figure": amount.text,
                    "value": amount.value, "step": amount.half_step, "basis": figure.basis, "unit": amount.unit,
                    "part": title, "item": item.start,
                })


def _table_rows(doc: Document, params: Params) -> Iterator[Hit]:
    taken: set[tuple[str, str]] = set()
    # A text's cells come from a few tables and columns: each title and header is tried once.
    tables: dict[str, bool] = {}
    columns: dict[str, bool] = {}
    for cell in cell_figures(doc):
        if not cell.code or not cell.column:
            continue
        if (table := tables.get(cell.table)) is None:
            table = tables[cell.table] = bool(compiled(params.tables).search(cell.table))
        if not table:
            continue
        if (column := columns.get(cell.header)) is None:
            column = columns[cell.header] = bool(compiled(params.column).search(cell.header))
        if not column:
            continue
        if (cell.table, cell.code) in taken:
            continue  # the first matching column only
        taken.add((cell.table, cell.code))
        yield Hit(cell.start, cell.end, {
            "side": "table", "table": cell.table, "code": cell.code, "name": cell.row, "value": cell.value,
            "step": cell.half_step, "basis": _table_basis(cell), "figure": describe(cell.written, cell.unit, cell.amount is None),
        })


def _table_basis(cell: CellFigure) -> str | None:
    return column_basis(cell.column) or ("actual" if "决算" in cell.table else "budget" if "预算" in cell.table else None)


def check_run(marks: list[Mark], params: Params) -> Iterator[tuple[Mark, dict]]:
    by_file: dict[str, list[Mark]] = defaultdict(list)
    for mark in marks:
        by_file[mark.location.path].append(mark)
    for members in by_file.values():
        rows = [m for m in members if m.values["side"] == "table"]
        figures = [m for m in members if m.values["side"] == "text"]
        yield from _compare(figures, rows, params)


def _compare(figures: list[Mark], rows: list[Mark], params: Params) -> Iterator[tuple[Mark, dict]]:
    tables: dict[str, dict[tuple[int, str], list[Mark]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:  # by table, then by code width and name: each name looks at its own rows only
        tables[row.values["table"]][len(row.values["code"]), row.values["name"]].append(row)
    verdicts = []
    for mark in figures:
        values = mark.values
        resolved = [_resolve(values["names"], table_rows) for table_rows in tables.values()]
        matched = [r for r in resolved if r is not None and _compatible(values["basis"], r.values["basis"])]
        if not matched:
            continue
        seen = [agreement(values["value"], values["step"], r.values["value"], r.values["step"]) for r in matched]
        verdicts.append((mark, matched, "same" if "same" in seen else "rounding" if "rounding" in seen else "differ"))
    agreeing = {(m.location.path, m.values["item"]) for m, _, verdict in verdicts if verdict == "same"}
    wanted = "rounding" if params.rounding else "differ"
    for mark, matched, verdict in verdicts:
        if verdict != wanted:
            continue
        values = mark.values
        quoted = "；".join(f"{r.values['table']}{at(r)}{r.values['code']} {r.values['name']} {r.values['figure']}" for r in matched)
        if (mark.location.path, values["item"]) in agreeing:
            quoted += "（本条另一金额与表相符）"
        nearest = min(matched, key=lambda r: abs(r.values["value"] - values["value"]))
        yield mark, {
            "subject": values["subject"], "figure": values["figure"], "place": f"{values['part']}{at(mark)}",
            "tables": quoted, "gap": gap_text(values["value"] - nearest.values["value"], values["unit"]),
            "code": nearest.values["code"], "value": values["value"],
        }


def _compatible(text_basis: str | None, table_basis: str | None) -> bool:
    return text_basis is None or table_basis is None or text_basis == table_basis


def _resolve(names: tuple[tuple[int, str], ...], rows: dict[tuple[int, str], list[Mark]]) -> Mark | None:
    """The row the names lead to (``rows`` by code width and name), level by level under the parent
    found; None when a name is missing or stands for two codes."""
    parent, found = "", None
    for level, name in names:
        width = 3 + 2 * (level - 1)
        candidates = [r for r in rows.get((width, name), []) if r.values["code"].startswith(parent)]
        if len({r.values["code"] for r in candidates}) != 1:
            return None
        found = candidates[0]
        parent = found.values["code"]
    return found


__all__ = ["FIELDS", "Params", "check_run", "collect"]

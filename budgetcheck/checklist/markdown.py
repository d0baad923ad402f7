"""Checklists as Markdown: a heading and a table per file, a summary section for several files."""

from __future__ import annotations

from typing import TextIO

from budgetcheck.checklist.rows import Checklist, Row, page_label
from budgetcheck.i18n import tr


def columns() -> tuple[str, ...]:
    """序号 | 检查项目 | 页码 | 符合要求 | 发现的问题, in the interface language."""
    return tuple(tr("checklist.columns").split("|"))


def summary_columns() -> tuple[str, ...]:
    """文件 | 检查表 | 部分（找到/应有） | 不符合 | 错误 | 警告 | 提示, in the interface language."""
    return tuple(tr("checklist.summary_columns").split("|"))


def write_markdown(checklists: list[Checklist], stream: TextIO) -> None:
    if len(checklists) > 1:
        stream.write(f"# {tr('checklist.summary')}\n\n")
        _table(stream, summary_columns(), [summary_cells(c) for c in checklists])
    for checklist in checklists:
        stream.write(f"# {cell(checklist.path)}\n\n")
        if checklist.form:
            stream.write(f"{cell(checklist.form)}\n\n")
        _table(stream, columns(), [row_cells(i, row) for i, row in enumerate(checklist.rows, 1)])


def row_cells(number: int, row: Row) -> list[str]:
    return [str(number), row.item, page_label(row.pages), tr("checklist.yes" if row.ok else "checklist.no"), "\n".join(row.problems)]


def summary_cells(checklist: Checklist) -> list[str]:
    parts = f"{checklist.found}/{checklist.expected}" if checklist.form else tr("checklist.texts", n=len(checklist.rows))
    counts = checklist.counts
    return [checklist.path, checklist.form or "", parts, str(checklist.failed), *(str(counts[s]) for s in ("error", "warning", "info"))]


def _table(stream: TextIO, header: tuple[str, ...], rows: list[list[str]]) -> None:
    stream.write(_line(header))
    stream.write(_line(["---"] * len(header)))
    for values in rows:
        stream.write(_line(values))
    stream.write("\n")


def _line(values) -> str:
    return "| " + " | ".join(cell(v) for v in values) + " |\n"


def cell(value: str) -> str:
    """A table cell: pipes escaped, line breaks as <br> (a Markdown table row is one line)."""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")

"""The same 类 of expenditure stated in two tables of one publication with figures that differ by
a rounding step (326.71 in the 收支总表, 326.72 in the 支出决算表).

Run-wide over the texts of one file (each table is a part of its own): ``collect`` keeps, for each
top-level row of a table (a 类 code such as 208, or a row label numbered "八、"), its name and the
first figure to the right of it; ``check_run`` groups them by file and name. Tables of one
publication cover different funds (收入总表: all; 一般公共预算表: one), so a larger difference may
be right and is left alone; a difference within the rounding of the two figures cannot be, and
the figures in the minority are reported with the others quoted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit, Mark
from budgetcheck.schema import RegexStr, compiled
from budgetcheck.source import Source
from budgetcheck.tables import CODE_COLUMN, Table, leaf_headers, row_amounts, row_code

FIELDS = {
    "name": "the 类 both tables name",
    "figure": "this table's figure, as written",
    "table": "this table's title",
    "others": "the other tables' figures, titles and pages",
    "unit": "the unit of the figures",
    "value": "this figure (yuan)",
}
_NUMBERED = deferred_re.compile(r"^[ \u3000]*[一二三四五六七八九十]{1,3}[、.．][ \u3000]*")
_SPACE = deferred_re.compile(r"\s")


class Params(KindParams):
    names: RegexStr = Field(r"支出$", description="row names compared (spaces removed): the function classes")


def collect(doc: Document, params: Params) -> Iterator[Hit]:
    names = compiled(params.names)
    for table in doc.joined_tables:
        title = doc.part.title if doc.part is not None else f"表{table.number}"
        for cell, name, amount in _top_rows(doc.source, table):
            if names.search(name):
                yield Hit(cell.start, amount.end, {
                    "name": name, "figure": amount.number_text, "unit": amount.unit, "table": title,
                    "value": amount.value, "half_step": amount.half_step,
                })


def _top_rows(source: Source, table: Table):
    """(label cell, name, first figure after it) of each 类 row: code of one segment, or "八、…"."""
    text = source.text
    codes = {c for c, (_, cell) in leaf_headers(source, table).items() if CODE_COLUMN.search(text[cell.start : cell.end])}
    for row in table.body:
        code = row_code(source, table, row, codes) if codes else ()
        amounts = row_amounts(source, table, row)
        for index, cell in enumerate(row.cells):
            label = text[cell.start : cell.end]
            numbered = _NUMBERED.match(label)
            if cell.column in codes or not label or cell.column in amounts or not (numbered or len(code) == 1):
                continue
            after = next((row.cells[i] for i in range(index + 1, len(row.cells))), None)
            figure = amounts.get(after.column) if after is not None else None
            if figure is not None:
                yield cell, _SPACE.sub("", label[numbered.end() if numbered else 0 :]), figure


def check_run(marks: list[Mark], params: Params) -> Iterator[tuple[Mark, dict]]:
    groups: dict[tuple[str, str], list[Mark]] = defaultdict(list)
    for mark in marks:
        groups[mark.location.path, mark.values["name"]].append(mark)
    for members in groups.values():
        yield from _rounding_conflicts(members)


def _rounding_conflicts(members: list[Mark]) -> Iterator[tuple[Mark, dict]]:
    counts = Counter(m.values["value"] for m in members).most_common()
    if len(counts) < 2 or counts[0][1] == counts[1][1]:
        return  # all agree, or no majority to tell which figure stands out
    common = counts[0][0]
    others = [m for m in members if m.values["value"] == common]
    step = max(m.values["half_step"] for m in members)
    for mark in members:
        value = mark.values["value"]
        if value == common or abs(value - common) > 2 * step or step == Decimal(0):
            continue  # a different fund's figure, not a rounding of the same one
        quoted = "；".join(f"{m.values['table']}（第{(m.location.origin or {}).get('page', '?')}页）{m.values['figure']}" for m in others)
        yield mark, {**mark.values, "others": quoted}

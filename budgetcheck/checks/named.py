"""What the kinds comparing one named quantity across a publication share (not a kind itself).

A quantity (收入总计, 人员经费, 公务接待费, …) has places: cells of tables (title, row label and
column header patterns; no column: the first figure after the row label) and clauses of the
prose (label pattern). ``collect`` keeps every figure found at a place, with its basis (budget
or 决算 actual: from the column's header or the table's title, from the clause's words, else the
publication's own); ``check_run`` groups them per file, quantity and basis and compares them
within the rounding of each. Where most places agree, the others are reported with them
quoted; where two places disagree and nothing tells which is right, the finding says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.figures import Agreement, CellFigure, TextFigure, agreement, cell_figures, column_basis, text_figures, years_in
from budgetcheck.findings import Hit, Mark
from budgetcheck.numerals import UNIT_FACTORS, format_money
from budgetcheck.schema import RegexStr, compiled

FIELDS = {
    "quantity": "the quantity both places state",
    "place": "where this figure stands (part or table, and page)",
    "figure": "this figure, as written",
    "others": "the other places and their figures",
    "gap": "the difference, in this figure's unit",
    "judgement": "which figure stands out, or that the check cannot tell",
    "value": "this figure (yuan)",
}
_RANK = ["same", "rounding", "differ"]
_YEARS = deferred_re.compile(r"(?:19|20)\d{2}年度?|当年")


class Place(KindParams):
    """One place a quantity is stated: a table cell (``table`` and ``row``) or a clause (``label``)."""

    table: RegexStr | None = Field(None, description="title of the table (spaces removed); none: the prose")
    row: RegexStr | None = Field(None, description="the row's label; empty: any row")
    column: RegexStr | None = Field(None, description="the header cells over the column, joined by '/'; none: the first figure after the row label")
    label: RegexStr | None = Field(None, description="the prose clause before the figure, without the department, years and basis words")
    unless: RegexStr | None = Field(None, description="a row label that, stated with a figure other than 0, makes the table's figure another quantity (上年结转)")


class Quantity(KindParams):
    name: str
    places: list[Place]


class NamedParams(KindParams):
    quantities: list[Quantity]
    rounding: bool = Field(False, description="report only figures one rounding step apart (else only larger gaps)")


def collect(doc: Document, params: NamedParams) -> Iterator[Hit]:
    if not doc.source.row_spans:
        # A quantity is judged only where a table states it (``check_run``): in a file without a
        # table row the prose figures have nothing to be compared with. Most texts are such files.
        return
    part = doc.part.kind if doc.part is not None else None
    default = None if not doc.cover else "actual" if "决算" in doc.cover else "budget"
    # Most texts have no table and few prose figures: every place is skipped without a pass.
    tables = part in (None, "table") and bool(_by_table(doc))
    labels = None
    for quantity in params.quantities:
        for index, place in enumerate(quantity.places):
            if place.table is not None and part in (None, "table"):
                if tables:
                    yield from _cells(doc, quantity.name, index, place)
            elif place.label is not None and part in (None, "chapter"):
                if labels is None:
                    labels = _clause_labels(doc, default)
                if labels:
                    yield from _clauses(doc, quantity.name, index, place, labels)


def _cells(doc: Document, name: str, index: int, place: Place) -> Iterator[Hit]:
    assert place.table is not None
    table_pattern = compiled(place.table)
    cells = [c for title, cells in _by_table(doc).items() if table_pattern.search(title) for c in cells]
    if place.unless and (unless := compiled(place.unless)) and any(
            c.amount is not None and c.value != 0 and unless.search(c.row) for c in cells):
        return
    taken: set[tuple[str, str | None]] = set()
    row_pattern = compiled(place.row or "")
    column_pattern = compiled(place.column) if place.column is not None else None
    rows: dict[str, bool] = {}  # a row's label is tried once, not once per cell of the row
    for cell in cells:
        if (row := rows.get(cell.row)) is None:
            row = rows[cell.row] = bool(row_pattern.search(cell.row))
        if not row:
            continue
        if not (column_pattern.search(cell.header) if column_pattern is not None else cell.first):
            continue
        basis = column_basis(cell.column) or ("actual" if "决算" in cell.table else "budget" if "预算" in cell.table else None)
        if (cell.table, basis) in taken:
            continue
        taken.add((cell.table, basis))  # one figure per table, basis and place
        yield Hit(cell.start, cell.end, {
            "quantity": name, "place_index": index, "where": cell.table, "figure": describe(cell.written, cell.unit, cell.amount is None),
            "value": cell.value, "step": cell.half_step, "unit": cell.unit, "basis": basis, "side": "table",
        })


def _by_table(doc: Document) -> dict[str, list[CellFigure]]:
    """The text's cell figures by table title: each place's table pattern is tried once per title, not per cell."""
    cached = doc.cache.get("cell_figures_by_table")
    if cached is None:
        cached = doc.cache["cell_figures_by_table"] = {}
        for cell in cell_figures(doc):
            cached.setdefault(cell.table, []).append(cell)
    return cached


def _clauses(doc: Document, name: str, index: int, place: Place, labels: list[tuple[TextFigure, str | None, str]]) -> Iterator[Hit]:
    assert place.label is not None
    title = doc.part.title if doc.part is not None else "正文"
    label_pattern = compiled(place.label)
    for figure, basis, label in labels:
        if not label_pattern.search(label):
            continue
        amount = figure.amount
        yield Hit(amount.start, amount.end, {
            "quantity": name, "place_index": index, "where": title, "figure": amount.text,
            "value": amount.value, "step": amount.half_step, "unit": amount.unit, "basis": basis, "side": "text",
        })


def _clause_labels(doc: Document, default: str | None) -> list[tuple[TextFigure, str | None, str]]:
    """The prose figures of this year with their basis and cleaned label: the same for every place
    of every quantity, so worked out once per text (only the label pattern differs)."""
    key = ("named_clause_labels", default)
    cached = doc.cache.get(key)
    if cached is not None:
        return cached
    department = re.sub(r"\s", "", doc.department or "")
    year = doc.year or max((y.value for y in doc.quantities.years), default=None)  # no cover: the latest year named
    found = []
    for figure in text_figures(doc):
        basis = figure.basis or default
        if basis == "other":
            continue
        years = years_in(figure.label)
        if years and years != {year}:
            continue  # another year's figure
        found.append((figure, basis, _YEARS.sub("", figure.label.replace(department, "") if department else figure.label)))
    doc.cache[key] = found
    return found


def check_run(marks: list[Mark], params: NamedParams) -> Iterator[tuple[Mark, dict]]:
    groups: dict[tuple, list[Mark]] = defaultdict(list)
    for mark in marks:
        v = mark.values
        groups[mark.location.path, v["quantity"], v["basis"]].append(mark)
    for (path, quantity, basis), members in list(groups.items()):
        if basis is None:  # a text without a cover to say: the figures of the one basis its tables have
            known = [b for p, q, b in groups if (p, q) == (path, quantity) and b is not None]
            if len(known) == 1:
                groups[path, quantity, known[0]] += members
                del groups[path, quantity, basis]
    for members in groups.values():
        # Two clauses of the prose may state two different things by one word ("支出"): a total
        # is judged only where a table states it.
        if len(members) >= 2 and any(m.values["side"] == "table" for m in members):
            yield from _conflicts(members, params.rounding)


def _verdict(a: Mark, b: Mark) -> Agreement:
    return agreement(a.values["value"], a.values["step"], b.values["value"], b.values["step"])


def _conflicts(members: list[Mark], rounding: bool) -> Iterator[tuple[Mark, dict]]:
    wanted = "rounding" if rounding else "differ"
    agreeing = {id(m): [o for o in members if _verdict(m, o) == "same"] for m in members}
    best = max(members, key=lambda m: len(agreeing[id(m)]))
    core = agreeing[id(best)]
    rivals = [m for m in members if m not in core and len(agreeing[id(m)]) == len(core)]
    if len(core) == len(members):
        return
    if len(core) >= 2 and not rivals:
        for mark in members:
            if mark not in core and _verdict(mark, best) == wanted:
                yield mark, _values(mark, core, "与其余各处不符")
        return
    # No majority: say so once, at the prose figure if there is one (the reader fixes text more easily).
    worst = max((_verdict(a, b) for a in members for b in members if a is not b), key=_RANK.index)
    if worst == wanted:
        mark = next((m for m in members if m.values["side"] == "text"), members[0])
        yield mark, _values(mark, [m for m in members if m is not mark], "无法判断哪一处有误，请核对")


def _values(mark: Mark, others: list[Mark], judgement: str) -> dict:
    v = mark.values
    quoted = "；".join(f"{o.values['where']}{at(o)}{o.values['figure']}" for o in others)
    nearest = min(others, key=lambda o: abs(o.values["value"] - v["value"]))
    return {
        "quantity": v["quantity"], "place": f"{v['where']}{at(mark)}", "figure": v["figure"], "others": quoted,
        "gap": gap_text(v["value"] - nearest.values["value"], v["unit"]), "judgement": judgement, "value": v["value"],
    }


def at(mark: Mark) -> str:
    """"（第7页）" where the file has pages, else nothing."""
    page = (mark.location.origin or {}).get("page")
    return f"（第{page}页）" if page is not None else ""


def describe(written: str, unit: str | None, blank: bool) -> str:
    """A table figure as a reader sees it: "3,503,499元", or "空白" for a blank cell (taken as 0)."""
    return "空白（按0计）" if blank else f"{written}{unit or ''}"


def gap_text(difference: Decimal, unit: str | None) -> str:
    """The difference in ``unit`` ("2.3201万元"), exact."""
    factor = UNIT_FACTORS.get(unit or "元", Decimal(1))
    value = abs(difference) / factor
    return f"{format_money(value) if value == value.quantize(Decimal('0.01')) else format(value.normalize(), ',f')}{unit or '元'}"


def quantities(spec: list[tuple[str, list[dict]]]) -> list[Quantity]:
    """Quantities from (name, places) pairs: the kinds' defaults written compactly, validated when a
    rule that keeps them is validated (a run from the stored catalogue never builds them)."""
    return [Quantity(name=name, places=[Place(**p) for p in places]) for name, places in spec]

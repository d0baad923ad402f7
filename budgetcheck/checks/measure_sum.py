"""A measured whole and its 其中 parts must agree: '建筑面积13459平方米，其中地上8013平方米…，地下5356平方米'.

The parts are the measures of the whole's unit after its 其中, up to the end of
the sentence (or of the bracket the 其中 opens). A bracket inside the list
("地上8013平方米（其中计容7998平方米，不计容105平方米）") belongs to the part
before it: it is that part's own breakdown, checked as a whole of its own.

A whole written 约/近 ("约为13459平方米") is still a stated figure: it is compared
within the rounding its digits show (约13000 stands for 12500–13500; 约13459 for
itself). When swapping two adjacent digits of one figure makes every sum it
takes part in hold, the finding says so: a transposition is the likely slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.quantities import Measure

FIELDS = {
    "whole": "the stated whole, as written",
    "sum": "the parts added up",
    "unit": "the unit (平方米, 亩, 公里 …)",
    "arithmetic": "the sum written out",
    "hint": "a transposition of two adjacent digits that makes the sums hold, if any",
}
_OF_WHICH = deferred_re.compile(r"[，,]?[ \u3000]*(?P<open>[（(])?其中[：:，,]?")
_APPROXIMATE = deferred_re.compile(r"(?:约|近|大约|约为|近为)[为是]?$")
_SENTENCE_END = "。；;\n"
_CLAUSE_START = deferred_re.compile(r"[，,。；;（(：:\n][^，,。；;（(：:\n]*$")
_INCOMPLETE = deferred_re.compile(r"[^。；\n]{0,12}(?:等|其余|其他|剩余|另有|以及)")


class Params(KindParams):
    units: list[str] = Field(
        ["平方米", "平方公里", "公顷", "亩", "公里", "米", "立方米", "吨", "千瓦", "公斤"],
        description="units of the measures checked",
    )


@dataclass(frozen=True)
class Relation:
    whole: Measure
    parts: tuple[Measure, ...]
    tolerance: Decimal

    def holds(self, replaced: Measure | None = None, value: Decimal | None = None) -> bool:
        """Whether the parts add up to the whole (with one figure's value replaced)."""
        def of(m: Measure) -> Decimal:
            if m is replaced:
                assert value is not None  # a replaced figure comes with its new value
                return value
            return m.value
        return abs(sum((of(p) for p in self.parts), Decimal(0)) - of(self.whole)) <= self.tolerance


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    relations = [r for r in _relations(doc) if r.whole.unit in params.units]
    for relation in relations:
        if relation.holds():
            continue
        parts_sum = sum((p.value for p in relation.parts), Decimal(0))
        arithmetic = " + ".join(_figure(p.value) for p in relation.parts) + f" = {_figure(parts_sum)} ≠ {_figure(relation.whole.value)}"
        yield Hit(relation.whole.start, relation.parts[-1].end, {
            "whole": _clause(text, relation.whole),
            "sum": parts_sum,
            "unit": relation.whole.unit,
            "arithmetic": arithmetic,
            "hint": _transposition(relation, relations),
        })


def _relations(doc: Document) -> list[Relation]:
    text = doc.source.text
    measures = doc.quantities.measures
    found = []
    for index, whole in enumerate(measures):
        opening = _OF_WHICH.match(text, whole.end)
        if opening is None:
            continue
        parts = _parts(text, measures[index + 1 :], opening.end(), whole.unit, bracketed=bool(opening["open"]))
        if len(parts) >= 2 and not _INCOMPLETE.match(text, parts[-1].end):
            tolerance = sum((p.half_step for p in parts), _whole_rounding(text, whole))
            found.append(Relation(whole, tuple(parts), tolerance))
    return found


def _parts(text: str, after: list[Measure], start: int, unit: str, bracketed: bool) -> list[Measure]:
    """The measures of ``unit`` at the list's own bracket depth, up to its end."""
    parts: list[Measure] = []
    depth, pos = 0, start
    for measure in after:
        for ch in text[pos : measure.start]:
            depth += ch in "（("
            depth -= ch in ")）"
            if depth < 0 or (depth == 0 and not bracketed and ch in _SENTENCE_END):
                return parts  # the list's bracket closed, or its sentence ended
        pos = measure.start
        if depth == 0 and measure.unit == unit:
            parts.append(measure)
    return parts


def _whole_rounding(text: str, whole: Measure) -> Decimal:
    """约13000平方米 stands for anything that rounds to it: half its last non-zero place."""
    if not _APPROXIMATE.search(text, max(0, whole.start - 3), whole.start):
        return whole.half_step
    digits = _digits(whole.number_text)
    if "." in digits or not whole.number:
        return whole.half_step
    zeros = len(digits) - len(digits.rstrip("0"))
    return whole.value / whole.number * Decimal(5).scaleb(zeros - 1) if zeros else whole.half_step


def _transposition(relation: Relation, relations: list[Relation]) -> str:
    """'8013 looks like 8103': one adjacent swap in one figure makes all its sums hold."""
    for figure in (relation.whole, *relation.parts):
        if not figure.number:
            continue
        involved = [r for r in relations if figure is r.whole or figure in r.parts]
        for swapped in _adjacent_swaps(figure.number_text):
            value = figure.value / figure.number * Decimal(swapped)
            if all(r.holds(figure, value) for r in involved):
                where = "两处合计均相符" if len(involved) > 1 else "合计相符"
                return f"；“{figure.number_text}”若为“{swapped}”（相邻两位数字颠倒），{where}"
    return ""


def _digits(number_text: str) -> str:
    return number_text.replace(",", "").replace("，", "")


def _adjacent_swaps(number_text: str) -> Iterator[str]:
    digits = _digits(number_text)
    for i in range(len(digits) - 1):
        a, b = digits[i], digits[i + 1]
        if a != b and a.isdigit() and b.isdigit() and not (i == 0 and b == "0"):
            yield digits[:i] + b + a + digits[i + 2 :]


def _clause(text: str, measure: Measure) -> str:
    """The words that name a figure: '地上建筑面积为8013平方米'."""
    floor = max(0, measure.start - 30)
    found = _CLAUSE_START.search(text, floor, measure.start)
    start = found.start() + 1 if found else floor
    return re.sub(r"^其中[：:]?", "", text[start : measure.end])


def _figure(value: Decimal) -> str:
    return format(value.normalize(), "f")

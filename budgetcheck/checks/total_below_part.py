"""'财政拨款收入支出总计0.3万元' cannot be less than '财政拨款收入2940.05万元' stated in the same text.

A "<N>收入支出总计" counts all of N's income (or all of its spending), so any figure the text
labels "…<N>收入" or "…<N>支出" is at most the total. N is the name before 收入支出总计, after
the year ("2024年度财政拨款收入支出总计" → 财政拨款). Figures naming another year than the
total's are not compared; changes and rates are no figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.claims import Figure, stated_figures
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"total": "the total with its label", "part": "the larger figure with its label"}
_TOTAL = deferred_re.compile(r"(?:(?:19|20)\d{2}年度?)?(?P<name>[^\d年]*)收入支出总计$")
_ENDINGS = ("收入支出总计", "收入支出总计\n")  # where _TOTAL's $ can match


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    figures = stated_figures(doc, doc.start, doc.end)
    for total in figures:
        label = _label(total)
        if not label.endswith(_ENDINGS):
            continue  # the pattern cannot match (and would be tried at every offset of the label)
        match = _TOTAL.search(label)
        if match is None or (doc.year and total.year not in (None, doc.year)):
            continue
        name = match["name"]
        parts = [f for f in figures if _label(f).endswith((name + "收入", name + "支出")) and f.year in (None, total.year)
                 and f.amount.value - f.amount.half_step > total.amount.value + total.amount.half_step]
        if parts:
            part = max(parts, key=lambda f: f.amount.value)
            yield Hit(total.amount.start, total.amount.end, {"total": _quoted(doc, total), "part": _quoted(doc, part)})


def _label(figure: Figure) -> str:
    return figure.label.rstrip("为：: \u3000")


def _quoted(doc: Document, figure: Figure) -> str:
    return doc.source.text[figure.amount.start - len(figure.label) : figure.amount.end]

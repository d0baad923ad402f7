"""An item's heading amount ('“…住房公积金（项）”350.35万元') must equal this year's figure below it ('2024年预算安排352.67万元').

Both stand on one line, the heading's quoted subject first; the figure is the one labelled
with one of ``labels`` and, when it names a year, the text's budget year. When the line also
claims a change, the finding says which of the two figures the stated percentage fits.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import Change, Figure, changes, growth_range, heading, percent_text, stated_figures, stated_fits
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.quantities import Amount

FIELDS = {"subject": "the quoted subject of the heading", "heading": "the heading amount", "figure": "the figure below it, with its label",
          "fits": "which figure the stated change fits"}


class Params(KindParams):
    labels: list[str] = Field(["预算安排", "预算数"], min_length=1, description="labels of this year's figure (the label must end with one)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    for figure in _this_years_figures(doc, params):
        top = heading(doc, figure.amount.start)
        if top is None or abs(top.amount.value - figure.amount.value) <= top.amount.half_step + figure.amount.half_step:
            continue
        change = next((c for c in changes(doc) if c.other.amount is figure.amount and c.percent is not None), None)
        labelled = text[figure.amount.start - len(figure.label) : figure.amount.end]
        yield Hit(top.amount.start, figure.amount.end,
                  {"subject": top.label, "heading": top.amount.text, "figure": labelled, "fits": _fits(change, top) if change else ""})


def _this_years_figures(doc: Document, params: Params) -> Iterator[Figure]:
    for figure in stated_figures(doc, doc.start, doc.end):
        label = figure.label.rstrip("为：: ")
        if label.endswith(tuple(params.labels)) and (figure.year is None or doc.year is None or figure.year == doc.year):
            yield figure


def _fits(change: Change, top: Figure) -> str:
    """'；所述“增加0.53%”与标题金额相符（…）' when the stated rate fits the heading, not the figure."""
    base, other, stated = change.base.amount, change.other.amount, change.percent
    assert stated is not None  # only changes that state a rate are compared
    if change.base.amount.value - change.base.amount.half_step <= 0:
        return ""
    with_heading = stated_fits(stated, *growth_range(base, top.amount, change.direction))
    with_figure = stated_fits(stated, *growth_range(base, other, change.direction))
    if with_heading == with_figure:
        return ""
    fitting, other_one = (top.amount, other) if with_heading else (other, top.amount)
    return (f"；所述“{change.word}{stated.value}%”与{fitting.text}相符（{fitting.text} ÷ {base.text} − 1 = {_rate(fitting, base)}，"
            f"按{other_one.text}则为{_rate(other_one, base)}）")


def _rate(amount: Amount, base: Amount) -> str:
    return percent_text(abs(amount.value / base.value - 1) * 100)

"""An amount in capitals and its figures written together must agree: '伍万元（50,000.00元）'."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.numerals import format_money

FIELDS = {
    "capital": "the amount in Chinese numerals",
    "figures": "the amount in figures",
    "capital_value": "value of the capitals (yuan)",
    "figures_value": "value of the figures (yuan)",
    "arithmetic": "the two values side by side",
}
# Between the two forms only brackets, labels and spaces may stand.
_JOIN = deferred_re.compile(r"[\s（()）:：]*(?:大写|小写)?[\s（()）:：]*(?:人民币)?[\s（()）:：]*")


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    amounts = doc.quantities.amounts
    for first, second in zip(amounts, amounts[1:]):
        if first.numeral == second.numeral or not _JOIN.fullmatch(text[first.end : second.start]):
            continue
        if "（" not in text[first.end : second.start + 1] and "(" not in text[first.end : second.start + 1]:
            continue  # only a bracketed pair is one amount written twice
        capital, figures = (first, second) if first.numeral == "chinese" else (second, first)
        if capital.value != figures.value:
            yield Hit(first.start, second.end, {
                "capital": capital.text,
                "figures": figures.text,
                "capital_value": capital.value,
                "figures_value": figures.value,
                "arithmetic": f"{format_money(capital.value)} ≠ {format_money(figures.value)}",
            })

"""Two texts in one run with the same project name must state the same budget.

Run-wide: it sees every text of every file. Where most texts of a name agree,
the ones that differ are reported; where there is no majority, all are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

from budgetcheck.breakdowns import budget_figures
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {
    "title": "the shared project name",
    "amount": "this text's budget (yuan)",
    "other_amount": "the other text's budget (yuan)",
    "other_path": "file of the other text",
    "other_document": "index of the other text in its file",
    "other_line": "line of the other text's name",
}
_TRIM = " \t\u3000。，、；：.,;:!！?？"


class Params(KindParams):
    pass


def check_run(docs: list[Document], params: Params) -> Iterator[Hit]:
    groups: dict[str, list[tuple[Document, Decimal]]] = defaultdict(list)
    for doc in docs:
        title, budgets = doc.title, budget_figures(doc)
        if title and title.strip(_TRIM) and budgets:
            groups["".join(title.split()).strip(_TRIM)].append((doc, budgets[0].value))
    for title, members in groups.items():
        yield from _conflicts(title, members)


def _conflicts(title: str, members: list[tuple[Document, Decimal]]) -> Iterator[Hit]:
    counts = Counter(value for _, value in members).most_common()
    if len(counts) < 2:
        return
    majority = counts[0][1] > counts[1][1]
    for doc, value in members:
        if majority and value == counts[0][0]:
            continue
        other, other_value = next((d, v) for d, v in members if v != value)
        start, end = doc.title_span
        yield Hit(start, end, {
            "title": title,
            "amount": value,
            "other_amount": other_value,
            "other_path": other.source.path,
            "other_document": other.index,
            "other_line": other.source.position(other.title_span[0])[0],
        }, document=doc)

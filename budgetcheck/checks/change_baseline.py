"""One figure compared with the same year on two different bases, with two different changes.

"财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元 … 财政拨款支出预算37,151.47万元，
比2024年预算增加24,491.71万元": the same 37,151.47 against 2024 is once compared with the
执行数 and once with the 预算, so the two increases differ. Either base may be the intended
one; the finding quotes both for the reader to judge. Same wording, or the same change, is
not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import COMPARISON, sentence_span, stated_figures
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"figure": "the figure compared", "first": "the first comparison as written", "second": "the other comparison as written"}


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    text = doc.source.text
    seen: dict[tuple, tuple] = {}  # (figure value, base year) → (base words, change, span) of the first comparison
    reported = set()
    for figure, base, change, start, end in _comparisons(doc):
        key = (figure.amount.value, base[:4])
        first = seen.setdefault(key, (base, change, start, end))
        if first[0] != base and first[1] != change and key not in reported:
            reported.add(key)
            yield Hit(start, end, {"figure": figure.amount.text, "first": text[first[2] : first[3]], "second": text[start:end]})


def _comparisons(doc: Document) -> Iterator[tuple]:
    """(figure, base words, signed change in yuan, span) of each '<figure>，比<base>增加C万元'."""
    for match in COMPARISON.finditer(doc.source.text, doc.start, doc.end):
        if not match["base"][:4].isdigit() or match["word"] == "持平":
            continue  # only a comparison naming its year ("2024年预算执行数") and an amount of change
        delta = doc.quantities.first_amount_from(match.end())
        start, _ = sentence_span(doc, match.start())
        figures = stated_figures(doc, start, match.start())
        if delta is None or delta.start != match.end() or not figures:
            continue
        sign = -1 if match["word"] in ("减少", "下降", "降低") else 1
        yield figures[-1], match["base"], sign * delta.value, match.start(), delta.end

"""'比2026年预算增加…' inside a 2026 budget: a year's figure compared with that same year (or a later one).

A budget or final account compares its year with the year before. The comparison year
("比2026年…", "与2026年度相比") must be earlier than the text's year; sentences that speak of a
later year ("预计2027年比2026年增长…") are projections, and a 决算 compared with its own year's
预算 is what a final account does; neither is judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetcheck.checks.base import KindParams
from budgetcheck.claims import sentence_span
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"year": "the year compared with", "budget_year": "the text's year", "match": "the comparison as written"}
_COMPARED = re.compile(r"比(?P<year>(?:19|20)\d{2})年[^，,。；;\n]{0,16}?(?:增加|减少|增长|下降|持平)|与(?P<year2>(?:19|20)\d{2})年度?[^，,。；;\n]{0,12}?相比")


class Params(KindParams):
    pass


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.year is None:
        return
    text = doc.source.text
    for match in _COMPARED.finditer(text, doc.start, doc.end):
        year = int(match["year"] or match["year2"])
        start, _ = sentence_span(doc, match.start())
        later = any(y.value > doc.year for y in doc.quantities.years if start <= y.start < match.start())
        final_account = "预算" in match.group() and "决算" in text[start : match.start()]  # 决算 against its own year's 预算
        if year >= doc.year and not later and not final_account:
            yield Hit(match.start(), match.end(), {"year": year, "budget_year": doc.year, "match": match.group()})

"""A year-on-year comparison must be with the year before the text's budget year.

In a 2026 budget "比2025年预算增加…" is right and "比2026年预算增加…" is a slip (last
year's text updated by hand); in the final accounts of 2024, "与2023年度相比" is right.
A final account may compare its figures with the same year's budget ("比2024年年初预算"),
so a same-year comparison with a budget base is allowed where the cover names 决算.
A comparison with an older year is reported only when its base is a budget figure:
"比2019年翻一番" is a long-range comparison, not a slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit
from budgetcheck.schema import RegexStr

FIELDS = {"match": "the comparison as written", "year": "the year compared with",
          "budget_year": "the text's budget year", "expected": "the year it should be compared with"}
_COMPARISON = deferred_re.compile(  # the lookahead lists the first characters: the same matches, found 2× faster
    r"(?=[比较与同])(?:(?<![相对类占])比|较|与|同)[ \t\u3000]*(?P<year>(?:19|20)\d{2})[ \t\u3000]*年度?"
    r"(?P<base>[^\n，。；,;]{0,12}?)(?:相比|相较|比较|增加|减少|增长|下降|持平|提高|降低|上升|减|增)"
)


class Params(KindParams):
    budget_base: RegexStr = Field("预算|决算|执行数", description="regex: the base is a budget figure (the comparison must be with last year)")
    final_accounts: RegexStr = Field("决算", description="regex on the cover: a final account, which may compare with its own year's budget")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.year is None:
        return
    final = doc.cover is not None and re.search(params.final_accounts, doc.cover) is not None
    for match in _COMPARISON.finditer(doc.source.text, doc.start, doc.end):
        year, base = int(match["year"]), match["base"]
        budget_base = re.search(params.budget_base, base) is not None
        if year == doc.year - 1 or (year < doc.year - 1 and not budget_base):
            continue
        if year == doc.year and final and "预算" in base:
            continue
        yield Hit(match.start(), match.end(), {"match": match.group(), "year": year,
                                               "budget_year": doc.year, "expected": doc.year - 1})

"""A project's 实施周期 must include the budget year: "2024.1.1-2024.12.31" in a 2025 budget is last year's.

Only a full range with a year at both ends is judged ("2025.1.1-2025.12.31",
"2024年1月1日至2026年12月31日"); a multi-year range that covers the budget year is right.
"2025年1—12月" (one year) is N103's.
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"period": "the period as written", "budget_year": "the text's budget year"}
_DATE = r"(?:19|20)\d{2}[ \t\u3000]*(?:[.．/\-][ \t\u3000]*\d{1,2}(?:[ \t\u3000]*[.．/\-][ \t\u3000]*\d{1,2})?|年[ \t\u3000]*\d{1,2}[ \t\u3000]*月(?:[ \t\u3000]*\d{1,2}[ \t\u3000]*日)?)"
_RANGE = deferred_re.compile(rf"(?P<first>{_DATE})[ \t\u3000]*(?:[—–\-－~～]+|至|到)[ \t\u3000]*(?P<last>{_DATE})")


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def check(doc: Document, params: Params) -> Iterator[Hit]:
    section = doc.section_for("period")
    if doc.year is None or section is None:
        return
    for match in _RANGE.finditer(doc.source.text, section.body_start, section.end):
        first, last = int(match["first"][:4]), int(match["last"][:4])
        if not first <= doc.year <= last:
            yield Hit(match.start(), match.end(), {"period": match.group(), "budget_year": doc.year})

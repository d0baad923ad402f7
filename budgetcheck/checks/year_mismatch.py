"""Years that contradict the text's budget year: in the project name, or a plan period '2025年1—12月'."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck import deferred_re
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"year": "the year written", "budget_year": "the text's budget year", "where": "项目名称 or 实施计划期间"}
_PERIOD = deferred_re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*(?:月)?\s*[—–\-－~～至到]+\s*\d{1,2}\s*月")


class Params(KindParams):
    period_sections: list[str] | None = Field(None, description="sections whose periods (YYYY年M—M月) must be in the budget year (default: the genre's plan and period sections)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.year is None:
        return
    if doc.title_span:
        start, end = doc.title_span
        for year in doc.quantities.years:
            if start <= year.start < end and year.value != doc.year:
                yield Hit(year.start, year.end, {"year": year.value, "budget_year": doc.year, "where": "项目名称"})
    titles = params.period_sections if params.period_sections is not None else [doc.role_title("plan"), doc.role_title("period")]
    for title in titles:
        section = doc.section(title) if title else None
        if section is None:
            continue
        for match in _PERIOD.finditer(doc.source.text, section.body_start, section.end):
            if int(match[1]) != doc.year:
                yield Hit(match.start(), match.end(), {"year": int(match[1]), "budget_year": doc.year, "where": "实施计划期间"})

"""The budget section must state an amount: "六、年度预算安排" that only says how money will be paid is empty."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit

FIELDS = {"section": "the budget section's heading as written"}


class Params(KindParams):
    section: str | None = Field(None, description="the section that must state the budget (default: the genre's, 资金安排情况)")


def check(doc: Document, params: Params) -> Iterator[Hit]:
    section = doc.section(params.section) if params.section else doc.section_for("budget")
    if section is None or not doc.body(section).strip(" \t\u3000\n"):
        return  # missing: S101 says so; empty: S103 does
    if doc.quantities.amounts_between(section.body_start, section.end):
        return
    heading = doc.source.text[section.start : section.heading_end].strip()
    yield Hit(section.start, section.heading_end, {"section": heading})

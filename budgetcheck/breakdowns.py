"""How the amounts of one text relate: totals and their parts, the budget, the plan.

Worked out once per text and shared by the arithmetic checks (items-sum,
plan-budget, unit-slip, duplicate-title), so they agree on what "the total" is.
When the text does not say plainly, the answer is "unknown" and checks stay silent.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from budgetcheck import deadline
from budgetcheck.document import Document
from budgetcheck.quantities import Amount, Enumeration

BUDGET_SECTION = "资金安排情况"
PLAN_SECTION = "项目实施计划"

# Words that make an amount a rate or a limit, not a sum of money to add up.
_RATE = re.compile(r"每(?!年)|不少于|不低于|不超过|不高于|最高|最低|标准|约")
_CLAUSE_BREAK = "。；;，,、：:（(\n"
_LAST_BREAK = re.compile(f"[{_CLAUSE_BREAK}][^{_CLAUSE_BREAK}]*\\Z")  # the last clause break before a point
_TOTAL_AFTER = re.compile(r"[，,；;\s]*(?:合计|共计|总计|总额为?|共|累计)[为：:]?\s*")  # fullmatch between list and amount
MAX_PARAGRAPH = 5000  # characters looked back for a list's total
_TOTAL_BEFORE = re.compile(r"(?:合计|共计|总计|总额为?|累计)[为：:]?\s*$")


@dataclass(frozen=True)
class Breakdown:
    """A stated total and the line items that should add up to it."""

    total: Amount | None
    parts: tuple[Amount, ...]
    enumeration: Enumeration
    other_totals: tuple[Amount, ...]  # other plausible totals in the paragraph

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.value for p in self.parts), Decimal(0))


def is_rate(doc: Document, amount: Amount) -> bool:
    """'每人200元', '不少于10,000.00元': a per-unit rate or a limit."""
    text = doc.source.text
    start = amount.start
    # Only the 12 characters before the amount matter: search no further back (long lines stay linear).
    last_break = _LAST_BREAK.search(text, max(doc.start, start - 12), start)
    clause = text[max(last_break.start() + 1 if last_break else 0, start - 12) : start]
    after = text[amount.end : amount.end + 3]
    return bool(_RATE.search(clause)) or after.startswith(("/", "每", "左右", "以上", "以下"))


def breakdowns(doc: Document) -> list[Breakdown]:
    """Enumerations whose every item carries exactly one amount, with their total."""
    if "breakdowns" not in doc.cache:
        doc.cache["breakdowns"] = [b for e in doc.quantities.enumerations if (b := _breakdown(doc, e)) and _in_time()]
    return doc.cache["breakdowns"]


def _in_time() -> bool:
    deadline.check()
    return True


def _breakdown(doc: Document, enumeration: Enumeration) -> Breakdown | None:
    items = enumeration.items
    if len(items) < 2 or any(len(item.amounts) != 1 for item in items):
        return None
    parts = tuple(item.amounts[0] for item in items)
    after = _total_after(doc, enumeration)
    if after is not None:
        return Breakdown(after, parts, enumeration, ())
    before = _totals_before(doc, enumeration)
    total = before[-1] if before else None
    return Breakdown(total, parts, enumeration, tuple(before[:-1]))


def _total_after(doc: Document, enumeration: Enumeration) -> Amount | None:
    """The amount right after the list on the same line, if only '合计' and the like stand between."""
    text = doc.source.text
    amount = doc.quantities.first_amount_from(enumeration.end)
    if amount is None or not _TOTAL_AFTER.fullmatch(text, enumeration.end, amount.start):
        return None
    return None if text.find("\n", enumeration.end, amount.start) != -1 else amount


def _totals_before(doc: Document, enumeration: Enumeration) -> list[Amount]:
    """Amounts earlier in the same paragraph that are not rates nor items of another list."""
    text = doc.source.text
    # Paragraphs are a few hundred characters; looking back further only makes a text without
    # line breaks (a whole document on one line) quadratic.
    look_from = max(doc.start, enumeration.start - MAX_PARAGRAPH)
    paragraph_start = max(text.rfind("\n", look_from, enumeration.start) + 1, look_from)
    candidates, starts = _total_candidates(doc)
    return candidates[bisect_left(starts, paragraph_start) : bisect_left(starts, enumeration.start)]


def _total_candidates(doc: Document) -> tuple[list[Amount], list[int]]:
    """The text's amounts that could state a total (not rates, not list items), with their starts."""
    if "total_candidates" not in doc.cache:
        listed = item_amounts(doc)
        found = [a for a in doc.quantities.amounts if a not in listed and not is_rate(doc, a)]
        doc.cache["total_candidates"] = found, [a.start for a in found]
    return doc.cache["total_candidates"]


def item_amounts(doc: Document) -> set[Amount]:
    if "item_amounts" not in doc.cache:
        doc.cache["item_amounts"] = {a for e in doc.quantities.enumerations for i in e.items for a in i.amounts}
    return doc.cache["item_amounts"]


def budget_figures(doc: Document, title: str = BUDGET_SECTION) -> list[Amount]:
    """Amounts in 六、资金安排情况 that state the budget (not line items, not rates)."""
    key = ("budget_figures", title)  # several checks ask; work it out once per text
    if key not in doc.cache:
        doc.cache[key] = _budget_figures(doc, title)
    return doc.cache[key]


def _budget_figures(doc: Document, title: str) -> list[Amount]:
    section = doc.section(title)
    if section is None:
        return []
    listed = item_amounts(doc)
    return [
        a
        for a in doc.quantities.amounts_between(section.body_start, section.end)
        if a not in listed and not is_rate(doc, a)
    ]


def plan_figures(doc: Document, title: str = PLAN_SECTION) -> list[Amount]:
    """The amounts that make up the money in 七、项目实施计划.

    A stated grand total ('合计50,000.00元') stands for the plan alone; otherwise
    every amount counts except rates and totals whose parts are listed too.
    """
    key = ("plan_figures", title)
    if key not in doc.cache:
        doc.cache[key] = _plan_figures(doc, title)
    return doc.cache[key]


def _plan_figures(doc: Document, title: str) -> list[Amount]:
    section = doc.section(title)
    if section is None:
        return []
    text = doc.source.text
    amounts = [a for a in doc.quantities.amounts_between(section.body_start, section.end) if not is_rate(doc, a)]
    stated = [a for a in amounts if _TOTAL_BEFORE.search(text[max(section.body_start, a.start - 6) : a.start])]
    if stated:
        return stated[-1:]
    totals = {b.total for b in breakdowns(doc) if b.total is not None}
    return [a for a in amounts if a not in totals]


def same(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    return abs(a - b) <= tolerance

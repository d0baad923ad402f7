"""How the amounts of one text relate: totals and their parts, the budget, the plan.

Worked out once per text and shared by the arithmetic checks (items-sum,
plan-budget, unit-slip, duplicate-title), so they agree on what "the total" is.
When the text does not say plainly, the answer is "unknown" and checks stay silent.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from budgetcheck import deadline, deferred_re
from budgetcheck.blocks import Block
from budgetcheck.document import Document
from budgetcheck.outline import Item, walk
from budgetcheck.quantities import Amount, Enumeration
from budgetcheck.tables import TOTAL_LABEL, Table, row_label

# Words that make an amount a rate or a limit, not a sum of money to add up.
_RATE = deferred_re.compile(r"每(?!年)|不少于|不低于|不超过|不高于|最高|最低|标准|约")
# Words that make an amount a change against another year, not a total.
# 增支/减支/增收/减收/节支: the changes of a budget explanation's 收支 ("比上年增支20万元").
# 稳增长 is a policy name ("支持商销稳增长30.00万"), not a change.
_CHANGE = deferred_re.compile(r"(?:增加|减少|(?<!稳)增长|下降|增支|减支|增收|减收|节支|增|减|节约|超支)[了为]?$")
# "210043元×12月=252.05万元": the inputs of a formula; only its result is an amount of the budget.
_FACTOR_AFTER = deferred_re.compile(r"[ \u3000]*(?:[×*÷]|[xX][ \u3000]*\d)")
_FACTOR_BEFORE = deferred_re.compile(r"(?:[×*÷]|(?<=\d)[xX])[ \u3000]*$")
_CLAUSE_BREAK = "。；;，,、：:（(\n"
_TOTAL_WORD = r"(?:合计|共计|总计|总额为?|累计|总投资|总共)"
# Between parts and a total stated after them (fullmatch): '，合计', '。以上资金合计'.
_TOTAL_AFTER = deferred_re.compile(rf"[，,；;。\s]*(?:以上[^，。；\n]{{0,8}})?{_TOTAL_WORD}[为：:]?\s*")
_TOTAL_BEFORE = deferred_re.compile(rf"{_TOTAL_WORD}[为：:]?\s*$")
_INCOMPLETE_AFTER = deferred_re.compile(r"^[^。；\n]{0,12}(?:其余|其他|剩余|另有|尚有|部分|以及)")
_LAST_BREAK = deferred_re.compile(f"[{_CLAUSE_BREAK}][^{_CLAUSE_BREAK}]*\\Z")  # the last clause break before a point
MAX_PARAGRAPH = 5000  # characters looked back for a list's total


@dataclass(frozen=True)
class Breakdown:
    """A stated total and the line items that should add up to it."""

    total: Amount | None
    parts: tuple[Amount, ...]
    start: int  # span of the parts, for reports
    end: int
    origin: str  # "list" (分别是：A、B), "outline" (numbered children) or "table" (rows and a 合计 row)
    trigger: str | None = None
    other_totals: tuple[Amount, ...] = ()  # other plausible totals nearby
    incomplete: bool = False  # the text says the parts are only some ("等", "其余…")
    item_spans: tuple[tuple[int, int], ...] = ()  # where each part's item stands

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.value for p in self.parts), Decimal(0))

    @property
    def rounding(self) -> Decimal:
        """The largest difference that the rounding of the written figures can explain (yuan).

        The total counts with its most precise statement: "86300万元 … 8.63亿元" is exact.
        """
        total = Decimal(0)
        if self.total is not None:
            same_total = [t for t in self.other_totals if abs(t.value - self.total.value) <= self.total.half_step]
            total = min((t.half_step for t in (self.total, *same_total)), default=Decimal(0))
        return total + sum((p.half_step for p in self.parts), Decimal(0))


def _clause_before(doc: Document, amount: Amount, width: int = 12) -> str:
    text = doc.source.text
    start = amount.start
    # Only the last few characters matter: search no further back (long lines stay linear).
    last_break = _LAST_BREAK.search(text, max(doc.start, start - width), start)
    clause_start = last_break.start() + 1 if last_break else 0
    return text[max(clause_start, start - width) : start]


def is_rate(doc: Document, amount: Amount) -> bool:
    """'每人200元', '不少于10,000.00元': a per-unit rate or a limit."""
    return _kinds(doc, amount)[0]


def is_change(doc: Document, amount: Amount) -> bool:
    """'比上年增加1847.86万元': a difference between years, not an amount of this budget."""
    return _kinds(doc, amount)[1]


def _kinds(doc: Document, amount: Amount) -> tuple[bool, bool]:
    """(rate, change) of an amount: asked by many rules, for some amounts dozens of times."""
    known: dict[tuple[int, int], tuple[bool, bool]] = doc.cache.setdefault("amount_kinds", {})
    key = amount.start, amount.end  # all the answer depends on, besides the text
    kinds = known.get(key)
    if kinds is None:
        clause = _clause_before(doc, amount)
        after = doc.source.text[amount.end : amount.end + 3]
        rate = bool(_RATE.search(clause)) or after.startswith(("/", "每", "左右", "以上", "以下"))
        kinds = known[key] = (rate, bool(_CHANGE.search(clause)))
    return kinds


def is_factor(doc: Document, amount: Amount) -> bool:
    """'210043元×12月=252.05万元': 210043元 is a formula's input; 252.05万元 its result."""
    text = doc.source.text
    return bool(_FACTOR_AFTER.match(text, amount.end) or _FACTOR_BEFORE.search(text, max(0, amount.start - 3), amount.start))


def _stated(doc: Document, amount: Amount) -> bool:
    return not is_rate(doc, amount) and not is_change(doc, amount) and not is_factor(doc, amount)


def breakdowns(doc: Document) -> list[Breakdown]:
    """Every total-and-parts relation in the text: inline lists and numbered outlines."""
    if "breakdowns" not in doc.cache:
        found = [b for e in doc.quantities.enumerations if (b := _list_breakdown(doc, e)) and _in_time()]
        found += [b for item in walk(doc.outline) if (b := _outline_breakdown(doc, item)) and _in_time()]
        found += [b for run in _root_runs(doc.outline) if (b := _run_breakdown(doc, run))]
        found += [b for table in doc.tables for b in _table_breakdowns(doc, table)]
        doc.cache["breakdowns"] = found
    return doc.cache["breakdowns"]


def _in_time() -> bool:
    deadline.check()  # a text of a million lists must not stall the run
    return True


_TOTAL_ITEM = deferred_re.compile(rf"^(?:以上[^，。；\n]{{0,8}})?{_TOTAL_WORD}")


class _ListFields(TypedDict):
    """The keyword arguments that a list's breakdown takes whichever total it finds."""

    start: int
    end: int
    origin: str
    trigger: str | None
    incomplete: bool
    item_spans: tuple[tuple[int, int], ...]


def _list_breakdown(doc: Document, enumeration: Enumeration) -> Breakdown | None:
    items = enumeration.items
    closing = None
    if len(items) > 2 and _TOTAL_ITEM.match(items[-1].text) and len(items[-1].amounts) == 1:
        # "…，A 80.00万元，合计1410.00万": the last clause of a comma list states the total
        closing, items = items[-1].amounts[0], items[:-1]
    # An item with a formula counts its result only
    amounts = [[a for a in item.amounts if not is_factor(doc, a)] for item in items]
    if len(items) < 2 or any(len(found) != 1 for found in amounts):
        return None
    parts = tuple(found[0] for found in amounts)
    if not all(_stated(doc, part) for part in parts):
        return None  # "其中：财政拨款收入X万元，比上年增加Y万元": a change or a rate is no part of the total
    text = doc.source.text
    incomplete = items[-1].text.endswith("等") or bool(_INCOMPLETE_AFTER.match(text[enumeration.end : enumeration.end + 20]))
    common: _ListFields = {
        "start": enumeration.start,
        "end": enumeration.end,
        "origin": "list",
        "trigger": enumeration.trigger,
        "incomplete": incomplete,
        "item_spans": tuple((item.start, item.end) for item in items),
    }
    after = closing or _total_after(doc, enumeration.end)
    if after is not None:
        return Breakdown(after, parts, **common)
    before = _totals_before(doc, enumeration.start)
    return Breakdown(before[-1] if before else None, parts, other_totals=tuple(before[:-1]), **common)


def _outline_breakdown(doc: Document, item: Item) -> Breakdown | None:
    """A numbered item whose numbered children each carry an amount."""
    children = item.children
    if len(children) < 2 or children[0].number != 1 or not _consecutive(children):
        return None
    stated = [_first_stated(doc, child.start, child.head_end) for child in children]
    parts = [part for part in stated if part is not None]
    if len(parts) != len(stated):
        return None
    head = [a for a in doc.quantities.amounts_between(item.marker_end, item.head_end) if _stated(doc, a)]
    after = _total_after(doc, _first_line_end(doc, children[-1]), limit=children[-1].end)
    total = after or (head[-1] if head else None)
    others = tuple(a for a in head if a is not total)
    spans = tuple((child.start, _first_line_end(doc, child)) for child in children)
    return Breakdown(total, tuple(parts), children[0].start, children[-1].end, "outline", other_totals=others, item_spans=spans)


def _consecutive(items: list[Item]) -> bool:
    """Numbered 1, 2, 3 … in one style: a run that restarts ("1. 2. 二是 1. 2. 3.") holds two lists."""
    return all(b.style == a.style and b.number == a.number + 1 for a, b in zip(items, items[1:]))


def _root_runs(roots: list[Item]) -> list[list[Item]]:
    """Top-level items in runs of one style: '1.…2.…3.' with no numbered parent."""
    runs: list[list[Item]] = []
    for item in roots:
        if runs and runs[-1][-1].style == item.style and item.number == runs[-1][-1].number + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    # A run not starting at 1 is the end of a list whose beginning the excerpt lacks
    return [run for run in runs if len(run) >= 2 and run[0].number == 1]


def _run_breakdown(doc: Document, run: list[Item]) -> Breakdown | None:
    """A top-level numbered run whose total stands on the line before it or right after it."""
    stated = [_first_stated(doc, item.start, _first_line_end(doc, item)) for item in run]
    parts = [part for part in stated if part is not None]
    if len(parts) != len(stated):
        return None
    text = doc.source.text
    after = _total_after(doc, _first_line_end(doc, run[-1]), limit=run[-1].end)
    line_start = text.rfind("\n", doc.start, run[0].start) + 1
    # The total stands earlier on the run's own line ("…2019.27万元，其中：（一）…") or on the line before.
    floor = line_start if line_start != run[0].start else text.rfind("\n", doc.start, max(doc.start, line_start - 1)) + 1
    listed = item_amounts(doc)
    before = [a for a in doc.quantities.amounts_between(floor, run[0].start) if a not in listed and _stated(doc, a)]
    total = after or (before[-1] if before else None)
    spans = tuple((item.start, _first_line_end(doc, item)) for item in run)
    others = tuple(a for a in before if a is not total)
    return Breakdown(total, tuple(parts), run[0].start, run[-1].end, "outline", other_totals=others, item_spans=spans)


def _table_breakdowns(doc: Document, table: Table) -> list[Breakdown]:
    """A flat table of items and a 合计 row: in each money column, the items add up to the total.

    Only plain item lists are judged. A table whose rows nest (类/款/项 codes, 其中 or 小计
    rows, items numbered in more than one style) holds parents beside their children, and
    adding every row would count money twice: such tables are left to the hierarchy checks.
    """
    source = doc.source
    body = table.body
    total_at = next((i for i, row in enumerate(body) if TOTAL_LABEL.match(row_label(source, row))), None)
    if total_at is None or total_at < 2 or not _flat(doc, body[:total_at]):
        return []
    money = _row_money(doc, body[: total_at + 1])
    found = []
    for column, total in money[-1].items():
        parts = [row.get(column) for row in money[:-1]]
        if any(part is None for part in parts):
            continue
        items = body[:total_at]
        spans = tuple((row.start, row.end) for row in items)
        found.append(Breakdown(total, tuple(p for p in parts if p is not None), items[0].start, body[total_at].end, "table", item_spans=spans))
    return found


_NESTED_LABEL = deferred_re.compile(r"^[ \t\u3000]*(?:其中|小计|\d{3,}|[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．])")


def _flat(doc: Document, rows: tuple[Block, ...]) -> bool:
    """Rows that are items of one list: none a subtotal, a 其中 row, a code or a numbered heading."""
    text = doc.source.text
    for row in rows:
        first = next((text[c.start : c.end] for c in row.cells if c.end > c.start), "")
        if _CODE.match(first) or _NESTED_LABEL.match(row_label(doc.source, row)):
            return False
    return True


_CODE = deferred_re.compile(r"^\d{2,}(?:[ \t\u3000]+\d{2})*$")  # 类/款/项 and economic codes: 201, 201 13, 30102


def _row_money(doc: Document, rows: tuple[Block, ...]) -> list[dict[int, Amount]]:
    """Per row, the one stated amount in each grid column (a cell with two amounts is no figure)."""
    result = []
    for row in rows:
        by_column: dict[int, Amount] = {}
        for cell in row.cells:
            inside = [a for a in doc.quantities.amounts_between(cell.start, max(cell.end, cell.start + 1)) if a.end <= cell.end]
            if len(inside) == 1 and _stated(doc, inside[0]):
                by_column[cell.column] = inside[0]
        result.append(by_column)
    return result


def _first_stated(doc: Document, start: int, end: int) -> Amount | None:
    return next((a for a in doc.quantities.amounts_between(start, end) if _stated(doc, a)), None)


def _first_line_end(doc: Document, item: Item) -> int:
    end = doc.source.text.find("\n", item.start, item.end)
    return item.end if end == -1 else end


def _total_after(doc: Document, start: int, limit: int | None = None) -> Amount | None:
    """'…，合计4万元' or '以上资金合计113.5万元' right after the parts (same line unless ``limit``)."""
    text = doc.source.text
    amount = doc.quantities.first_amount_from(start)
    if amount is None or not _TOTAL_AFTER.fullmatch(text, start, amount.start):
        return None
    if limit is None:
        return None if text.find("\n", start, amount.start) != -1 else amount
    return amount if amount.end <= limit else None


def _totals_before(doc: Document, start: int) -> list[Amount]:
    """Stated amounts before a list, in its paragraph and numbered item, that are not items themselves."""
    text = doc.source.text
    # A flattened text is one long line: the paragraph is bounded by the enclosing numbered item,
    # and never looked back further than MAX_PARAGRAPH (whole documents on one line stay linear).
    look_from = max(doc.start, start - MAX_PARAGRAPH)
    floor = max(text.rfind("\n", look_from, start) + 1, look_from, _enclosing_marker(doc, start))
    candidates, starts = _total_candidates(doc)
    return candidates[bisect_left(starts, floor) : bisect_left(starts, start)]


def _total_candidates(doc: Document) -> tuple[list[Amount], list[int]]:
    """The text's amounts that could state a total (stated, not list items), with their starts."""
    if "total_candidates" not in doc.cache:
        listed = item_amounts(doc)
        found = [a for a in doc.quantities.amounts if a not in listed and _stated(doc, a)]
        doc.cache["total_candidates"] = found, [a.start for a in found]
    return doc.cache["total_candidates"]


def _enclosing_marker(doc: Document, offset: int) -> int:
    """Start of the innermost numbered item holding ``offset``."""
    if "outline_items" not in doc.cache:
        items = list(walk(doc.outline))  # in text order
        doc.cache["outline_items"] = items, [item.start for item in items]
    items, starts = doc.cache["outline_items"]
    index = bisect_right(starts, offset) - 1
    item = items[index] if index >= 0 else None
    while item is not None and item.end <= offset:  # the last item started before; its ancestors may hold offset
        item = item.parent
    return item.start if item is not None else doc.start


def item_amounts(doc: Document) -> set[Amount]:
    """Amounts that are items of a list: in an enumeration, or in a table row other than its 合计 row."""
    if "item_amounts" not in doc.cache:
        listed = {a for e in doc.quantities.enumerations for i in e.items for a in i.amounts}
        for table in doc.tables:
            for row in table.body:
                if not TOTAL_LABEL.match(row_label(doc.source, row)):
                    listed.update(doc.quantities.amounts_between(row.start, max(row.end, row.start + 1)))
        doc.cache["item_amounts"] = listed
    return doc.cache["item_amounts"]


def budget_figures(doc: Document, title: str | None = None) -> list[Amount]:
    """Amounts in the budget section (六、资金安排情况) that state the budget (not line items, not rates)."""
    title = title or doc.role_title("budget")
    if title is None:
        return []
    key = ("budget_figures", title)  # several checks ask; work it out once per text
    if key not in doc.cache:
        doc.cache[key] = _budget_figures(doc, title)
    return doc.cache[key]


def _budget_figures(doc: Document, title: str) -> list[Amount]:
    section = doc.section(title)
    if section is None:
        return []
    listed = item_amounts(doc)
    return [a for a in doc.quantities.amounts_between(section.body_start, section.end) if a not in listed and _stated(doc, a)]


def plan_figures(doc: Document, title: str | None = None) -> list[Amount]:
    """The amounts that make up the money in the plan section (七、项目实施计划).

    A stated grand total ('合计50,000.00元') stands for the plan alone; otherwise
    every amount counts except rates and totals whose parts are listed too.
    """
    title = title or doc.role_title("plan")
    if title is None:
        return []
    key = ("plan_figures", title)
    if key not in doc.cache:
        doc.cache[key] = _plan_figures(doc, title)
    return doc.cache[key]


def _plan_figures(doc: Document, title: str) -> list[Amount]:
    section = doc.section(title)
    if section is None:
        return []
    text = doc.source.text
    amounts = [a for a in doc.quantities.amounts_between(section.body_start, section.end) if _stated(doc, a)]
    stated = [a for a in amounts if _TOTAL_BEFORE.search(text[max(section.body_start, a.start - 6) : a.start])]
    if stated:
        return stated[-1:]
    totals = {b.total for b in breakdowns(doc) if b.total is not None}
    return [a for a in amounts if a not in totals]


def same(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    return abs(a - b) <= tolerance

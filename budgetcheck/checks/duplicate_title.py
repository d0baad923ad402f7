"""Two texts in one run with the same project name must state the same budget.

Run-wide: ``collect`` keeps each text's name and budget, ``check_run`` compares
them once every file is read. Where most texts of a name agree, the ones that
differ are reported; where there is no majority, all are.

A project block of a publication (部门预算 / 单位预算) belongs to the department and the year its
cover names: another department's or another year's "科技创新专项经费情况说明" is another project,
so those are compared only with blocks of the same department and year. A block titled with the
genre's words alone ("项目经费情况说明") names no project and is left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from budgetcheck import deferred_re
from budgetcheck.breakdowns import budget_figures
from budgetcheck.checks.base import KindParams
from budgetcheck.document import Document
from budgetcheck.findings import Hit, Mark

FIELDS = {
    "title": "the shared project name",
    "amount": "this text's budget (yuan)",
    "other_amount": "the other text's budget (yuan)",
    "other_path": "file of the other text",
    "other_document": "index of the other text in its file",
    "other_line": "line of the other text's name",
}
_TRIM = " \t\u3000。，、；：.,;:!！?？"
_GENERIC = deferred_re.compile(r"^(?:项目)?(?:经费)?(?:情况)?说明$")


Params = KindParams  # no parameters of its own (a class of its own costs start-up time)


def collect(doc: Document, params: Params) -> Iterator[Hit]:
    title, budgets = doc.title, budget_figures(doc)
    key = "".join((title or "").split()).strip(_TRIM)
    if key and budgets and not _GENERIC.match(key):
        span = doc.title_span
        assert span is not None  # a title is the text of its span
        yield Hit(*span, {"title": key, "amount": budgets[0].value, "owner": _owner(doc)})


def _owner(doc: Document) -> str:
    """Whose project the name is: a publication's department and year, or "" for a text of its own
    (compared with the other texts of their own, in whatever file and of whatever department)."""
    if doc.part is None:
        return ""
    return f"{''.join((doc.department or '').split())}|{doc.year or ''}"


def check_run(marks: list[Mark], params: Params) -> Iterator[tuple[Mark, dict]]:
    groups: dict[tuple[str, str], list[Mark]] = defaultdict(list)
    for mark in marks:
        groups[mark.values["title"], mark.values.get("owner", "")].append(mark)
    for members in groups.values():
        yield from _conflicts(members)


def _conflicts(members: list[Mark]) -> Iterator[tuple[Mark, dict]]:
    if len(members) < 2:  # most names occur once: no Counter for them (ten thousand texts a run)
        return
    counts = Counter(m.values["amount"] for m in members).most_common()
    if len(counts) < 2:
        return
    majority = counts[0][1] > counts[1][1]
    for mark in members:
        amount = mark.values["amount"]
        if majority and amount == counts[0][0]:
            continue
        other = next(m for m in members if m.values["amount"] != amount)
        yield mark, {
            "title": mark.values["title"], "amount": amount,
            "other_amount": other.values["amount"],
            "other_path": other.location.path,
            "other_document": other.location.document,
            "other_line": other.location.line,
        }

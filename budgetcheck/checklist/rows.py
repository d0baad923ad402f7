"""Checklists from a lint result: the parts each file was split into, matched to a review form.

A publication is checked on the form (``checklists`` of the publication profiles)
it matches best: the most expected items found less the items missing, ties to the
form listed first. So a 部门预算 gets the 部门预算 form (its 项目经费情况说明 blocks
are expected), a 单位预算 the 单位预算 form (its 编制说明 is a 单位预算编制说明 and its
目录 lists no 项目经费情况说明, as in 006), and a 部门决算 the form of 第一部分 … 第四部分:
the forms are data, so a district with another form adds one in YAML.

Each recognised part goes to the first item of the form whose kind and title pattern
it matches; an item no part matches is a row 缺少该部分, and a part no item matches
keeps a row of its own after the part before it, so nothing the document model
found is left out. A file that is not a publication gets one row per text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from budgetcheck.findings import Finding, Severity
from budgetcheck.i18n import tr
from budgetcheck.profiles import ChecklistForm, ChecklistItem, Profile
from budgetcheck.results import LintResult, TextInfo

_KIND_NAMES = {"cover": "封面", "toc": "目录"}


@dataclass(frozen=True)
class Row:
    """One line of a checklist: a checked item, where it is and what was found there."""

    item: str  # 检查项目
    pages: tuple[int, int] | None  # first and last page (None: no pages, or missing)
    findings: tuple[Finding, ...] = ()
    missing: bool = False

    @property
    def ok(self) -> bool:
        """符合要求: present and without error- or warning-level findings."""
        return not self.missing and all(f.severity is Severity.INFO for f in self.findings)

    @property
    def problems(self) -> list[str]:
        """发现的问题, one line per finding; the same problem on the same page once, with its count."""
        if self.missing:
            return [tr("checklist.missing")]
        lines = Counter(problem_line(f) for f in self.findings)
        return [line if count == 1 else tr("checklist.repeated", line=line, count=count) for line, count in lines.items()]


@dataclass(frozen=True)
class Checklist:
    """The checklist of one file: its form (None for a file that is not a publication) and rows."""

    path: str
    form: str | None
    rows: list[Row]
    expected: int = 0  # items of the form
    found: int = 0  # items of the form present in the file
    counts: Counter = field(default_factory=Counter)  # findings by severity

    @property
    def failed(self) -> int:
        """Rows that are 不符合 (否)."""
        return sum(not row.ok for row in self.rows)


def build(result: LintResult, profiles: dict[str, Profile]) -> list[Checklist]:
    """One checklist per file checked, in input order."""
    forms = [form for profile in profiles.values() for form in profile.checklists]
    texts: dict[str, list[TextInfo]] = {}
    for info in result.texts:
        texts.setdefault(info.path, []).append(info)
    found: dict[tuple[str, int], list[Finding]] = {}
    for finding in result.findings:
        found.setdefault((finding.path, finding.document), []).append(finding)
    return [_checklist(path, infos, found, forms) for path, infos in texts.items()]


def _checklist(path: str, infos: list[TextInfo], found: dict[tuple[str, int], list[Finding]], forms: list[ChecklistForm]) -> Checklist:
    findings = {info.index: found.get((path, info.index), []) for info in infos}
    counts = Counter(f.severity.value for fs in findings.values() for f in fs)
    parts = [info for info in infos if info.part is not None]
    if not parts or not forms:
        return Checklist(path, None, [_text_row(info, findings[info.index]) for info in infos], counts=counts)
    form, matched = best_form(parts, forms)
    rows = _form_rows(form, parts, matched, findings)
    present = sum(bool(m) for m in matched.values())
    return Checklist(path, form.name, rows, len(form.items), present, counts)


def best_form(parts: list[TextInfo], forms: list[ChecklistForm]) -> tuple[ChecklistForm, dict[int, list[TextInfo]]]:
    """The form the parts match best (found less missing items; ties: fewer parts left over, then the first form)."""

    def score(candidate: tuple[int, ChecklistForm, dict[int, list[TextInfo]]]) -> tuple[int, int, int]:
        order, form, matched = candidate
        present = sum(bool(m) for m in matched.values())
        left_over = len(parts) - sum(len(m) for m in matched.values())
        return present - (len(form.items) - present), -left_over, -order

    _, form, matched = max(((i, f, match(f, parts)) for i, f in enumerate(forms)), key=score)
    return form, matched


def match(form: ChecklistForm, parts: list[TextInfo]) -> dict[int, list[TextInfo]]:
    """Item position → the parts it stands for; every part goes to the first item it matches."""
    matched: dict[int, list[TextInfo]] = {i: [] for i in range(len(form.items))}
    for part in parts:
        position = next((i for i, item in enumerate(form.items) if matches(item, part)), None)
        if position is not None:
            matched[position].append(part)
    return matched


def matches(item: ChecklistItem, part: TextInfo) -> bool:
    return (item.kind is None or item.kind == part.part) and re.search(item.title, part.part_title or "") is not None


def _form_rows(form: ChecklistForm, parts: list[TextInfo], matched: dict[int, list[TextInfo]], findings: dict[int, list[Finding]]) -> list[Row]:
    """The form's rows in its order; a part of no item follows the row of the part before it."""
    keyed: list[tuple[tuple[int, int], Row]] = []
    position_of = {part.index: position for position, group in matched.items() for part in group}
    for position, item in enumerate(form.items):
        group = matched[position]
        if not group:
            keyed.append(((position, -1), Row(item.name, None, missing=True)))
        elif item.each:
            keyed += [((position, p.index), _part_row(_each_name(item, p), [p], findings)) for p in group]
        else:
            keyed.append(((position, group[0].index), _part_row(item.name, group, findings)))
    position = -1
    for part in parts:
        if part.index in position_of:
            position = position_of[part.index]
        else:
            name = part.part_title or _KIND_NAMES.get(part.part or "", part.part or "")
            keyed.append(((position, part.index), _part_row(name, [part], findings)))
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def _each_name(item: ChecklistItem, part: TextInfo) -> str:
    """"项目经费情况说明：科技创新专项经费情况说明"; the item's name alone when the title is just that."""
    title = part.part_title or ""
    return item.name if not title or title == item.name else f"{item.name}：{title}"


def _part_row(name: str, group: list[TextInfo], findings: dict[int, list[Finding]]) -> Row:
    return Row(name, _span(info.pages for info in group), tuple(f for info in group for f in findings[info.index]))


def _text_row(info: TextInfo, findings: list[Finding]) -> Row:
    name = info.title or tr("checklist.text", index=info.index)
    return Row(name, info.pages, tuple(findings))


def _span(pages: Iterable[tuple[int, int] | None]) -> tuple[int, int] | None:
    known = [p for p in pages if p is not None]
    return (min(p[0] for p in known), max(p[1] for p in known)) if known else None


def page_label(pages: tuple[int, int] | None) -> str:
    """页码 as written on a form: "7", "7-8", or "" without pages."""
    if pages is None:
        return ""
    return str(pages[0]) if pages[0] == pages[1] else f"{pages[0]}-{pages[1]}"


def problem_line(finding: Finding) -> str:
    """One finding for the 发现的问题 cell: "A108 第22页 六、年度预算安排：message" (第N段 in a .docx, 第N行 in plain text)."""
    page, paragraph = finding.data.get("page"), finding.data.get("paragraph")
    if page is not None:
        where = tr("checklist.page", n=page)
    else:
        where = tr("checklist.paragraph", n=paragraph) if paragraph is not None else tr("checklist.line", n=finding.line)
    section = f" {finding.section}" if finding.section else ""
    return tr("checklist.problem", code=finding.code, where=where, section=section, message=finding.message)

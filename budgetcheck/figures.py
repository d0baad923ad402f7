"""Named figures of a publication, in its tables and in its prose, so that two places stating the
same quantity can be compared (收入总计 in the 收支总表 and in the 收入总表, 人员经费 in the
经济分类表 and in the 编制说明, 公务接待费 in the 三公 table and in 其他相关情况说明).

A table figure is a money cell (or a blank one, which a table writes for 0) with what names it:
the table's title, the row's label (the nearest text cell to its left: two-sided 收入 | 支出
tables name each side's figures by their own label), the row's classification code and the
header cells over its column, top to bottom. A prose figure is an amount with the clause before
it ("其中：财政拨款收入" ← "15621.11万元"), split into a label and a basis: what the figure is
(budget, 决算 actual, or a past execution that no table of the year holds). Which labels,
rows and columns are one quantity is data, in the rules' parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from budgetcheck import deferred_re
from budgetcheck.blocks import Block
from budgetcheck.document import Document
from budgetcheck.quantities import Amount
from budgetcheck.source import Source
from budgetcheck.tables import CODE_COLUMN, LOOK_ABOVE, Table, bare_amount, leaf_headers, row_amounts, row_code

Basis = Literal["budget", "actual", "other"]

_SPACES = deferred_re.compile(r"\s+")
_COMPACT = str.maketrans({"（": "(", "）": ")", "“": None, "”": None, '"': None, "‘": None, "’": None, "'": None})
_NUMBERED = deferred_re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))")
_CJK = deferred_re.compile(r"[\u4e00-\u9fff]")
_TITLE = deferred_re.compile(r"表$")
# Where the clause that names an amount begins: the previous punctuation mark or line end.
_CLAUSE_START = deferred_re.compile(r"[，。；;,：:！？、\n]")
_CLAUSE_REACH = 60
# The words that say what a figure is, read off the end of its clause ("年初预算为", "支出决算为").
_BASIS_WORDS = (
    (deferred_re.compile(r"(?:预算)?执行数$|(?:上年|上年度)(?:预算|决算)?数?$"), "other"),
    (deferred_re.compile(r"(?:年初|调整)预算数?$|预算(?:安排|数)?$"), "budget"),
    (deferred_re.compile(r"决算数?$"), "actual"),
)
_LINK = deferred_re.compile(r"(?:为|是)$")
_GENERIC = deferred_re.compile(r"^(?:支出|收入|经费|金额|资金|其中|共|合计)?$")
_YEAR = deferred_re.compile(r"(?:19|20)\d{2}")
_NAME_HEADER = deferred_re.compile(r"名称|科目|项目|编码|代码|序号")  # a column of names or codes: its blanks are no figures
_FIGURE_IN = deferred_re.compile(r"\d\.\d|\d,\d{3}")


def compact(text: str) -> str:
    """A name as compared: no spaces, quotes or numbering, half-width brackets."""
    return _NUMBERED.sub("", _SPACES.sub("", text).translate(_COMPACT))


@dataclass(frozen=True, slots=True)
class CellFigure:
    """A money cell of a table (``amount`` None: a blank cell) and what names it."""

    table: str  # the table's title, compacted
    row: str  # the row's label for this cell, compacted ("" when none)
    code: str  # the row's classification code ("2210201"), "" when none
    column: tuple[str, ...]  # the header cells over the column, top to bottom, compacted
    amount: Amount | None
    start: int
    end: int
    unit: str | None
    first: bool  # the first figure after its row label

    @property
    def header(self) -> str:
        return "/".join(self.column)

    @property
    def value(self) -> Decimal:
        return self.amount.value if self.amount is not None else Decimal(0)

    @property
    def half_step(self) -> Decimal:
        return self.amount.half_step if self.amount is not None else Decimal(0)

    @property
    def written(self) -> str:
        return self.amount.number_text if self.amount is not None else "（空）"


@dataclass(frozen=True, slots=True)
class TextFigure:
    """An amount of the prose with the label and basis its clause gives it."""

    label: str  # compacted, basis words removed ("财政拨款收入", "因公出国(境)费")
    basis: Basis | None  # None: the clause does not say
    amount: Amount
    clause: str  # the clause as written, compacted


def table_title(doc: Document, table: Table) -> str:
    """The title a table stands under: its part's title, else the line above it that ends in 表."""
    if doc.part is not None and doc.part.kind == "table":
        return compact(doc.part.title)
    source = doc.source
    above = [b for b in source.blocks if b.end <= table.start and b.kind != "table_row"][-LOOK_ABOVE:]
    for block in reversed(above):
        line = compact(source.text[block.start : block.end])
        if _TITLE.search(line) and len(line) <= 60:
            return line
    return ""


def cell_figures(doc: Document) -> list[CellFigure]:
    """Every money or blank cell of the text's tables, named by row label, code and headers."""
    cached = doc.cache.get("cell_figures")
    if cached is None:
        cached = doc.cache["cell_figures"] = [f for table in doc.joined_tables for f in _table_figures(doc, table)]
    return cached


def _table_figures(doc: Document, table: Table) -> list[CellFigure]:
    source, text = doc.source, doc.source.text
    title = table_title(doc, table)
    paths = _header_paths(source, table)
    codes = {c for c, (_, cell) in leaf_headers(source, table).items() if CODE_COLUMN.search(text[cell.start : cell.end])}
    rows = [(row, row_amounts(source, table, row)) for row in table.body]
    money = {c for _, amounts in rows for c, a in amounts.items() if a is not None}  # a blank elsewhere is no figure
    found = []
    for row, amounts in rows:
        code = "".join(row_code(source, table, row, codes)) if codes else ""
        found += _row_figures(source, table, row, {c: a for c, a in amounts.items() if c in money},
                              (title, code), codes, paths)
    return found


def _row_figures(source: Source, table: Table, row: Block, amounts: dict[int, Amount | None], names: tuple[str, str],
                 codes: set[int], paths: dict[int, tuple[str, ...]]) -> list[CellFigure]:
    text = source.text
    title, code = names
    label: str | None = ""
    first = True
    found = []
    for cell in row.cells:
        written = text[cell.start : cell.end]
        if cell.column in codes and not _CJK.search(written):
            continue  # a code ("301"), not a label ("人员经费合计" across the code columns)
        if cell.column in amounts:
            if label is not None:
                found.append(CellFigure(title, label, code, paths.get(cell.column, ()), amounts[cell.column], cell.start, cell.end,
                                        table.unit_of(cell.column), first))
                first = False
        elif not written:
            # A blank under a header of its own in a row of money is 0 (the 三公 table leaves 0 blank);
            # elsewhere it is nothing, and no break in the row.
            if label is not None and cell.column in paths and not _NAME_HEADER.search(paths[cell.column][-1]) \
                    and any(a is not None for a in amounts.values()):
                found.append(CellFigure(title, label, code, paths[cell.column], None, cell.start, cell.end,
                                        table.unit_of(cell.column), first))
                first = False
        elif _CJK.search(written):
            label, first = compact(written), True
        elif any(a is not None for a in amounts.values()) and (bare := bare_amount(source, table, cell)) is not None:
            # "0", "25" among money figures: money written bare (the 三公 table's 0 and 25)
            if label is not None:
                found.append(CellFigure(title, label, code, paths.get(cell.column, ()), bare, cell.start, cell.end,
                                        table.unit_of(cell.column), first))
                first = False
        else:
            label = None  # a cell the reader ran figures together in: what follows is not named
    return found


def _header_paths(source: Source, table: Table) -> dict[int, tuple[str, ...]]:
    """Per grid column, the texts of the header cells over it, top to bottom; a column under a
    header cell that spans more columns than the cells below it tell apart is left out."""
    paths: dict[int, list[str]] = {}
    spans: dict[int, list[int]] = {}
    for row in table.rows[: table.header_count]:
        for cell in row.cells:
            value = compact(source.text[cell.start : cell.end])
            for column in range(cell.column, cell.column + cell.span):
                if value:
                    paths.setdefault(column, []).append(value)
                    spans.setdefault(column, []).append(cell.span)
    # A merged header over two data columns with nothing below ("“三公”经费预算数公务接待费" over
    # 公务接待费 and 小计) names neither of them.
    # A header the reader ran a figure into ("合计2,106.66") names nothing.
    return {c: tuple(p) for c, p in paths.items()
            if (spans[c][-1] == 1 or _split_below(spans[c])) and not any(_FIGURE_IN.search(h) for h in p)}


def _split_below(spans: list[int]) -> bool:
    return len(spans) >= 2 and spans[-1] < spans[-2]


def text_figures(doc: Document) -> list[TextFigure]:
    """The amounts of the prose (not in table rows), each with its clause's label and basis; a clause
    that names only a basis ("，支出决算为…") takes the label of the figure before it in the sentence."""
    cached = doc.cache.get("text_figures")
    if cached is not None:
        return cached
    source, text = doc.source, doc.source.text
    found: list[TextFigure] = []
    previous_end, previous_label = -1, ""
    for amount in doc.quantities.amounts:
        if source.row_spans and source.in_row(amount.start):
            continue
        floor = max(doc.start, amount.start - _CLAUSE_REACH, previous_end if previous_end > 0 else 0)
        before = text[floor : amount.start]
        marks = list(_CLAUSE_START.finditer(before))
        clause = compact(before[marks[-1].end() :] if marks else before)
        label, basis = split_clause(clause)
        same_sentence = previous_end > 0 and "。" not in text[previous_end : amount.start] and "\n" not in text[previous_end : amount.start]
        if _GENERIC.match(label) and basis is not None and same_sentence:
            label = previous_label
        if label:
            found.append(TextFigure(label, basis, amount, clause))
        previous_end, previous_label = amount.end, label
    doc.cache["text_figures"] = found
    return found


def split_clause(clause: str) -> tuple[str, Basis | None]:
    """("2024年“三公”经费预算数为" →) ("2024年三公经费", "budget"): the label and the basis words after it."""
    label = _LINK.sub("", clause)
    basis: Basis | None = None
    for pattern, kind in _BASIS_WORDS:
        match = pattern.search(label)
        if match:
            label, basis = label[: match.start()], kind  # type: ignore[assignment]
            break
    return _LINK.sub("", label), basis


def years_in(label: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(label)}


def column_basis(column: tuple[str, ...]) -> Basis | None:
    """A column's basis from its headers: 预算数 / 决算数 (the lowest header that says)."""
    for header in reversed(column):
        if "决算" in header:
            return "actual"
        if "预算" in header:
            return "budget"
    return None


# --- Comparing two figures of one quantity -----------------------------------------------------

Agreement = Literal["same", "rounding", "differ"]


def agreement(a: Decimal, a_step: Decimal, b: Decimal, b_step: Decimal, tolerance: Decimal = Decimal("0.01")) -> Agreement:
    """Whether two written figures can be the same number: within the rounding of both ("same"), one
    rounding step of the coarser one further ("rounding": 350.36 vs 3,503,499元, 326.71 vs 326.72)
    or not at all. A figure given to 0.01 万元 stands for ±0.005 万元; a figure in 元 is exact."""
    gap = abs(a - b)
    reach = a_step + b_step
    if gap <= tolerance or (gap <= reach + tolerance and (a_step == 0 or b_step == 0)) or gap < reach:
        return "same"
    if gap <= reach + 2 * max(a_step, b_step) + tolerance:
        return "rounding"
    return "differ"


# --- Subjects named in prose: "住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元" ---------

LEVELS = {"类": 1, "款": 2, "项": 3}
_LEVEL_MARK = deferred_re.compile(r"[（(](?P<level>[类款项])[）)]")
_NAME_BREAK = deferred_re.compile(r"[“”\"、，。；;,：:！？]")
_ITEM_NUMBER = deferred_re.compile(r"^(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])")
# "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元"
_DASHED = deferred_re.compile(r"“(?P<names>[^”\n]{2,80}?)”[ \u3000]*科目")
_HEAD_GAP = deferred_re.compile(r"^[”\"’ \u3000]*(?:科目)?[ \u3000]*$")
_ITEM_REACH = 400


@dataclass(frozen=True, slots=True)
class SubjectItem:
    """A subject the prose names by level, with the figures it states for it: the one right after
    the names (the item's heading amount) and those of the year's own budget or 决算 after it."""

    names: tuple[tuple[int, str], ...]  # (level, compacted name), top level first
    start: int
    end: int
    figures: tuple[TextFigure, ...]

    @property
    def written(self) -> str:
        mark = {1: "类", 2: "款", 3: "项"}
        return "".join(f"{name}（{mark[level]}）" for level, name in self.names)


def subject_items(doc: Document) -> list[SubjectItem]:
    """Subjects named in the prose with 类/款/项 marks (or as "A-B-C”科目"), each with its figures."""
    cached = doc.cache.get("subject_items")
    if cached is not None:
        return cached
    chains = sorted([*_marked_chains(doc), *_dashed_chains(doc)], key=lambda c: c[0])
    items = []
    for index, (start, end, names) in enumerate(chains):
        line_end = doc.source.text.find("\n", end, doc.end)  # an item is one paragraph
        limit = min(chains[index + 1][0] if index + 1 < len(chains) else doc.end, end + _ITEM_REACH,
                    line_end if line_end != -1 else doc.end)
        items.append(SubjectItem(names, start, end, tuple(_item_figures(doc, end, limit))))
    doc.cache["subject_items"] = items
    return items


def _marked_chains(doc: Document) -> list[tuple[int, int, tuple[tuple[int, str], ...]]]:
    source, text = doc.source, doc.source.text
    chains: list[tuple[int, int, tuple[tuple[int, str], ...]]] = []
    current: list[tuple[int, str]] = []
    start = previous_end = -1
    for mark in _LEVEL_MARK.finditer(text, doc.start, doc.end):
        if source.row_spans and source.in_row(mark.start()):
            continue
        level = LEVELS[mark["level"]]
        gap = text[previous_end : mark.start()] if current else ""
        joined = bool(current) and not _NAME_BREAK.search(gap) and level > current[-1][0] and len(gap) <= 40
        if not joined:
            if current:
                chains.append((start, previous_end, tuple(current)))
            floor = max(doc.start, mark.start() - 40)
            before = text[floor : mark.start()]
            breaks = list(_NAME_BREAK.finditer(before))
            gap = before[breaks[-1].end() :] if breaks else before
            start, current = mark.start() - len(gap), []
        name = _ITEM_NUMBER.sub("", compact(gap))
        if not name or not _CJK.search(name):
            current = []
            previous_end = mark.end()
            continue
        current.append((level, name))
        previous_end = mark.end()
    if current:
        chains.append((start, previous_end, tuple(current)))
    return chains


def _dashed_chains(doc: Document) -> list[tuple[int, int, tuple[tuple[int, str], ...]]]:
    source, text = doc.source, doc.source.text
    found = []
    for match in _DASHED.finditer(text, doc.start, doc.end):
        if source.row_spans and source.in_row(match.start()):
            continue
        parts = [compact(p) for p in re.split(r"[-－—–]", match["names"])]
        if 2 <= len(parts) <= 3 and all(_CJK.search(p) for p in parts) and not _LEVEL_MARK.search(match["names"].replace("（室）", "")):
            found.append((match.start(), match.end(), tuple((i, p) for i, p in enumerate(parts, 1))))
    return found


def _item_figures(doc: Document, end: int, limit: int) -> list[TextFigure]:
    """The heading amount right after the names, then the amounts whose clause is the year's own
    budget or 决算 ("2024年预算安排", "支出决算为"); past years' figures are left out."""
    text = doc.source.text
    # Without a cover to say the budget year, the item's latest year is taken as it.
    year = doc.year or max((int(y) for y in _YEAR.findall(text[end:limit])), default=None)
    figures = []
    for amount in doc.quantities.amounts:
        if amount.start < end or amount.start >= limit:
            continue
        if _HEAD_GAP.match(text[end : amount.start]):
            figures.append(TextFigure("", None, amount, ""))
            continue
        before = text[max(end, amount.start - _CLAUSE_REACH) : amount.start]
        breaks = list(_CLAUSE_START.finditer(before))
        clause = compact(before[breaks[-1].end() :] if breaks else before)
        label, basis = split_clause(clause)
        years = years_in(label)
        bare = _YEAR.sub("", label).replace("年度", "").replace("年", "").replace("当", "")
        if basis in ("budget", "actual") and _GENERIC.match(bare) and (not years or years == {year}):
            figures.append(TextFigure(label, basis, amount, clause))
    return figures

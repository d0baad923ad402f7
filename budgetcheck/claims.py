"""What a sentence claims about its own figures: a change between two years, a ratio, a share.

"2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%"
names both figures it compares; "完成年初预算的98.20%" divides the 决算 by the 年初预算 named
before it; "…支出2940.05万元，主要用于以下方面：A 2106.66万元，占71.73%；…" gives shares of
the total named before the list. Each figure keeps the words before it (its label), which is
how the claim's base is told from the other figure. When a sentence does not say plainly which
figure is which, no claim is made and the checks stay silent.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from budgetcheck import deferred_re
from budgetcheck.breakdowns import is_change, is_rate
from budgetcheck.document import Document
from budgetcheck.numerals import UNIT_FACTORS, common_unit
from budgetcheck.quantities import Amount, Percent

_SENTENCE_END = "。；;\n"
REACH = 1000  # characters a claim looks back or ahead for its figures
_LABEL_BREAK = deferred_re.compile(r"[，,。；;：:\n（(]")
_YEAR = deferred_re.compile(r"((?:19|20)\d{2})年")
_FIGURE_KINDS = ("执行", "决算", "预算")  # in this order: "预算执行数" is an 执行数
UP_WORDS = ("增加", "增长", "上升", "提高")
DOWN_WORDS = ("减少", "下降", "降低")
# "比2023年预算执行数增加0.53%", "比上年减少20万元", "比2023年预算执行数持平"
COMPARISON = deferred_re.compile(r"比(?P<base>[^，,。；;\n]{1,20}?)(?P<word>增加|增长|上升|提高|减少|下降|降低|持平)了?")
_RATE_AFTER = deferred_re.compile(r"[，,]?(?:增长|下降|增加|减少|上升|降低)?(?P<num>\d+(?:\.\d+)?)\s*[%％]")
# "完成年初预算的98.20%", "支出率94.9%"
# The opening lookahead lists the first characters: the same matches, found faster.
_RATIO = deferred_re.compile(r"(?=[完支执])(?:完成(?P<base>[^，,。；;\n的]{1,8})的(?=\d)|(?P<part>支出|执行)(?:率|进度)(?:为|达)?(?=\d))")


@dataclass(frozen=True)
class Figure:
    """A stated amount and the words of its clause before it ("2023年当年预算执行数为")."""

    amount: Amount
    label: str

    @property
    def year(self) -> int | None:
        found = _YEAR.findall(self.label)
        return int(found[-1]) if found else None


@dataclass(frozen=True)
class Change:
    """'A … B … 比<base>增加C万元 / 增长D%': the base figure, the other one, and what is claimed."""

    start: int
    end: int
    base: Figure
    other: Figure
    word: str  # 增加, 减少, 持平 …
    delta: Amount | None
    percent: Percent | None

    @property
    def direction(self) -> int:
        return 1 if self.word in UP_WORDS else -1 if self.word in DOWN_WORDS else 0


@dataclass(frozen=True)
class Ratio:
    """'年初预算为A万元，支出决算为B万元，完成年初预算的X%': B over A."""

    start: int
    end: int
    base: Figure
    part: Figure
    percent: Percent


@dataclass(frozen=True)
class Share:
    """'P万元，占X%' in a list that follows the total it is a share of."""

    part: Amount
    percent: Percent


@dataclass(frozen=True)
class ShareList:
    total: Amount
    shares: tuple[Share, ...]


def sentence_span(doc: Document, offset: int) -> tuple[int, int]:
    """The sentence around ``offset``; a "sentence" longer than REACH either way is cut (a run-on line is no claim)."""
    text = doc.source.text
    floor, ceiling = max(doc.start, offset - REACH), min(doc.end, offset + REACH)
    start = max((text.rfind(ch, floor, offset) for ch in _SENTENCE_END), default=-1) + 1
    ends = [i for ch in _SENTENCE_END if (i := text.find(ch, offset, ceiling)) != -1]
    return max(start, floor), min(ends, default=ceiling)


def figure(doc: Document, amount: Amount) -> Figure:
    text = doc.source.text
    floor = max(doc.start, amount.start - 40)
    breaks = list(_LABEL_BREAK.finditer(text, floor, amount.start))
    return Figure(amount, text[breaks[-1].end() if breaks else floor : amount.start])


def stated_figures(doc: Document, start: int, end: int) -> list[Figure]:
    """The amounts between two offsets that are figures of a year, not changes or rates."""
    # An amount's figure does not depend on the range asked for: worked out once per text, as
    # several rules ask for the whole text and the claims for each sentence.
    known: dict[tuple[int, int], Figure | None] = doc.cache.setdefault("claims.figures", {})  # by the amount's span
    found = []
    for a in doc.quantities.amounts_between(start, end):
        if a.end > end:
            continue
        span = (a.start, a.end)
        if span not in known:
            known[span] = None if is_change(doc, a) or is_rate(doc, a) else figure(doc, a)
        stated = known[span]
        if stated is not None:
            found.append(stated)
    return found


def percent_at(doc: Document, offset: int) -> Percent | None:
    """The percentage written at ``offset``, if one is."""
    if "claims.percent_starts" not in doc.cache:
        doc.cache["claims.percent_starts"] = [p.start for p in doc.quantities.percents]
    starts = doc.cache["claims.percent_starts"]
    index = bisect_left(starts, offset)
    return doc.quantities.percents[index] if index < len(starts) and starts[index] == offset else None


def changes(doc: Document) -> list[Change]:
    if "claims.changes" not in doc.cache:
        doc.cache["claims.changes"] = [c for m in COMPARISON.finditer(doc.source.text, doc.start, doc.end) if (c := _change(doc, m))]
    return doc.cache["claims.changes"]


def _change(doc: Document, match: re.Match[str]) -> Change | None:
    text = doc.source.text
    start, end = sentence_span(doc, match.start())
    figures = stated_figures(doc, start, match.start())
    if len(figures) != 2:
        return None  # the sentence must name exactly the two figures it compares
    base = _base(figures, match["base"])
    if base is None:
        return None
    other = figures[1 - figures.index(base)]
    delta = doc.quantities.first_amount_from(match.end())
    delta = delta if delta is not None and delta.start == match.end() else None
    rate = _RATE_AFTER.match(text, delta.end if delta else match.end(), end)
    percent = percent_at(doc, rate.start("num")) if rate else None
    claim_end = percent.end if percent else delta.end if delta else match.end()
    return Change(match.start(), claim_end, base, other, match["word"], delta, percent)


def _base(figures: list[Figure], base_words: str) -> Figure | None:
    """The figure the comparison is made against: the one whose year (or 上年) the comparison names.

    When the comparison names what it compares with (执行数, 决算, 预算), the base figure must be
    that one: "2023年执行数为A万元 … 比2023年预算增加" compares with a budget the sentence does not give.
    """
    year = _YEAR.search(base_words)
    if year:
        matching = [f for f in figures if f.year == int(year[1])]
    else:
        key = "上年" if "上年" in base_words else None
        matching = [f for f in figures if key and key in f.label]
    others = [f for f in figures if f not in matching]
    if len(matching) != 1 or len(others) != 1 or (year and not others[0].year):
        return None
    named, labelled = _figure_kind(base_words), _figure_kind(matching[0].label)
    return matching[0] if named is None or labelled is None or named == labelled else None


def _figure_kind(words: str) -> str | None:
    return next((kind for kind in _FIGURE_KINDS if kind in words), None)


def heading(doc: Document, offset: int) -> Figure | None:
    """The amount a line opens with after a quoted subject ('31. “…住房公积金（项）”350.35万元'), with the subject as label."""
    text = doc.source.text
    floor = max(doc.start, offset - REACH)
    line_start = max(floor, text.rfind("\n", floor, offset) + 1)
    first = doc.quantities.first_amount_from(line_start)
    if first is None or first.start >= offset or text[first.start - 1 : first.start] != "”":
        return None
    opening = text.rfind("“", line_start, first.start)
    return Figure(first, text[opening + 1 : first.start - 1]) if opening != -1 else None


def ratios(doc: Document) -> list[Ratio]:
    if "claims.ratios" not in doc.cache:
        found, floor = [], doc.start
        for m in _RATIO.finditer(doc.source.text, doc.start, doc.end):
            start, _ = sentence_span(doc, m.start())
            ratio = _ratio(doc, m, max(start, floor))
            if ratio:
                found.append(ratio)
            floor = m.end()  # a later claim in the sentence uses only the figures after this one
        doc.cache["claims.ratios"] = found
    return doc.cache["claims.ratios"]


def _ratio(doc: Document, match: re.Match[str], start: int) -> Ratio | None:
    percent = percent_at(doc, match.end())
    figures = stated_figures(doc, start, match.start())
    if percent is None or len(figures) != 2:
        return None
    if match["base"]:  # 完成年初预算的: the base is the figure labelled 年初预算
        bases = [f for f in figures if match["base"] in f.label]
    else:  # 支出率: the part is the figure labelled 支出
        parts = [f for f in figures if match["part"] in f.label]
        bases = [f for f in figures if f not in parts] if len(parts) == 1 else []
    if len(bases) != 1:
        return None
    base = bases[0]
    return Ratio(match.start(), percent.end, base, figures[1 - figures.index(base)], percent)


_SHARE = deferred_re.compile(r"[，,]占(?P<of>[^，,。；;\n%％\d]{0,12})(?=\d)")


def share_lists(doc: Document) -> list[ShareList]:
    """'T万元，其中：A万元，占x%；B万元，占y%' on one line: each share with the total before the colon."""
    if "claims.shares" not in doc.cache:
        lists: dict[int, list[Share]] = {}
        totals: dict[int, Amount] = {}
        for m in _SHARE.finditer(doc.source.text, doc.start, doc.end):
            found = _share(doc, m)
            if found and not m["of"]:  # "占本年支出合计的100%" names a total of its own
                total = _list_total(doc, found.part)
                if total is not None:
                    totals[total.start] = total
                    lists.setdefault(total.start, []).append(found)
        doc.cache["claims.shares"] = [ShareList(totals[k], tuple(v)) for k, v in lists.items()]
    return doc.cache["claims.shares"]


def _share(doc: Document, match: re.Match[str]) -> Share | None:
    amounts = doc.quantities.amounts_between(max(doc.start, match.start() - 30), match.start() + 1)
    percent = percent_at(doc, match.end())
    if not amounts or amounts[-1].end != match.start() or percent is None:
        return None
    return Share(amounts[-1], percent)


def _list_total(doc: Document, part: Amount) -> Amount | None:
    """The amount the list's line names before its colon ("…支出2940.05万元，主要用于以下方面：")."""
    text = doc.source.text
    floor = max(doc.start, part.start - REACH)
    floor = max(floor, text.rfind("\n", floor, part.start) + 1)
    colon = max(text.rfind("：", floor, part.start), text.rfind(":", floor, part.start))
    if colon == -1:
        return None
    for amount in reversed(doc.quantities.amounts_between(floor, colon)):
        if any(ch in text[amount.end : colon] for ch in "。；;"):
            return None
        if not is_change(doc, amount) and not is_rate(doc, amount):
            return amount
    return None


def interval_percent(numerator: tuple[Decimal, Decimal], base: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    """The range of numerator / base × 100 over the rounding ranges of both (base > 0)."""
    return numerator[0] / base[1] * 100, numerator[1] / base[0] * 100


def growth_range(base: Amount, other: Amount, direction: int) -> tuple[Decimal, Decimal]:
    """The range of the change from ``base`` to ``other`` in % (as a decrease when ``direction`` < 0); base > 0."""
    low, high = interval_percent(bounds(other), bounds(base))
    return (100 - high, 100 - low) if direction < 0 else (low - 100, high - 100)


def bounds(amount: Amount) -> tuple[Decimal, Decimal]:
    return amount.value - amount.half_step, amount.value + amount.half_step


def stated_fits(stated: Percent, low: Decimal, high: Decimal) -> bool:
    """Whether a figure in [low, high] may be written as ``stated``: rounded, or truncated (99.868 → "99.86")."""
    step = Decimal(1).scaleb(-stated.decimals)
    return low <= stated.value + step and high >= stated.value - step / 2


def percent_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}%"


def money(value: Decimal, *like: Amount) -> str:
    """A computed difference, in the unit the compared figures are written in ('4.15万元')."""
    unit = common_unit([a.unit for a in like])
    return f"{(value / UNIT_FACTORS[unit]).quantize(Decimal('0.01'))}{unit}"

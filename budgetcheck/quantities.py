"""Every amount, count, year and enumeration in a stretch of text, extracted once.

Rules never search the text for numbers themselves: they read these objects.
All offsets are character offsets into ``Source.text``. Money is ``Decimal`` yuan.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from budgetcheck import deadline, deferred_re, limits, literals
from budgetcheck.numerals import (
    CHINESE_DIGITS,
    CHINESE_NUMERAL_CHARS,
    UNIT_FACTORS,
    fold_width,
    parse_arabic,
    parse_chinese,
)

_SPACE = r"[ \u3000]?"
BARE_FACTORS = {"万": Decimal(10_000)}  # money units written without 元
# Grouping commas are read loosely ("50,00.00" is still fifty) and judged by a rule;
# a full-width comma counts only before exactly three digits.
_ARABIC = r"\d+(?:(?:,|，(?=\d{3}(?!\d)))\d+)*(?:\.\d+)?"
_MONEY_UNITS = "|".join(sorted(UNIT_FACTORS, key=len, reverse=True))

# Each pattern opens with a lookahead for its possible first characters: the same
# matches, but the regex engine skips the other positions quickly (2–5× faster).
_ARABIC_MONEY = deferred_re.compile(
    rf"(?=人民币|¥|\d)(?:(?P<prefix>人民币|¥){_SPACE})?(?<![\d.,])(?P<num>{_ARABIC}){_SPACE}"
    rf"(?P<unit>{_MONEY_UNITS})(?P<zheng>整)?"
)
# "1720.00万" with 元 left out, as some publications write money: only with two decimals
# and not before another character ("5万人", "3.50万平方米" are no money).
_BARE_WAN = deferred_re.compile(r"(?=\d)(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2})[ \u3000]?(?P<unit>万)(?![\u3400-\u9fff\d])")
# A Chinese numeral must start with a digit or 十 (so "万元" alone is no amount) and
# must not follow 数/几/余/多 ("数十万元" is an estimate, not an amount).
_CHINESE_MONEY = deferred_re.compile(
    rf"(?=人民币|¥|[{CHINESE_DIGITS}十拾])(?:(?P<prefix>人民币|¥){_SPACE})?(?<![数几余多{CHINESE_NUMERAL_CHARS}])"
    rf"(?P<num>[{CHINESE_DIGITS}十拾][{CHINESE_NUMERAL_CHARS}]*(?:点[{CHINESE_DIGITS}]+)?)"
    rf"(?P<unit>元)(?![化素论])(?P<zheng>整)?"
)
MEASURE_WORDS = "个项家名人户次天所座期场批条套台辆类种处栋株篇本册份支组村镇"
_COUNT = deferred_re.compile(
    rf"(?=[\d一二两三四五六七八九十百千])(?<![\d.,{CHINESE_NUMERAL_CHARS}])(?P<num>\d+|[一二两三四五六七八九十百千]+){_SPACE}(?P<unit>[{MEASURE_WORDS}])"
)
_PERCENT = deferred_re.compile(r"(?=\d)(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s?[%％]")
_YEAR = deferred_re.compile(r"(?=[12])(?<![\d.])(?P<year>(?:19|20)\d{2})\s?年")
ENUMERATION_TRIGGERS = ("分别为", "分别是", "分别有", "分别用于", "具体为", "具体是", "包括", "包含", "其中")
_ENUMERATION = deferred_re.compile(  # the lookahead: the triggers' first characters (as above, about 2.5× faster)
    r"(?=[分具包其])(?:(?P<trigger>分别为|分别是|分别有|分别用于|具体为|具体是)[：:]?|(?P<trigger2>包括|包含)[：:]"
    r"|(?P<trigger3>其中)[：:，,]?(?![的之]|一[个项些部次是半]))"
)
# A list whose line ends on a separator goes on at the next line ("…、丁村道路、\n戊村道路、…").
_CONTINUED = deferred_re.compile(r"[、，,][ \u3000\t]*$")
# Measured quantities: area, length, weight, volume, power ("8013平方米", "3.5万亩").
MEASURE_UNITS = {"平方米": "平方米", "㎡": "平方米", "平方公里": "平方公里", "平方千米": "平方公里", "公顷": "公顷",
                 "亩": "亩", "公里": "公里", "千米": "公里", "延米": "米", "立方米": "立方米", "米": "米", "吨": "吨",
                 "千瓦": "千瓦", "公斤": "公斤", "千克": "公斤"}
_MEASURE = deferred_re.compile(
    rf"(?=\d)(?<![\d.,])(?P<num>{_ARABIC}){_SPACE}(?P<wan>万)?(?P<unit>{'|'.join(sorted(MEASURE_UNITS, key=len, reverse=True))})"
)
_GAP = deferred_re.compile("[ \u3000，,：:]*")  # between a count and the list it announces
# Longer "lists" are runs of text no reader counts; bounding them keeps a line of a
# thousand nested 分别为 linear instead of quadratic.
MAX_LIST_ITEMS, MAX_LIST_CHARS = 500, 10_000
_LIST_END = deferred_re.compile(r"[。；;\n]")
# A comma that ends a clause, not one that groups digits ("15,000.00").
_CLAUSE_COMMA = deferred_re.compile(r"，(?!\d{3}(?!\d))|,(?!\d)")


@dataclass(frozen=True, slots=True, eq=False)
class Amount:
    """Money: ``value`` in yuan; ``number`` and ``unit`` as written."""

    start: int
    end: int
    text: str
    value: Decimal
    number: Decimal
    number_text: str
    unit: str
    numeral: str  # "arabic" or "chinese"

    @property
    def half_step(self) -> Decimal:
        """How far the written figure may be from the exact one when it was rounded (yuan).

        A figure given to 0.01 万元 stands for anything within ±0.005 万元; a whole number
        ("5万元") or a Chinese numeral is taken as exact.
        """
        decimals = len(self.number_text.partition(".")[2]) if self.numeral == "arabic" else 0
        if not decimals:
            return Decimal(0)
        return (self.value / self.number if self.number else Decimal(1)) * Decimal(5).scaleb(-decimals - 1)


@dataclass(frozen=True, slots=True, eq=False)
class Count:
    start: int
    end: int
    text: str
    value: int
    unit: str


@dataclass(frozen=True, slots=True, eq=False)
class Measure:
    """A measured quantity: ``value`` in ``unit`` (平方米, 亩, 公里, 吨 …; 万 folded in)."""

    start: int
    end: int
    text: str
    value: Decimal
    number: Decimal  # the figure as written, before 万
    number_text: str
    unit: str

    @property
    def half_step(self) -> Decimal:
        """How far the written figure may be from the exact one (half its last decimal place)."""
        decimals = len(self.number_text.partition(".")[2])
        return self.value / self.number * Decimal(5).scaleb(-decimals - 1) if decimals and self.number else Decimal(0)


@dataclass(frozen=True, slots=True, eq=False)
class Percent:
    start: int
    end: int
    value: Decimal  # 6.1 for "6.1%"
    decimals: int  # as written, for rounding tolerance


@dataclass(frozen=True, slots=True, eq=False)
class Year:
    start: int
    end: int
    value: int


@dataclass(frozen=True, slots=True, eq=False)
class Item:
    start: int
    end: int
    text: str
    amounts: tuple[Amount, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Enumeration:
    """'分别为：A、B、C' — a trigger phrase and the items after it."""

    start: int
    end: int
    trigger: str
    items: tuple[Item, ...]
    declared: Count | None  # the "8个" right before the trigger, if any
    separator: str


@dataclass(frozen=True, slots=True, eq=False)
class Announcement:
    """'重点项目3个，分别为：' ending its line: the list stands below, one item a line."""

    declared: Count
    trigger: str
    start: int  # where the next line begins


@dataclass(slots=True)
class Quantities:
    amounts: list[Amount] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    years: list[Year] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)
    percents: list[Percent] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)

    _starts: list[int] = field(default_factory=list, repr=False)  # amounts' start offsets, for bisection

    def __post_init__(self) -> None:
        self._starts = [a.start for a in self.amounts]

    def amounts_between(self, start: int, end: int) -> list[Amount]:
        starts = self._starts
        return self.amounts[bisect_left(starts, start) : bisect_left(starts, end)]

    def first_amount_from(self, offset: int) -> Amount | None:
        index = bisect_left(self._starts, offset)
        return self.amounts[index] if index < len(self.amounts) else None


def extract(text: str, start: int = 0, end: int | None = None, folded: str | None = None) -> Quantities:
    """Extract quantities from ``text[start:end]`` (offsets stay those of ``text``). ``folded`` is
    ``fold_width(text)`` if the caller has it: the parts of a publication share one whole-file text."""
    end = len(text) if end is None else end
    folded = fold_width(text) if folded is None else folded
    amounts = _amounts(folded, text, start, end)
    counts = _counts(folded, text, start, end)
    enumerations, announcements = _enumerations(text, start, end, amounts, counts)
    return Quantities(
        amounts=amounts,
        counts=counts,
        years=[Year(m.start(), m.end(), int(m["year"])) for m in _bounded(_YEAR.finditer(folded, start, end), "years")],
        enumerations=enumerations,
        percents=[
            Percent(m.start(), m.end(), Decimal(m["num"]), len(m["num"].partition(".")[2]))
            for m in _scan(_PERCENT, folded, start, end, "percentages")
        ],
        measures=_measures(folded, text, start, end),
        announcements=announcements,
    )


def _scan(pattern: re.Pattern[str], text: str, start: int, end: int, what: str) -> Iterator[re.Match[str]]:
    """``_bounded`` matches of a pattern that most texts have no match of (measures, percentages):
    none, without a search, when the span lacks every literal a match needs (a unit, "%")."""
    presence = literals.presence(pattern.pattern, pattern.flags & ~re.UNICODE)  # parsed on first use
    if presence is not None and not presence(text, start, end):
        return iter(())
    return _bounded(pattern.finditer(text, start, end), what)


def _bounded(matches: Iterator[re.Match[str]], what: str) -> Iterator[re.Match[str]]:
    """The matches, refusing the text once there are more than ``max-quantities`` of one kind.

    Checked while matching, so a file of nothing but ``1元1元…`` is refused before
    millions of amounts fill the memory.
    """
    bound = limits.current().max_quantities
    for count, match in enumerate(matches, 1):
        if count > bound:
            raise limits.over("max-quantities", f"more than {bound:,}", f"{what} in one text")
        yield match


def _measures(folded: str, text: str, start: int, end: int) -> list[Measure]:
    found = []
    for m in _scan(_MEASURE, folded, start, end, "measures"):
        number = parse_arabic(m["num"].replace("，", ","))
        if number is not None:
            value = number * (10_000 if m["wan"] else 1)
            written = text[m.start("num") : m.end("num")]
            found.append(Measure(m.start(), m.end(), text[m.start() : m.end()], value, number, written, MEASURE_UNITS[m["unit"]]))
    return found


def _amounts(folded: str, text: str, start: int, end: int) -> list[Amount]:
    found = [_arabic_amount(m, text) for m in _bounded(_ARABIC_MONEY.finditer(folded, start, end), "amounts")]
    if "万" in text[start:end]:
        found += [_arabic_amount(m, text) for m in _bounded(_BARE_WAN.finditer(folded, start, end), "amounts")]
        found.sort(key=lambda a: a.start if a else 0)
    if _has_chinese_money(text, start, end):
        found += [_chinese_amount(m, text) for m in _bounded(_CHINESE_MONEY.finditer(folded, start, end), "amounts")]
        found.sort(key=lambda a: a.start if a else 0)
    return [a for a in found if a is not None]


def _has_chinese_money(text: str, start: int, end: int) -> bool:
    """Cheap pre-check so cn2an is only imported for texts that need it."""
    pos = text.find("元", start, end)
    while pos != -1:
        if pos > start and text[pos - 1] in CHINESE_NUMERAL_CHARS:
            return True
        pos = text.find("元", pos + 1, end)
    return False


def _arabic_amount(m: re.Match[str], text: str) -> Amount | None:
    number = parse_arabic(m["num"].replace("，", ","))
    if number is None:
        return None
    unit = m["unit"]
    written = text[m.start("num") : m.end("num")]
    factor = UNIT_FACTORS.get(unit, BARE_FACTORS.get(unit))
    assert factor is not None  # the patterns match only units listed in these tables
    return Amount(m.start(), m.end(), text[m.start() : m.end()], number * factor, number, written, unit, "arabic")


def _chinese_amount(m: re.Match[str], text: str) -> Amount | None:
    number = parse_chinese(m["num"])
    if number is None:
        return None
    written = text[m.start("num") : m.end("num")]
    return Amount(m.start(), m.end(), text[m.start() : m.end()], number, number, written, "元", "chinese")


def _counts(folded: str, text: str, start: int, end: int) -> list[Count]:
    counts = []
    for m in _bounded(_COUNT.finditer(folded, start, end), "counts"):
        raw = m["num"]
        value = int(raw) if raw.isdigit() else parse_chinese(raw)
        if value is not None:
            counts.append(Count(m.start(), m.end(), text[m.start() : m.end()], int(value), m["unit"]))
    return counts


def _enumerations(
    text: str, start: int, end: int, amounts: list[Amount], counts: list[Count]
) -> tuple[list[Enumeration], list[Announcement]]:
    result, announced = [], []
    amount_starts = [a.start for a in amounts]
    count_ends = [c.end for c in counts]
    body_end = -1
    for m in _bounded(_ENUMERATION.finditer(text, start, end), "enumerations"):
        deadline.check()  # a line of a million triggers must not stall the run
        if body_end < m.end():  # triggers come in order: the list end found last time may still hold
            body_end = _list_end(text, m.end(), end)
        items, separator = _split_items(text, m.end(), body_end, amounts, amount_starts)
        trigger = m["trigger"] or m["trigger2"] or m["trigger3"]
        declared = _declared(text, m.start(), counts, count_ends)
        if items:
            result.append(Enumeration(m.start(), items[-1].end, trigger, items, declared, separator))
        elif declared is not None and text[m.end() - 1] in "：:" and text.startswith("\n", body_end):
            announced.append(Announcement(declared, trigger, body_end + 1))
    return result, announced


def _list_end(text: str, start: int, end: int) -> int:
    """Where a list's text ends: at 。；, or at a line end that is not on a separator."""
    while True:
        stop = _LIST_END.search(text, start, end)
        if stop is None:
            return end
        if stop.group() != "\n" or not _CONTINUED.search(text, max(start, stop.start() - 4), stop.start()):
            return stop.start()
        start = stop.end()


def _split_items(
    text: str, start: int, end: int, amounts: list[Amount], amount_starts: list[int]
) -> tuple[tuple[Item, ...], str]:
    if end - start > MAX_LIST_CHARS:
        return (), ""
    body = text[start:end]
    if "、" in body:
        separator, splitter = "、", re.compile("、")
        # The clause after the last item ("、C，共计…") is not part of item C.
        last = body.rfind("、")
        tail_cut = _CLAUSE_COMMA.search(body[last:])
        if tail_cut:
            body = body[: last + tail_cut.start()]
    else:
        # Lists joined by commas; texts that lost full-width punctuation use ASCII ones.
        separator, splitter = "，", _CLAUSE_COMMA
    cuts = []
    for cut in splitter.finditer(body):
        cuts.append(cut)
        if len(cuts) >= MAX_LIST_ITEMS:
            return (), separator
    items, pos = [], 0
    for stop in [*cuts, None]:
        piece_end = stop.start() if stop else len(body)
        piece = body[pos:piece_end]
        stripped = piece.strip(" \u3000\t\n")
        if stripped:
            item_start = start + pos + piece.index(stripped[0])
            item_end = item_start + len(stripped)
            low, high = bisect_left(amount_starts, item_start), bisect_left(amount_starts, item_end)
            inside = tuple(a for a in amounts[low:high] if a.end <= item_end)
            items.append(Item(item_start, item_end, stripped, inside))
        pos = stop.end() if stop else len(body)
    return tuple(items), separator


def _declared(text: str, trigger_start: int, counts: list[Count], count_ends: list[int]) -> Count | None:
    """The count that announces the list: '8个，分别为' or '8个分别为'."""
    # The last count ending at or before the trigger (count ends increase, as counts do not overlap).
    index = bisect_right(count_ends, trigger_start) - 1
    if index < 0:
        return None
    count = counts[index]
    return count if _GAP.fullmatch(text, count.end, trigger_start) else None

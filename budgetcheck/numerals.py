"""Numbers as written in Chinese texts: full-width digits, Chinese numerals, money formatting."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Full-width digits and point fold to ASCII one character for one, so offsets
# found in the folded text are offsets in the original.
_WIDTH_TABLE = {0xFF10 + i: ord("0") + i for i in range(10)}
_WIDTH_TABLE.update({0xFF0E: ord("."), 0xFFE5: ord("¥")})

CHINESE_DIGITS = "零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
CHINESE_UNITS = "十拾百佰千仟万萬亿億"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + CHINESE_UNITS

# Variants cn2an's strict mode does not know, mapped to ones it does.
_CN2AN_FIXES = str.maketrans({"两": "二", "〇": "零", "貳": "贰", "參": "叁", "陸": "陆", "萬": "万", "億": "亿"})

UNIT_FACTORS = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "千万元": Decimal(10_000_000),
    "亿元": Decimal(100_000_000),
}


_WIDE = re.compile("[\uFF10-\uFF19\uFF0E\uFFE5]")
_NARROW = {chr(wide): chr(narrow) for wide, narrow in _WIDTH_TABLE.items()}


def fold_width(text: str) -> str:
    """Full-width digits → ASCII, same length."""
    # Replacing just the wide characters beats str.translate, which looks up every character.
    return _WIDE.sub(lambda m: _NARROW[m[0]], text) if _WIDE.search(text) else text


def parse_arabic(number: str) -> Decimal | None:
    """'50,000.00' → Decimal('50000.00'); None if not a number."""
    try:
        return Decimal((number if number.isascii() else fold_width(number)).replace(",", ""))
    except InvalidOperation:
        return None


_SMALL_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
_SMALL = re.compile(r"([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)")


def small_chinese_number(numeral: str) -> int | None:
    """'八' → 8, '十九' → 19, '二十一' → 21: section numbers and counts, without cn2an."""
    match = _SMALL.fullmatch(numeral)
    if not match or not numeral:
        return None
    tens, ten, ones = match.groups()
    if tens and not ten and ones:
        return None  # "二三" is no number
    if ten:
        return _SMALL_DIGITS.get(tens, 1) * 10 + _SMALL_DIGITS.get(ones, 0)
    return _SMALL_DIGITS[tens or ones]


def parse_chinese(numeral: str) -> Decimal | None:
    """'贰万伍仟' → Decimal(25000); None if it is not a well-formed numeral.

    cn2an is imported here, not at module load: it takes a noticeable share of
    start-up and most texts never write a number in Chinese.
    """
    small = small_chinese_number(numeral)
    if small is not None:
        return Decimal(small)
    import cn2an  # noqa: PLC0415 - deliberate lazy import

    try:
        value = cn2an.cn2an(numeral.translate(_CN2AN_FIXES), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def format_money(value: Decimal) -> str:
    """Decimal yuan → '150,035,000.00'."""
    return f"{value:,.2f}"


def format_number(value: Decimal) -> str:
    """A count or plain quantity: no grouping, no trailing zeros."""
    normal = value.normalize()
    return f"{normal:f}"


def common_unit(units: list[str]) -> str:
    """The unit to show a sum in: the writer's, when every amount uses the same one; else 元."""
    return units[0] if units and len(set(units)) == 1 and units[0] in UNIT_FACTORS else "元"


def sum_expression(parts: list[Decimal], total: Decimal | None = None, unit: str = "元") -> str:
    """'25,000.00 + 10,000.00 = 35,000.00 ≠ 50,000.00' — the arithmetic shown to users.

    Values are yuan; with another ``unit`` they are shown in it ('1,757.63 + … ≠ 6,330.91（万元）').
    """
    show = format_money if unit == "元" else (lambda v: f"{(v / UNIT_FACTORS[unit]).normalize():,f}")
    added = sum(parts, Decimal(0))
    left = " + ".join(show(p) for p in parts)
    expression = f"{left} = {show(added)}" if len(parts) > 1 else show(added)
    if not (total is None or (added == total and len(parts) > 1)):
        expression += f" {'=' if added == total else '≠'} {show(total)}"
    return expression if unit == "元" else f"{expression}（{unit}）"


def exact_money(value: Decimal) -> str:
    """Decimal yuan for machines, exact and at least to the fen: '50000.00', '0.125'."""
    return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else f"{value:f}"

"""Numbers as written in Chinese texts: full-width digits, Chinese numerals, money formatting."""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation

from budgetcheck import deferred_re

# Full-width digits and point fold to ASCII one character for one, so offsets
# found in the folded text are offsets in the original.
# Sums and comparisons of money run in this context (``decimal.localcontext(ARITHMETIC)``):
# exact for amounts of up to 200 digits, where the default 28 would round a 30-digit amount
# and make a consistent sum look wrong.
ARITHMETIC = Context(prec=200)

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


_WIDE = deferred_re.compile("[\uFF10-\uFF19\uFF0E\uFFE5]")
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


# Standard forms, one character each: capitals and variants fold to the everyday digits and units.
_STANDARD = str.maketrans("〇两壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億", "零二一二二三三四五六六七八九十百千万亿")
_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")}
_SMALL_UNITS = {"千": 1000, "百": 100, "十": 10}
_LOWER = deferred_re.compile("[一二两三四五六七八九十百千]")
_CAPITAL = deferred_re.compile("[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]")


def parse_chinese(numeral: str) -> Decimal | None:
    """'贰万伍仟' → Decimal(25000); None if it is not a well-formed numeral.

    Numerals in the standard written form are read here; anything else goes to
    cn2an's strict mode, which decides. cn2an is imported only then: importing it
    compiles patterns for features we do not use and costs a one-file run about a
    quarter of a second. The tests check that both readings agree.
    """
    standard = standard_chinese_number(numeral)
    return standard if standard is not None else _cn2an_strict(numeral)


def standard_chinese_number(numeral: str) -> Decimal | None:
    """The standard form only: sections split by 亿 and 万, 千百十 in order, 零 for gaps, 点 decimals."""
    if _LOWER.search(numeral) and _CAPITAL.search(numeral):
        return None  # "一仟四拾": mixed forms are no written numeral
    integer, point, fraction = numeral.translate(_STANDARD).partition("点")
    if point and not (fraction and all(c in _DIGIT_VALUES for c in fraction) and not fraction.endswith("零")):
        return None
    value = _integer(integer)
    if value is None:
        return None
    return Decimal(f"{value}.{''.join(str(_DIGIT_VALUES[c]) for c in fraction)}") if point else Decimal(value)


def chinese_integer(numeral: str) -> int | None:
    """'八' → 8, '十九' → 19: item and section numbers, in the standard form only."""
    value = standard_chinese_number(numeral)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _integer(numeral: str) -> int | None:
    high, yi, rest = numeral.rpartition("亿")
    middle, wan, low = rest.rpartition("万")
    parts = [(high, yi, 10**8), (middle, wan, 10**4), (low, "", 1)]
    value, previous = 0, 0  # previous: the factor of the last section written
    for text, marker, factor in parts:
        if marker and not text:
            return None  # "亿" or "万" with nothing before it
        if not text:
            continue
        # "七亿零五千": a section skipped in between is written as 零, like a gap inside one.
        if previous and previous != factor * 10**4 and not text.startswith("零"):
            return None
        section = _section(text, leading=not previous, after_higher=bool(previous))
        if section is None or (marker and section == 0):
            return None
        value, previous = value + section * factor, factor
    return value if previous else None


def _section(text: str, leading: bool, after_higher: bool) -> int | None:
    """A number below 10,000: '三千零五十' → 3050; '十五' only at the very start."""
    if text == "零":
        return None if after_higher else 0
    gap = text.startswith("零")
    if gap and not after_higher:
        return None
    value = _digits_and_units(text[1:] if gap else text, leading)
    # Below a higher section the written form is "一万零五百" or "一万五千"; anything else
    # ("一万五百", "一亿五万") is left to cn2an, which accepts some of it.
    if value is None or (after_higher and gap != (value < 1000)):
        return None
    return value


def _digits_and_units(text: str, leading: bool) -> int | None:
    value, last_unit, digit, zero = 0, 10_000, None, False
    for char in text:
        if char in _DIGIT_VALUES:
            if digit is not None or (char == "零" and (zero or last_unit == 10_000)):
                return None
            digit, zero = (None, True) if char == "零" else (_DIGIT_VALUES[char], zero)
        elif char in _SMALL_UNITS:
            unit = _SMALL_UNITS[char]
            if unit >= last_unit or (digit is None and not (unit == 10 and leading and value == 0 and not zero)):
                return None
            if last_unit != 10_000 and zero == (last_unit // 10 == unit):
                return None  # "一千零百" has a 零 too many, "二千一十" one too few
            value, last_unit, digit, zero = value + (digit or 1) * unit, unit, None, False
        else:
            return None
    if digit is not None:
        if (not zero and last_unit not in (10_000, 10)) or (zero and last_unit < 100):
            return None  # "三百五" is speech and "十零四" no number: let cn2an decide
        value += digit
    elif zero:
        return None  # a trailing 零
    return value


def _cn2an_strict(numeral: str) -> Decimal | None:
    import cn2an

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

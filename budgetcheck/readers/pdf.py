"""PDF: the text layer read character by character with PDFium, put back into blocks.

A PDF has no paragraphs, tables or headings, only characters placed on a page.
This reader groups the characters into lines (by baseline), splits a line into
cells where a ruling line of the page or a wide gap separates them, and then
rebuilds the document: ruled grids and runs of aligned, numeric lines become
table rows; a line that runs to the right margin continues on the next one
unless that one is indented or starts a numbered item ("…会议费15,000.\\n00万元"
reads as one sum again); short lines on their own become headings; the lines
of a 目录 page are its entries. Running headers and footers, page numbers and
small-type footnotes at a page's bottom are kept apart as page furniture.

Spaces: a gap of a quarter of a character or more between two characters is a
space, as the text layer itself says nothing else. Chinese has no spaces
between words, so a space between two CJK characters, or between a digit and a
CJK character, is layout (justification, "2026 年") and is dropped; a space
before full-width punctuation ("工作部门 ，") is kept, since it is a slip in the
document a reviewer wants to see.

pypdfium2 (PDFium) is used because it gives each character's box in C at a
fraction of pdfminer's cost, and its licences (Apache-2.0/BSD-3) fit MIT.
"""

from __future__ import annotations

import ctypes
import re
import struct
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from math import isfinite
from operator import itemgetter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budgetcheck import deferred_re, limits
from budgetcheck.blocks import Block, BlockKind, FurnitureKind, origin
from budgetcheck.readers import TextBuilder
from budgetcheck.source import InputError, Source

_DASHES = r"[\s—－\-–_·•]*"
PAGE_NUMBER = deferred_re.compile(
    rf"^{_DASHES}(?:第\s*\d{{1,4}}\s*页(?:\s*[，,/]?\s*共\s*\d{{1,4}}\s*页)?"
    rf"|\d{{1,4}}(?:\s*/\s*\d{{1,4}})?"
    rf"|(?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?){_DASHES}$",
    re.IGNORECASE,
)
# Numbering at the start of a line, with the heading level each style usually has.
_NUMBERING = (
    (deferred_re.compile(r"^第[一二三四五六七八九十百\d]{1,4}[章部分节篇]{1,2}"), 1),
    (deferred_re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]"), 1),
    (deferred_re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]"), 2),
    (deferred_re.compile(r"^\d{1,2}\s*[.．、](?!\d)"), 3),
    (deferred_re.compile(r"^[（(]\d{1,2}[)）]"), 4),
    (deferred_re.compile(r"^[①-⑳]"), 4),
)
# A line that starts a new paragraph even when not indented: numbering, or the text heading.
_STARTS_BLOCK = deferred_re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.．、](?!\d)|[①-⑳])"
    r"|(?:19|20)\d{2}\s*年[^\n]*项目文本\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*$"  # a text heading (its year on this line)
)
_SENTENCE_END = tuple("。；;！!？?，,：:")
_IDEOGRAPH = r"\u3400-\u9fff\uf900-\ufaff"
_FULLWIDTH_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’"
# A layout space: between two ideographs, or an ideograph and a digit (either way).
_LAYOUT_SPACE = deferred_re.compile(
    rf"(?<=[{_IDEOGRAPH}{_FULLWIDTH_PUNCT}]) +(?=[{_IDEOGRAPH}\d])|(?<=\d) +(?=[{_IDEOGRAPH}])"
)
_NUMERIC = deferred_re.compile(r"^[-−(（]?[\d,，]*\d(?:\.\d+)?[)）]?%?$")
# A footnote starts with its mark; "注：" under a table is the table's own note and stays in the text.
_FIRST_WORD = deferred_re.compile(r"[0-9A-Za-z.,%‰\-]+")
_FOOTNOTE_MARK = deferred_re.compile(r"^\s*(?:[①-⑳]|[¹²³⁴-⁹]|\d{1,2}(?![\d.,，．、])|\*|※)")
_BLANKS = frozenset((0xFFFE, 0xFFFF, 0x3000, 0xA0))
_SUPERSCRIPT_MARKS = set("0123456789¹²³⁴⁵⁶⁷⁸⁹⁰①②③④⑤⑥⑦⑧⑨⑩*")


# A character on the page, as a plain tuple (a page has thousands, and a tuple is made and read
# several times faster than an object): (middle, x0, x1, base, size, space, text), where base is the
# baseline measured down from the top of the page, size the font size in points after the text
# matrix, middle = base - 0.35 size (lines are formed in this order; the em box runs from
# base - 0.85 size to base + 0.15 size), and space says the text layer has a space just before it.
Glyph = tuple[float, float, float, float, float, bool, str]
_MID, _X0, _X1, _BASE, _SIZE, _SPACE, _CHAR = range(7)


@dataclass(slots=True)
class Run:
    """A stretch of a line between two cell boundaries (a ruling line or a wide gap)."""

    text: str
    x0: float
    x1: float


@dataclass(slots=True)
class Line:
    runs: list[Run]
    x0: float
    x1: float
    base: float
    size: float
    text: str = ""  # the runs' texts joined by spaces (set once the runs are cut)
    left: float = 0.0  # the text block's margins on pages of this line's format (set before blocks are built)
    right: float = 0.0
    marks: int = 0  # footnote marks (raised small digits) taken out of the line
    ruled: bool = False  # split at the page's ruling lines (it stands inside a grid)
    crossing: list[float] = field(default_factory=list)  # the x of the vertical rules crossing it, sorted
    table: int = 0
    row: int = 0
    header: bool = False
    cells: list[tuple[str, int, int]] = field(default_factory=list)  # (text, column, span)


@dataclass(slots=True)
class Rules:
    """A page's ruling lines: vertical ones as (x, top, bottom), horizontal as (y, x0, x1)."""

    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    # The vertical rules by band of the page's height, built on the first question (every line of
    # the page asks, and a ruled page has hundreds of rules); rules of no finite extent in ``[None]``.
    _bands: dict[int | None, list[tuple[float, float, float]]] | None = field(default=None, repr=False, compare=False)

    def verticals_at(self, line: Line) -> list[float]:
        """The x of each vertical rule crossing the line's middle."""
        if not self.vertical:  # a page of prose
            return []
        middle = line.base - 0.35 * line.size
        if self._bands is None:
            self._bands = _bands(self.vertical)
        if isfinite(middle):
            candidates = self._bands.get(int(middle // _BAND), []) + self._bands.get(None, [])
        else:
            candidates = self.vertical
        return sorted([x for x, top, bottom in candidates if top - 1 <= middle <= bottom + 1])

    def horizontal_between(self, upper: float, lower: float, x0: float, x1: float) -> bool:
        return any(upper < y < lower and a < x1 and b > x0 for y, a, b in self.horizontal)


_BAND = 20.0  # points


def _bands(vertical: list[tuple[float, float, float]]) -> dict[int | None, list[tuple[float, float, float]]]:
    """Each rule under every band its extent (one point beyond each end) touches."""
    bands: dict[int | None, list[tuple[float, float, float]]] = {}
    for rule in vertical:
        _, top, bottom = rule
        if isfinite(top) and isfinite(bottom):
            for band in range(int((top - 1) // _BAND), int((bottom + 1) // _BAND) + 1):
                bands.setdefault(band, []).append(rule)
        else:
            bands.setdefault(None, []).append(rule)
    return bands


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: Rules
    blank: bool = False  # no character and no picture on it: nothing a reader could see


def read(data: bytes, path: str) -> Source:
    pages = _extract(data)
    if not any(page.lines for page in pages):
        raise InputError("scanned PDF, no text layer (run OCR first)")
    out = _Builder()
    strip_furniture(pages, out)
    if not any(page.lines for page in pages):
        raise InputError("no text in this PDF besides running headers and page numbers")
    number_tables(pages)
    _emit(pages, out)
    out.layout.pages = len(pages)
    out.layout.blank_pages = [page.number for page in pages if page.blank]
    return out.source(path, "pdf")


# --- characters, rules and lines -------------------------------------------------------------


def _extract(data: bytes) -> list[Page]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError("encrypted PDF; cannot read it without the password") from None
        raise InputError(f"not a readable PDF ({exc})") from None
    try:
        if len(document) > limits.current().max_pages:
            raise limits.over("max-pages", len(document), "pages")
        return [_page(document, index) for index in range(len(document))]
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})") from None
    finally:
        document.close()


def _page(document, index: int) -> Page:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            glyphs = _glyphs(textpage, height)
        finally:
            textpage.close()
        paths, pictured = _paths(page.raw)
        rules = _rules(paths, height) if glyphs else Rules()
        blank = not glyphs and not pictured
    finally:
        page.close()
    return Page(index + 1, width, height, [_split(line, rules) for line in _group(glyphs)], rules, blank)


def _c(function, restype):
    """A PDFium function without argtypes, called with ctypes objects (pointers as c_void_p or byref)
    and small ints: ctypes then converts nothing, and a call costs half as much as a typed one.
    A plain int must never stand for a pointer here: it would be passed as a 32-bit C int."""
    return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, ctypes.c_void_p).value)


class _Handle(ctypes.c_void_p):
    """A pointer result kept as a ctypes object (a bare c_void_p result comes back as an int)."""


_I = ctypes.c_int
_LOOSE_BOX = _c(pdfium_c.FPDFText_GetLooseCharBox, _I)
_ORIGIN = _c(pdfium_c.FPDFText_GetCharOrigin, _I)
_FONT_SIZE = _c(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_MATRIX = _c(pdfium_c.FPDFText_GetMatrix, _I)
_GENERATED = _c(pdfium_c.FPDFText_IsGenerated, _I)
# FS_RECTF's four floats (left, top, right, bottom) in one call: a ctypes field read costs more than the C call
_RECT = struct.Struct("4f").unpack_from


def _glyphs(textpage, height: float) -> list[Glyph]:
    """The page's characters, spaces and exact repeats left out (PDFium's generated chars are spaces)."""
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    buffer = ctypes.create_string_buffer(2 * count + 2)
    pdfium_c.FPDFText_GetText(textpage.raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    codes = memoryview(buffer.raw[: 2 * count]).cast("H")  # one UTF-16 unit per character index
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    y = ctypes.c_double()
    box_at, matrix_at, x_at, y_at = ctypes.byref(box), ctypes.byref(matrix), ctypes.byref(ctypes.c_double()), ctypes.byref(y)
    glyphs: list[Glyph] = []
    seen: set[tuple[int, int, int]] = set()
    # Locals: this loop runs once per character, and a global or builtin lookup costs as much as a test.
    append, remember, loose_box, rect, blanks = glyphs.append, seen.add, _LOOSE_BOX, _RECT, _BLANKS
    rounded, character = round, chr
    points, scale = None, 1.0
    height_before, size_before = None, 0.0  # the last glyph's box height and its size
    drop = 0.0  # baseline above the box bottom, for the last box height
    space = False
    for index, code in enumerate(codes):
        if code < 33 or code in blanks:
            # A space of the text layer itself (not one PDFium made up from a gap) is kept as a flag.
            space = space or (code in (32, 0x3000, 0xA0) and not _GENERATED(handle, index))
            continue
        if 0xD800 <= code < 0xE000:
            char = _unpaired(codes, index)
            if not char:
                continue  # the low half of a pair, joined to its high half
        else:
            char = character(code)
        loose_box(handle, index, box_at)
        left, top, right, bottom = rect(box)
        box_height = top - bottom
        if box_height != height_before:  # the baseline sits at the same height in every box of one font and size
            _ORIGIN(handle, index, x_at, y_at)
            drop = y.value - bottom
        y_value = bottom + drop
        key = (code, rounded(left), rounded(y_value))
        if key in seen:  # some exporters draw a page's text twice (bold by overprinting, or a repeat)
            continue
        remember(key)
        if box_height == height_before:  # the loose box is the font's em box: same height, same size
            size = size_before
        else:
            size = _FONT_SIZE(handle, index)
            if size != points:  # the text matrix changes with the font, hardly ever alone
                _MATRIX(handle, index, matrix_at)
                points, scale = size, abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            size = size * scale or box_height
            height_before, size_before = box_height, size
        if right <= left:
            right = left + 0.1
        base = height - y_value
        append((base - 0.35 * size, left, right, base, size, space, char))
        space = False
    return glyphs


def _unpaired(codes, index: int) -> str:
    """A character outside the BMP comes as two UTF-16 halves at two indexes: one character, or U+FFFD for a lone half."""
    code = codes[index]
    after = codes[index + 1] if index + 1 < len(codes) else 0
    before = codes[index - 1] if index else 0
    if code < 0xDC00:
        return chr(0x10000 + ((code - 0xD800) << 10) + (after - 0xDC00)) if 0xDC00 <= after < 0xE000 else "\ufffd"
    return "" if 0xD800 <= before < 0xDC00 else "\ufffd"


def _rules(paths: list[tuple[float, float, float, float, _Handle]], height: float) -> Rules:
    """Thin path objects (and the edges of stroked rectangles) are the ruling lines of tables."""
    rules = Rules()
    for left, bottom, right, top, obj in paths:
        top, bottom = height - top, height - bottom
        if right - left <= 3 and bottom - top > 3:
            rules.vertical.append(((left + right) / 2, top, bottom))
        elif bottom - top <= 3 and right - left > 3:
            rules.horizontal.append(((top + bottom) / 2, left, right))
        elif right - left > 3 and bottom - top > 3 and _stroked(obj):  # a stroked box: a cell
            rules.vertical += [(left, top, bottom), (right, top, bottom)]
            rules.horizontal += [(top, left, right), (bottom, left, right)]
    return rules


_COUNT_OBJECTS = {False: _c(pdfium_c.FPDFPage_CountObjects, _I), True: _c(pdfium_c.FPDFFormObj_CountObjects, _I)}
_OBJECT = {False: _c(pdfium_c.FPDFPage_GetObject, _Handle), True: _c(pdfium_c.FPDFFormObj_GetObject, _Handle)}
_TYPE = _c(pdfium_c.FPDFPageObj_GetType, _I)
_BOUNDS = _c(pdfium_c.FPDFPageObj_GetBounds, _I)
_DRAW_MODE = _c(pdfium_c.FPDFPath_GetDrawMode, _I)
_SEGMENTS = _c(pdfium_c.FPDFPath_CountSegments, _I)


def _stroked(path: _Handle) -> bool:
    """A path drawn with a stroke, of a few segments (a rectangle, not a shape)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    _DRAW_MODE(path, ctypes.byref(fill), ctypes.byref(stroke))
    return bool(stroke.value) and _SEGMENTS(path) <= 6


def _paths(page) -> tuple[list[tuple[float, float, float, float, _Handle]], bool]:
    """Bounds and handle of each path object of the page (inside form XObjects too), and whether it
    draws a picture (a page with no characters but an image is a scan or a chart, not blank).
    Read through the bare C API:
    pypdfium2's object wrappers cost more than the rest of the page, and on pages that draw
    each character as its own text object this loop sees as many objects as characters."""
    found = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    at_left, at_bottom, at_right, at_top = (ctypes.byref(value) for value in (left, bottom, right, top))
    text, path, form, image = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE
    kind_of, bounds = _TYPE, _BOUNDS
    pictured = False
    stack = [(ctypes.cast(page, ctypes.c_void_p), False)]  # (page or form object, is a form)
    while stack:
        parent, is_form = stack.pop()
        get = _OBJECT[is_form]
        for index in range(_COUNT_OBJECTS[is_form](parent)):
            obj = get(parent, index)
            kind = kind_of(obj)
            if kind == text:  # most objects, often one per character
                continue
            if kind == path and bounds(obj, at_left, at_bottom, at_right, at_top):
                found.append((left.value, bottom.value, right.value, top.value, obj))
            elif kind == form and len(stack) < 4:
                stack.append((obj, True))
            elif kind == image:
                pictured = True
    return found, pictured


def _group(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs whose vertical extents overlap by half form a line; lines top to bottom, glyphs left to right."""
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    top = bottom = 0.0
    # min and max written out: this loop runs once per character, and a builtin call costs more than the test
    for glyph in sorted(glyphs, key=_MIDDLE):
        base, size = glyph[3], glyph[4]
        upper, lower = base - 0.85 * size, base + 0.15 * size  # the em box
        height = bottom - top
        overlap = (bottom if bottom < lower else lower) - (top if top > upper else upper)
        if line and overlap >= 0.5 * (size if size < height else height):
            line.append(glyph)
            if upper < top:
                top = upper
            if lower > bottom:
                bottom = lower
        else:
            line = [glyph]
            lines.append(line)
            top, bottom = upper, lower
    return [sorted(line, key=_LEFT) for line in lines]


_MIDDLE = itemgetter(_MID)
_LEFT = itemgetter(_X0)


def _median(values: list[float]) -> float:
    """statistics.median, without its generality."""
    values = sorted(values)
    half = len(values) // 2
    return values[half] if len(values) % 2 else (values[half - 1] + values[half]) / 2


def _split(glyphs: list[Glyph], rules: Rules) -> Line:
    """A line with its runs: split at the ruling lines that cross it, or else at gaps of 1.5 characters."""
    sizes = [g[4] for g in glyphs]
    smallest = min(sizes)
    if smallest == max(sizes):  # one size and one baseline, as most lines: each median is that value
        size = smallest
        bases = [g[3] for g in glyphs]
        base = bases[0] if min(bases) == max(bases) else _median(bases)
    else:
        size = _median(sizes)
        least = 0.9 * size
        base = _median([g[3] for g in glyphs if g[4] >= least])
    if smallest <= 0.75 * size:  # footnote marks to take out (most lines have no small type at all)
        kept = _unmarked(glyphs, base, size)
    else:
        kept = glyphs
    right = kept[0][2]
    for glyph in kept:
        if glyph[2] > right:
            right = glyph[2]
    line = Line([], kept[0][1], right, base, size, marks=len(glyphs) - len(kept))
    line.crossing = crossing = rules.verticals_at(line)
    line.ruled = _framed(line, crossing)
    if line.ruled:
        walls = [x for x in crossing if line.x0 + 1 < x < line.x1 - 1]
        line.runs = _runs(kept, _wall_cuts(kept, walls))
    else:
        line.runs = _runs(kept, None)
    line.text = " ".join([run.text for run in line.runs])
    return line


def _unmarked(glyphs: list[Glyph], base: float, size: float) -> list[Glyph]:
    """The line without its footnote marks (all of it if it is nothing else)."""
    kept: list[Glyph] = []
    for glyph in glyphs:
        if not (glyph[4] <= 0.75 * size and _superscript(glyph, base, size)):
            kept.append(glyph)
        elif kept and glyph[2] > kept[-1][2]:  # the mark's place is no gap: "元¹，" reads "元，"
            last = kept[-1]
            kept[-1] = (last[0], last[1], glyph[2], last[3], last[4], last[5], last[6])
    return kept or glyphs


def _framed(line: Line, walls: list[float]) -> bool:
    """Inside a grid: vertical rules (those crossing the line) at both its ends."""
    return bool(walls) and walls[0] <= line.x0 + 1 and walls[-1] >= line.x1 - 1  # walls are sorted


def _superscript(glyph: Glyph, base: float, size: float) -> bool:
    """A footnote mark: small type raised above the baseline (dropped so "15,000.00元¹" stays a sum)."""
    return glyph[4] <= 0.75 * size and glyph[3] < base - 0.2 * size and glyph[6] in _SUPERSCRIPT_MARKS


def _wall_cuts(glyphs: list[Glyph], walls: list[float]) -> set[int]:
    """Where a run ends (the index of the next glyph): a wall between two glyphs' middles."""
    cuts = set()
    if walls:  # sorted: the first wall right of the left middle is the only one to look at
        middles = [(g[1] + g[2]) / 2 for g in glyphs]
        for i in range(1, len(glyphs)):
            j = bisect_right(walls, middles[i - 1])
            if j < len(walls) and walls[j] < middles[i]:
                cuts.add(i)
    return cuts


def _runs(glyphs: list[Glyph], walls: set[int] | None) -> list[Run]:
    """The line cut into runs, in one pass: at the given cuts (walls), or else at each gap of 1.5
    characters (of the larger of the two); within a run a gap of a quarter character is a space."""
    runs = []
    first = previous = glyphs[0]
    parts = [first[6]]
    for i in range(1, len(glyphs)):
        glyph = glyphs[i]
        size = previous[4] if previous[4] > glyph[4] else glyph[4]
        gap = glyph[1] - previous[2]
        if (i in walls) if walls is not None else gap >= 1.5 * size:
            runs.append(Run(_unspaced("".join(parts)), first[1], previous[2]))
            first, parts = glyph, [glyph[6]]
        else:
            if glyph[5] or gap >= 0.25 * size:
                parts.append(" ")
            parts.append(glyph[6])
        previous = glyph
    runs.append(Run(_unspaced("".join(parts)), first[1], previous[2]))
    return runs


def _unspaced(text: str) -> str:
    """The run without its layout spaces (most runs have no space at all, and a search costs more than the test)."""
    return _LAYOUT_SPACE.sub("", text) if " " in text else text


# --- page furniture ---------------------------------------------------------------------------


def strip_furniture(pages: list[Page], out: TextBuilder) -> None:
    """Move running headers/footers, page numbers and footnotes from the pages to ``out.furniture``."""
    tops = Counter(_shape(line.text) for page in pages for line in page.lines[:2])
    bottoms = Counter(_shape(line.text) for page in pages for line in page.lines[-2:])
    for page in pages:
        where = {"page": page.number}
        for _ in range(2):  # two-line running footers: a page number under a repeated line
            line = page.lines[-1] if page.lines else None
            if line is None or line.base < 0.8 * page.height:
                break
            kind: FurnitureKind | None = "page_number" if PAGE_NUMBER.match(line.text) else "footer" if _repeats(line, bottoms, pages) else None
            if kind is None:
                break
            out.furniture(kind, page.lines.pop().text, where)
        for _ in range(2):  # two-line running headers
            line = page.lines[0] if page.lines else None
            if line is None or line.base > 0.2 * page.height or _starts_text(page.lines[1:2]):
                break
            kind = "page_number" if PAGE_NUMBER.match(line.text) else "header" if _repeats(line, tops, pages) else None
            if kind is None:
                break
            out.furniture(kind, page.lines.pop(0).text, where)
    body = _body_size(pages)
    for page in pages:
        for line in _footnotes(page, body):
            out.furniture("footnote", line.text, {"page": page.number})


def _shape(text: str) -> str:
    """A line with its numbers blanked: 'Page 3' and 'Page 4' repeat as the same footer."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _repeats(line: Line, counts: Counter, pages: list[Page]) -> bool:
    seen = counts[_shape(line.text)]
    return seen >= 2 and 2 * seen >= len(pages)


def _starts_text(following: list[Line]) -> bool:
    """A repeated top line above a heading that starts with the year is that text's department."""
    return bool(following) and bool(re.match(r"\s*(?:19|20)\d{2}\s*年.*项目文本", following[0].text))


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _footnotes(page: Page, body: float) -> list[Line]:
    """Small-type lines at the bottom of a page whose first line starts with a note mark."""
    start = len(page.lines)
    while start > 0 and page.lines[start - 1].size <= 0.85 * body and not page.lines[start - 1].ruled:
        start -= 1
    notes = page.lines[start:]
    if not notes or start == 0 or not _FOOTNOTE_MARK.match(notes[0].text):
        return []
    separator = any(notes[0].base - 3 * notes[0].size < y < notes[0].base - notes[0].size and b - a < 0.4 * page.width
                    for y, a, b in page.rules.horizontal)
    if not separator and not any(line.marks for line in page.lines[:start]):
        return []
    del page.lines[start:]
    return notes


# --- tables -----------------------------------------------------------------------------------


def number_tables(pages: list[Page]) -> None:
    """Mark table rows: lines inside a ruled grid, or runs of split lines with figures; number the tables."""
    table = 0
    for page in pages:
        for group in _table_groups(page.lines):
            table += 1
            rows = _rows(group, page.rules)
            edges = _columns(group) if group[0].ruled else []
            header = any(_has_number(row) for row in rows)
            for number, row in enumerate(rows, 1):
                header = header and not _has_number(row)
                for line in row:
                    line.table, line.row, line.header = table, number, header
                row[0].cells = _cells(row, edges)


def _table_groups(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines + [None]:
        if line is not None and (line.ruled or len(line.runs) >= 2):
            if current and current[-1].ruled != line.ruled:
                groups.append(current)
                current = []
            current.append(line)
            continue
        if current and _is_table(current):
            groups.append(current)
        current = []
    return [group for group in groups if _is_table(group)]


def _is_table(group: list[Line]) -> bool:
    if group[0].ruled:
        return any(len(line.runs) >= 2 for line in group)
    numeric = any(_NUMERIC.match(run.text) for line in group for run in line.runs)
    return numeric and (len(group) >= 2 or len(group[0].runs) >= 3)


def _has_number(row: list[Line]) -> bool:
    return any(_NUMERIC.match(run.text) for line in row for run in line.runs)


def _rows(group: list[Line], rules: Rules) -> list[list[Line]]:
    """Lines of one grid row (a cell's text wrapped) stay together: only a horizontal rule ends a row."""
    rows = [[group[0]]]
    for line in group[1:]:
        previous = rows[-1][-1]
        same = line.ruled and previous.ruled and not rules.horizontal_between(
            previous.base, line.base - 0.7 * line.size, max(line.x0, previous.x0) - 1, min(line.x1, previous.x1) + 1)
        if same and line.base - previous.base < 2.5 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _cells(row: list[Line], edges: list[float]) -> list[tuple[str, int, int]]:
    """(text, column, span) of each cell; a ruled grid's columns are its rules, empty cells included."""
    if not edges:
        return [(run.text, column, 1) for column, run in enumerate(row[0].runs)]
    texts: dict[int, list[str]] = {}
    spans: dict[int, int] = {}
    for line in row:
        for run in line.runs:
            first = max(0, _index(edges, run.x0 + 1) - 1)
            last = max(first + 1, min(len(edges) - 1, _index(edges, run.x1 - 1)))
            texts.setdefault(first, []).append(run.text)
            spans[first] = max(spans.get(first, 1), last - first)
    cells, column = [], 0
    while column < len(edges) - 1 or column in texts:
        span = spans.get(column, 1)
        cells.append((_join(texts.get(column, [])), column, span))
        column += span
    return cells


def _columns(group: list[Line]) -> list[float]:
    """A grid's column edges: the vertical rules crossing its lines, those within 2 pt as one."""
    xs = sorted(x for line in group for x in line.crossing)
    edges: list[float] = []
    for x in xs:
        if not edges or x - edges[-1] > 2:
            edges.append(x)
    return edges


def _index(edges: list[float], x: float) -> int:
    """How many edges lie left of x (the edges are sorted)."""
    return bisect_left(edges, x)


# --- blocks -----------------------------------------------------------------------------------


class _Builder(TextBuilder):
    def block_of(self, kind: BlockKind, pieces: list[tuple[str, int]], *, level: int = 0, number: str = "") -> None:
        """One block written from pieces on several pages, each piece remembering its page."""
        start = self._length
        for text, page in pieces:
            self.write(text, {"page": page})
        self.layout.blocks.append(Block(kind, start, self._length, origin(page=pieces[0][1]), level=level, number=number))
        self.end_line()


def _emit(pages: list[Page], out: _Builder) -> None:
    _set_margins(pages)
    layout = _Layout(_body_size(pages), _toc_lines(pages))
    paragraph: list[tuple[Line, int]] = []  # the lines of the block being built, with their pages
    for page in pages:
        for line in page.lines:
            if line.table:
                _flush(out, paragraph, layout)
                paragraph = []
                if line.cells:  # the first line of a grid row carries the whole row
                    out.row([c[0] for c in line.cells], {"page": page.number}, table=line.table, row=line.row,
                            header=line.header, spans=[c[2] for c in line.cells])
                continue
            if paragraph and not layout.continues(paragraph[-1][0], line):
                _flush(out, paragraph, layout)
                paragraph = []
            paragraph.append((line, page.number))
    _flush(out, paragraph, layout)


@dataclass(slots=True)
class _Layout:
    size: float  # the body text's font size
    toc: set[int]  # ids of the lines of a 目录

    def continues(self, line: Line, following: Line) -> bool:
        if id(line) in self.toc or id(following) in self.toc:
            return False
        return _continues(line, following)


def _flush(out: _Builder, paragraph: list[tuple[Line, int]], layout: _Layout) -> None:
    if not paragraph:
        return
    pieces = []
    for (line, page), (following, _) in zip(paragraph, paragraph[1:] + [(None, 0)]):
        pieces.append((line.text, page))
        # A word wrapped between Latin letters gets its space back; Chinese and numbers join as they are.
        if following is not None and _ascii_word(line.text[-1:]) and _ascii_word(following.text[:1]):
            pieces.append((" ", page))
    first, last = paragraph[0][0], paragraph[-1][0]
    text = "".join(piece for piece, _ in pieces)
    kind, level, number = _classify(text, first, last, layout)
    out.block_of(kind, pieces, level=level, number=number)


def _classify(text: str, first: Line, last: Line, layout: _Layout) -> tuple[BlockKind, int, str]:
    left, right, size = first.left, first.right, layout.size
    level, number = _numbering(text)
    if id(first) in layout.toc:
        return "toc_entry", level, number
    short = len(text) <= 40 and not text.rstrip().endswith(_SENTENCE_END)
    large = first.size >= 1.15 * size
    centred = first.x0 > left + 3 * first.size and abs((first.x0 + last.x1) / 2 - (left + right) / 2) < 2 * first.size
    if (number and short and first is last) or (number and short and large):
        return "heading", level, number
    if number:
        return "list_item", level, number
    if short and (large or centred):
        return "heading", 1 if large else 0, ""
    return "paragraph", 0, ""


def _numbering(text: str) -> tuple[int, str]:
    for pattern, level in _NUMBERING:
        match = pattern.match(text)
        if match:
            return level, match.group(0).replace(" ", "")
    return 0, ""


def _toc_lines(pages: list[Page]) -> set[int]:
    """Lines of a 目录: the title "目录" and every line below it on its page (and on a page that only continues it)."""
    found: set[int] = set()
    continuing = False
    for page in pages:
        lines = [line for line in page.lines if not line.table]
        at = next((i for i, line in enumerate(lines) if re.sub(r"\s", "", line.text) in ("目录", "目次")), None)
        if at is not None:
            found.update(id(line) for line in lines[at:])
            continuing = True
        elif continuing and lines and all(_toc_like(line) for line in lines):
            found.update(id(line) for line in lines)
        else:
            continuing = False
    return found


def _toc_like(line: Line) -> bool:
    text = line.text
    return (bool(_numbering(text)[1]) or bool(re.search(r"[.…·]{3,}\s*\d+$", text))) and line.x1 < line.right - 2 * line.size \
        and not text.endswith(_SENTENCE_END)


def _set_margins(pages: list[Page]) -> None:
    """Margins per page format: a landscape table page has other margins than the portrait text pages."""
    formats: dict[tuple[int, int], list[Page]] = {}
    for page in pages:
        formats.setdefault((round(page.width), round(page.height)), []).append(page)
    for group in formats.values():
        left, right = _margins([line for page in group for line in page.lines if not line.table])
        for page in group:
            for line in page.lines:
                line.left, line.right = left, right


def _margins(lines: list[Line]) -> tuple[float, float]:
    """The text block's left edge and right margin: where enough lines end, not the widest line."""
    if not lines:
        return 0.0, 0.0
    left = min(line.x0 for line in lines)
    ends = sorted(line.x1 for line in lines)
    size = sorted(line.size for line in lines)[len(lines) // 2]
    enough = max(2, len(ends) // 20)
    for end in reversed(ends):
        if sum(1 for e in ends if e >= end - size) >= enough:
            return left, end
    return left, ends[-1]


def _continues(line: Line, following: Line) -> bool:
    if abs(line.size - following.size) > 0.15 * line.size:
        return False
    if _centred_pair(line, following):
        return True
    # Full: the next line's first word (a number, a Latin word) would not have fitted at this line's end.
    word = _FIRST_WORD.match(following.text)
    full = line.x1 + (len(word.group(0)) * 0.55 * line.size if word else 0) >= line.right - 2.5 * line.size
    indented = following.x0 > following.left + 0.5 * following.size
    return full and not indented and not _STARTS_BLOCK.search(following.text)


def _centred_pair(line: Line, following: Line) -> bool:
    """A centred title wrapped onto a second centred line, close below it."""
    centred = all(abs((x.x0 + x.x1) / 2 - (x.left + x.right) / 2) < 2 * x.size for x in (line, following))
    centred = centred and following.x0 > following.left + 3 * following.size
    return centred and following.base - line.base < 2.2 * line.size and not line.text.endswith(_SENTENCE_END)


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _join(parts: list[str]) -> str:
    return _LAYOUT_SPACE.sub("", " ".join(parts)) if len(parts) > 1 and any(_ascii_word(p[-1:]) for p in parts) else "".join(parts)

"""PDF highlights on the exact words of each finding, each with its note as the highlight's text.

The reader rebuilt lines, tables and paragraphs from characters placed on the page,
so a finding's span in the extracted text is found again on its page: the page's
characters in text-layer order, spaces left out (the reader adds and drops spaces
by layout), are searched for the finding's words, also spaces left out. Where the
words occur more than once on the page, the characters around them in the
extracted text pick the occurrence; a raised footnote mark that the reader took
out of a sentence is skipped on a second try. The matched characters' boxes
give one quadrilateral per line of the highlight.

The annotations are written with PDFium's own annotation API (pypdfium2, which
reads the PDFs already): no further dependency, and an incremental save, so the
reviewed copy is the original file byte for byte with an update appended. A
finding whose words cannot be found on its page (text drawn in an order the
search does not follow) still gets its note, as a sticky note at the page's top
left corner that quotes the words.
"""

from __future__ import annotations

import ctypes
import io
from bisect import bisect_right
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budgetcheck import deferred_re
from budgetcheck.annotate.spans import AUTHOR, note, offsets
from budgetcheck.findings import Finding, Severity
from budgetcheck.source import InputError, Source

_SPACE = deferred_re.compile(r"\s+")
_BLANKS = frozenset((0xFFFE, 0xFFFF, 0x3000, 0xA0))
_MARKS = frozenset("0123456789¹²³⁴⁵⁶⁷⁸⁹⁰①②③④⑤⑥⑦⑧⑨⑩*※")
_CONTEXT = 24  # characters of context on each side that choose between repeated words
COLORS = {Severity.ERROR: (255, 110, 110), Severity.WARNING: (255, 205, 0), Severity.INFO: (120, 190, 255)}
Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space


def annotate_pdf(data: bytes, source: Source, findings: list[Finding]) -> bytes:
    """The PDF with one highlight (or, failing that, a sticky note) per finding and page it spans."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})") from None
    pages = _Pages(document, source)
    try:
        for number, finding in enumerate(findings, 1):
            _annotate(pages, source, finding, f"budgetcheck-{number}")
    finally:
        pages.close()
    buffer = io.BytesIO()
    try:
        document.save(buffer, flags=pdfium_c.FPDF_INCREMENTAL)
    except pdfium.PdfiumError:  # a file PDFium cannot update in place is written whole
        buffer = io.BytesIO()
        document.save(buffer)
    finally:
        document.close()
    return buffer.getvalue()


def _annotate(pages: _Pages, source: Source, finding: Finding, name: str) -> None:
    start, end = offsets(source, finding)
    text = note(finding)
    placed = False
    for page_number, piece_start, piece_end in pages.pieces(start, end):
        page = pages.get(page_number)
        if page is None:
            continue
        at = page.locate(source.text, piece_start, piece_end, pages.region(page_number))
        if at is not None:
            _highlight(page, at, text, COLORS[finding.severity], f"{name}-p{page_number}", finding)
            placed = True
    if not placed:
        page = pages.get(finding.data.get("page") or source.origin_at(start).get("page", 1))
        if page is not None:
            quoted = _SPACE.sub("", source.text[start:end])[:40]
            _sticky(page, f"（未能在页面上定位原文“{quoted}”）\n{text}", finding, name)


# --- the pages' characters -------------------------------------------------------------------


@dataclass
class _Page:
    """One page's characters in text-layer order, spaces left out, with their boxes."""

    number: int
    page: pdfium.PdfPage
    width: float
    height: float
    text: str = ""
    boxes: list[Box] = field(default_factory=list)
    small: list[bool] = field(default_factory=list)  # a raised small mark (a footnote reference)

    def locate(self, text: str, start: int, end: int, region: tuple[int, int]) -> list[Box] | None:
        """Boxes of the page characters that show ``text[start:end]``, or None if not found."""
        needle = _squash(text[start:end])
        if not needle:
            return None
        before = _squash(text[max(region[0], start - 3 * _CONTEXT):start])[-_CONTEXT:]
        after = _squash(text[end:min(region[1], end + 3 * _CONTEXT)])[:_CONTEXT]
        rank = _squash(text[region[0]:start]).count(needle)
        for keep in (None, self._unmarked()):
            hay = self.text if keep is None else "".join(self.text[i] for i in keep)
            at = _choose(hay, needle, before, after, rank)
            if at is not None:
                indexes = range(at, at + len(needle)) if keep is None else [keep[i] for i in range(at, at + len(needle))]
                return [self.boxes[i] for i in indexes]
        return None

    def _unmarked(self) -> list[int]:
        return [i for i, small in enumerate(self.small) if not small]


class _Pages:
    """The document's pages, opened when first needed, and the page of each stretch of the text."""

    def __init__(self, document: pdfium.PdfDocument, source: Source) -> None:
        self.document, self.source = document, source
        self.opened: dict[int, _Page] = {}
        origins = source.origins or [(0, {"page": 1})]
        self.starts = [offset for offset, _ in origins]
        self.numbers = [where.get("page", 1) for _, where in origins]

    def pieces(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(page, start, end) of each stretch of the span on one page."""
        found = []
        index = max(0, bisect_right(self.starts, start) - 1)
        while index < len(self.starts) and self.starts[index] < max(end, start + 1):
            upto = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.source.text)
            found.append((self.numbers[index], max(start, self.starts[index]), min(end, upto)))
            index += 1
        return [p for p in found if p[1] < p[2]] or found[:1]

    def region(self, number: int) -> tuple[int, int]:
        """The stretch of the text that came from one page (first to last offset)."""
        spans = [(self.starts[i], self.starts[i + 1] if i + 1 < len(self.starts) else len(self.source.text))
                 for i, n in enumerate(self.numbers) if n == number]
        return (spans[0][0], spans[-1][1]) if spans else (0, len(self.source.text))

    def get(self, number: int) -> _Page | None:
        if number not in self.opened:
            if not 1 <= number <= len(self.document):
                return None
            self.opened[number] = _read_page(self.document[number - 1], number)
        return self.opened[number]

    def close(self) -> None:
        for page in self.opened.values():
            page.page.close()


def _read_page(page: pdfium.PdfPage, number: int) -> _Page:
    width, height = page.get_size()
    out = _Page(number, page, width, height)
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        box = pdfium_c.FS_RECTF()
        chars, seen = [], set()
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            if code < 33 or code in _BLANKS:
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(box))
            key = (code, round(box.left), round(box.bottom))
            if key in seen:  # text drawn twice (bold by overprinting): the reader reads it once
                continue
            seen.add(key)
            chars.append((chr(code), (box.left, box.bottom, box.right, box.top)))
    finally:
        textpage.close()
    out.text = "".join(ch for ch, _ in chars)
    out.boxes = [b for _, b in chars]
    out.small = _small_marks(chars)
    return out


def _small_marks(chars: list[tuple[str, Box]]) -> list[bool]:
    """Digits and marks in a box much smaller than the character before them: footnote references."""
    small = [False] * len(chars)
    for i in range(1, len(chars)):
        ch, (_, bottom, _, top) = chars[i]
        _, (_, before_bottom, _, before_top) = chars[i - 1]
        small[i] = ch in _MARKS and (top - bottom) < 0.75 * (before_top - before_bottom) and bottom > before_bottom
    return small


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _choose(hay: str, needle: str, before: str, after: str, rank: int) -> int | None:
    """Where ``needle`` occurs in ``hay``: the occurrence whose surroundings match best, else the rank-th."""
    hits, at = [], hay.find(needle)
    while at >= 0:
        hits.append(at)
        at = hay.find(needle, at + 1)
    if len(hits) <= 1:
        return hits[0] if hits else None

    def score(hit: int) -> int:
        left = hay[max(0, hit - len(before)):hit]
        right = hay[hit + len(needle):hit + len(needle) + len(after)]
        return _common_suffix(before, left) + _common_prefix(after, right)

    scores = [score(hit) for hit in hits]
    best = [hit for hit, s in zip(hits, scores) if s == max(scores)]
    # A tie: the occurrence that comes as many times after the page's start as in the extracted text.
    return hits[rank] if rank < len(hits) and hits[rank] in best else best[0]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def line_boxes(boxes: list[Box]) -> list[Box]:
    """One box per line of characters: a character below the line so far, or back to its left, starts a new one."""
    lines: list[list[float]] = []
    for left, bottom, right, top in boxes:
        current = lines[-1] if lines else None
        middle = (bottom + top) / 2
        if current is not None and current[1] <= middle <= current[3] and left >= current[2] - (top - bottom):
            current[0], current[1] = min(current[0], left), min(current[1], bottom)
            current[2], current[3] = max(current[2], right), max(current[3], top)
        else:
            lines.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in lines]


# --- annotations -----------------------------------------------------------------------------


def _highlight(page: _Page, boxes: list[Box], text: str, color: tuple[int, int, int], name: str, finding: Finding) -> None:
    lines = line_boxes(boxes)
    annot = pdfium_c.FPDFPage_CreateAnnot(page.page.raw, pdfium_c.FPDF_ANNOT_HIGHLIGHT)
    if not annot:
        raise InputError("PDFium could not add an annotation to this PDF")
    try:
        pdfium_c.FPDFAnnot_SetColor(annot, pdfium_c.FPDFANNOT_COLORTYPE_Color, *color, 160)
        for left, bottom, right, top in lines:
            # Quadrilateral points as Acrobat writes them: top left, top right, bottom left, bottom right.
            quad = pdfium_c.FS_QUADPOINTSF(left, top, right, top, left, bottom, right, bottom)
            pdfium_c.FPDFAnnot_AppendAttachmentPoints(annot, ctypes.byref(quad))
        rect = pdfium_c.FS_RECTF(min(b[0] for b in lines), max(b[3] for b in lines), max(b[2] for b in lines), min(b[1] for b in lines))
        pdfium_c.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
        _describe(annot, text, finding, name)
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def _sticky(page: _Page, text: str, finding: Finding, name: str) -> None:
    annot = pdfium_c.FPDFPage_CreateAnnot(page.page.raw, pdfium_c.FPDF_ANNOT_TEXT)
    if not annot:
        raise InputError("PDFium could not add an annotation to this PDF")
    try:
        pdfium_c.FPDFAnnot_SetColor(annot, pdfium_c.FPDFANNOT_COLORTYPE_Color, *COLORS[finding.severity], 255)
        rect = pdfium_c.FS_RECTF(12, page.height - 12, 32, page.height - 32)
        pdfium_c.FPDFAnnot_SetRect(annot, ctypes.byref(rect))
        _describe(annot, text, finding, name)
    finally:
        pdfium_c.FPDFPage_CloseAnnot(annot)


def _describe(annot, text: str, finding: Finding, name: str) -> None:
    """The note (Contents, shown in the viewer's popup and comment list), its author, subject and name."""
    for key, value in (("Contents", text), ("T", AUTHOR), ("Subj", f"{finding.code} {finding.rule}"), ("NM", name)):
        _set_string(annot, key, value)
    pdfium_c.FPDFAnnot_SetFlags(annot, pdfium_c.FPDF_ANNOT_FLAG_PRINT)


def _set_string(annot, key: str, value: str) -> None:
    encoded = ctypes.create_string_buffer((value + "\0").encode("utf-16-le"))
    pdfium_c.FPDFAnnot_SetStringValue(annot, key.encode("ascii"), ctypes.cast(encoded, pdfium_c.FPDF_WIDESTRING))

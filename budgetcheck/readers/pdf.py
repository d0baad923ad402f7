"""PDF: the text layer, page by page, with running headers, footers and page numbers left out.

A PDF has no paragraphs, only lines placed on a page, so this reader puts the
paragraphs back: a line that runs to the right margin continues on the next one
unless that one is indented or starts a heading. Otherwise a sum like
"…会议费15,000.\\n00万元" would be cut in two. The topmost and bottommost line of a
page are dropped when they are a page number or repeat on most pages (a running
header or footer). Each stretch of text remembers its page.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from budgetcheck.readers import TextBuilder
from budgetcheck.source import InputError, Source

_DASHES = r"[\s—－\-–_·•]*"
PAGE_NUMBER = re.compile(
    rf"^{_DASHES}(?:第\s*\d{{1,4}}\s*页(?:\s*[，,/]?\s*共\s*\d{{1,4}}\s*页)?"
    rf"|\d{{1,4}}(?:\s*/\s*\d{{1,4}})?"
    rf"|(?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?){_DASHES}$",
    re.IGNORECASE,
)
# A line that starts a new paragraph even when not indented: 一、 （一） 1. and the text heading.
_STARTS_BLOCK = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.．、](?!\d))"
    r"|项目文本\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*$"
)
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    x1: float
    size: float  # the line's height, about one character's width in Chinese
    top: float = 0.0
    table: bool = False  # a table row: cells joined by tabs, never joined to the next line


def read(data: bytes, path: str) -> Source:
    pages = _extract(data)
    if not any(pages):
        raise InputError("scanned PDF, no text layer (run OCR first)")
    return _reflow(strip_running_lines(pages), path)


def _extract(data: bytes) -> list[list[Line]]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page_lines(page) for page in pdf.pages]
    except PDFPasswordIncorrect:
        raise InputError("encrypted PDF; cannot read it without the password") from None
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
            raise InputError("encrypted PDF; cannot read it without the password") from None
        raise InputError(f"not a readable PDF ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds of errors on broken files
        raise InputError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None


def _page_lines(page) -> list[Line]:
    """The page's lines top to bottom; a ruled table's rows become tab-separated lines, as in .docx."""
    tables = page.find_tables()
    lines = []
    for row in page.extract_text_lines(strip=True, return_chars=False):
        middle = (row["top"] + row["bottom"]) / 2
        if any(t.bbox[1] <= middle <= t.bbox[3] and t.bbox[0] <= row["x0"] < t.bbox[2] for t in tables):
            continue
        # Justified Chinese text is spread out; a gap between two characters is not a space.
        text = _CJK_GAP.sub("", row["text"])
        if text.strip():
            lines.append(Line(text, row["x0"], row["x1"], row["bottom"] - row["top"], row["top"]))
    for table in tables:
        lines += _table_lines(table)
    return sorted(lines, key=lambda line: line.top)


def _table_lines(table) -> list[Line]:
    lines = []
    for row, cells in zip(table.rows, table.extract()):
        # A cell's text wraps inside the cell; its lines are one value. Merged cells read as empty.
        text = "\t".join(_CJK_GAP.sub("", (cell or "").replace("\n", "")) for cell in cells)
        if text.strip():
            x0, top, x1, bottom = row.bbox
            lines.append(Line(text, x0, x1, bottom - top, top, table=True))
    return lines


def strip_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop each page's top and bottom line when it is a page number or repeats on most pages."""
    tops = Counter(_shape(p[0].text) for p in pages if p)
    bottoms = Counter(_shape(p[-1].text) for p in pages if p)
    kept = []
    for page in pages:
        page = list(page)
        if page and _running(page[-1].text, bottoms, len(pages)):
            page.pop()
        # A repeated top line above a heading that starts with the year is that text's
        # department (each text starting a page), not a running header.
        if page and _running(page[0].text, tops, len(pages)) and not (len(page) > 1 and _starts_text(page[1].text)):
            page.pop(0)
        kept.append(page)
    return kept


def _shape(text: str) -> str:
    """A line with its numbers blanked: 'Page 3' and 'Page 4' repeat as the same footer."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _running(text: str, counts: Counter, pages: int) -> bool:
    if PAGE_NUMBER.match(text):
        return True
    seen = counts[_shape(text)]
    return seen >= 2 and 2 * seen >= pages


def _starts_text(text: str) -> bool:
    return bool(re.match(r"\s*(?:19|20)\d{2}\s*年.*项目文本", text))


def _reflow(pages: list[list[Line]], path: str) -> Source:
    lines = [line for page in pages for line in page]
    left, right = _margins(lines)
    out = TextBuilder()
    previous: Line | None = None
    for number, page in enumerate(pages, 1):
        for line in page:
            if previous is not None:
                if _continues(previous, line, left, right):
                    if previous.text[-1:].isascii() and previous.text[-1:].isalpha() and line.text[:1].isascii() and line.text[:1].isalpha():
                        out.write(" ", {"page": number})
                else:
                    out.end_line()
            out.write(line.text, {"page": number})
            previous = line
    if previous is not None:
        out.end_line()
    return out.source(path, "pdf")


def _margins(lines: list[Line]) -> tuple[float, float]:
    """The text block's left edge and right margin: where enough lines end, not the widest line."""
    left = min(line.x0 for line in lines)
    ends = sorted(line.x1 for line in lines)
    size = sorted(line.size for line in lines)[len(lines) // 2]
    enough = max(2, len(ends) // 20)
    for end in reversed(ends):
        if len(ends) - bisect_left(ends, end - size) >= enough:
            return left, end
    return left, ends[-1]


def _continues(line: Line, following: Line, left: float, right: float) -> bool:
    if line.table or following.table:
        return False
    full = line.x1 >= right - 1.5 * line.size
    indented = following.x0 > left + 0.5 * following.size
    return full and not indented and not _STARTS_BLOCK.search(following.text)

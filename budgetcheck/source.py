"""Bytes to text: decoding, newline folding and the line index for positions.

Every later stage works on ``Source.text`` by character offset; only this module
knows how offsets map back to the 1-based line and column of the original file.
Newlines are folded to ``\\n`` one for one (``\\r\\n`` → ``\\n``), so line and
column numbers of every visible character are those of the file on disk.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from budgetcheck.blocks import Block, Furniture, Layout, text_blocks
from budgetcheck.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class Source:
    """One decoded input file."""

    path: str
    text: str
    encoding: str
    # Where stretches of the text came from in a .docx or .pdf: ``(offset, {"page": 3})``
    # means from that offset on; sorted by offset. Empty for plain text.
    origins: list[tuple[int, dict[str, int]]] = field(default_factory=list, repr=False)
    # What the reader saw (blocks and page furniture); None for plain text, whose
    # blocks are worked out from its lines when first asked for.
    layout: Layout | None = field(default=None, repr=False)
    # Analyses of the whole file that every text of it shares (its tables' coded rows), worked out once.
    cache: dict = field(default_factory=dict, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The document's blocks in reading order (see ``budgetcheck.blocks``)."""
        # A reader that recorded no blocks (or plain text) gets one block per line.
        return tuple(self.layout.blocks) if self.layout is not None and self.layout.blocks else text_blocks(self.text)

    @cached_property
    def row_spans(self) -> tuple[tuple[int, int], ...]:
        """Spans of table rows and 目录 entries: text that is never a heading or a list item."""
        if (self.layout is None or not self.layout.blocks) and "\t" not in self.text:
            return ()  # a plain text without tabs has no table rows: skip building its blocks
        return tuple((b.start, b.end) for b in self.blocks if b.kind in ("table_row", "toc_entry"))

    def in_row(self, offset: int) -> bool:
        """Whether ``offset`` falls inside a table row or a 目录 entry."""
        spans = self.row_spans
        if not spans:
            return False
        index = bisect_right(spans, (offset, float("inf"))) - 1
        return index >= 0 and spans[index][0] <= offset < max(spans[index][1], spans[index][0] + 1)

    @property
    def furniture(self) -> tuple[Furniture, ...]:
        """Running headers, footers, page numbers and footnotes, kept out of the text."""
        return tuple(self.layout.furniture) if self.layout is not None else ()

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of the start and end (without newline) of a 1-based line."""
        start = self._line_starts[line - 1]
        # The next line's start is just after this line's newline: no need to search for it.
        return start, self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    @cached_property
    def pages(self) -> tuple[int, tuple[tuple[int, int], ...]]:
        """The page count and the blank pages, each as (page number, offset where the text resumes).

        A PDF reader counts its pages; a plain text has pages where a converter left form
        feeds ("\f", as pdftotext does), and none (count 0) without them. A blank page at
        the very end has nowhere to point and is left out.
        """
        if self.layout is not None and self.layout.pages:
            resumes = ((page, self._first_offset_after(page)) for page in self.layout.blank_pages)
            return self.layout.pages, tuple((page, offset) for page, offset in resumes if offset >= 0)
        if "\f" not in self.text:
            return 0, ()
        pieces = self.text.split("\f")
        if not pieces[-1].strip():  # pdftotext ends every page, the last one too, with a form feed
            pieces.pop()
        blanks, start = [], 0
        for number, piece in enumerate(pieces, 1):
            start += len(piece) + 1  # where the next page starts
            if 1 < number < len(pieces) and not piece.strip():
                following = pieces[number]
                blanks.append((number, start + len(following) - len(following.lstrip())))
        return len(pieces), tuple(blanks)

    def _first_offset_after(self, page: int) -> int:
        """Offset of the first text from a page after ``page`` (-1 if none follows)."""
        return next((offset for offset, where in self.origins if where.get("page", 0) > page), -1)

    def origin_at(self, offset: int) -> dict[str, int]:
        """Page or paragraph of the original document at a character offset ({} for plain text)."""
        index = bisect_right(self._origin_offsets, offset) - 1
        return dict(self.origins[index][1]) if index >= 0 else {}

    @cached_property
    def _origin_offsets(self) -> list[int]:
        # asked once per finding: a bisect with a key function calls it at every step
        return [offset for offset, _ in self.origins]


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding name). Raises InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} after its byte-order mark ({exc.reason})") from exc
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError("looks like a binary file (NUL bytes), not a text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode as UTF-8, UTF-16 or GB18030")


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: pick the byte order that yields plausible text, if any."""
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample or len(sample) % 2:
        return None
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(_plausible(ch) for ch in text) / len(text)
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.9 else None


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code < 0x7F
        or ch in "\n\r\t"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
    )


def fold_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: str | Path, display: str | None = None) -> Source:
    """Read and decode one file. Raises InputError with a one-line reason."""
    return text_source(read_bytes(path), display or str(path))


def text_source(data: bytes, display: str) -> Source:
    """Decode the bytes of a plain-text file (or of standard input)."""
    text, encoding = decode(data)
    return Source(path=display, text=fold_newlines(text), encoding=encoding)


def read_bytes(path: str | Path) -> bytes:
    """A regular file's bytes, within ``[limits]`` (see ``budgetcheck.limits``); OS errors become one-line InputErrors."""
    from budgetcheck.limits import read_file

    try:
        return read_file(str(path))
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def source_from_text(text: str, path: str = "<text>") -> Source:
    """A Source for text already in memory (tests, rule examples)."""
    return Source(path=path, text=fold_newlines(text), encoding="utf-8")

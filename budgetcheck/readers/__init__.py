"""Readers turn an input file into a ``Source``, chosen by the file's suffix in one place.

Plain text is decoded by ``budgetcheck.source``. Word, Excel and PDF files have a module
each here with ``read(data, path) -> Source``; their libraries are imported only
when such a file is met, so a run over ``.txt`` files never loads them. A reader
also records where each stretch of text came from (``Source.origins``: the
paragraph of a .docx, the page of a .pdf) so findings can say so.
"""

from __future__ import annotations

import shlex
import sys
from importlib import import_module
from pathlib import PurePath
from types import ModuleType

from budgetcheck import limits
from budgetcheck.blocks import Block, BlockKind, Cell, Furniture, FurnitureKind, Layout, origin
from budgetcheck.source import InputError, Source, read_bytes, text_source

# suffix → reader module (None: plain text) and the package it needs, installed by the
# extra of the same name as the module: pip install 'budgetcheck[docx]'.
READERS: dict[str, tuple[str | None, str | None]] = {
    ".txt": (None, None),
    ".docx": ("docx", "python-docx"),
    ".pdf": ("pdf", "pypdfium2"),
    ".xlsx": ("xlsx", "openpyxl"),
    ".xlsm": ("xlsx", "openpyxl"),
}
# Formats read only once converted: what each is, and the format to convert it to. Folders
# yield them too, so they are reported (with the command that converts them), never skipped.
CONVERT: dict[str, tuple[str, str]] = {
    ".doc": ("an old Word format", "docx"),
    ".wps": ("a WPS Writer format", "docx"),
    ".rtf": ("Rich Text Format", "docx"),
    ".odt": ("an OpenDocument text", "docx"),
    ".xls": ("an old Excel format", "xlsx"),
    ".et": ("a WPS Spreadsheets format", "xlsx"),
    ".ods": ("an OpenDocument spreadsheet", "xlsx"),
}
SUFFIXES = tuple(READERS)
STDIN = "-"


def load(path: str, stdin_name: str | None = None) -> Source:
    """The one way every command reads an input into a document's source: ``read``, and an
    input with no text at all is an error (``empty file``)."""
    source = read(path, stdin_name)
    if not source.text.strip():
        raise InputError("empty file")
    return source


def read(path: str, stdin_name: str | None = None) -> Source:
    """Read one input: a file by its suffix (unknown suffixes as plain text), or ``-`` for stdin."""
    if path == STDIN:
        return from_bytes(limits.read_stream(sys.stdin.buffer), stdin_display(stdin_name))
    return from_bytes(read_bytes(path), path)


def stdin_display(stdin_name: str | None) -> str:
    return stdin_name or "<stdin>"


def from_bytes(data: bytes, path: str) -> Source:
    suffix = PurePath(path).suffix.lower()
    if suffix in CONVERT:
        what, target = CONVERT[suffix]
        raise InputError(f"{suffix} is {what}; convert it first: soffice --headless --convert-to {target} {shlex.quote(path)}")
    module, package = READERS.get(suffix, (None, None))
    if module is None:
        return text_source(data, path)
    return _reader(module, package).read(data, path)


def _reader(name: str, package: str | None) -> ModuleType:
    try:
        return import_module(f"budgetcheck.readers.{name}")
    except ImportError:
        raise InputError(f"reading .{name} files needs {package}: pip install 'budgetcheck[{name}]'") from None


class TextBuilder:
    """Extracted text, block by block, with the origin of each stretch (shared by the readers).

    ``block`` and ``row`` write one block each (a line of the text, or several for a
    paragraph with line breaks) and record it; ``furniture`` keeps page furniture
    apart from the text. ``write``/``end_line`` build a line piece by piece.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.origins: list[tuple[int, dict[str, int]]] = []
        self.layout = Layout()

    def write(self, text: str, where: dict[str, int]) -> None:
        """Append text to the current line; newlines inside are kept (folded to ``\\n``)."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not self.origins or self.origins[-1][1] != where:
            self.origins.append((self._length, dict(where)))
        self._parts.append(text)
        self._length += len(text)

    def end_line(self) -> None:
        self._parts.append("\n")
        self._length += 1

    def line(self, text: str, where: dict[str, int]) -> None:
        """A paragraph block of one line (or a line of unknown kind)."""
        self.block("paragraph", text, where)

    def block(self, kind: BlockKind, text: str, where: dict[str, int], *, level: int = 0, number: str = "") -> Block:
        start = self._length
        self.write(text, where)
        block = Block(kind, start, self._length, origin(**where), level=level, number=number)
        self.layout.blocks.append(block)
        self.end_line()
        return block

    def row(self, cells: list[str], where: dict[str, int], *, table: int, row: int, header: bool = False,
            spans: list[int] | None = None) -> Block:
        """A table row: its cells on one line, separated by tabs, each cell's span recorded."""
        start = length = self._length
        if cells and (not self.origins or self.origins[-1][1] != where):  # as ``write`` would, once: a row has one origin
            self.origins.append((start, dict(where)))
        parts = self._parts
        found, column = [], 0
        for index, text in enumerate(cells):
            if index:
                parts.append("\t")
                length += 1
            # A cell's own tabs and line breaks would split the row: they read as spaces.
            text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ").strip(" \u3000")
            parts.append(text)
            span = spans[index] if spans else 1
            found.append(Cell(length, length + len(text), column, span))
            length += len(text)
            column += span
        self._length = length
        block = Block("table_row", start, self._length, origin(**where), table=table, row=row, cells=tuple(found), header=header)
        self.layout.blocks.append(block)
        self.end_line()
        return block

    def furniture(self, kind: FurnitureKind, text: str, where: dict[str, int]) -> None:
        self.layout.furniture.append(Furniture(kind, text, origin(**where)))

    def source(self, path: str, kind: str) -> Source:
        return Source(path=path, text="".join(self._parts), encoding=kind, origins=self.origins, layout=self.layout)

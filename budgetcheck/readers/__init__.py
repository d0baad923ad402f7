"""Readers turn an input file into a ``Source``, chosen by the file's suffix in one place.

Plain text is decoded by ``budgetcheck.source``. Word and PDF files have a module
each here with ``read(data, path) -> Source``; their libraries are imported only
when such a file is met, so a run over ``.txt`` files never loads them. A reader
also records where each stretch of text came from (``Source.origins``: the
paragraph of a .docx, the page of a .pdf) so findings can say so.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import PurePath
from types import ModuleType

from budgetcheck import limits
from budgetcheck.source import InputError, Source, read_bytes, text_source

# suffix → reader module (None: plain text) and the package it needs, installed by the
# extra of the same name as the module: pip install 'budgetcheck[docx]'.
READERS: dict[str, tuple[str | None, str | None]] = {
    ".txt": (None, None),
    ".docx": ("docx", "python-docx"),
    ".pdf": ("pdf", "pdfplumber"),
}
SUFFIXES = tuple(READERS)
STDIN = "-"


def read(path: str, stdin_name: str | None = None) -> Source:
    """Read one input: a file by its suffix (unknown suffixes as plain text), or ``-`` for stdin."""
    if path == STDIN:
        return from_bytes(limits.read_stream(sys.stdin.buffer), stdin_display(stdin_name))
    return from_bytes(read_bytes(path), path)


def stdin_display(stdin_name: str | None) -> str:
    return stdin_name or "<stdin>"


def from_bytes(data: bytes, path: str) -> Source:
    module, package = READERS.get(PurePath(path).suffix.lower(), (None, None))
    if module is None:
        return text_source(data, path)
    return _reader(module, package).read(data, path)


def _reader(name: str, package: str | None) -> ModuleType:
    try:
        return import_module(f"budgetcheck.readers.{name}")
    except ImportError:
        raise InputError(f"reading .{name} files needs {package}: pip install 'budgetcheck[{name}]'") from None


class TextBuilder:
    """Extracted text, line by line, with the origin of each stretch (shared by the readers)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.origins: list[tuple[int, dict[str, int]]] = []

    def write(self, text: str, origin: dict[str, int]) -> None:
        """Append text to the current line; newlines inside are kept (folded to ``\\n``)."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not self.origins or self.origins[-1][1] != origin:
            self.origins.append((self._length, origin))
        self._parts.append(text)
        self._length += len(text)

    def end_line(self) -> None:
        self._parts.append("\n")
        self._length += 1

    def line(self, text: str, origin: dict[str, int]) -> None:
        self.write(text, origin)
        self.end_line()

    def source(self, path: str, kind: str) -> Source:
        return Source(path=path, text="".join(self._parts), encoding=kind, origins=self.origins)

"""What a reader saw: a document as an ordered list of blocks, each with its place in the file.

Every reader (plain text, Word, PDF, Excel) produces the same thing: the text a
person reads, laid out one block after another in ``Source.text``, and beside it
the blocks that say what each stretch is — a heading with its level and number,
a paragraph, a list item, a table row with its cells, a 目录 entry — and where
it stands in the original file (page, paragraph, line; table, row, cell). Page
furniture (running headers and footers, page numbers, footnotes) is kept apart,
outside the text, so no check ever reads it as part of a sentence.

Blocks are frozen: later stages read them and hang their own results elsewhere.
Offsets are character offsets into ``Source.text``; a block's span never holds
the newline that ends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, NamedTuple

BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "toc_entry"]
FurnitureKind = Literal["header", "footer", "page_number", "footnote"]

_NO_ORIGIN: MappingProxyType[str, int] = MappingProxyType({})


class Cell(NamedTuple):
    """One table cell: its span in the text and its column in the table's grid (0-based).

    A named tuple, immutable as the blocks: a publication's reader makes thousands, and a frozen
    dataclass costs four times as much to build."""

    start: int
    end: int
    column: int
    span: int = 1  # grid columns covered (a merged cell)


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the document as its reader saw it.

    ``level`` and ``number`` are filled when the file itself says so (Word's
    heading styles and automatic numbering, rendered as Word shows it: "一、");
    0 and "" mean the reader could not tell, and the document layer reads the
    text. ``table`` and ``row`` are 1-based in the file; ``header`` marks a
    table's header rows.
    """

    kind: BlockKind
    start: int
    end: int
    origin: MappingProxyType[str, int] = field(default_factory=lambda: _NO_ORIGIN)
    level: int = 0
    number: str = ""
    table: int = 0
    row: int = 0
    cells: tuple[Cell, ...] = ()
    header: bool = False

    @property
    def page(self) -> int:
        return self.origin.get("page", 0)


@dataclass(frozen=True, slots=True)
class Furniture:
    """Text of the page, not of the document: a running header, a page number, a footnote."""

    kind: FurnitureKind
    text: str
    origin: MappingProxyType[str, int] = field(default_factory=lambda: _NO_ORIGIN)


def origin(**where: int) -> MappingProxyType[str, int]:
    """An immutable origin such as ``origin(page=3)`` or ``origin(table=1, row=2)``."""
    return MappingProxyType(dict(where))


@dataclass
class Layout:
    """The blocks and furniture a reader found (what ``TextBuilder`` hands to a ``Source``)."""

    blocks: list[Block] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    pages: int = 0  # pages in the file, where the reader counts pages (0: it does not)
    blank_pages: list[int] = field(default_factory=list)  # pages with no text and no picture at all


def text_blocks(text: str) -> tuple[Block, ...]:
    """Blocks of a plain text: one per line; a line with tabs is a table row of its cells.

    Consecutive tabbed lines form one table. Headings and list items are told
    apart later, from the text, by the document layer: a plain file says nothing
    more than its characters.
    """
    blocks: list[Block] = []
    table, row, in_table = 0, 0, False
    pos, length = 0, len(text)
    line_number = 0
    while pos <= length:
        end = text.find("\n", pos)
        if end == -1:
            end = length
        line_number += 1
        if "\t" in text[pos:end] and text[pos:end].strip(" \t\u3000"):
            if not in_table:
                table, row, in_table = table + 1, 0, True
            row += 1
            blocks.append(Block("table_row", pos, end, origin(line=line_number), table=table, row=row, cells=split_cells(text, pos, end)))
        else:
            in_table = False
            if text[pos:end].strip(" \t\u3000"):
                blocks.append(Block("paragraph", pos, end, origin(line=line_number)))
        pos = end + 1
    return tuple(blocks)


def split_cells(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """The tab-separated cells of ``text[start:end]``, each span stripped of spaces."""
    cells = []
    pos = start
    column = 0
    while True:
        tab = text.find("\t", pos, end)
        cell_end = end if tab == -1 else tab
        left, right = pos, cell_end
        while left < right and text[left] in " \u3000":
            left += 1
        while right > left and text[right - 1] in " \u3000":
            right -= 1
        cells.append(Cell(left, right, column))
        column += 1
        if tab == -1:
            return tuple(cells)
        pos = tab + 1

"""Word comments on the exact words of each finding.

The document is walked again by the reader's own code (``readers.docx.walk_body``),
which gives the same text as the lint run and, for each block, the ``w:p`` or
``w:tr`` it came from. Within a block every character of the extracted text is
traced back to a run and a character of that run's text; the numbering Word
draws ("三、") is in no run, so a finding on a number alone is anchored on its
paragraph's runs. Runs are split where a comment starts or ends (the pieces
keep the run's properties, so formatting is untouched), and python-docx puts
``w:commentRangeStart``/``End`` and the reference around them.

Table cells: each cell paragraph's text is found in the row's text in order, so
a finding in a cell sits on its words too. Text boxes are blocks of their own
(their paragraphs are real ``w:p``); a comment never spans from the body into a
text box (it is cut at the first one's story). Footnotes, headers and footers
are never checked, so they get no comments.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

import docx
from docx.text.run import Run

from budgetcheck.annotate.spans import AUTHOR, INITIALS, block_at, note, offsets
from budgetcheck.blocks import Block
from budgetcheck.findings import Finding
from budgetcheck.readers.docx import _P, _TXBX, _blocks, _cells, _runs, _w, walk_body
from budgetcheck.source import InputError, Source

Char = tuple[Any, int]  # (w:r element, index in the run's text)
_RPR = _w("rPr")
# The run children python-docx renders as text (CT_R.text), each ``str(child)`` long.
_CONTENT = {_w(name) for name in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def annotate_docx(data: bytes, source: Source, findings: list[Finding]) -> bytes:
    """The .docx with one comment per finding; raises InputError if the file no longer reads as checked."""
    document = docx.Document(io.BytesIO(data))
    out, elements = walk_body(document)
    rebuilt = out.source(source.path, "docx")
    if rebuilt.text != source.text or len(rebuilt.blocks) != len(elements):
        raise InputError("the file changed while it was being checked; run again")
    comment_findings(document, BlockMap(rebuilt.blocks, elements, rebuilt.text), source, findings)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- from text offsets to runs -------------------------------------------------------------


class BlockMap:
    """Offsets of the extracted text → (run, character), worked out per block when first asked."""

    def __init__(self, blocks: tuple[Block, ...], elements: list, text: str) -> None:
        self.blocks, self.elements, self.text = blocks, elements, text
        self.starts = [b.start for b in blocks]
        self._maps: dict[int, dict[int, Char]] = {}

    def chars(self, start: int, end: int) -> list[Char]:
        """The run characters behind ``text[start:end]`` in order (numbering and separators have none)."""
        found: list[Char] = []
        index = block_at(self.starts, start)
        while index < len(self.blocks) and self.blocks[index].start < max(end, start + 1):
            mapped = self._map(index)
            found += [mapped[o] for o in range(start, end) if o in mapped]
            index += 1
        return found

    def fallback(self, offset: int) -> tuple[list, Any]:
        """The runs with text of the block at ``offset``, and a paragraph to hold an empty anchor."""
        element = self.elements[block_at(self.starts, offset)]
        paragraphs = list(_row_paragraphs(element)) if element.tag == _w("tr") else [element]
        runs = [r for p in paragraphs for r in _runs(p) if r.text]
        return runs, paragraphs[0] if paragraphs else None

    def _map(self, index: int) -> dict[int, Char]:
        if index not in self._maps:
            block, element = self.blocks[index], self.elements[index]
            if element.tag == _P:
                self._maps[index] = _trace(self.text, [(element, False)], block.start, block.end)
            else:
                self._maps[index] = _trace(self.text, [(p, True) for p in _row_paragraphs(element)], block.start, block.end)
        return self._maps[index]


def _trace(text: str, paragraphs: list[tuple[Any, bool]], start: int, end: int) -> dict[int, Char]:
    """Find each paragraph's run text in ``text[start:end]``, in order, and map its characters.

    A cell's paragraphs were joined with spaces, their tabs and breaks made spaces and
    their ends stripped (``readers.docx``); a body paragraph is its number and its runs.
    """
    mapped: dict[int, Char] = {}
    pos = start
    for p, in_cell in paragraphs:
        chars = [(r, i) for r in _runs(p) for i in range(len(r.text))]
        raw = "".join(r.text for r in _runs(p))
        if in_cell:
            raw = raw.replace("\t", " ").replace("\n", " ")
        lead = len(raw) - len(raw.lstrip())
        kept = raw.strip() if in_cell else raw
        if not kept:
            continue
        at = text.find(kept, pos, end) if in_cell else (end - len(raw) if text.endswith(raw, start, end) else text.find(raw, pos, end))
        if at < 0:
            continue
        skip = lead if in_cell else 0
        for k in range(len(kept)):
            mapped[at + k] = chars[skip + k]
        pos = at + len(kept)
    return mapped


def _row_paragraphs(tr) -> Iterator:
    """A row's paragraphs in the order the reader joined them: cells, and tables inside cells."""
    for tc in _cells(tr):
        if tc.vMerge == "continue":  # the reader leaves these cells empty
            continue
        yield from _cell_paragraphs(tc)


def _cell_paragraphs(tc) -> Iterator:
    for element in _blocks(tc):
        if element.tag == _P:
            yield element
        else:
            for tr in element.iterchildren(_w("tr")):
                yield from _row_paragraphs(tr)


# --- comments ------------------------------------------------------------------------------


def comment_findings(document, charmap, source: Source, findings: list[Finding]) -> None:
    """Anchor one comment per finding on the runs behind its words (see ``BlockMap``)."""
    comments = Comments(document)
    for finding in findings:
        start, end = offsets(source, finding)
        chars = _one_story(charmap.chars(start, end))
        if chars:
            comments.add(chars[0], chars[-1], note(finding))
            continue
        runs, paragraph = charmap.fallback(start)
        if runs:  # only Word's numbering (or nothing) is under the span: the paragraph's words
            comments.add((runs[0], 0), (runs[-1], len(runs[-1].text) - 1), note(finding))
        elif paragraph is not None:  # an empty paragraph: a point anchor in it
            run = paragraph.add_r()
            comments.add((run, 0), (run, 0), note(finding))
    comments.write()


def _one_story(chars: list[Char]) -> list[Char]:
    """A comment range stays in one story: the body, or one text box."""
    if not chars:
        return chars
    story = _story(chars[0][0])
    return [c for c in chars if _story(c[0]) is story]


def _story(run) -> Any:
    return next(run.iterancestors(_TXBX), None)


class Comments:
    """Comments on character positions of runs; the runs are split at those positions when written."""

    def __init__(self, document) -> None:
        self.document = document
        self.pending: list[tuple[Char, Char, str]] = []
        self.cuts: dict[int, tuple[Any, set[int]]] = {}

    def add(self, first: Char, last: Char, text: str) -> None:
        self.pending.append((first, last, text))
        self._cut(first[0], first[1])
        self._cut(last[0], last[1] + 1)

    def _cut(self, run, at: int) -> None:
        if 0 < at < len(run.text):
            self.cuts.setdefault(id(run), (run, set()))[1].add(at)

    def write(self) -> None:
        pieces = {key: _split(run, sorted(at)) for key, (run, at) in self.cuts.items()}

        def piece(char: Char) -> Any:
            run, index = char
            found = pieces.get(id(run))
            return run if found is None else next(element for begin, element in reversed(found) if begin <= index)

        for first, last, text in self.pending:
            body = self.document._body  # a run needs a story to belong to; the comment part is the document's either way
            self.document.add_comment([Run(piece(first), body), Run(piece(last), body)], text=text, author=AUTHOR, initials=INITIALS)


def _split(run, cuts: list[int]) -> list[tuple[int, Any]]:
    """Split ``run`` at each character offset; [(first offset, run element)] in order, the run itself first."""
    pieces = []
    for at in reversed(cuts):  # from the right: the offsets still to cut stay valid
        pieces.append((at, _split_at(run, at)))
    pieces.append((0, run))
    return pieces[::-1]


def _split_at(run, at: int):
    """Keep characters [0, at) in ``run``; a copy with the rest (same properties) goes right after it."""
    tail = deepcopy(run)
    mine = [c for c in run if c.tag != _RPR]
    theirs = [c for c in tail if c.tag != _RPR]
    index, inside = _child_at(mine, at)  # inside > 0 only within a w:t
    for child in mine[index + 1:] + ([] if inside else [mine[index]]):
        run.remove(child)
    for child in theirs[:index]:
        tail.remove(child)
    if inside:
        whole = mine[index].text or ""
        mine[index].text, theirs[index].text = whole[:inside], whole[inside:]
        for t in (mine[index], theirs[index]):
            t.set(_XML_SPACE, "preserve")
    run.addnext(tail)
    return tail


def _child_at(children: list, at: int) -> tuple[int, int]:
    """The content child holding character ``at`` of the run's text, and the offset within it."""
    pos = 0
    for index, child in enumerate(children):
        length = len(str(child)) if child.tag in _CONTENT else 0
        if pos + length > at:
            return index, at - pos
        pos += length
    raise ValueError(f"no character {at} in this run")


"""The parts of a whole publication (部门预算, 单位预算, 部门决算), found from its title lines.

A publication is a cover, a 目录, chapters (主要职能, 名词解释, 编制说明, …), the
tables and one "XX经费情况说明" block per key project. Each part is checked as
a text of its own genre: numbering restarts where a part starts, a 目录 entry is
never read as a heading, and a table's rows are never read as sections. Which
title lines start which part is data (``parts`` of a publication profile), so a
publication of another shape is a YAML file, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetcheck import deferred_re
from budgetcheck.blocks import Block
from budgetcheck.profiles import PartSpec, Profile
from budgetcheck.source import Source

_SPACES = deferred_re.compile(r"[ \t\u3000]+")
# A title line: short, no sentence punctuation, not a numbered item of a list.
_NUMBERED = deferred_re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．，,]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d{3,})|[①-⑳])")
_SENTENCE = deferred_re.compile(r"[。；;，,：:！!？?]")
# A 目录 entry may end with dotted leaders and a page number: "一、部门主要职能 …… 3".
_LEADERS = deferred_re.compile(r"[.．…·\-—_ \t\u3000]*\d{0,4}$")
MAX_TITLE = 60


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a publication: a span of the text, its title line and the genre it is checked as."""

    kind: str  # cover, toc, chapter, table, project
    start: int
    end: int
    title: str  # the title line, spaces removed ("" for a cover without one)
    title_span: tuple[int, int] | None
    profile: str
    why: str


def find_parts(source: Source, publication: Profile) -> list[Part]:
    """The parts of ``source`` by ``publication``'s title patterns, in order, covering the whole text."""
    text, blocks = source.text, source.blocks
    toc = _toc(text, blocks)
    first = toc[1] if toc else 0
    starts: list[tuple[Block, PartSpec, str]] = []
    for block in blocks[first:]:
        title = title_line(text, block)
        if title is None:
            continue
        spec = next((p for p in publication.parts if re.search(p.title, title)), None)
        if spec is not None:
            starts.append((block, spec, title))
    parts: list[Part] = []
    front_end = blocks[toc[0]].start if toc else (starts[0][0].start if starts else len(text))
    if text[:front_end].strip():
        parts.append(Part("cover", 0, front_end, "", None, publication.front, "the cover"))
    if toc:
        toc_start, toc_end = blocks[toc[0]].start, starts[0][0].start if starts else len(text)
        parts.append(Part("toc", toc_start, toc_end, "目录", (toc_start, blocks[toc[0]].end), publication.front, "the 目录"))
    for index, (block, spec, title) in enumerate(starts):
        end = starts[index + 1][0].start if index + 1 < len(starts) else len(text)
        parts.append(Part(spec.kind, block.start, end, title, (block.start, block.end), spec.profile, spec.why))
    return parts


def title_line(text: str, block: Block) -> str | None:
    """The block's text with spaces removed, if it can be a part's title; else None."""
    if block.kind == "table_row" or block.kind == "toc_entry":
        return None
    if block.end - block.start > 2 * MAX_TITLE:
        return None
    compact = _SPACES.sub("", text[block.start : block.end])
    if not 2 <= len(compact) <= MAX_TITLE or _SENTENCE.search(compact) or _NUMBERED.match(compact):
        return None
    return compact


def _toc(text: str, blocks: tuple[Block, ...]) -> tuple[int, int] | None:
    """Indexes of the 目录 line and of the first block after its entries, if the text has one."""
    start = next((i for i, b in enumerate(blocks) if _SPACES.sub("", text[b.start : b.end]) == "目录"), None)
    if start is None:
        return None
    page = blocks[start].page
    index = start + 1
    while index < len(blocks) and _entry(text, blocks[index]):
        block = blocks[index]
        if block.page and block.page != page:
            # The 目录 goes on over a page only if that page holds nothing but entries.
            if not all(_entry(text, b) for b in blocks[index:] if b.page == block.page):
                break
            page = block.page
        elif not block.page and index + 1 < len(blocks) and not _entry(text, blocks[index + 1]):
            break  # without pages: a title followed by body text is the first chapter, not an entry
        index += 1
    return (start, index) if index > start + 1 else None


def _entry(text: str, block: Block) -> bool:
    if block.kind == "toc_entry":
        return True
    if block.kind == "table_row" or block.end - block.start > 2 * MAX_TITLE:
        return False
    compact = _SPACES.sub("", text[block.start : block.end])
    bare = _LEADERS.sub("", compact) if re.search(r"\d$", compact) else compact
    return 2 <= len(bare) <= MAX_TITLE and not _SENTENCE.search(bare)

"""Numbered items in a text — 一、 （一） 1. （1） ① 一是 — and how they nest.

Markers count only where an item can start: at a line start, after whitespace or
after 。；：. Nesting follows first appearance, as in Markdown lists: a style not
yet open nests under the current item; a style already open closes the deeper
ones and continues its own run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from budgetcheck import deferred_re
from budgetcheck.numerals import chinese_integer

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_CN = "一二三四五六七八九十"
_BEFORE = r"(?:(?<=^)|(?<=[\s。；;：:]))"
# "4、" before anything ("4、2017年度…", "3、20万元"): 、 is never inside a number. "4." and
# "4．" only where no decimal can follow: before a non-digit or a year ("4．2025年", "3.2024-2025年").
_AR_DOT = r"(?<![\d.．-])\d{1,2}(?:、|[.．](?!\d)|[.．](?=(?:19|20)\d{2}(?:\s?年|[-—–~至])))"
# The opening lookahead lists every marker's possible first character: the same matches, but the
# regex engine passes the other positions quickly (about 2.5× faster).
_MARKER = deferred_re.compile(
    rf"(?=[（(\d{_CN}{_CIRCLED}{_PAREN_DIGITS}])(?:{_BEFORE}(?:"
    rf"(?P<cn_paren>[（(][{_CN}]{{1,3}}[)）])"
    rf"|(?P<ar_paren>[（(]\d{{1,2}}[)）])"
    rf"|(?P<cn_dun>[{_CN}]{{1,3}}[、])"
    rf"|(?P<ar_dot>{_AR_DOT})"
    rf"|(?P<cn_shi>[{_CN}]{{1,3}}是(?=[^\s，。；]))"
    rf")|(?P<circled>[{_CIRCLED}{_PAREN_DIGITS}])"
    # "…收支总表4.收入总表5.…": a flattened list glues its numbers to the words before them
    rf"|(?P<glued>(?<=[\u4e00-\u9fff)）])\d{{1,2}}[.．](?!\d)))",
    re.MULTILINE,
)


@dataclass(eq=False)
class Item:
    style: str  # cn_dun, cn_paren, ar_dot, ar_paren, circled, cn_shi
    number: int
    start: int  # the marker
    marker_end: int
    end: int = 0  # up to the next item at this level or above
    children: list[Item] = field(default_factory=list)
    parent: Item | None = field(default=None, repr=False)
    glued: bool = False  # written straight after a word ("总表4."): taken only as the next of a run

    @property
    def head_end(self) -> int:
        """End of the item's own text, before its first child."""
        return self.children[0].start if self.children else self.end


_PUNCTUATION = str.maketrans("", "", "（()）、.．是")  # around an item's number: dropped to read it


def parse_outline(text: str, start: int, end: int, skip: Callable[[int], bool] | None = None) -> list[Item]:
    """Top-level items of ``text[start:end]``, each with its nested children.

    ``skip(offset)`` says where no item can start: in table rows, whose 一、二、
    labels belong to the table (a two-column table interleaves two such lists).
    """
    roots: list[Item] = []
    stack: list[Item] = []
    for match in _MARKER.finditer(text, start, end):
        if skip is not None and skip(match.start()):
            continue
        item = _item(match, stack)
        if item is None:
            continue
        styles = [open_item.style for open_item in stack]
        if item.style in styles:
            for closed in stack[styles.index(item.style) :]:
                closed.end = item.start
            del stack[styles.index(item.style) :]
        if stack:
            item.parent = stack[-1]
            stack[-1].children.append(item)
        else:
            roots.append(item)
        stack.append(item)
    for open_item in stack:
        open_item.end = end
    return roots


def walk(items: list[Item]):
    for item in items:
        yield item
        yield from walk(item.children)


def _item(match: re.Match[str], stack: list[Item]) -> Item | None:
    style = match.lastgroup
    assert style is not None  # every alternative of the marker pattern is a named group
    marker = match.group()
    number = _number(style, marker)
    if number is None:
        return None
    if style == "glued":
        # Only as the next number of an open run: "表4." alone is a table's name
        if not any(o.style == "ar_dot" and o.number == number - 1 for o in stack):
            return None
        return Item("ar_dot", number, match.start(), match.end(), glued=True)
    if style in ("ar_dot", "ar_paren") and any(o.style == "circled" and o.number == number - 1 >= 10 for o in stack):
        style = "circled"  # "⑩ … 11、12、": past the circled glyphs a list goes on in digits
    return Item(style, number, match.start(), match.end())


def _number(style: str, marker: str) -> int | None:
    if style == "circled":
        return (_CIRCLED.find(marker) + 1) or (_PAREN_DIGITS.find(marker) + 1)
    digits = marker.translate(_PUNCTUATION)
    return int(digits) if digits.isdigit() else chinese_integer(digits)

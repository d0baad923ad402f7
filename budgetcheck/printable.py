"""Text from files (names, document text) made safe to print: control characters shown escaped.

A file name holding a newline would forge report lines, and ESC/OSC sequences in a
name or a document would reach the terminal raw (retitling it, hiding lines). Every
report writer and every error line passes such text through ``printable``, which
shows each control character as Python writes it: ``\\n``, ``\\x1b``, ``\\u202e``.
The tab stays (harmless, and table rows from .docx/.pdf hold them). JSON and SARIF
need nothing: JSON escaping already covers these characters.
"""

from __future__ import annotations

from budgetcheck import deferred_re

# C0 and C1 controls, DEL, line/paragraph separators and the bidi overrides and isolates
# (which reorder what a terminal shows).
_CONTROL = deferred_re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str, keep: str = "") -> str:
    """``text`` with control characters escaped, except those in ``keep``."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escaped(m.group()), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable_span(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``text`` made printable, with the offsets of the span ``start:end`` moved to match."""
    before, inside = printable(text[:start]), printable(text[start:end])
    return before + inside + printable(text[end:]), len(before), len(before) + len(inside)

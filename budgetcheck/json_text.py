"""JSON as budgetcheck writes it for people and programs: indented by two, UTF-8 as is, a final line end.

The text is exactly ``json.dumps(value, ensure_ascii=False, indent=2)``. The standard library
encodes indented JSON in pure Python, a generator per level that every token passes through:
about 100 ms for the report of 10,000 texts, a twentieth of a run from the results cache. Here
the plain types a report is made of (dict with str keys, list, str, int, finite float, bool,
None) are written directly, strings by the standard library's C escaper; any other value is
given to the standard encoder and its lines indented to where it stands, so the text is the same.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any, TextIO

_BATCH = 8192  # pieces of JSON text per write


def write(value: Any, stream: TextIO) -> None:
    """``value`` as indented JSON and a line end, in a few large writes. ``json.dump`` writes each
    token apart, and on an unbuffered stream (``PYTHONUNBUFFERED``, set in many CI images) each is
    a system call: 200,000 of them for the report of 10,000 texts. One ``json.dumps`` would hold
    the whole report in memory twice over; batches keep it to a few hundred kilobytes."""
    writer = _Writer(stream)
    writer.value(value, "\n")
    writer.pieces.append("\n")
    writer.flush()


class _Writer:
    __slots__ = ("pieces", "stream")

    def __init__(self, stream: TextIO) -> None:
        self.pieces: list[str] = []
        self.stream = stream

    def flush(self) -> None:
        self.stream.write("".join(self.pieces))
        self.pieces.clear()

    def value(self, value: Any, newline: str) -> None:
        """Append ``value``, whose nested lines start with ``newline`` (a line end and the indent)."""
        kind = type(value)
        if kind is str:
            self.pieces.append(encode_basestring(value))
        elif kind is dict and all(type(key) is str for key in value):
            self._dict(value, newline)
        elif kind is list or kind is tuple:
            self._list(value, newline)
        else:
            self.pieces.append(_other(value, newline))

    def _dict(self, value: dict[str, Any], newline: str) -> None:
        if not value:
            self.pieces.append("{}")
            return
        inner = newline + "  "
        lead, between = "{" + inner, "," + inner
        for key, item in value.items():
            if type(item) is str:  # the commonest member, written without a call
                self.pieces.append(f"{lead}{encode_basestring(key)}: {encode_basestring(item)}")
            else:
                self.pieces.append(f"{lead}{encode_basestring(key)}: ")
                self.value(item, inner)
            lead = between
        self.pieces.append(newline + "}")

    def _list(self, value: list[Any] | tuple[Any, ...], newline: str) -> None:
        if not value:
            self.pieces.append("[]")
            return
        inner = newline + "  "
        lead, between = "[" + inner, "," + inner
        for item in value:
            self.pieces.append(lead)
            self.value(item, inner)
            lead = between
            if len(self.pieces) >= _BATCH:
                self.flush()
        self.pieces.append(newline + "]")


def _other(value: Any, newline: str) -> str:
    """The text of a value that is not a str, a list or a dict with str keys: a JSON scalar, or
    what the standard encoder writes for it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    # Anything else (a str or int subclass, NaN, a dict with other keys, an object the encoder
    # refuses): the standard encoder's text, re-indented. JSON strings hold no raw line end, so
    # every "\n" in it starts one of its lines.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)

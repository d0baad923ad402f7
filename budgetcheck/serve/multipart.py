"""A small ``multipart/form-data`` parser for the upload form (RFC 7578), on a body already read.

The standard library lost its parser with ``cgi`` (removed in Python 3.13) and
``email.parser`` mangles the raw UTF-8 file names browsers send, so the few rules
browsers follow are written out here: parts are separated by ``CRLF--boundary``,
each has header lines up to an empty line, and ``Content-Disposition: form-data``
names the field and, for a file, its ``filename`` (quotes and newlines in it sent as
``%22``, ``%0A`` and ``%0D``, as the HTML standard says).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from budgetcheck import deferred_re

MAX_PARTS = 1000  # far above any upload limit: stops a body of empty parts from costing more than a split


class MultipartError(ValueError):
    """The body is not the multipart/form-data that the upload form sends."""


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None  # None: a plain field; "" is a file input left empty
    data: bytes


_PARAM = deferred_re.compile(r';\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def boundary(content_type: str) -> bytes:
    """The boundary of a ``multipart/form-data`` content type (raises MultipartError)."""
    kind, _, rest = content_type.partition(";")
    if kind.strip().lower() != "multipart/form-data":
        raise MultipartError("not multipart/form-data")
    found = _params(";" + rest).get("boundary", "")
    if not 1 <= len(found) <= 70 or not found.isascii():
        raise MultipartError("no valid boundary")
    return found.encode("ascii")


def parse(body: bytes, content_type: str) -> list[Part]:
    """Every part of the body, in order (raises MultipartError)."""
    delimiter = b"\r\n--" + boundary(content_type)
    pieces = (b"\r\n" + body).split(delimiter)
    if len(pieces) < 2 or not pieces[-1].startswith(b"--"):
        raise MultipartError("the body does not end with the closing boundary")
    if len(pieces) - 2 > MAX_PARTS:
        raise MultipartError(f"more than {MAX_PARTS} parts")
    return [_part(piece) for piece in pieces[1:-1]]


def _part(piece: bytes) -> Part:
    head, separator, data = piece.partition(b"\r\n\r\n")
    if not separator:
        raise MultipartError("a part without headers")
    headers = {}
    for line in head.decode("utf-8", "replace").split("\r\n")[1:]:  # [0]: the rest of the boundary line
        key, colon, value = line.partition(":")
        if colon:
            headers[key.strip().lower()] = value.strip()
    disposition = headers.get("content-disposition", "")
    if disposition.partition(";")[0].strip().lower() != "form-data":
        raise MultipartError("a part that is not form-data")
    params = _params(disposition[disposition.find(";") :] if ";" in disposition else "")
    if "name" not in params:
        raise MultipartError("a part without a name")
    filename = params.get("filename")
    if "filename*" in params:  # RFC 5987 (not sent by browsers, but allowed): charset''percent-encoded
        charset, _, encoded = params["filename*"].partition("''")
        filename = unquote(encoded, encoding=charset or "utf-8", errors="replace")
    elif filename is not None:
        filename = filename.replace("%22", '"').replace("%0A", "\n").replace("%0D", "\r")
    return Part(params["name"], filename, data)


def _params(text: str) -> dict[str, str]:
    found = {}
    for key, value in _PARAM.findall(text):
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        found[key.lower()] = value.strip()
    return found

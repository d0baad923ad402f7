"""Bounds on what one input may cost, so that a hostile or broken file cannot exhaust a run.

A file over a bound is reported on one line (``budgetcheck: error: PATH: …``, exit 2)
and the other files are still checked. The bounds are ``[limits]`` in the
configuration; ``Limits()`` holds the defaults.

How readers see them: the engine calls ``use(options.limits)`` before reading each
file (in the process that reads it, workers included), exactly as it starts the
``deadline`` clock; a reader calls ``current()`` for the bounds in force, and raises
``OverLimit`` (an ``InputError``) with ``over(...)``'s message when one is passed.
A PDF reader, for instance::

    if len(pdf.pages) > limits.current().max_pages:
        raise limits.over("max-pages", len(pdf.pages), "pages")

One file is read at a time per process, so a module-level value is enough.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from budgetcheck.errors import InputError

MiB = 1024 * 1024
_CHUNK = 1024 * 1024  # bytes read or inflated at a time


@dataclass(frozen=True)
class Limits:
    """The bounds of a run; every field is a ``[limits]`` key (``_`` written ``-``)."""

    file_time_budget: float = 30.0  # seconds to read and check one file
    max_file_size: int = 32 * MiB  # bytes of one input file (or of standard input)
    max_decompressed_size: int = 128 * MiB  # bytes inflated from a .docx/.xlsx package, all members together
    max_pages: int = 2_000  # pages of one PDF
    max_paragraphs: int = 200_000  # paragraphs of one .docx (and for other readers that count them)
    max_quantities: int = 200_000  # amounts (or counts, years, …) of one kind in one text
    max_upload_files: int = 50  # files in one upload to ``budgetcheck serve``
    max_upload_size: int = 128 * MiB  # bytes of one upload to ``budgetcheck serve``, all files together


class OverLimit(InputError):
    """An input over one of the bounds; the message names the bound and how to raise it."""


_current = Limits()


def use(limits: Limits) -> None:
    global _current
    _current = limits


def current() -> Limits:
    return _current


def over(key: str, found: int | str, what: str) -> OverLimit:
    bound = getattr(_current, key.replace("-", "_"))
    found = f"{found:,}" if isinstance(found, int) else found
    return OverLimit(f"{found} {what}, over the limit of {bound:,} ({key} in [limits] of the configuration)")


def read_file(path: str) -> bytes:
    """The bytes of a regular file, at most ``max-file-size`` of them. Raises OSError or InputError."""
    return read_regular(path, _current.max_file_size)[0]


def read_regular(path: str, max_size: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, at most ``max_size`` of them, and its stat when opened.
    Raises OSError or InputError.

    FIFOs and devices are refused before they are read: opened without blocking (a FIFO
    with no writer would wait forever), checked with fstat on the open descriptor (so a
    path swapped between a check and the open cannot slip through). Read through the
    descriptor: a run reads thousands of small files, and a file object costs more than
    reading one.
    """
    _refuse_special(os.stat(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        _refuse_special(info)
        if info.st_size > max_size:
            raise over("max-file-size", info.st_size, "bytes")
        return _bounded(lambda size: _read_up_to(fd, size), info.st_size, max_size), info
    finally:
        os.close(fd)


def read_stream(handle: BinaryIO, expected: int | None = None) -> bytes:
    """At most ``max-file-size`` bytes of a stream (standard input, a file that grows while read);
    ``expected``: its size, if known (see ``_bounded``)."""
    return _bounded(handle.read, expected, _current.max_file_size)


def _bounded(read: Callable[[int], bytes], expected: int | None, bound: int) -> bytes:
    """At most ``bound`` bytes from ``read(n)`` (which returns fewer only at the end).

    ``expected`` is the size a regular file had when opened: it is read in one go, since asking
    for ``max-file-size`` bytes at once makes a buffer that large, which costs more than reading
    a small file. A file that grew meanwhile is read on, up to the same bound."""
    if expected is not None and expected < bound:
        data = read(expected + 1)
        if len(data) <= expected:
            return data
        data += read(bound + 1 - len(data))
    else:
        data = read(bound + 1)
    if len(data) > bound:
        raise over("max-file-size", f"more than {bound:,}", "bytes")
    return data


def _read_up_to(fd: int, size: int) -> bytes:
    """``size`` bytes of a descriptor, or fewer at its end (``os.read`` may return fewer at any time)."""
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _refuse_special(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"not a regular file ({_kind(info.st_mode)}); only regular files are read")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def check_zip(data: bytes) -> None:
    """Before a .docx/.xlsx is parsed: its members must inflate to at most ``max-decompressed-size``.

    The declared sizes are checked first (cheap), then the actual ones by inflating every
    member chunk by chunk without keeping it (a forged header can understate a size).
    Paragraphs (``<w:p>`` and ``<w:p …>``) of ``word/document.xml`` are counted on the way.
    Raises OverLimit; a damaged package is left for the reader to report.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    bound = _current.max_decompressed_size
    declared = sum(member.file_size for member in members)
    if declared > bound:
        raise over("max-decompressed-size", declared, "bytes declared inflated")
    total = 0
    try:
        for member in members:
            total = _inflate(package, member, total, bound)
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError, RuntimeError):
        return  # damaged or encrypted: the reader reports it


def _inflate(package: zipfile.ZipFile, member: zipfile.ZipInfo, total: int, bound: int) -> int:
    paragraphs, tail = 0, b""
    counting = member.filename == "word/document.xml"
    with package.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > bound:
                raise over("max-decompressed-size", f"more than {bound:,}", "bytes inflated")
            if counting:
                window = tail + chunk
                paragraphs += window.count(b"<w:p>") + window.count(b"<w:p ") - tail.count(b"<w:p>") - tail.count(b"<w:p ")
                tail = window[-5:]
                if paragraphs > _current.max_paragraphs:
                    raise over("max-paragraphs", f"more than {_current.max_paragraphs:,}", "paragraphs")
    return total

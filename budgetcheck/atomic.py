"""Write a file all at once: readers see the old content or the new, never half a report.

A report is written to a temporary file in the target's folder (same file
system, so the final ``os.replace`` is atomic) and only then renamed over the
target; if writing fails the target is left as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, TextIO


@contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` when the block ends without error. Raises OSError."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a directory")
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode(target))  # mkstemp makes 0600; a report should be as readable as any new file
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


@contextmanager
def atomic_binary_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream (a workbook) whose content replaces ``path`` when the block ends without error. Raises OSError."""
    with atomic_writer(path, encoding="latin-1") as stream:
        yield stream.buffer


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

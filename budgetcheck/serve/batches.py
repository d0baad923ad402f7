"""Where uploads and what is made of them live: one private folder per upload batch, found by an unguessable token.

The server keeps one temporary folder (mode 0700, as ``tempfile.mkdtemp`` makes it),
with a folder per batch inside. A batch's uploads are saved under ``in/`` with their
names cleaned, checked, and deleted as soon as the report is made; what the reviewer
downloads (the report page, the checklist, annotated documents) stays under ``out/``
until the batch expires or the server stops, and is addressed by the batch's token and
a name the server chose: nothing a client sends is ever joined to a path.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from budgetcheck import deferred_re

NAME_LENGTH = 120  # characters of a cleaned file name, its suffix included
_UNSAFE = deferred_re.compile(r'[\\/:*?"<>|]')  # separators and what Windows forbids in names


def clean_name(name: str) -> str:
    """A file name safe to create in a folder and to show: the last component of what the
    browser sent, without control characters or separators, not hidden, bounded in length."""
    name = re.split(r"[\\/]", name)[-1]  # old browsers send the whole client path
    name = "".join("_" if unicodedata.category(c).startswith("C") else c for c in name)
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if name in ("", "_"):
        name = "file"
    suffix = PurePath(name).suffix[:16]
    stem = name[: len(name) - len(suffix)] if suffix else name
    return stem[: NAME_LENGTH - len(suffix)] + suffix


@dataclass
class Download:
    """One file a batch offers: the name the reviewer gets and where it is kept."""

    name: str
    path: Path
    media_type: str


@dataclass
class Batch:
    token: str
    folder: Path
    expires: float  # time.monotonic() after which it is gone
    downloads: dict[str, Download] = field(default_factory=dict)  # key in the URL → file
    notes: list[str] = field(default_factory=list)  # shown above the report: files skipped, downloads not made

    @property
    def inputs(self) -> Path:
        return self.folder / "in"

    @property
    def outputs(self) -> Path:
        return self.folder / "out"

    @property
    def report(self) -> Path:
        return self.outputs / "report.html"

    def save(self, name: str, data: bytes) -> Path:
        """Write one upload under in/ by its cleaned name, made unique within the batch."""
        cleaned = clean_name(name)
        stem, suffix = PurePath(cleaned).stem, PurePath(cleaned).suffix
        candidate, n = cleaned, 1
        while (self.inputs / candidate).exists():
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        path = self.inputs / candidate
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return path

    def offer(self, key: str, name: str, path: Path, media_type: str) -> None:
        self.downloads[key] = Download(name, path, media_type)

    def drop_inputs(self) -> None:
        shutil.rmtree(self.inputs, ignore_errors=True)


class Store:
    """The batches of one server; every method is safe to call from several request threads."""

    def __init__(self, lifetime: float) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="budgetcheck-serve-"))  # 0700: this user only
        self.lifetime = lifetime
        self._batches: dict[str, Batch] = {}
        self._lock = threading.Lock()
        self._closed = False

    def create(self) -> Batch:
        with self._lock:
            if self._closed:
                raise RuntimeError("the server is stopping")
            token = secrets.token_urlsafe(32)
            folder = Path(tempfile.mkdtemp(dir=self.root))
            (folder / "in").mkdir(mode=0o700)
            (folder / "out").mkdir(mode=0o700)
            batch = Batch(token, folder, time.monotonic() + self.lifetime)
            self._batches[token] = batch
            return batch

    def get(self, token: str) -> Batch | None:
        """The batch of a token, if it exists and has not expired (compared in constant time)."""
        self.purge()
        with self._lock:
            for known, batch in self._batches.items():
                if secrets.compare_digest(known.encode(), token.encode()):
                    return batch
        return None

    def discard(self, batch: Batch) -> None:
        with self._lock:
            self._batches.pop(batch.token, None)
        shutil.rmtree(batch.folder, ignore_errors=True)

    def purge(self) -> None:
        now = time.monotonic()
        with self._lock:
            expired = [b for b in self._batches.values() if b.expires <= now]
            for batch in expired:
                del self._batches[batch.token]
        for batch in expired:
            shutil.rmtree(batch.folder, ignore_errors=True)

    def close(self) -> None:
        """Forget every batch and delete the server's whole folder."""
        with self._lock:
            self._closed = True
            self._batches.clear()
        shutil.rmtree(self.root, ignore_errors=True)

"""Validated data files kept between runs: the rule catalogue and the profiles, validated once.

Validating the 60-odd built-in rule files (YAML, then each kind's pydantic model)
costs a one-file run more than checking the file does. So the validated objects are
pickled in the user's cache folder (``$XDG_CACHE_HOME/budgetcheck``, else
``~/.cache/budgetcheck``), one file per set of folders, and reused while nothing
they came from has changed: the key covers every data file's name and bytes, the
package's modules (size and mtime, as Python's own .pyc check), the package,
pydantic and Python versions. Anything else — no cache folder, a read-only home, a
damaged or foreign file — just means validating again, with the same errors as
without a cache; a load that fails is never stored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from budgetcheck import __version__

T = TypeVar("T")

_FORMAT = b"budgetcheck-validated-1\n"
ENV_OFF = "BUDGETCHECK_NO_CATALOGUE_CACHE"  # set (to anything): always validate; for tests of the uncached path


def cached(kind: str, directories: list[Path], load: Callable[[], T]) -> T:
    """``load()``, or what it returned before for the same files, code and versions."""
    folder = _folder()
    key = _key(kind, directories) if folder is not None else None
    if folder is None or key is None:
        return load()
    path = folder / f"{kind}-{_digest(repr([str(d) for d in directories]).encode())[:16]}.pickle"
    found = _read(path, key)
    if found is not None:
        return found
    value = load()
    _write(path, key, value)
    return value


def _folder() -> Path | None:
    if os.environ.get(ENV_OFF):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # the XDG rule: a relative value is ignored
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "budgetcheck"


def _key(kind: str, directories: list[Path]) -> bytes | None:
    """What the validated objects depend on; None if a folder cannot be read (loading will say why)."""
    hasher = hashlib.blake2b(digest_size=32)
    hasher.update(repr((kind, __version__, sys.version, _pydantic_version())).encode())
    try:
        for directory in directories:
            files = sorted(directory.glob("*.yaml")) if directory.is_dir() else None
            if files is None:
                return None
            hasher.update(f"\0dir {directory}\0".encode())
            for file in files:
                hasher.update(f"\0file {file.name} ".encode())
                hasher.update(file.read_bytes())
    except OSError:
        return None
    hasher.update(code_stamp())
    return hasher.digest()


def _pydantic_version() -> str:
    import pydantic

    return pydantic.VERSION


def code_stamp() -> bytes:
    """Name, size and mtime of every module of the package, as Python's own .pyc check: what a
    stored catalogue or result was made by (an edited module, in a development checkout, must
    not reuse them). ``os.scandir``: a ``Path.rglob`` with a ``stat`` per module took ten times as long."""
    stamps: list[str] = []
    _stamp_folder(os.path.dirname(os.path.abspath(__file__)), "", stamps)
    return "\n".join(sorted(stamps)).encode()


def _stamp_folder(folder: str, prefix: str, stamps: list[str]) -> None:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    stamps.append(f"{prefix}{entry.name} {info.st_size} {info.st_mtime_ns}")
                elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                    _stamp_folder(entry.path, f"{prefix}{entry.name}/", stamps)
    except OSError:
        stamps.append(f"{prefix} ?")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read(path: Path, key: bytes):
    """The stored objects if the file is ours, private to this user and made for ``key``; else None."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or (os.name == "posix" and (info.st_mode & 0o022 or info.st_uid != os.getuid())):
                return None  # someone else could have written it: never unpickle that
            data = handle.read()
    except OSError:
        return None
    head = _FORMAT + key
    if not data.startswith(head):
        return None
    try:
        return pickle.loads(data[len(head):])
    except Exception:
        return None


def _write(path: Path, key: bytes, value: object) -> None:
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(_FORMAT + key + payload)
            os.replace(temp, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            raise

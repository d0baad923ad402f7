"""The results cache: a file whose bytes and run configuration are unchanged is not checked again.

Like ruff's cache, it lives in ``.budgetcheck_cache/`` in the project root (the folder of the
configuration file, else the current folder). One run configuration (budgetcheck's version and
code, the effective rules and their parameters, the profiles, the budget year, the limits) has
one key; within it, one shard per folder of inputs holds a line per file::

    <checksum>\\t<path as JSON>\\t<content digest>\\t<entry as JSON>

An entry keeps what a hit needs to report without reading the file again: the findings (with
their excerpts), the texts' summaries for the reporters, and the marks of the run-wide rules
(N101 compares texts across files, so a hit still feeds it). Shards are loaded once per run and
written back at its end to a temporary file renamed over the old one, merged with what another
run wrote meanwhile: two runs at once never leave a half-written shard, at worst one's new
entries. Only the parent process reads and writes the cache, so ``--jobs`` changes nothing.

Nothing in it is trusted: a line whose checksum, format or types do not hold is a miss, and the
data is JSON only (never pickle). Results with input problems (a time-out, a rule that failed)
are never stored. If the folder cannot be written (a read-only checkout) the run goes on
without storing anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from contextlib import suppress
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from budgetcheck import __version__
from budgetcheck.catalogue import Rule
from budgetcheck.engine import RunOptions
from budgetcheck.errors import InputError
from budgetcheck.findings import Excerpt, Finding, Location, Mark, Severity
from budgetcheck.inputs import InputProblem
from budgetcheck.limits import read_regular
from budgetcheck.readers import STDIN
from budgetcheck.results import FileResult, TextInfo
from budgetcheck.validated import code_stamp

_Model = TypeVar("_Model", bound=BaseModel)

CACHE_DIR_NAME = ".budgetcheck_cache"
FORMAT = 1  # of the shard lines; a change makes every older shard foreign
HEADER = f"budgetcheck-cache {FORMAT}"
CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by budgetcheck.\n"
_READER_LIBRARIES = {".docx": ("python-docx", "lxml"), ".pdf": ("pypdfium2",), ".xlsx": ("openpyxl",), ".xlsm": ("openpyxl",)}


class Uncacheable(Exception):
    """A value the entry format cannot store exactly: the file is simply not cached."""


def run_key(rules: list[Rule], options: RunOptions) -> str:
    """A digest of everything besides a file's bytes that can change what checking it gives."""
    genres = options.genres
    profiles = genres.all()
    described = {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version,
        "code": code_stamp().decode(),  # an edited check (a development checkout) must not reuse old results
        "rules": [[rule.code, _fields(rule.spec, exclude="examples"), _fields(rule.params)] for rule in rules],
        "profiles": {name: _fields(profiles[name]) for name in sorted(profiles)},
        "forced": genres.forced,
        "budget_year": options.budget_year,
        "limits": asdict(options.limits),
    }
    return _digest(json.dumps(described, sort_keys=True, ensure_ascii=False, default=str).encode())


def _fields(value: Any, exclude: str = "") -> Any:
    """A model's validated values as plain data, without ``model_dump`` (which would build the
    serialisers of every kind's model that a catalogue from ``budgetcheck.validated`` never needs)."""
    if isinstance(value, BaseModel):
        return {name: _fields(item) for name, item in value.__dict__.items() if name != exclude}
    if isinstance(value, dict):
        return {str(key): _fields(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_fields(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_fields(item) for item in value), key=repr)
    if isinstance(value, Enum):
        return value.value
    return value if value is None or isinstance(value, (str, int, float)) else str(value)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class _Shard:
    path: Path
    lines: dict[str, str] = field(default_factory=dict)  # path as JSON → the whole line
    seen: tuple[int, int, int] | None = None  # (inode, size, mtime) of the file as loaded
    updates: dict[str, str] = field(default_factory=dict)


@dataclass
class _Pending:
    digest: str
    shard: _Shard
    stamp: tuple[int, int, int]  # (inode, size, mtime) when hashed: unchanged after the check, or no entry


class ResultsCache:
    """One run's view of the cache: ``get`` before checking a file, ``put`` after, ``save`` at the end."""

    def __init__(self, folder: Path, rules: list[Rule], options: RunOptions) -> None:
        self.top = folder
        self.folder = folder / __version__ / run_key(rules, options)
        self.max_size = options.limits.max_file_size
        self.shards: dict[str, _Shard] = {}  # by absolute folder
        self.by_name: dict[str, _Shard] = {}  # by the folder as the inputs name it
        self.pending: dict[str, _Pending] = {}
        self.hits = 0

    def get(self, item: str | InputProblem) -> FileResult | None:
        """The stored result of this input if its bytes are those checked before, else None."""
        if isinstance(item, InputProblem) or item == STDIN:
            return None
        try:
            data, info = read_regular(item, self.max_size)
        except (OSError, InputError):
            return None  # not a regular file, too large, unreadable: the checker reports it; nothing to store
        digest = _digest(_reader_stamp(item) + data)
        shard = self._shard(item)
        key = _path_key(item)
        line = shard.lines.get(key)
        if line is not None:
            found = _decode_line(line, key, digest, item)
            if found is not None:
                self.hits += 1
                return found
        self.pending[item] = _Pending(digest, shard, _stamp(info))
        return None

    def put(self, item: str | InputProblem, result: FileResult) -> None:
        """Store a freshly checked file's result (only a complete one, of bytes that did not change meanwhile)."""
        pending = self.pending.pop(item, None) if isinstance(item, str) else None
        if pending is None or not result.read or result.problems or result.path != item:
            return
        try:
            if _stamp(os.stat(item)) != pending.stamp:
                return
            payload = json.dumps(_encode_result(result), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (OSError, Uncacheable, ValueError):
            return
        key = _path_key(item)
        body = f"{key}\t{pending.digest}\t{payload}"
        pending.shard.updates[key] = f"{_checksum(body)}\t{body}"

    def save(self) -> None:
        """Write the shards with new entries; a folder that cannot be written leaves the cache as it was."""
        changed = [shard for shard in self.shards.values() if shard.updates]
        if not changed:
            return
        try:
            _prepare(self.top)
            self.folder.mkdir(parents=True, exist_ok=True)
            for shard in changed:
                _write_shard(shard)
        except OSError:
            return  # a read-only project: the run's report is what matters

    def _shard(self, item: str) -> _Shard:
        named = os.path.dirname(item)  # as given: thousands of files share it, and abspath costs a getcwd
        shard = self.by_name.get(named)
        if shard is None:
            folder = os.path.dirname(os.path.abspath(item))
            shard = self.shards.get(folder)
            if shard is None:
                path = self.folder / f"{_digest(os.fsencode(folder))}.jsonl"
                shard = self.shards[folder] = _Shard(path)
                shard.lines, shard.seen = _read_shard(path)
            self.by_name[named] = shard
        return shard


def _stamp(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


_STAMPS: dict[str, bytes] = {}


def _reader_stamp(path: str) -> bytes:
    """The versions of the library that reads a .docx, .pdf or .xlsx: an upgrade may read it differently."""
    suffix = os.path.splitext(path)[1].lower()
    libraries = _READER_LIBRARIES.get(suffix)
    if libraries is None:
        return b""
    if suffix not in _STAMPS:
        from importlib import metadata

        versions = []
        for name in libraries:
            try:
                versions.append(f"{name}={metadata.version(name)}")
            except metadata.PackageNotFoundError:
                versions.append(f"{name}=none")
        _STAMPS[suffix] = (" ".join(versions) + "\0").encode()
    return _STAMPS[suffix]


def _checksum(body: str) -> str:
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _read_shard(path: Path) -> tuple[dict[str, str], tuple[int, int, int] | None]:
    """A shard's lines by path; a missing, unreadable or foreign shard is empty."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            text = handle.read().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        return {}, None
    head, _, rest = text.partition("\n")
    if head != HEADER:
        return {}, _stamp(info)
    lines = {}
    for line in rest.split("\n"):
        parts = line.split("\t", 2)
        if len(parts) == 3:
            lines[parts[1]] = line
    return lines, _stamp(info)


def _write_shard(shard: _Shard) -> None:
    lines = shard.lines
    try:
        now = _stamp(os.stat(shard.path))
    except OSError:
        now = None
    if now != shard.seen:  # another run wrote it since: keep its entries, ours win
        lines = _read_shard(shard.path)[0]
    lines = {**lines, **shard.updates}
    fd, temp = tempfile.mkstemp(prefix=f".{shard.path.name}.", suffix=".tmp", dir=shard.path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass", newline="\n") as stream:
            stream.write(HEADER + "\n")
            stream.write("\n".join(lines.values()))
        os.chmod(temp, _file_mode())  # mkstemp makes 0600; a cache is as readable as the project
        os.replace(temp, shard.path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    shard.lines, shard.updates = lines, {}
    with suppress(OSError):
        shard.seen = _stamp(os.stat(shard.path))


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _prepare(top: Path) -> None:
    """The cache folder with its CACHEDIR.TAG (backup tools skip it) and a .gitignore of everything."""
    top.mkdir(parents=True, exist_ok=True)
    for name, content in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# Automatically created by budgetcheck.\n*\n")):
        target = top / name
        if not target.exists():
            target.write_text(content, encoding="utf-8")


def clean(top: Path) -> bool:
    """Remove a cache folder; only one budgetcheck made (it has our CACHEDIR.TAG). False: there was none."""
    tag = top / "CACHEDIR.TAG"
    if not top.is_dir():
        return False
    if not tag.is_file() or "budgetcheck" not in tag.read_text(encoding="utf-8", errors="replace"):
        raise OSError(f"{top}: not a budgetcheck cache folder (no CACHEDIR.TAG of budgetcheck); not removed")
    shutil.rmtree(top)
    return True


# --- entries: exact JSON for the values findings and marks carry ---------------------------


def _encode_result(result: FileResult) -> dict[str, Any]:
    path = result.path
    return {
        "findings": [_encode_finding(f, path) for f in result.findings],
        "texts": [_encode_text(t, path) for t in result.texts],
        # only the codes with marks: an empty list adds nothing when results are merged (most files have none)
        "marks": {code: [_encode_mark(m, path) for m in found] for code, found in result.marks.items() if found},
    }


def _encode_finding(f: Finding, path: str) -> list[Any]:
    if f.path != path:
        raise Uncacheable(f.path)
    excerpt = None if f.excerpt is None else [f.excerpt.text, f.excerpt.start, f.excerpt.end]
    return [f.document, f.code, f.rule, f.severity.value, f.message, f.line, f.column, f.end_line, f.end_column, f.section, _value(f.data), excerpt]


def _encode_text(t: TextInfo, path: str) -> list[Any]:
    if t.path != path:
        raise Uncacheable(t.path)
    return [_value(getattr(t, name.name)) for name in fields(TextInfo)[1:]]


def _encode_mark(m: Mark, path: str) -> list[Any]:
    where = m.location
    if where.path != path:
        raise Uncacheable(where.path)
    excerpt = None if where.excerpt is None else [where.excerpt.text, where.excerpt.start, where.excerpt.end]
    spot = [where.document, where.line, where.column, where.end_line, where.end_column, where.section, excerpt, _value(where.origin)]
    return [spot, _value(m.values)]


def _value(value: Any) -> Any:
    """JSON for a value of a finding's data or a mark: Decimals and tuples tagged, anything else unknown refused."""
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise Uncacheable("non-finite float")
        return value
    if kind is Decimal:
        return {"$d": str(value)}
    if kind is list:
        return [_value(v) for v in value]
    if kind is tuple:
        return {"$t": [_value(v) for v in value]}
    if kind is dict:
        if any(type(k) is not str or k.startswith("$") for k in value):
            raise Uncacheable("dict keys")
        return {k: _value(v) for k, v in value.items()}
    raise Uncacheable(kind.__name__)


def _tagged(value: dict[str, Any]) -> Any:
    """``json.loads``' object hook: tagged Decimals and tuples back (the encoder refuses other keys starting with $)."""
    if len(value) == 1:
        if "$d" in value:
            text = value["$d"]
            if type(text) is not str:
                raise ValueError("bad decimal")
            return Decimal(text)
        if "$t" in value:
            items = value["$t"]
            if type(items) is not list:
                raise ValueError("bad tuple")
            return tuple(items)
    return value


# One decoder and one encoder for every entry: ``json.loads`` and ``json.dumps`` with options build
# a new one per call (5,683 of each in a warm run of the bench's corpus).
_ENTRY = json.JSONDecoder(object_hook=_tagged)
_path_key = json.JSONEncoder(ensure_ascii=False).encode  # a path as the shards key it


def _unvalue(value: Any) -> Any:
    """A value as ``_value`` wrote it, through the same hook the entries are read with."""
    return _ENTRY.decode(json.dumps(value))


def _decode_line(line: str, key: str, digest: str, path: str) -> FileResult | None:
    """The stored result, if the line is intact, is for these bytes and holds what an entry holds."""
    checksum, _, body = line.partition("\t")
    stored_key, stored_digest, payload = body.split("\t", 2)
    if stored_key != key or stored_digest != digest or _checksum(body) != checksum:
        return None
    try:
        data = _ENTRY.decode(payload)
        return FileResult(
            path,
            read=True,
            findings=[_decode_finding(row, path) for row in data["findings"]],
            marks={_str(code): [_decode_mark(row, path) for row in _list(rows)] for code, rows in data["marks"].items()},
            texts=[_decode_text(row, path) for row in data["texts"]],
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError):
        return None  # not an entry this version writes: checked again, never trusted


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not an int")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not a str")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _list(value: Any) -> list:
    if type(value) is not list:
        raise TypeError("not a list")
    return value


_set = object.__setattr__


def _built(model: type[_Model], values: dict[str, Any]) -> _Model:
    """What ``model.model_construct(**values)`` builds when ``values`` holds every field, already
    checked, without its generality (defaults, aliases, extras): a warm run builds thousands of
    findings and excerpts. Valid for models without extra fields or private attributes
    (tests/test_cache.py holds that for the two used here)."""
    built = model.__new__(model)
    _set(built, "__dict__", values)
    _set(built, "__pydantic_fields_set__", set(values))
    _set(built, "__pydantic_extra__", None)
    _set(built, "__pydantic_private__", None)
    return built


def _excerpt_fields(value: Any) -> tuple[str, int, int] | None:
    if value is None:
        return None
    text, start, end = _list(value)
    return _str(text), _int(start), _int(end)


def _excerpt(fields: tuple[str, int, int] | None) -> Excerpt | None:
    if fields is None:
        return None
    text, start, end = fields
    return _built(Excerpt, {"text": text, "start": start, "end": end})


def _decode_finding(row: Any, path: str) -> Finding:
    document, code, rule, severity, message, line, column, end_line, end_column, section, data, excerpt = _list(row)
    if type(data) is not dict:
        raise TypeError("data")
    return _built(Finding, {
        "path": path, "document": _int(document), "code": _str(code), "rule": _str(rule), "severity": Severity(severity),
        "message": _str(message), "line": _int(line), "column": _int(column), "end_line": _int(end_line),
        "end_column": _int(end_column), "section": _opt_str(section), "data": data, "excerpt": _excerpt(_excerpt_fields(excerpt)),
    })


_TEXT_FIELDS = tuple(f.name for f in fields(TextInfo))


def _decode_text(row: Any, path: str) -> TextInfo:
    values = _list(row)
    if len(values) != len(_TEXT_FIELDS) - 1:
        raise ValueError("text fields")
    index, title, department, year, profile, why, part, part_title, pages = values
    if pages is not None and (type(pages) is not tuple or len(pages) != 2 or not all(type(page) is int for page in pages)):
        raise TypeError("pages")
    checked = (path, _int(index), _opt_str(title), _opt_str(department), year if year is None else _int(year), _str(profile),
               _str(why), _opt_str(part), _opt_str(part_title), pages)
    # TextInfo(*checked) without the frozen __init__'s object.__setattr__ per field (ten thousand texts).
    info = object.__new__(TextInfo)
    _set(info, "__dict__", dict(zip(_TEXT_FIELDS, checked)))
    return info


def _decode_mark(row: Any, path: str) -> Mark:
    spot, values = _list(row)
    document, line, column, end_line, end_column, section, excerpt, origin = _list(spot)
    if (origin is not None and type(origin) is not dict) or type(values) is not dict:
        raise TypeError("mark")
    spot = (path, _int(document), _int(line), _int(column), _int(end_line), _int(end_column), _opt_str(section))
    shown = _excerpt_fields(excerpt)
    # Checked now (a damaged entry is a miss), built when a finding needs it (most never do).
    return Mark(lambda: Location(*spot, _excerpt(shown), origin), values)


def open_cache(folder: Path, rules: list[Rule], options: RunOptions) -> ResultsCache:
    return ResultsCache(folder, rules, options)


__all__ = ["CACHE_DIR_NAME", "ResultsCache", "Uncacheable", "clean", "open_cache", "run_key"]


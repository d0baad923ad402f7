"""Which files a run reads: paths as given, folders walked for texts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from budgetcheck.readers import CONVERT, STDIN, SUFFIXES

TEXT_SUFFIXES = SUFFIXES  # .txt, .docx, .pdf, .xlsx, .xlsm
# Found in folders too: .doc, .xls, .wps … are reported with how to convert them, not skipped.
WALKED_SUFFIXES = SUFFIXES + tuple(CONVERT)


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str


@dataclass(frozen=True)
class Selection:
    """Which files found in folders are checked. Files named on the command line always are."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def wants(self, relative: str) -> bool:
        if any(_matches(relative, pattern) for pattern in self.exclude):
            return False
        return not self.include or any(_matches(relative, pattern) for pattern in self.include)

    def prunes(self, relative: str) -> bool:
        return any(_matches(relative, pattern) for pattern in self.exclude)


def _matches(relative: str, pattern: str) -> bool:
    """A glob matches the path below the folder walked ('old/*.txt') or the bare name ('*.pdf')."""
    return fnmatchcase(relative, pattern) or fnmatchcase(relative.rsplit("/", 1)[-1], pattern)


def expand(paths: list[str], selection: Selection = Selection()) -> Iterator[str | InputProblem]:
    """Each file to check, in a stable order; a folder yields its texts sorted, recursively."""
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            yield raw
        elif path.is_dir():
            found = sorted(_walk(path, selection))
            if not found:
                yield InputProblem(raw, f"no {', '.join('*' + s for s in TEXT_SUFFIXES)} files in this folder{_filtered(selection)}")
            yield from found
        elif path.exists():
            yield raw
        else:
            yield InputProblem(raw, "no such file or directory")


def _filtered(selection: Selection) -> str:
    return " matching --include/--exclude" if selection.include or selection.exclude else ""


def _walk(folder: Path, selection: Selection) -> Iterator[str]:
    # Symlinked folders are followed, each real folder once: a link back up the tree is no loop.
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        here = os.stat(root)
        if (here.st_dev, here.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((here.st_dev, here.st_ino))
        base = os.path.relpath(root, folder)
        base = "" if base == "." else base.replace(os.sep, "/") + "/"
        # Hidden folders (.git, .venv) are never project texts; sorted so traversal is deterministic.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not selection.prunes(base + d))
        for name in files:
            if _is_text(name) and selection.wants(base + name):
                yield os.path.join(root, name)


def _is_text(name: str) -> bool:
    # "~$name.docx" is the lock file Word leaves next to an open document, not a document.
    return name.lower().endswith(WALKED_SUFFIXES) and not name.startswith((".", "~$"))

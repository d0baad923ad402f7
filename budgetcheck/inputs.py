"""Which files a run reads: paths as given, folders walked for texts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str


def expand(paths: list[str]) -> Iterator[str | InputProblem]:
    """Each file to check, in a stable order; a folder yields its texts sorted, recursively."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path))
            if not found:
                yield InputProblem(raw, f"no {', '.join('*' + s for s in TEXT_SUFFIXES)} files in this folder")
            yield from found
        elif path.exists():
            yield raw
        else:
            yield InputProblem(raw, "no such file or directory")


def _walk(folder: Path) -> Iterator[str]:
    # Hidden folders (.git, .venv) are never project texts.
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)

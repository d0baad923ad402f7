"""What every data file (rules, profiles, configuration) shares: folder loading and error lines.

A pydantic validation error becomes one line naming the file and the field,
``rules/A101.yaml: params.tolerance: Input should be …`` — the message users see.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, ValidationError

T = TypeVar("T")

def load_yaml(text: str):
    """Plain data (dicts, lists, scalars) from YAML; never constructs objects. Raises yaml.YAMLError."""
    import yaml  # only when data files are validated: a run whose catalogue is cached never parses YAML

    # libyaml's loader parses the built-in rules about ten times faster than the pure-Python one;
    # both construct plain data only.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    return pattern


# A string field that must be a valid Python regular expression.
RegexStr = Annotated[str, AfterValidator(_compiles)]


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A data file's pattern (a ``RegexStr``), compiled once: the table kinds try theirs on
    thousands of cells per publication, and ``re``'s own cache costs more per lookup than the
    search. Only for patterns from data files, which are few; never for document text."""
    return re.compile(pattern)


def error_line(path: Path, exc: ValidationError, prefix: str = "") -> str:
    """``path: field.sub: message`` for the first validation error."""
    error = exc.errors()[0]
    loc = ".".join(str(part) for part in error["loc"])
    field = prefix + loc if loc else prefix.rstrip(".") or "(top level)"
    message = re.sub(r"^(Value|Assertion) error, ", "", error["msg"])  # pydantic's wrapping of a validator's own message
    return f"{path}: {field}: {message}"


def load_folders(directories: list[Path], load: Callable[[Path], T], key: Callable[[T], str], error: type[Exception], what: str) -> dict[str, T]:
    """Every ``*.yaml`` in the folders, by key; a later folder overrides an earlier one."""
    found: dict[str, T] = {}
    for directory in directories:
        if not directory.is_dir():
            raise error(f"{directory}: {what} folder not found")
        for path in sorted(directory.glob("*.yaml")):
            item = load(path)
            found[key(item)] = item
    return found

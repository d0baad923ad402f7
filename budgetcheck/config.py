"""Configuration files: ``budgetcheck.toml`` or ``[tool.budgetcheck]`` in ``pyproject.toml``.

Found by walking up from the current folder; the nearest file wins. Keys mirror
the command line (``select``, ``ignore``, ``extend-select``, ``rules``) plus
settings that only make sense in a file (per-code severities, sum tolerance,
required sections, budget year). Unknown keys and bad values are errors that
name the file and the key.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from budgetcheck import deferred_re
from budgetcheck.findings import Severity
from budgetcheck.limits import Limits
from budgetcheck.schema import error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAME = "budgetcheck.toml"
MAX_CONFIG_SIZE = 1024 * 1024  # bytes; a configuration file is a few lines


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file and key."""


class LimitsConfig(BaseModel):
    """``[limits]``: the bounds per input file (``budgetcheck.limits.Limits`` holds the defaults)."""

    model_config = ConfigDict(extra="forbid", alias_generator=lambda name: name.replace("_", "-"), populate_by_name=False, frozen=True)

    file_time_budget: float = Field(Limits.file_time_budget, gt=0, description="seconds to read and check one file")
    max_file_size: int = Field(Limits.max_file_size, gt=0, description="bytes of one input file")
    max_decompressed_size: int = Field(Limits.max_decompressed_size, gt=0, description="bytes inflated from a .docx package")
    max_pages: int = Field(Limits.max_pages, gt=0, description="pages of one PDF")
    max_paragraphs: int = Field(Limits.max_paragraphs, gt=0, description="paragraphs of one .docx")
    max_quantities: int = Field(Limits.max_quantities, gt=0, description="amounts, counts, years … of one kind in one text")
    max_upload_files: int = Field(Limits.max_upload_files, gt=0, description="files in one upload to budgetcheck serve")
    max_upload_size: int = Field(Limits.max_upload_size, gt=0, description="bytes of one upload to budgetcheck serve, all files together")

    def limits(self) -> Limits:
        return Limits(**self.model_dump())


class Config(BaseModel):
    # Built on first validation: a run without a configuration file uses ``default_config()``.
    model_config = ConfigDict(extra="forbid", alias_generator=lambda name: name.replace("_", "-"), populate_by_name=False, defer_build=True)

    select: list[str] | None = Field(None, description="rule codes or prefixes to check (default: all)")
    extend_select: list[str] = Field([], description="codes or prefixes added to the selection")
    ignore: list[str] = Field([], description="codes or prefixes not to check")
    rules: list[Path] = Field([], description="extra rule folders, relative to the configuration file")
    severity: dict[str, Severity] = Field({}, description="severity per rule code, e.g. T102 = \"warning\"")
    tolerance: Decimal | None = Field(None, ge=0, description="largest difference in yuan still counted as equal")
    required_sections: list[str] | None = Field(None, min_length=1, description="section titles S101 requires, in order")
    budget_year: int | None = Field(None, ge=1949, le=2200, description="budget year used instead of each text's heading")
    profile: str | None = Field(None, description="genre for every text instead of detecting it, e.g. project-text")
    profiles: list[Path] = Field([], description="extra profile folders, relative to the configuration file")
    limits: LimitsConfig = Field(LimitsConfig(), description="bounds per input file: time, size, pages, quantities")
    lang: Literal["zh", "en"] | None = Field(None, description="interface language of reports and messages (default: from the locale)")


def default_config() -> Config:
    """``Config()`` without building its validator: every field at its default (defaults are not validated)."""
    return Config.model_construct()


def find_config(start: Path) -> Path | None:
    """The nearest budgetcheck.toml, or pyproject.toml with a [tool.budgetcheck] table, at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "budgetcheck" in _tool(_read_toml(pyproject))
    except ConfigError:
        # A pyproject.toml we cannot parse is another tool's problem, unless it visibly has our table.
        if _mentions_table(pyproject):
            raise
        return False


_OUR_TABLE = deferred_re.compile(r'^[ \t]*(?:\[[ \t]*"?tool"?[ \t]*\.[ \t]*"?budgetcheck"?[ \t]*[\].]|"?tool"?[ \t]*\.[ \t]*"?budgetcheck"?[ \t]*[.=])', re.MULTILINE)


def _mentions_table(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(MAX_CONFIG_SIZE)
    except OSError:
        return False
    return bool(_OUR_TABLE.search(head.decode("utf-8", errors="replace")))


def _tool(data: dict) -> dict:
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def load_config(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = _tool(data).get("budgetcheck", {})
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(error_line(path, exc)) from None
    base = path.parent
    return config.model_copy(
        update={"rules": [base / folder for folder in config.rules], "profiles": [base / folder for folder in config.profiles]}
    )


def _read_toml(path: Path) -> dict:
    """A TOML file's data; every way it can be unusable is one ConfigError line."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_SIZE + 1)
        if len(raw) > MAX_CONFIG_SIZE:
            raise ConfigError(f"{path}: larger than {MAX_CONFIG_SIZE:,} bytes; not a configuration file")
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start + 1}: {exc.reason}); TOML files must be UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({one_line(str(exc))})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None


def one_line(text: str) -> str:
    return " ".join(text.split())

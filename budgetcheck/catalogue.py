"""Rules as data: YAML files validated by pydantic, each naming a check kind.

A rule file holds one rule. Its ``params`` are validated by the kind's own
``Params`` model and its message placeholders against the kind's ``FIELDS``, so
a mistake in a rule is reported when rules are loaded, naming file and field.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from budgetcheck.checks import KINDS
from budgetcheck.findings import Severity
from budgetcheck.schema import error_line, load_folders, load_yaml
from budgetcheck.validated import cached


class RuleError(Exception):
    """A rule file that cannot be used; the message names the file and field."""


class TextSpec(BaseModel):
    """One text of an example: a whole text, or section bodies merged into the example template."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    text: str | None = Field(None, description="the complete text, as in a file")
    sections: dict[str, str | None] | None = Field(
        None, description="section title → body, merged into the template; null drops a section, a new title is appended"
    )
    heading: str | None = Field(None, description="with sections: the heading lines (default: a 2026 heading; '' for none)")

    @model_validator(mode="after")
    def _one_form(self) -> TextSpec:
        if (self.text is None) == (self.sections is None):
            raise ValueError("give exactly one of 'text' or 'sections'")
        return self


class Example(TextSpec):
    """A must-fire or must-pass example; ``texts`` lints several texts in one run (cross-text rules)."""

    texts: list[TextSpec] | None = Field(None, description="several texts checked in one run")
    count: int | None = Field(None, ge=1, description="with fire: exactly this many findings of the rule")
    note: str | None = Field(None, description="what the example shows")

    @model_validator(mode="after")
    def _one_form(self) -> Example:
        forms = [self.text is not None, self.sections is not None, self.texts is not None]
        if sum(forms) != 1:
            raise ValueError("give exactly one of 'text', 'sections' or 'texts'")
        return self


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    fire: list[Example] = Field([], description="texts on which the rule must report")
    pass_: list[Example] = Field([], alias="pass", description="texts on which the rule must stay silent")


class RuleSpec(BaseModel):
    """The schema of one rule file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    code: str = Field(pattern=r"^[A-Z][0-9]{3}$", description="category letter and three digits, e.g. A101")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", description="kebab-case name")
    severity: Severity
    kind: str
    message: str = Field(min_length=1, description="Chinese message with {placeholders}")
    summary: str | None = Field(None, max_length=120, description="one line for tables; default: the description's first sentence")
    description: str = Field(min_length=1)
    params: dict[str, Any] = {}
    examples: Examples = Examples()

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown check kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        return kind


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    params: BaseModel
    path: Path

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def kind(self) -> ModuleType:
        return KINDS[self.spec.kind]

    @property
    def summary(self) -> str:
        """One line for tables: the rule's own summary, or its description's first sentence."""
        if self.spec.summary:
            return self.spec.summary
        first = self.spec.description.strip().split("\n\n")[0].replace("\n", " ")
        return first.split(". ")[0].rstrip(".")

    @cached_property
    def run_wide(self) -> bool:
        return hasattr(self.kind, "collect")


def builtin_rules_dir() -> Path:
    """Installed wheels carry the rules inside the package; a source checkout has them at the top."""
    packaged = Path(__file__).parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


def load_rule(path: Path) -> Rule:
    import yaml  # for its errors; only loading (not a cached catalogue) needs it

    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file ({exc})") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where else ""
        raise RuleError(f"{path}:{line} invalid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: a rule file must be a mapping of fields (code, name, kind, …)")
    spec = _validate(path, RuleSpec, raw, prefix="")
    params = _validate(path, KINDS[spec.kind].Params, spec.params, prefix="params.")
    _check_placeholders(path, spec)
    return Rule(spec, params, path)


def load_rules(directories: list[Path]) -> list[Rule]:
    """Load every ``*.yaml`` rule; a later directory overrides an earlier one by code.

    Validated once and kept while the files and the code are unchanged (``budgetcheck.validated``).
    """
    return cached("rules", directories, lambda: _load_rules(directories))


def _load_rules(directories: list[Path]) -> list[Rule]:
    by_code = load_folders(directories, load_rule, lambda rule: rule.code, RuleError, "rule")
    return sorted(by_code.values(), key=lambda r: r.code)


def _validate(path: Path, model: type[BaseModel], raw: Any, prefix: str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RuleError(error_line(path, exc, prefix)) from None


def _check_placeholders(path: Path, spec: RuleSpec) -> None:
    fields = KINDS[spec.kind].FIELDS
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(spec.message) if name}
    except ValueError as exc:
        raise RuleError(f"{path}: message: {exc}") from None
    unknown = sorted(names - set(fields))
    if unknown:
        raise RuleError(
            f"{path}: message: unknown placeholder {{{unknown[0]}}} for kind {spec.kind} "
            f"(available: {', '.join(sorted(fields)) or 'none'})"
        )

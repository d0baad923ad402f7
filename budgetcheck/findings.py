"""What checks yield (``Hit``) and what users get (``Finding``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel, Field


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Excerpt(BaseModel):
    """The source line a finding starts on, with the offending part's character range."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Hit:
    """One problem found by a check kind: a span of the source text and the numbers behind it.

    ``values`` fills the rule's message placeholders and becomes the finding's ``data``.
    """

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Location:
    """A span resolved against its file: everything a finding needs except the rule's words."""

    path: str
    document: int
    line: int
    column: int
    end_line: int
    end_column: int
    section: str | None
    excerpt: Excerpt | None
    origin: dict[str, int] | None = None  # where in a .docx/.pdf: {"paragraph": 12} or {"page": 3}


class Mark:
    """What a run-wide check keeps of one text: a location and a few values (small, picklable).

    The location may come as a function that makes it: a mark from the results cache is built
    only if a finding needs its place. The run-wide rules read every mark's values, but the
    location only of the few they report (N101 keeps a mark of every text of a run).
    """

    __slots__ = ("_location", "values")

    def __init__(self, location: Location | Callable[[], Location], values: dict[str, Any]) -> None:
        self._location = location
        self.values = values

    @property
    def location(self) -> Location:
        where = self._location
        if not isinstance(where, Location):
            where = self._location = where()
        return where

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mark):
            return NotImplemented
        return (self.location, self.values) == (other.location, other.values)

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq: values are a dict

    def __repr__(self) -> str:
        return f"Mark(location={self.location!r}, values={self.values!r})"


class Finding(BaseModel):
    """One reported problem, positioned in the original file (1-based lines and columns)."""

    path: str
    document: int
    code: str
    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    section: str | None = None
    data: dict[str, Any] = {}
    excerpt: Excerpt | None = Field(None, exclude=True)  # for human-facing reports only

    def sort_key(self) -> tuple:
        return (self.path, self.document, self.line, self.column, self.code)

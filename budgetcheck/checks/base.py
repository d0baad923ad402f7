"""What every check kind shares: strict parameter models."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from budgetcheck.errors import CheckError


class KindParams(BaseModel):
    """Parameters of a check kind; unknown keys in a rule file are an error.

    Built on first validation (``defer_build``): a run whose catalogue comes validated from
    ``budgetcheck.validated`` never builds the validators of the ~60 kinds' models.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SumParams(KindParams):
    tolerance: Decimal = Field(Decimal("0.01"), ge=0, description="largest difference in yuan still counted as equal")


__all__ = ["CheckError", "KindParams", "SumParams"]

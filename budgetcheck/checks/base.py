"""What every check kind shares: strict parameter models."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from budgetcheck.errors import CheckError


class KindParams(BaseModel):
    """Parameters of a check kind; unknown keys in a rule file are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SumParams(KindParams):
    tolerance: Decimal = Field(Decimal("0.01"), ge=0, description="largest difference in yuan still counted as equal")


__all__ = ["CheckError", "KindParams", "SumParams"]

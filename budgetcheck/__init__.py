"""budgetcheck: a consistency checker for Chinese government budget project texts."""

__version__ = "0.1.0"

"""Nodes that fail in different ways (each test picks the ones it needs)."""

import pandas as pd


def base_value(x: float) -> float:
    return x


def raises(base_value: float) -> float:
    """Divides by zero."""
    return base_value / 0


def wrong_result(base_value: float) -> pd.Series:
    """Annotated pd.Series, returns a list."""
    return [base_value]

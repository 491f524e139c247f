"""Plain type-annotated functions (no decorators): runs without apache-hamilton too."""

import typing

import numpy as np
import pandas as pd

from hamilton_cpp import base as _base  # an imported module: not a node


def prices(n: int) -> pd.Series:
    """Prices."""
    return pd.Series(np.arange(n, dtype=np.float64) * 1.5, name="prices")


def total(prices: pd.Series, discount: float = 0.0) -> float:
    """Sum of the prices, minus an optional discount."""
    return float(prices.sum()) - discount


def as_text(total: float) -> str:
    return f"{total:.2f}"


def is_big(total: float) -> bool:
    return total > 10


def counts(n: int) -> dict:
    return {"n": n, "squares": [i * i for i in range(n)]}


def described(counts: dict, anything: typing.Any) -> list:
    """Takes a dict node and an input of any type."""
    return [counts["n"], type(anything).__name__]


def matrix(n: int) -> np.ndarray:
    return np.eye(n)


def trace(matrix: np.ndarray) -> float:
    return float(np.trace(matrix))


def _hidden() -> int:
    return 0

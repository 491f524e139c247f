"""Plain Python Hamilton functions that test_numba.py also compiles with Numba (the same
functions: apache-hamilton runs this module as it is)."""

import pandas as pd


def spend_per_signup(spend: float, signups: int) -> float:
    """Spend per signup."""
    return spend / signups


def is_expensive(spend_per_signup: float, threshold: float) -> bool:
    return spend_per_signup > threshold


def score(spend_per_signup: float, is_expensive: bool, bonus: int) -> float:
    return spend_per_signup * 2.0 + (bonus if is_expensive else 0)


def bonus_doubled(bonus: int) -> int:
    return bonus * 2


def cost_per_signup(spend_col: pd.Series, signups_col: pd.Series) -> pd.Series:
    """Element-wise arithmetic: the same body works on a row and on columns."""
    return spend_col / signups_col * 1000.0 - 1.5


def weighted(cost_per_signup: pd.Series, signups_col: pd.Series) -> pd.Series:
    return cost_per_signup * signups_col + signups_col

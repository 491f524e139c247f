import pandas as pd


def values(n: int) -> pd.Series:
    """Annotated pd.Series, returns a list."""
    return list(range(n))

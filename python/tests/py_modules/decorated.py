"""A Python Hamilton module using its decorators (runs unchanged in both drivers)."""

import pandas as pd

from hamilton.function_modifiers import (
    check_output,
    config,
    extract_columns,
    parameterize,
    source,
    tag,
    value,
)


@extract_columns("signups", "spend")
def raw_data(rows: int) -> pd.DataFrame:
    """The raw data: signups and spend per week."""
    return pd.DataFrame(
        {
            "signups": [1 + 2 * i for i in range(rows)],
            "spend": [10.0 * (i + 1) for i in range(rows)],
        }
    )


@config.when(region="US")
def tax_rate__us() -> float:
    """US tax."""
    return 0.1


@config.when(region="EU")
def tax_rate__eu() -> float:
    """EU tax."""
    return 0.2


@tag(owner="growth", stage=["prod", "beta"])
def spend_after_tax(spend: pd.Series, tax_rate: float) -> pd.Series:
    """Spend after tax."""
    return spend * (1 - tax_rate)


@parameterize(
    spend_per_signup={"numerator": source("spend"), "scale": value(1.0)},
    spend_after_tax_per_signup={"numerator": source("spend_after_tax"), "scale": value(100.0)},
)
def ratio(numerator: pd.Series, signups: pd.Series, scale: float) -> pd.Series:
    """Ratio of {numerator} to signups."""
    return numerator / signups * scale


@check_output(range=(0.0, 1000.0), importance="warn")
def spend_mean(spend: pd.Series) -> float:
    """Mean spend."""
    return float(spend.mean())


def summary(spend_mean: float, spend_per_signup: pd.Series, label: str = "weekly") -> dict:
    """A dict node (a Python object in hamilton_cpp)."""
    return {"label": label, "mean": spend_mean, "max_ratio": float(spend_per_signup.max())}


def signups_text(signups: pd.Series) -> pd.Series:
    """A string column."""
    return signups.astype(str) + " signups"


def _private_helper() -> int:
    return 1

"""A node with Hamilton's @cache(format=...) (test_caching.py)."""

import pandas as pd

from hamilton.function_modifiers import cache


@cache(format="parquet")
def spend_table(spend: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"spend": spend})


def spend_total(spend_table: pd.DataFrame) -> float:
    return float(spend_table["spend"].sum())

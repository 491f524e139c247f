"""Functions for the materialize tests (test_materialize.py): Python Hamilton's
examples/materialization shape, a marketing table in, a report out."""

import pandas as pd


def spend(marketing: pd.DataFrame) -> pd.Series:
    return marketing["spend"]


def signups(marketing: pd.DataFrame) -> pd.Series:
    return marketing["signups"]


def spend_per_signup(spend: pd.Series, signups: pd.Series) -> pd.Series:
    return spend / signups


def report(spend: pd.Series, spend_per_signup: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"spend": spend, "spend_per_signup": spend_per_signup})


def total_spend(spend: pd.Series) -> float:
    return float(spend.sum())

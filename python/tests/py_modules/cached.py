"""Functions for the cache tests (test_caching.py): pandas columns, a scalar, a dict, and an
object without a data version. CALLS counts each function's calls."""

import collections

import pandas as pd

CALLS: collections.Counter = collections.Counter()


def spend_k(spend: pd.Series) -> pd.Series:
    CALLS["spend_k"] += 1
    return spend / 1000


def signups_total(signups: pd.Series) -> float:
    CALLS["signups_total"] += 1
    return float(signups.sum())


def cost_per_signup(spend_k: pd.Series, signups_total: float) -> pd.Series:
    CALLS["cost_per_signup"] += 1
    return spend_k / signups_total


def summary(cost_per_signup: pd.Series, region: str) -> dict:
    CALLS["summary"] += 1
    return {"region": region, "max": float(cost_per_signup.max())}


class Opaque:
    """No data version: Hamilton's hash_value cannot version it."""

    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def __getstate__(self):
        return self.v

    def __setstate__(self, v):
        self.v = v


def opaque(spend_k: pd.Series) -> Opaque:
    CALLS["opaque"] += 1
    return Opaque(float(spend_k.sum()))


def from_opaque(opaque: Opaque) -> float:
    CALLS["from_opaque"] += 1
    return opaque.v * 2

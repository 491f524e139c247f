"""The Python twin of test_graceful.py's C++ nodes `root` and `root_plus_one`."""

import math


def root(y: float) -> float:
    if y < 0:
        raise ValueError("y must not be negative")
    return math.sqrt(y)


def root_plus_one(root: float) -> float:
    return root + 1

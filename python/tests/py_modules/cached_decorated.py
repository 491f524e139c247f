"""Python Hamilton's @cache decorator on functions (test_caching.py)."""

import collections

from hamilton.function_modifiers import cache

CALLS: collections.Counter = collections.Counter()


@cache(behavior="recompute")
def fresh(x: float) -> float:
    CALLS["fresh"] += 1
    return x + 1


def derived(fresh: float) -> float:
    CALLS["derived"] += 1
    return fresh * 2

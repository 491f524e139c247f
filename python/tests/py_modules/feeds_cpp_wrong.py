"""`spend` as an int: the C++ node avg_3wk_spend reads a hamilton::Series."""


def spend(weeks: int) -> int:
    return weeks

"""Python Hamilton's dynamic execution: Parallelizable[int] / Collect[int]."""

from hamilton.htypes import Collect, Parallelizable


def number(count: int) -> Parallelizable[int]:
    """One item per number."""
    for i in range(count):
        yield i


def squared(number: int, offset: int = 0) -> int:
    return number * number + offset


def total(squared: Collect[int]) -> int:
    """The sum of the squares."""
    return sum(squared)

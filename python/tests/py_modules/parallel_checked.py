"""A check_output inside a Parallelizable block: each item's value is checked (warned)."""

from hamilton.function_modifiers import check_output
from hamilton.htypes import Collect, Parallelizable


def number(count: int) -> Parallelizable[int]:
    for i in range(count):
        yield i


@check_output(range=(0.0, 4.0), importance="warn")
def halved_square(number: int) -> float:
    return number * number / 2.0


def total(halved_square: Collect[float]) -> float:
    return sum(halved_square)

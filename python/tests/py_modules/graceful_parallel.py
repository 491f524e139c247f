"""A Parallelizable block whose items fail on 3 (Python Hamilton's GracefulErrorAdapter
docstring, with the failure in the body node instead of the generator)."""

from hamilton.htypes import Collect, Parallelizable


class DoNotProceed(Exception):
    pass


def start_point() -> Parallelizable[int]:
    for i in range(5):
        yield i


def inner(start_point: int) -> int:
    if start_point == 3:
        raise DoNotProceed()
    return start_point


def gather(inner: Collect[int]) -> list:
    return list(inner)

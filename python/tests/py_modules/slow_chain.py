"""first -> slow (sleeps) -> after -> last, and a node that cancels the run's token
(test_deadline.py)."""

import time

#: set by the test: the token `cancels` cancels
TOKEN = None


def first(x: int) -> int:
    return x + 1


def slow(first: int) -> int:
    time.sleep(0.3)
    return first + 1


def after(slow: int) -> int:
    return slow + 1


def last(after: int) -> int:
    return after + 1


def cancels(x: int) -> int:
    TOKEN.cancel()
    return x


def after_cancel(cancels: int) -> int:
    return cancels + 1

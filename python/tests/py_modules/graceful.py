"""Nodes for the GracefulErrorAdapter parity tests (test_graceful.py): a node that refuses to
proceed, what needs it, an error the adapter does not catch, and a node that accepts error
sentinels."""

from hamilton.lifecycle.default import accept_error_sentinels


class DoNotProceed(Exception):
    pass


def wont_proceed() -> int:
    raise DoNotProceed()


def will_proceed() -> int:
    return 1


def never_reached(wont_proceed: int) -> int:
    return 1


def chained(never_reached: int) -> int:
    return never_reached + 1


def maybe_fails(x: int) -> int:
    if x < 0:
        raise DoNotProceed(f"x is {x}")
    return x * 2


def doubled_again(maybe_fails: int) -> int:
    return maybe_fails * 2


def unlucky(x: int) -> int:
    if x == 13:
        raise KeyError("unlucky")
    return x


@accept_error_sentinels
def report(will_proceed: int, wont_proceed: int, maybe_fails: int) -> dict:
    return {"will_proceed": will_proceed, "wont_proceed": wont_proceed, "maybe_fails": maybe_fails}

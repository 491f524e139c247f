"""An edge between two Python nodes of Python types: a list read as a dict."""


def things(n: int) -> list:
    return list(range(n))


def keyed(things: dict) -> int:
    return len(things)

"""Python parameters reading config values (one also read by the C++ node test_nodes.scaled)."""

import typing


def factor_text(factor: typing.Any) -> str:
    return repr(factor)


def options_keys(options: typing.Any) -> list:
    return sorted(options)


def options_id(options: dict) -> int:
    return id(options)

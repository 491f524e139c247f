"""Python Hamilton's lifecycle adapters that hamilton_cpp runs in its C++ engine.

``GracefulErrorAdapter`` is Python Hamilton's (``hamilton.lifecycle.GracefulErrorAdapter``,
which hamilton_cpp's driver takes as well): a node that raises ``error_to_catch`` has no value,
the nodes that need it are skipped, everything else runs, and an output without a value is
``sentinel_value``. ``accept_error_sentinels`` is apache-hamilton's decorator (it needs
apache-hamilton installed). Differences are in docs/failures.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GracefulErrorAdapter", "accept_error_sentinels"]

SENTINEL_DEFAULT = None


class GracefulErrorAdapter:
    """Graceful failure, as ``hamilton.lifecycle.GracefulErrorAdapter``:

    ``dr = driver.Builder().with_modules(m).with_adapters(GracefulErrorAdapter(DoNotProceed)).build()``

    :param error_to_catch: the exception class whose raising makes a node fail gracefully;
        any other exception still stops the run (an ExecutionError)
    :param sentinel_value: the value of an output that was not computed, and what a node
        decorated with ``accept_error_sentinels`` receives for an argument that failed
    :param try_all_parallel: accepted for Python Hamilton's signature; items of a
        Parallelizable block that fail are left out of the Collect (docs/failures.md)
    :param allow_injection: whether ``accept_error_sentinels`` nodes receive sentinels (True)
        or are skipped like any other node (False)
    """

    def __init__(
        self,
        error_to_catch: type[BaseException] = Exception,
        sentinel_value: Any = SENTINEL_DEFAULT,
        try_all_parallel: bool = True,
        allow_injection: bool = True,
    ):
        if not (isinstance(error_to_catch, type) and issubclass(error_to_catch, BaseException)):
            raise TypeError(f"error_to_catch must be an exception class, got {error_to_catch!r}")
        self.error_to_catch = error_to_catch
        self.sentinel_value = sentinel_value
        self.try_all_parallel = try_all_parallel
        self.allow_injection = allow_injection


def __getattr__(name: str) -> Any:
    if name == "accept_error_sentinels":
        try:
            from hamilton.lifecycle.default import accept_error_sentinels
        except ImportError as e:
            raise ImportError(
                "accept_error_sentinels is apache-hamilton's decorator: pip install "
                f"apache-hamilton to use it ({e})"
            ) from e
        return accept_error_sentinels
    raise AttributeError(f"module 'hamilton_cpp.lifecycle' has no attribute {name!r}")

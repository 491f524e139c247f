"""The exceptions hamilton_cpp raises.

Every error of the C++ library arrives as one of these, with the C++ message unchanged
(``str(e)``) and its structured fields as attributes. They subclass the built-in exceptions
Python Hamilton raises in the same situations, so ``except ValueError`` keeps working after
migrating::

    HamiltonError                  base of everything below
    ├── GraphError(ValueError)     building the graph failed; .problems lists every problem
    ├── InputError(ValueError)     execute/validate_execution refused the request; .problems
    │   └── InputTypeError(TypeError)  an input/override/config value has the wrong type
    ├── ExecutionError(RuntimeError)   a node raised; .node, .module, .location, .outputs
    ├── UnknownNodeError(ValueError)   a query named a node the graph does not have
    ├── ValueTypeError(TypeError)      a value was read as the wrong C++ type
    └── ResultError(ValueError)        a result builder could not combine the outputs
"""

from __future__ import annotations

import dataclasses

from . import _core


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem of a GraphError or InputError (hamilton::Problem)."""

    code: str  #: e.g. "missing-input" (docs/core.md lists the codes)
    node: str  #: the node concerned ("" if none)
    module: str  #: the module defining it ("" if unknown)
    location: str | None  #: "file:line" where the node is declared, if known
    message: str  #: what is wrong and how to fix it
    suggestion: str  #: the nearest existing name ("" if none)
    text: str  #: the whole problem on one line, as in the error message

    def __str__(self) -> str:
        return self.text


class HamiltonError(Exception):
    """Base of every hamilton_cpp exception."""


class GraphError(HamiltonError, ValueError):
    """Building the graph failed. ``problems`` holds every problem found, not only the first."""

    problems: list[Problem] = []


class InputError(HamiltonError, ValueError):
    """A request to execute (or validate) was refused before any node ran."""

    problems: list[Problem] = []


class InputTypeError(InputError, TypeError):
    """An input, override or config value cannot be converted to the C++ type its node takes.

    Both a TypeError and (like Python Hamilton's type check) a ValueError."""

    def __init__(self, message: str, name: str = "", expected: str = ""):
        super().__init__(message)
        self.name = name
        self.expected = expected


class ExecutionError(HamiltonError, RuntimeError):
    """A node raised while running. ``node``, ``module``, ``location`` (file:line),
    ``outputs`` (the requested outputs that needed it) and ``original_message``."""

    node: str = ""
    module: str = ""
    location: str | None = None
    outputs: list[str] = []
    original_message: str = ""


class UnknownNodeError(HamiltonError, ValueError):
    """A query (upstream/downstream/path ...) named a node the graph does not have."""

    name: str = ""
    suggestion: str = ""


class ValueTypeError(HamiltonError, TypeError):
    """A value was read as a C++ type it does not hold."""

    expected: str = ""
    actual: str = ""


class ResultError(HamiltonError, ValueError):
    """A result builder could not combine the outputs."""


class RunStoppedError(HamiltonError, TimeoutError):
    """A run's ``timeout`` passed, or its ``cancellation`` token was cancelled, before every node
    it needed had run (and it had no GracefulErrorAdapter to return what was computed).
    ``cancelled`` (the token, not the timeout), ``not_run`` (the nodes not started) and
    ``outputs`` (the requested outputs without a value)."""

    cancelled: bool = False
    not_run: list[str] = []
    outputs: list[str] = []


_core._set_error_classes(
    HamiltonError,
    GraphError,
    InputError,
    ExecutionError,
    UnknownNodeError,
    ValueTypeError,
    ResultError,
    Problem,
    RunStoppedError,
)

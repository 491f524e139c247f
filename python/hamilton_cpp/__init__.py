"""hamilton-cpp from Python: Python Hamilton's API over a C++ driver (docs/python.md).

    from hamilton_cpp import driver, base
    import hamilton_cpp

    my_functions = hamilton_cpp.load_library("build/my_functions.so")   # C++ NODEs
    spend = hamilton_cpp.load_cpp("spend_features.cpp")                  # compiled, cached
    dr = driver.Builder().with_modules(my_functions).build()
    result = dr.execute(["spend_per_signup"], inputs={"spend": spend, "signups": signups})
"""

from . import _core
from ._modules import CppModule, load_library
from ._compile import CompileError, load_cpp
from ._paths import cmake_dir, include_dir, library_dir, package_dir
from .errors import (
    ExecutionError,
    GraphError,
    HamiltonError,
    InputError,
    InputTypeError,
    Problem,
    ResultError,
    RunStoppedError,
    UnknownNodeError,
    ValueTypeError,
)
from . import arrow, base, driver  # noqa: E402  (after errors: they register the exception classes)
from ._as_module import as_module  # noqa: E402
from ._pictures import Drawing  # noqa: E402
from . import testing  # noqa: E402

Value = _core.Value
#: A flag that stops the runs it is given (``dr.execute(..., cancellation=token)``); cancel()
#: from any thread.
CancellationToken = _core.CancellationToken
__version__ = _core.__hamilton_version__
#: The ABI stamp of the package's headers ("hamilton-cpp <version> abi <hash of the headers>"):
#: a module library compiled against other headers is refused (docs/core.md, "Linking modules").
__abi__ = _core.__hamilton_abi__



def __getattr__(name: str):
    # numba is optional: hamilton_cpp.numba_column imports it when first asked for.
    if name == "numba_column":
        from ._numba import numba_column

        return numba_column
    raise AttributeError(f"module 'hamilton_cpp' has no attribute {name!r}")


__all__ = [
    "CancellationToken",
    "CompileError",
    "CppModule",
    "Drawing",
    "ExecutionError",
    "GraphError",
    "HamiltonError",
    "InputError",
    "InputTypeError",
    "Problem",
    "ResultError",
    "RunStoppedError",
    "UnknownNodeError",
    "Value",
    "ValueTypeError",
    "arrow",
    "as_module",
    "base",
    "cmake_dir",
    "driver",
    "include_dir",
    "library_dir",
    "load_cpp",
    "load_library",
    "package_dir",
    "testing",
]

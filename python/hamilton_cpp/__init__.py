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
    UnknownNodeError,
    ValueTypeError,
)
from . import arrow, base, driver  # noqa: E402  (after errors: they register the exception classes)

Value = _core.Value
__version__ = _core.__hamilton_version__

__all__ = [
    "CompileError",
    "CppModule",
    "ExecutionError",
    "GraphError",
    "HamiltonError",
    "InputError",
    "InputTypeError",
    "Problem",
    "ResultError",
    "UnknownNodeError",
    "Value",
    "ValueTypeError",
    "arrow",
    "base",
    "cmake_dir",
    "driver",
    "include_dir",
    "library_dir",
    "load_cpp",
    "load_library",
    "package_dir",
]

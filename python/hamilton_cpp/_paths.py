"""Where the installed package keeps the C++ library, headers and CMake package."""

from __future__ import annotations

from pathlib import Path

from . import _core


def package_dir() -> str:
    """The directory of the installed extension (for an editable install too)."""
    return str(Path(_core.__file__).resolve().parent)


def cmake_dir() -> str:
    """The CMake package directory: ``-Dhamilton_DIR=<this>`` (or CMAKE_PREFIX_PATH) makes
    ``find_package(hamilton)`` find the libraries this package runs on, with
    ``hamilton_add_module`` to build module libraries that load into it."""
    return str(Path(package_dir()) / "lib" / "cmake" / "hamilton")


def include_dir() -> str:
    """The directory holding ``hamilton/*.hpp``."""
    return str(Path(package_dir()) / "include")


def library_dir() -> str:
    """The directory holding ``libhamilton_core.so`` and the other libraries."""
    return str(Path(package_dir()) / "lib")

"""C++ module libraries as module objects for ``driver.Builder().with_modules(...)``."""

from __future__ import annotations

import os
import threading

from . import _core


class CppModule:
    """A module library (``hamilton_add_module(<name> SHARED ...)``) loaded into the process.

    Pass it to ``driver.Builder().with_modules(...)`` or ``driver.Driver(config, ...)`` like a
    Python module. ``module_names`` are the ``HAMILTON_MODULE`` names it registered;
    ``__name__`` is the first of them (Python Hamilton reads a module's ``__name__``).
    """

    def __init__(self, path: str, module_names: list[str]):
        self.path = path
        self.__file__ = path
        self.module_names = list(module_names)
        self.__name__ = self.module_names[0] if self.module_names else os.path.basename(path)

    def __repr__(self) -> str:
        names = ", ".join(self.module_names)
        return f"<hamilton_cpp.CppModule {self.__name__!r} ({names}) from {self.path!r}>"


_loaded: dict[str, CppModule] = {}
_lock = threading.Lock()


def load_library(path: str | os.PathLike) -> CppModule:
    """Loads a C++ module library (a shared library built with
    ``hamilton_add_module(<name> SHARED ...)``, against ``hamilton_cpp.cmake_dir()``) the way
    the ``hamilton-cpp`` command line does, and returns it as a module object.

    Loading twice returns the same object. Raises GraphError when the file does not exist,
    cannot be loaded (the loader's message is included) or defines no module.
    """
    path = os.fspath(path)
    key = os.path.realpath(path)
    with _lock:
        module = _loaded.get(key)
        if module is None:
            names = _core.load_library(key if os.path.exists(key) else path)
            module = CppModule(key, names)
            _loaded[key] = module
        return module

"""How a Driver is rebuilt in a worker process: a picklable recipe (module library paths,
config, flags) and a per-process cache of the Drivers built from it."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import os
import pickle
import socket
import sys
import threading
import types
from typing import Any

from .._modules import CppModule, load_library
from ..errors import HamiltonError

#: Directories (separated by os.pathsep) a worker also searches for module libraries.
MODULE_PATH_ENV = "HAMILTON_CPP_MODULE_PATH"


class WorkerModuleError(HamiltonError, RuntimeError):
    """A worker process could not find or load a C++ module library of the graph."""


@dataclasses.dataclass(frozen=True)
class DriverRecipe:
    """What a worker needs to rebuild a Driver: ``modules`` as ``("cpp", path)`` (a module
    library, found on the worker as docs/scale-out.md says) or ``("python", name)`` (an
    importable Python module), the ``config`` and ``allow_module_overrides``."""

    modules: tuple[tuple[str, str], ...]
    config: dict[str, Any]
    allow_module_overrides: bool = False

    @staticmethod
    def of(dr: Any) -> "DriverRecipe":
        """The recipe of a hamilton_cpp Driver."""
        modules = []
        for m in dr.graph_modules:
            if isinstance(m, CppModule):
                modules.append(("cpp", m.path))
            elif isinstance(m, types.ModuleType):
                modules.append(("python", m.__name__))
            else:
                raise TypeError(
                    f"module {m!r} cannot be rebuilt on a worker: execute_on ships C++ module "
                    "libraries (hamilton_cpp.load_library) and importable Python modules"
                )
        return DriverRecipe(
            tuple(modules), dict(dr.config), bool(getattr(dr, "_allow_module_overrides", False))
        )

    def key(self) -> str:
        return hashlib.sha256(pickle.dumps((self.modules, sorted(self.config.items()),
                                            self.allow_module_overrides))).hexdigest()

    def driver(self) -> Any:
        """The Driver of this recipe in this process (built once per process)."""
        key = self.key()
        with _lock:
            dr = _drivers.get(key)
            if dr is None:
                from .. import driver as driver_module

                modules = [self._load(kind, ref) for kind, ref in self.modules]
                dr = driver_module.Driver(
                    self.config, *modules, allow_module_overrides=self.allow_module_overrides
                )
                _drivers[key] = dr
            return dr

    @staticmethod
    def _load(kind: str, ref: str) -> Any:
        if kind == "python":
            return importlib.import_module(ref)
        path = find_library(ref)
        try:
            return load_library(path)
        except Exception as e:
            raise WorkerModuleError(
                f"the C++ module library `{os.path.basename(ref)}` cannot be loaded on worker "
                f"{_where()} from {path}: {e}"
            ) from e


_drivers: dict[str, Any] = {}
_lock = threading.Lock()


def _where() -> str:
    return f"{socket.gethostname()} (pid {os.getpid()})"


def shipped_directories() -> list[str]:
    """Where the engines put files shipped to workers, in this process: Spark's SparkFiles
    root (``SparkContext.addFile``), the Dask worker's local directory
    (``Client.upload_file``), the directories of $HAMILTON_CPP_MODULE_PATH, and the working
    directory (Ray's ``runtime_env={"working_dir": ...}``)."""
    dirs = []
    if "pyspark" in sys.modules:
        try:
            from pyspark import SparkFiles

            root = SparkFiles.getRootDirectory()
            if root:
                dirs.append(root)
        except Exception:
            pass
    if "distributed" in sys.modules:
        try:
            from distributed import get_worker

            dirs.append(get_worker().local_directory)
        except Exception:  # not in a task (unpickling a message): the process's workers
            try:
                from distributed.worker import Worker

                dirs.extend(w.local_directory for w in list(Worker._instances))
            except Exception:
                pass
    dirs.extend(d for d in os.environ.get(MODULE_PATH_ENV, "").split(os.pathsep) if d)
    dirs.append(os.getcwd())
    return dirs


def find_library(path: str) -> str:
    """The module library built at ``path`` on the driver, as this process sees it: ``path``
    itself if it exists (the same path on every machine), else a file of the same name in
    ``shipped_directories()``. Raises WorkerModuleError naming every place looked at."""
    if os.path.exists(path):
        return path
    name = os.path.basename(path)
    looked = [path]
    for d in shipped_directories():
        candidate = os.path.join(d, name)
        looked.append(candidate)
        if os.path.exists(candidate):
            return candidate
    raise WorkerModuleError(
        f"the C++ module library `{name}` (at {path} on the driver) is not on worker "
        f"{_where()}; looked at: {', '.join(looked)}. Make it reach the workers: the same path "
        "on every machine, or hamilton_cpp.execution.ship_modules(dr, client) for Dask "
        "(Client.upload_file), ship_modules(dr, spark) for Spark (SparkContext.addFile), "
        f"runtime_env=ship_modules(dr, 'ray') for Ray, or a directory in ${MODULE_PATH_ENV} "
        "(docs/scale-out.md)"
    )

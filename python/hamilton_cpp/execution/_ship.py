"""Sending a graph's C++ module libraries to the workers of Dask, Spark and Ray."""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from ._recipe import DriverRecipe


def module_libraries(dr: Any) -> list[str]:
    """The paths of the C++ module libraries a Driver was built from."""
    return [ref for kind, ref in DriverRecipe.of(dr).modules if kind == "cpp"]


def ship_modules(dr: Any, target: Any, runtime_env: dict | None = None) -> Any:
    """Sends the Driver's C++ module libraries where the workers of ``target`` find them
    (hamilton_cpp.execution looks there when the driver's path does not exist on a worker):

    - a ``distributed.Client``: ``client.upload_file(path, load=False)`` for each library
      (into every worker's local directory, also workers that join later); returns the names.
    - a ``SparkSession`` or ``SparkContext``: ``addFile(path)`` (read with SparkFiles);
      returns the names.
    - ``"ray"``: returns a ``runtime_env`` (``runtime_env`` extended) whose ``working_dir``
      holds copies of the libraries; pass it to ``ray.init(runtime_env=...)`` (Ray uploads a
      local working_dir only when a job starts, not per task).
    """
    paths = module_libraries(dr)
    names = [os.path.basename(p) for p in paths]
    if isinstance(target, str) and target == "ray":
        env = dict(runtime_env or {})
        if "working_dir" in env:
            raise ValueError(
                "runtime_env already has a working_dir: copy the module libraries "
                f"({', '.join(paths)}) into it, and execute_on finds them there"
            )
        directory = tempfile.mkdtemp(prefix="hamilton_cpp_modules_")
        for p in paths:
            shutil.copy2(p, os.path.join(directory, os.path.basename(p)))
        env["working_dir"] = directory
        return env
    if hasattr(target, "upload_file") and hasattr(target, "submit"):  # distributed.Client
        for p in paths:
            target.upload_file(p, load=False)
        return names
    context = getattr(target, "sparkContext", target)
    if hasattr(context, "addFile"):
        for p in paths:
            context.addFile(p)
        return names
    raise TypeError(
        f"ship_modules sends module libraries to a distributed.Client, a SparkSession or "
        f"SparkContext, or 'ray'; got {target!r}"
    )

"""Builds the module libraries of python/tests/cpp against the installed hamilton_cpp package
(find_package(hamilton) in hamilton_cpp.cmake_dir()), as a Python user builds C++ nodes."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import hamilton_cpp

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SOURCES = HERE / "cpp"
LIBRARIES = (
    "hello_world_module", "test_nodes", "test_other_nodes", "test_conflict_nodes", "not_a_module",
    "test_zero_copy_nodes",
)


def default_build_dir() -> Path:
    """One build directory per installed package (so repeated runs are incremental)."""
    key = hashlib.sha256(hamilton_cpp.cmake_dir().encode()).hexdigest()[:12]
    return REPO / "build-python" / "test-modules" / key


def build_test_modules(build_dir: Path | None = None, only: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """Configures and builds the test module libraries (or the ones named in ``only``);
    returns name -> path of the .so."""
    build_dir = Path(build_dir or default_build_dir())
    env = dict(os.environ)
    if "CMAKE_CXX_COMPILER_LAUNCHER" not in env and shutil.which("ccache"):
        env["CMAKE_CXX_COMPILER_LAUNCHER"] = "ccache"
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    steps = [
        ["cmake", "-S", str(SOURCES), "-B", str(build_dir), *generator,
         "-DCMAKE_BUILD_TYPE=Release", f"-Dhamilton_DIR={hamilton_cpp.cmake_dir()}"],
        ["cmake", "--build", str(build_dir), "-j", str(os.cpu_count() or 2), "--target", *only],
    ]
    for cmd in steps:
        run = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            raise RuntimeError(
                f"building the test module libraries failed: {' '.join(cmd)}\n{run.stdout}\n{run.stderr}"
            )
    paths = {name: str(build_dir / f"{name}.so") for name in only}
    for name, path in paths.items():
        if not os.path.exists(path):
            raise RuntimeError(f"the build made no {path}")
    return paths


def line_of(source: str, text: str) -> int:
    """The line of python/tests/cpp/<source> where ``text`` first appears (for locations)."""
    for number, line in enumerate((SOURCES / source).read_text().splitlines(), start=1):
        if text in line:
            return number
    raise ValueError(f"{text!r} is not in {source}")

"""``load_cpp``: a .cpp file of NODEs to a loaded module, compiled once and cached."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from . import _core
from ._modules import CppModule, load_library
from ._paths import include_dir, library_dir, package_dir
from .errors import HamiltonError


class CompileError(HamiltonError, RuntimeError):
    """``load_cpp`` could not compile the source: ``command`` is what ran, ``output`` what the
    compiler said (its messages name the file, line and column)."""

    def __init__(self, message: str, command: list[str], output: str):
        super().__init__(message)
        self.command = command
        self.output = output


def cache_dir() -> Path:
    """Where ``load_cpp`` keeps compiled modules: ``$HAMILTON_CPP_CACHE``, else
    ``$XDG_CACHE_HOME/hamilton_cpp``, else ``~/.cache/hamilton_cpp``."""
    if os.environ.get("HAMILTON_CPP_CACHE"):
        return Path(os.environ["HAMILTON_CPP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hamilton_cpp"


def _compiler() -> str:
    for candidate in (os.environ.get("CXX"), "c++", "g++", "clang++"):
        if candidate and shutil.which(candidate.split()[0]):
            return candidate
    raise CompileError(
        "load_cpp: no C++ compiler found (set CXX, or install one: apt-get install g++)", [], ""
    )


def load_cpp(
    source: str | os.PathLike,
    *,
    extra_args: Sequence[str] = (),
    cache: str | os.PathLike | None = None,
    verbose: bool = False,
) -> CppModule:
    """Compiles a .cpp file of ``NODE``s into a module library and loads it
    (like ``torch.utils.cpp_extension.load``).

    The system compiler (``$CXX``, else ``c++``) builds it against this package's headers and
    libraries (C++20, -O2, -fPIC, -shared). The result is cached by a hash of the source, the
    compiler, ``extra_args``, this package's installation and the ABI stamp of its headers
    (``hamilton_cpp.__abi__``) under ``cache_dir()`` (or ``cache``): the same source loads
    again without compiling, and a library cached for other headers is never reused. A
    compiler error raises CompileError with the compiler's messages, which name the file, line
    and column.

    The NODEs' code version (``Variable.version``) is the SHA-256 of the source, as
    ``hamilton_add_module`` gives it.

    The source may include only what the package's headers provide (``<hamilton/...>``) and the
    standard library; pass ``-I``/``-l`` options in ``extra_args`` for more. A module name
    (``HAMILTON_MODULE``) can be loaded once per process: a changed source with the same module
    name adds its nodes to the same module, and building a graph with it reports duplicates.
    """
    path = Path(source).resolve()
    try:
        text = path.read_bytes()
    except OSError as e:
        raise FileNotFoundError(f"load_cpp: cannot read `{source}`: {e.strerror}") from None
    cxx = _compiler()
    # the code version of its NODEs, as hamilton_add_module gives it (docs/caching.md)
    source_hash = f'-DHAMILTON_SOURCE_HASH="{hashlib.sha256(text).hexdigest()}"'
    flags = ["-std=c++20", "-O2", "-fPIC", "-shared", f"-I{include_dir()}", source_hash, *extra_args]
    libs = [f"-L{library_dir()}", "-lhamilton_core", "-lhamilton_frame", f"-Wl,-rpath,{library_dir()}"]
    key = hashlib.sha256()
    for part in (text, cxx.encode(), " ".join(flags + libs).encode(), package_dir().encode(),
                 _core.__hamilton_abi__.encode(), str(path).encode()):
        key.update(part)
        key.update(b"\0")
    out_dir = Path(cache) if cache is not None else cache_dir()
    target = out_dir / f"{path.stem}-{key.hexdigest()[:20]}.so"
    if not target.exists():
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.stem + ".", suffix=".so.tmp", dir=out_dir)
        os.close(fd)
        command = [*shlex.split(cxx), *flags, str(path), "-o", tmp, *libs]
        if verbose:
            print("load_cpp:", shlex.join(command))
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            os.unlink(tmp)
            output = (run.stdout + run.stderr).strip()
            raise CompileError(
                f"load_cpp: compiling `{source}` failed (exit code {run.returncode}):\n{output}\n"
                f"command: {shlex.join(command)}",
                command,
                output,
            )
        os.replace(tmp, target)  # atomic: concurrent load_cpp calls see a whole file or none
    return load_library(target)

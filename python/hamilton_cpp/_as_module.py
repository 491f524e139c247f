"""``as_module``: the nodes of a C++ module as a Python module of functions, for Python Hamilton.

    import hamilton_cpp
    from hamilton import driver

    lib = hamilton_cpp.load_library("build/my_functions.so")
    my_functions = hamilton_cpp.as_module(lib)
    dr = driver.Builder().with_modules(my_functions, python_features).build()

Each node of the module's graph (built alone, with ``config``, so that nodes made by modifiers
exist) becomes a Python function with the node's name, parameters, annotations, doc and tags.
Calling it converts the arguments to the C++ types, computes the node in C++ with the GIL
released, and converts the result back.

The module's ``__name__`` describes how to rebuild it (library path, module name, config), so
its functions pickle by reference and unpickle in another process by loading the library again
(this module is a package whose submodules are made on import by a finder).
"""

from __future__ import annotations

import base64
import importlib.abc
import importlib.machinery
import json
import keyword
import os
import sys
import threading
import types
import typing
import warnings
from typing import Any

from . import _convert, _core
from ._modules import CppModule, load_library

# Submodules `hamilton_cpp._as_module.<name>` are made by _Finder (below).
__path__: list[str] = []

_PREFIX = __name__ + "."
_lock = threading.RLock()
_local_counter = 0


def _python_type(kind: str) -> Any:
    from .driver import _PYTHON_TYPES

    return _PYTHON_TYPES.get(kind, typing.Any)


class CppNodesModule(types.ModuleType):
    """The module ``as_module`` returns: a real module (Python Hamilton crawls it like any
    other) whose functions compute C++ nodes. It pickles as (library path, module name, config)
    and unpickles by loading the library and rebuilding."""

    def __reduce__(self):
        spec = self.__hamilton_cpp__
        return (_rebuild, (spec["library"], spec["module"], spec["config"]))

    def __repr__(self) -> str:
        spec = self.__hamilton_cpp__
        config = f" config={spec['config']!r}" if spec["config"] else ""
        return (
            f"<hamilton_cpp C++ module {spec['module']!r} from {spec['library']!r}{config}: "
            f"{len(self.__all__)} functions>"
        )


def _rebuild(library: str, module_name: str, config: dict) -> types.ModuleType:
    from .execution._recipe import WorkerModuleError, find_library

    try:
        found = find_library(library)
    except WorkerModuleError:
        return _Unavailable(_python_name(module_name, library, config)[0], library, module_name,
                            config)
    return as_module(found, module_name, config=config, _name_of=library)


def _resolve_library(library: Any) -> CppModule:
    if isinstance(library, CppModule):
        return library
    if isinstance(library, (str, os.PathLike)):
        return load_library(library)
    if isinstance(library, types.ModuleType):
        raise TypeError(
            f"as_module: `{library.__name__}` is a Python module; pass a C++ module library "
            "(hamilton_cpp.load_library(path), hamilton_cpp.load_cpp(source) or a path)"
        )
    raise TypeError(
        f"as_module: {library!r} is not a C++ module library; pass "
        "hamilton_cpp.load_library(path), hamilton_cpp.load_cpp(source) or a path"
    )


def _module_name_of(lib: CppModule, module_name: str | None) -> str:
    if module_name is None:
        if len(lib.module_names) == 1:
            return lib.module_names[0]
        raise ValueError(
            f"as_module: `{lib.path}` defines {len(lib.module_names)} modules "
            f"({', '.join(lib.module_names)}): pick one with module_name="
        )
    if module_name not in lib.module_names:
        raise ValueError(
            f"as_module: `{lib.path}` defines no module `{module_name}` "
            f"(it defines {', '.join(lib.module_names) or 'none'})"
        )
    return module_name


def _python_name(module_name: str, library: str, config: dict) -> tuple[str, bool]:
    """The module's ``__name__`` and whether another process can import it (rebuild it from
    the name alone: only when the config is JSON)."""
    readable = "".join(c if c.isalnum() or c == "_" else "_" for c in module_name)
    try:
        text = json.dumps({"l": library, "m": module_name, "c": config}, sort_keys=True,
                          separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        global _local_counter
        _local_counter += 1
        return f"{_PREFIX}{readable}__local{_local_counter}", False
    # base32 (a-z, 2-7): no "_" in the token, so the last "__" of the name starts it
    token = base64.b32encode(text.encode()).decode().rstrip("=").lower()
    return f"{_PREFIX}{readable}__{token}", True


def _decode(fullname: str) -> tuple[str, str, dict]:
    leaf = fullname[len(_PREFIX):]
    _, sep, token = leaf.rpartition("__")
    if not sep or token.startswith("local"):
        raise ImportError(
            f"cannot import `{fullname}`: it is a hamilton_cpp.as_module module made in another "
            "process from a config that is not JSON (only str, int, float, bool, None, lists and "
            "dicts of them can be rebuilt elsewhere); call as_module with such a config in this "
            "process, or pickle the module object itself",
            name=fullname,
        )
    try:
        spec = json.loads(base64.b32decode(token.upper() + "=" * (-len(token) % 8)))
        return spec["l"], spec["m"], spec["c"]
    except (ValueError, KeyError, TypeError):
        raise ImportError(f"cannot import `{fullname}`: not a hamilton_cpp.as_module name",
                          name=fullname) from None


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports ``hamilton_cpp._as_module.<name>``: rebuilds the module from its name."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.startswith(_PREFIX) and "." not in fullname[len(_PREFIX):]:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        library, module_name, config = _decode(spec.name)
        from .execution._recipe import WorkerModuleError, find_library

        try:
            # the same path, else a copy the engine shipped (Dask upload_file, Spark addFile,
            # Ray's working_dir, $HAMILTON_CPP_MODULE_PATH)
            found = find_library(library)
        except WorkerModuleError:
            # Unpickling must not fail (Dask unpickles a task where a failure breaks the
            # connection to the worker): the functions look again when they are called.
            return _Unavailable(spec.name, library, module_name, config)
        return as_module(found, module_name, config=config, _name_of=library)

    def exec_module(self, module):
        pass


class _Unavailable(types.ModuleType):
    """An as_module module whose library was not found when it was imported (unpickled): its
    functions look for the library again when called, and raise WorkerModuleError naming it
    and every place looked at if it is still not there."""

    def __init__(self, name: str, library: str, module_name: str, config: dict):
        super().__init__(name)
        self.__hamilton_cpp__ = {"library": library, "module": module_name, "config": config,
                                 "portable": True}

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        spec = self.__hamilton_cpp__

        def call(*args: Any, **kwargs: Any) -> Any:
            from .execution._recipe import WorkerModuleError, find_library

            try:
                found = find_library(spec["library"])
            except WorkerModuleError as e:
                raise WorkerModuleError(
                    f"C++ node `{attr}` (hamilton_cpp.as_module of module `{spec['module']}`) "
                    f"cannot run here: {e}") from None
            module = as_module(found, spec["module"], config=spec["config"],
                               _name_of=spec["library"])
            return getattr(module, attr)(*args, **kwargs)

        call.__name__ = call.__qualname__ = attr
        call.__module__ = self.__name__
        setattr(self, attr, call)  # one object per name: pickling by reference finds it
        return call

    def __reduce__(self):
        spec = self.__hamilton_cpp__
        return (_rebuild, (spec["library"], spec["module"], spec["config"]))


if not any(isinstance(f, _Finder) for f in sys.meta_path):
    sys.meta_path.append(_Finder())


# ---- the functions ------------------------------------------------------------------------


def _tags_for_hamilton(tags: dict[str, Any]) -> dict[str, Any] | None:
    """The tags Python Hamilton's @tag accepts (identifiers, no reserved namespace); None when
    apache-hamilton is not installed."""
    try:
        from hamilton.function_modifiers import base as hbase
        from hamilton.function_modifiers import tag as htag
    except ImportError:
        return None
    ok = {}
    for key, value in tags.items():
        if key == "module":  # Hamilton sets it to the function's module
            continue
        try:
            htag(**{key: value}).validate(None)
        except (hbase.InvalidDecoratorException, ValueError, TypeError):
            continue
        ok[key] = value
    return ok


def _identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def _make_function(module: CppNodesModule, nodes: Any, node: Any, variables: dict) -> Any:
    name = node.name
    required = list(node.required_dependencies)
    optional = [d for d in node.optional_dependencies if d not in required]
    deps = required + optional
    # How each argument converts: by the dependency's node in the module's graph.
    plan = []
    for dep in deps:
        v = variables[dep]
        what = f"argument `{dep}` of C++ node `{name}` (module `{module.__hamilton_cpp__['module']}`)"
        plan.append((dep, v.kind, v.type_name, what, v.role == "input", dep in optional))
    call = nodes.call

    def run(args: tuple) -> Any:
        inputs: dict = {}
        overrides: dict = {}
        for (dep, kind, type_name, what, is_input, is_optional), value in zip(plan, args):
            if value is None and is_optional:
                continue
            cpp = _convert.to_cpp(value, kind, type_name, what, dep)
            (inputs if is_input else overrides)[dep] = cpp
        return _convert.from_cpp(call(name, inputs, overrides))

    params = ", ".join(required + [f"{d}=None" for d in optional])
    source = f"def {name}({params}):\n    return __hamilton_cpp_call__(({''.join(d + ', ' for d in deps)}))\n"
    namespace: dict = {"__name__": module.__name__, "__hamilton_cpp_call__": run}
    exec(compile(source, f"<hamilton_cpp C++ node {name}>", "exec"), namespace)
    fn = namespace[name]
    fn.__qualname__ = name
    fn.__doc__ = node.documentation or None
    annotations = {d: _python_type(variables[d].kind) for d in deps}
    annotations["return"] = _python_type(node.kind)
    fn.__annotations__ = annotations
    tags = {k: (vals[0] if len(vals) == 1 else list(vals)) for k, vals in node.tags.items()}
    fn.__hamilton_cpp_tags__ = tags
    fn.__hamilton_cpp_node__ = {"type_name": node.type_name, "location": node.location,
                                "module": node.module}
    hamilton_tags = _tags_for_hamilton(tags)
    if hamilton_tags is not None:
        from hamilton.function_modifiers import tag as htag

        if hamilton_tags:
            fn = htag(**hamilton_tags)(fn)
        # Hamilton's own `module` tag would be this module's long __name__: the C++ module's
        # name reads better (and is what hamilton_cpp's driver lists).
        fn = htag(bypass_reserved_namespaces_=True, module=node.module)(fn)
    return fn


def as_module(
    library: Any,
    module_name: str | None = None,
    *,
    config: dict[str, Any] | None = None,
    _name_of: str | None = None,
) -> CppNodesModule:
    """The nodes of a C++ module as a Python module of functions (``types.ModuleType``), for
    Python Hamilton's ``driver.Builder().with_modules(...)`` beside Python modules.

    ``library``: a ``hamilton_cpp.load_library(path)`` / ``load_cpp(source)`` result, or a path.
    ``module_name`` picks one ``HAMILTON_MODULE`` of a library that defines several.
    ``config`` is the config the module's graph is built with (config_when, parameterize ...
    are applied then): the functions are the nodes of that graph. Every node computed by a
    function becomes a function of the same name whose parameters are the node's dependencies
    (optional ones default to None), annotated with the Python types of the dependencies, with
    the node's doc as ``__doc__`` and its tags applied with Hamilton's ``@tag`` (all tags are in
    ``fn.__hamilton_cpp_tags__``). Nodes whose name or dependency names are not Python
    identifiers cannot be functions: they are left out, listed in ``__hamilton_cpp_skipped__``
    with a warning.

    The same arguments return the same module object. (``_name_of``: the library's path where
    the module was made, for a copy of it loaded in another process.)
    """
    lib = _resolve_library(library)
    name = _module_name_of(lib, module_name)
    config = {k: v for k, v in dict(config or {}).items()}
    for key in config:
        if not isinstance(key, str):
            raise TypeError(f"as_module: config keys must be str, got {key!r}")
    with _lock:
        origin = _name_of or lib.path  # what the module's name and pickles refer to
        python_name, portable = _python_name(name, origin, config)
        existing = sys.modules.get(python_name)
        if isinstance(existing, CppNodesModule):
            return existing
        cpp_config = {
            k: _convert.to_cpp(v, "any", "", f"config `{k}`", k) for k, v in config.items() if v is not None
        }
        nodes = _core.module_nodes(name, cpp_config)
        infos = nodes.nodes()
        variables = {v.name: v for v in infos}
        module = CppNodesModule(
            python_name,
            f"The nodes of the C++ module `{name}` ({lib.path}) as Python functions "
            "(hamilton_cpp.as_module).",
        )
        module.__file__ = lib.path
        module.__hamilton_cpp__ = {"library": origin, "module": name, "config": config,
                                   "portable": portable}
        module.__hamilton_cpp_nodes__ = nodes
        functions: list[str] = []
        skipped: dict[str, str] = {}
        for node in infos:
            if node.role != "function":
                continue
            bad = [d for d in [node.name, *node.required_dependencies, *node.optional_dependencies]
                   if not _identifier(d)]
            if bad:
                skipped[node.name] = "; ".join(
                    f"`{b}` is a Python keyword" if keyword.iskeyword(b) else f"`{b}` is not a Python identifier"
                    for b in bad)
                continue
            setattr(module, node.name, _make_function(module, nodes, node, variables))
            functions.append(node.name)
        module.__all__ = functions
        module.__hamilton_cpp_skipped__ = skipped
        if skipped:
            warnings.warn(
                f"as_module: C++ module `{name}`: {len(skipped)} node(s) left out, as a Python "
                "function cannot have these names (rename them in C++ to use them from Python "
                "Hamilton): " + ", ".join(f"`{n}` ({why})" for n, why in skipped.items()),
                stacklevel=2,
            )
        sys.modules[python_name] = module
        return module

"""Python modules of functions as modules of hamilton-cpp's graph (docs/python.md, "Python
modules of functions").

A Python module passed to ``driver.Builder().with_modules(...)`` becomes one ``_core.PyModule``
holding one C++ node per node the module defines. With apache-hamilton installed, the nodes are
Python Hamilton's own: its ``graph_utils.find_functions`` and ``function_modifiers.base.
resolve_nodes`` (every decorator: ``config.when``, ``extract_columns``, ``parameterize``,
``check_output``, ``tag``, ``Parallelizable``/``Collect`` ...) run with the driver's config.
Without it, the public functions defined in the module become one node each; a decorated one
is an error asking to install apache-hamilton.

Types: ``pd.Series`` -> ``hamilton::Series``, ``pd.DataFrame`` -> ``hamilton::DataFrame``,
``float`` -> ``double``, ``int`` -> ``std::int64_t``, ``bool``, ``str`` -> ``std::string``; any
other annotation -> ``hamilton_py::PyObjectRef`` (the Python object, passed as it is). The C++
graph checks every edge; edges between two PyObjectRef types of Python nodes are checked here
with Python Hamilton's ``htypes.types_match`` (a plain equality/subclass check without it).
A parameter annotated ``typing.Any`` (or not annotated) takes a value of any type.
"""

from __future__ import annotations

import inspect
import sys
import types
import typing
from typing import Any, Sequence

import pandas as pd

from . import _convert, _core
from .errors import GraphError, InputTypeError, Problem

#: The C++ type of a Python value without a C++ counterpart.
OBJECT_TYPE_NAME: str = _core.OBJECT_TYPE_NAME
#: The C++ type of a Python ``Parallelizable[T]`` node (its items) and ``Collect[T]`` parameter.
ITEMS_TYPE_NAME: str = _core.ITEMS_TYPE_NAME
_TYPE_NAMES: dict[str, str] = dict(_core.type_names())
# type key -> the kind _convert.to_cpp takes
_KINDS = {"Series": "Series", "DataFrame": "DataFrame", "double": "float", "int64": "int",
          "bool": "bool", "string": "string"}
_EXACT = {float: "double", int: "int64", bool: "bool", str: "string"}
_LIFECYCLE_ATTRIBUTES = ("resolve", "generate", "inject", "expand", "transform",
                         "decorate_nodes", "dynamic")


def _hamilton():
    """Python Hamilton's modules needed here, or None when apache-hamilton is not installed."""
    try:
        from hamilton import graph_utils, htypes, node
        from hamilton.function_modifiers import base as fm_base
    except ImportError:
        return None
    return types.SimpleNamespace(graph_utils=graph_utils, htypes=htypes, node=node, fm_base=fm_base)


def is_python_module(m: Any) -> bool:
    return isinstance(m, types.ModuleType)


# ---- types -------------------------------------------------------------------------------


def _strip(annotation: Any) -> Any:
    """``Annotated[T, ...]`` -> ``T``."""
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def type_key(annotation: Any) -> str:
    """The C++ type a Python annotation maps to, as a key of ``_core.type_names()``."""
    t = _strip(annotation)
    if t is pd.Series:
        return "Series"
    if t is pd.DataFrame:
        return "DataFrame"
    for py, key in _EXACT.items():
        if t is py:
            return key
    return "object"


def _is_any(annotation: Any) -> bool:
    return annotation is typing.Any or annotation is inspect.Parameter.empty


def _generic(annotation: Any, name: str) -> Any | None:
    """The element type of ``Parallelizable[T]`` / ``Collect[T]`` (by name, so that this works
    whatever module the type comes from), else None."""
    origin = typing.get_origin(annotation)
    if origin is not None and getattr(origin, "__name__", "") == name and getattr(
        origin, "__module__", ""
    ).startswith("hamilton"):
        args = typing.get_args(annotation)
        return args[0] if args else typing.Any
    return None


def type_label(annotation: Any) -> str:
    if annotation is inspect.Parameter.empty:
        return "(not annotated)"
    if isinstance(annotation, type) and annotation.__module__ == "builtins":
        return annotation.__qualname__
    if isinstance(annotation, type):
        module = annotation.__module__
        if module.startswith("pandas."):
            module = "pandas"  # pandas.Series, not pandas.core.series.Series
        return f"{module}.{annotation.__qualname__}"
    return repr(annotation).replace("typing.", "")


def _types_match(hamilton, param_type: Any, produced: Any) -> bool:
    if hamilton is not None:
        return bool(hamilton.htypes.types_match(param_type, produced))
    if _is_any(param_type) or produced is typing.Any or param_type == produced:
        return True
    try:
        return isinstance(produced, type) and isinstance(param_type, type) and issubclass(produced, param_type)
    except TypeError:
        return False


# ---- nodes -------------------------------------------------------------------------------


def _where(fn: Any) -> tuple[str, int]:
    fn = inspect.unwrap(fn) if callable(fn) else fn
    try:
        file = inspect.getsourcefile(fn) or inspect.getfile(fn)
    except TypeError:
        return "", 0
    try:
        line = inspect.getsourcelines(fn)[1]
    except (OSError, TypeError):
        line = getattr(getattr(fn, "__code__", None), "co_firstlineno", 0)
    return file or "", int(line)


class Param:
    __slots__ = ("name", "annotation", "key", "optional", "collect_annotation", "collect_key")

    def __init__(self, name: str, annotation: Any, optional: bool):
        self.name = name
        self.annotation = annotation
        self.optional = optional
        self.collect_annotation = _generic(annotation, "Collect")
        self.collect_key = "" if self.collect_annotation is None else type_key(self.collect_annotation)
        self.key = "any" if _is_any(annotation) else type_key(annotation)


class PyNode:
    """One Python node: what the C++ node calls, and what ``Variable`` tells about it."""

    def __init__(self, name: str, module: str, fn: Any, annotation: Any, params: list[Param],
                 doc: str, tags: dict, originating_functions: tuple, defaults: dict):
        self.name = name
        self.module = module
        self.fn = fn
        self.annotation = annotation
        self.params = params
        self.doc = doc or ""
        self.tags = dict(tags)
        self.originating_functions = originating_functions
        self.defaults = dict(defaults)
        self.file, self.line = _where(originating_functions[0] if originating_functions else fn)
        self.item_annotation = _generic(annotation, "Parallelizable")
        self.item_key = "" if self.item_annotation is None else type_key(self.item_annotation)
        self.key = "object" if self.item_annotation is not None else type_key(annotation)
        #: The last exception the function raised (chained to the ExecutionError by the driver).
        self.last_error: BaseException | None = None
        #: Tagged with Hamilton's accept_error_sentinels: under a GracefulErrorAdapter, a failed
        #: argument is passed as the adapter's sentinel (set by the driver) instead of skipping.
        self.accepts_sentinels = self.tags.get(ERROR_SENTINEL_TAG) == INJECTION_ALLOWED
        self.error_sentinel: Any = None

    @property
    def location(self) -> str | None:
        return f"{self.file}:{self.line}" if self.file else None

    @property
    def produced(self) -> Any:
        """The type of the value a consumer reads (one item of a Parallelizable)."""
        return self.annotation if self.item_annotation is None else self.item_annotation

    def _where_text(self) -> str:
        return f"module {self.module}, {self.location}" if self.location else f"module {self.module}"

    def _to_cpp(self, value: Any, key: str, annotation: Any, what: str) -> Any:
        if key == "object":
            return value
        kind = _KINDS[key]
        try:
            return _convert.to_cpp(value, kind, _TYPE_NAMES[key], what, self.name)
        except InputTypeError as e:
            message = str(e)
            got = message[message.find("; got ") + 6:] if "; got " in message else type(value).__qualname__
            raise TypeError(
                f"node `{self.name}` ({self._where_text()}) is annotated to return "
                f"{type_label(annotation)} (C++ {_TYPE_NAMES[key]}, made from "
                f"{_convert.ACCEPTS[kind]}) but {what} is a {got}"
            ) from None

    def __call__(self, *args: Any) -> Any:
        kwargs = {}
        for p, a in zip(self.params, args):
            if a is _core.MISSING:
                if self.accepts_sentinels and not p.optional:
                    kwargs[p.name] = self.error_sentinel  # a required argument that failed
                continue
            kwargs[p.name] = [_convert.from_cpp(x) for x in a] if p.collect_key else _convert.from_cpp(a)
        try:
            result = self.fn(**kwargs)
            if self.item_annotation is not None:
                return [self._to_cpp(x, self.item_key, self.item_annotation, f"item {i} it yielded")
                        for i, x in enumerate(result)]
            return self._to_cpp(result, self.key, self.annotation, "the value it returned")
        except BaseException as e:
            self.last_error = e
            raise


def _tags_for_cpp(tags: dict) -> dict[str, list[str]]:
    out = {}
    for k, v in tags.items():
        if isinstance(v, (list, tuple)):
            out[str(k)] = [str(x) for x in v]
        else:
            out[str(k)] = [str(v)]
    return out


def _problem(code: str, node: str, module: str, location: str | None, message: str) -> Problem:
    """A Problem spelled as the C++ library spells one (hamilton::Problem::to_string)."""
    text = f"{location}: " if location else ""
    if node:
        text += f"node `{node}`" + (f" (module {module})" if module else "") + ": "
    elif module:
        text += f"module {module}: "
    return Problem(code=code, node=node, module=module, location=location, message=message,
                   suggestion="", text=text + message)


def _decorated(fn: Any) -> bool:
    if getattr(fn, "__config_decorated__", None):
        return True
    for attr in _LIFECYCLE_ATTRIBUTES:
        value = getattr(fn, attr, None)
        if isinstance(value, list) and value and type(value[0]).__module__.startswith("hamilton"):
            return True
    return False


def _hamilton_annotations(fn: Any) -> bool:
    try:
        hints = typing.get_type_hints(fn, include_extras=True)
    except Exception:
        return False
    return any(_generic(h, "Parallelizable") is not None or _generic(h, "Collect") is not None
               for h in hints.values())


def _own_functions(module: types.ModuleType) -> list[tuple[str, Any]]:
    """Python Hamilton's find_functions: public functions defined in the module (or a submodule)."""
    name = module.__name__

    def defined_here(fn):
        m = getattr(fn, "__module__", None) or ""
        return m == name or m.startswith(name + ".")

    return [(n, f) for n, f in inspect.getmembers(module, inspect.isfunction)
            if not n.startswith("_") and defined_here(f)]


def _own_node(module: types.ModuleType, fn: Any) -> PyNode:
    file, line = _where(fn)
    where = f"{file}:{line}" if file else module.__name__
    if _decorated(fn) or _hamilton_annotations(fn):
        raise _Refused(
            "decorated-without-hamilton",
            f"function `{fn.__name__}` ({where}) uses Python Hamilton's decorators or types "
            "(config.when, extract_columns, parameterize, Parallelizable ...): install "
            "apache-hamilton (pip install apache-hamilton) so that hamilton_cpp resolves them "
            "with Python Hamilton's own code",
        )
    hints = typing.get_type_hints(fn, include_extras=True)
    if "return" not in hints:
        raise _Refused(
            "missing-return-type",
            f"function `{fn.__name__}` ({where}) has no return type annotation: annotate it "
            f"(def {fn.__name__}(...) -> pd.Series:), Python Hamilton requires one too",
        )
    params = []
    defaults = {}
    for p in inspect.signature(fn).parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise _Refused("bad-node", f"function `{fn.__name__}` ({where}) takes *args/**kwargs: "
                                       "every parameter must be a named dependency")
        optional = p.default is not inspect.Parameter.empty
        if optional:
            defaults[p.name] = p.default
        params.append(Param(p.name, hints.get(p.name, inspect.Parameter.empty), optional))
    return PyNode(fn.__name__, module.__name__, fn, hints["return"], params, fn.__doc__ or "",
                  {"module": module.__name__}, (fn,), defaults)


class _Refused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _hamilton_node(hamilton, module: types.ModuleType, n: Any) -> PyNode:
    params = [Param(name, typ, dep == hamilton.node.DependencyType.OPTIONAL)
              for name, (typ, dep) in n.input_types.items()]
    return PyNode(n.name, module.__name__, n.callable, n.type, params, n.documentation, n.tags,
                  tuple(n.originating_functions or ()), n.default_parameter_values)


def _is_cfunc(obj: Any) -> bool:
    """A numba.cfunc or hamilton_cpp.numba_column (a module holding one has imported numba)."""
    if "numba" not in sys.modules:
        return False
    try:
        from . import _numba
    except ImportError:  # reported by add_nodes, which needs it
        t = type(obj)
        return t.__module__.startswith("numba") and t.__name__ == "CFunc"
    return _numba.is_numba_node(obj)


class Prebuilt:
    """Nodes Python Hamilton made outside a module (the loaders and savers of
    ``Driver.materialize``), added to a graph as one more module."""

    def __init__(self, name: str, nodes: list):
        self.__name__ = name
        self.nodes = list(nodes)


def resolve_prebuilt(m: Prebuilt) -> "ResolvedModule":
    """The ResolvedModule of ``m``'s nodes (Python Hamilton ``node.Node`` objects)."""
    hamilton = _hamilton()
    out = ResolvedModule(m)
    for n in m.nodes:
        node = _hamilton_node(hamilton, m, n)
        out.nodes[node.name] = node
        out.node_list.append(node)
    return out


class ResolvedModule:
    """A Python module's nodes, and the _core.PyModule holding them."""

    def __init__(self, module: types.ModuleType):
        self.module = module
        self.name = module.__name__
        self.nodes: dict[str, PyNode] = {}
        self.node_list: list[PyNode] = []
        self.cfuncs: list[tuple[str, Any]] = []
        self.pymodule = _core.PyModule(self.name)


def resolve(module: types.ModuleType, config: dict[str, Any], problems: list[Problem]) -> ResolvedModule:
    """The nodes of a Python module under ``config`` (``add_nodes`` adds them to its
    ``_core.PyModule``). Problems (a function that cannot become a node) are appended to ``problems``."""
    hamilton = _hamilton()
    out = ResolvedModule(module)
    nodes: list[PyNode] = []
    if hamilton is not None:
        for fname, fn in hamilton.graph_utils.find_functions(module):
            try:
                resolved = hamilton.fm_base.resolve_nodes(fn, config)
                nodes.extend(_hamilton_node(hamilton, module, n) for n in resolved)
            except Exception as e:  # Python Hamilton's own message, with where it happened
                file, line = _where(fn)
                loc = f"{file}:{line}" if file else None
                code = "missing-return-type" if "type hint for return" in str(e) else "bad-node"
                problems.append(_problem(code, fname, out.name, loc,
                                         f"Python Hamilton cannot make a node of function `{fname}`: "
                                         f"{type(e).__name__}: {e}"))
    else:
        for fname, fn in _own_functions(module):
            try:
                nodes.append(_own_node(module, fn))
            except _Refused as e:
                file, line = _where(fn)
                problems.append(_problem(e.code, fname, out.name, f"{file}:{line}" if file else None, str(e)))
    for node in nodes:
        if node.name in config:
            continue  # as Python Hamilton: a config value replaces the node of that name
        out.nodes[node.name] = node
        out.node_list.append(node)
    out.cfuncs = [(attr, obj) for attr, obj in vars(module).items()
                  if not attr.startswith("_") and _is_cfunc(obj)]
    return out


ERROR_SENTINEL_TAG = "hamilton.error_sentinel"
INJECTION_ALLOWED = "injection is requested"  # Hamilton's lifecycle.default.INJECTION_ALLOWED


def _parameter_key(node: "PyNode", p: Any) -> str:
    """The C++ type key of a parameter. A required parameter of a node that accepts error
    sentinels takes any value, so that the C++ engine can hand it an empty one (the sentinel)."""
    if node.accepts_sentinels and not p.optional and not p.collect_key:
        return "any"
    return p.key


def add_nodes(r: ResolvedModule) -> None:
    """Adds the resolved nodes (and numba cfuncs) to ``r.pymodule``: after ``check_edges``,
    which may relax parameter types."""
    for node in r.node_list:
        _core.add_python_node(
            r.pymodule, node.name,
            getattr(node.originating_functions[0], "__name__", node.name) if node.originating_functions else node.name,
            [(p.name, _parameter_key(node, p), p.optional, p.collect_key) for p in node.params],
            node.key, node.item_key, node, node.doc, _tags_for_cpp(node.tags), node.file, node.line,
            source_version(node.originating_functions) or "",
        )
    for attr, obj in r.cfuncs:
        try:
            from . import _numba
        except ImportError as e:
            raise ImportError(
                f"module `{r.name}` defines the numba cfunc `{attr}` but hamilton_cpp's numba "
                f"support (hamilton_cpp._numba) cannot be imported: {e}"
            ) from e
        _numba.add_cfunc(r.pymodule, attr, obj)


def check_edges(resolved: Sequence[ResolvedModule], allow_module_overrides: bool) -> list[Problem]:
    """Checks (and where Python Hamilton accepts, relaxes) the edges between two Python nodes,
    with Python Hamilton's ``htypes.types_match`` on the annotations:

    * both ends PyObjectRef (the C++ graph sees one type there): a mismatch is a problem;
    * C++ types that differ although Python Hamilton accepts the edge (a ``bool`` node read as
      ``int``, a ``pd.Series`` read as ``object``): the parameter takes a value of any type.

    Every other edge is the C++ graph's to check."""
    hamilton = _hamilton()
    producers: dict[str, PyNode] = {}
    for r in resolved:
        for name, node in r.nodes.items():
            if name not in producers or allow_module_overrides:
                producers[name] = node
    problems = []
    for r in resolved:
        for node in r.nodes.values():
            if producers.get(node.name) is not node:
                continue
            for p in node.params:
                prod = producers.get(p.name)
                if prod is None or p.key == "any":
                    continue
                wanted = p.collect_annotation if p.collect_key else p.annotation
                key = p.collect_key or p.key
                produced_key = prod.item_key if prod.item_annotation is not None else prod.key
                if key != produced_key:
                    if not p.collect_key and prod.item_annotation is None and _types_match(
                            hamilton, wanted, prod.produced):
                        p.key = "any"
                    continue
                if key != "object" or _types_match(hamilton, wanted, prod.produced):
                    continue
                problems.append(_problem(
                    "type-mismatch", node.name, node.module, node.location,
                    f"parameter `{p.name}` is a {type_label(wanted)} but node `{prod.name}` "
                    f"({prod._where_text()}) produces a {type_label(prod.produced)}; change "
                    "one of the two annotations so that they match"))
    return problems


def raise_problems(problems: list[Problem]) -> None:
    """A GraphError listing ``problems`` as the C++ library lists them."""
    n = len(problems)
    lines = "".join(f"\n  {i}. {p.text}" for i, p in enumerate(problems, start=1))
    error = GraphError(f"cannot build the graph ({n} problem{'' if n == 1 else 's'}):{lines}")
    error.problems = list(problems)
    raise error


def from_cpp(value: Any) -> Any:
    """A node's output as Python: the object of a PyObjectRef, pandas objects for Series and
    DataFrames (``_convert.from_cpp``)."""
    if isinstance(value, _core.Value) and value.type_name == OBJECT_TYPE_NAME:
        return _core.object_of(value)
    if isinstance(value, _core.Value) and value.type_name == ITEMS_TYPE_NAME:
        return [_convert.from_cpp(x) for x in _core.object_of(value)]
    return _convert.from_cpp(value)


def source_version(functions: "tuple | None") -> "str | None":
    """Python Hamilton's version of a node made by a Python function: the hash of its first
    originating function's source, without docstrings and comments (``hash_source_code``); the
    code version the result cache keys the node by."""
    if not functions:
        return None
    try:
        from hamilton.graph_types import hash_source_code
    except ImportError:
        import hashlib
        import inspect

        def hash_source_code(fn, strip=False):
            return hashlib.sha256(inspect.getsource(fn).strip().encode()).hexdigest()

    try:
        return hash_source_code(functions[0], strip=True)
    except (OSError, TypeError):  # no source (a REPL, a notebook cell): Hamilton's None too
        return None

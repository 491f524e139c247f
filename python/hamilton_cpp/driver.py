"""Python Hamilton's ``hamilton.driver`` API over hamilton-cpp's C++ driver.

Migrating is an import change::

    from hamilton_cpp import driver, base        # was: from hamilton import driver, base
    import hamilton_cpp
    my_functions = hamilton_cpp.load_library("build/my_functions.so")

    dr = driver.Builder().with_modules(my_functions).with_adapters(base.PandasDataFrameResult()).build()
    df = dr.execute(["spend", "avg_3wk_spend"], inputs={"spend": spend})

The defaults are Python Hamilton's: ``Driver(config, *modules)`` returns a pandas DataFrame
(``base.PandasDataFrameResult``), ``Builder().build()`` without a result builder a dict.
C++ nodes run with the GIL released; a Python node takes it only while its function runs.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import types
import typing
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from . import _caching, _convert, _core, _pictures, _pymodules, base
from .errors import ExecutionError, GraphError, InputTypeError
from ._modules import CppModule


class CppType:
    """The type of a node whose C++ type has no Python counterpart (``Variable.type``)."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"CppType({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CppType) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("CppType", self.name))


_PYTHON_TYPES = {
    "Series": pd.Series,
    "DataFrame": pd.DataFrame,
    "float": float,
    "int": int,
    "bool": bool,
    "string": str,
    "vector<float>": np.ndarray,
    "vector<int>": np.ndarray,
    "vector<bool>": np.ndarray,
    "vector<string>": typing.List[str],
    "any": typing.Any,
}


@dataclasses.dataclass
class Variable:
    """One node, as Python Hamilton's ``driver.Variable`` (``HamiltonNode``) describes it, plus
    what hamilton-cpp knows: ``cpp_type``, ``module``, ``location`` (file:line) and ``role``
    ("function", "input" or "config")."""

    name: str
    type: Any
    tags: dict[str, str | list[str]]
    is_external_input: bool
    originating_functions: tuple[Callable, ...] | None
    documentation: str | None
    required_dependencies: set[str]
    optional_dependencies: set[str]
    optional_dependencies_default_values: dict[str, Any]
    cpp_type: str = ""
    module: str = ""
    location: str | None = None
    role: str = "function"
    #: Python Hamilton's ``HamiltonNode.version``: a function node's code version (a C++ node's
    #: file hash or ``version("...")``, a Python node's source hash), an input's name, or None.
    version: str | None = None

    @staticmethod
    def _from_info(v: _core.VariableInfo) -> "Variable":
        return Variable(
            name=v.name,
            type=_PYTHON_TYPES.get(v.kind) or CppType(v.type_name),
            tags={k: (vals[0] if len(vals) == 1 else list(vals)) for k, vals in v.tags.items()},
            is_external_input=v.is_external_input,
            originating_functions=None,
            documentation=v.documentation,
            required_dependencies=set(v.required_dependencies),
            optional_dependencies=set(v.optional_dependencies),
            optional_dependencies_default_values={},
            cpp_type=v.type_name,
            module=v.module,
            location=v.location,
            role=v.role,
            version=v.version or None,
        )


_source_version = _pymodules.source_version


def _normalize_adapters(adapter: Any, use_legacy_adapter: bool) -> Any:
    if adapter is None:
        adapters: list = []
    elif isinstance(adapter, (list, tuple)):
        adapters = list(adapter)
    else:
        adapters = [adapter]
    builders = []
    for a in adapters:
        if callable(getattr(a, "build_result", None)):
            builders.append(a)
        elif _is_graceful_adapter(a):
            continue  # taken by _graceful_adapter
        else:
            raise TypeError(
                f"adapter {a!r} is not supported yet by hamilton_cpp: only result builders "
                "(objects with build_result(**outputs), e.g. base.PandasDataFrameResult()) and "
                "lifecycle.GracefulErrorAdapter are"
            )
    if len(builders) > 1:
        raise ValueError(
            f"more than one result builder given ({', '.join(type(b).__name__ for b in builders)}): "
            "pass exactly one"
        )
    if builders:
        return builders[0]
    return base.PandasDataFrameResult() if use_legacy_adapter else base.DictResult()


def _is_graceful_adapter(a: Any) -> bool:
    """Python Hamilton's ``lifecycle.GracefulErrorAdapter`` (or hamilton_cpp.lifecycle's)."""
    return type(a).__name__ == "GracefulErrorAdapter" and all(
        hasattr(a, k) for k in ("error_to_catch", "sentinel_value", "allow_injection"))


def _graceful_adapter(adapter: Any) -> Any:
    adapters = adapter if isinstance(adapter, (list, tuple)) else [adapter]
    found = [a for a in adapters if _is_graceful_adapter(a)]
    if len(found) > 1:
        raise ValueError("more than one GracefulErrorAdapter given: pass one")
    return found[0] if found else None


def _module_args(
    modules: Sequence[Any], config: dict[str, Any], allow_module_overrides: bool
) -> tuple[list[Any], list[_pymodules.ResolvedModule], list]:
    """What ``_core.build`` takes for ``modules``, in order: a C++ module library's path, or the
    ``_core.PyModule`` of a Python module's nodes (resolved with ``config``); plus the resolved
    Python modules and the problems found resolving and checking them."""
    args: list[Any] = []
    resolved: list[_pymodules.ResolvedModule] = []
    problems: list = []
    for m in modules:
        if isinstance(m, CppModule):
            args.append(m.path)
        elif isinstance(m, _core.PyModule):
            args.append(m)  # nodes made from Python by hand (e.g. _numba.add_cfunc)
        elif isinstance(getattr(m, "__hamilton_cpp__", None), dict):
            # an as_module(...) module: its C++ nodes run natively, from the library it wraps
            args.append(m.__hamilton_cpp__["library"])
        elif isinstance(m, _pymodules.Prebuilt):
            r = _pymodules.resolve_prebuilt(m)
            resolved.append(r)
            args.append(r.pymodule)
        elif _pymodules.is_python_module(m):
            r = _pymodules.resolve(m, config, problems)
            resolved.append(r)
            args.append(r.pymodule)
        else:
            raise TypeError(
                f"{m!r} is not a module: pass Python modules of functions or C++ module "
                "libraries loaded with hamilton_cpp.load_library(path)"
            )
    problems.extend(_pymodules.check_edges(resolved, allow_module_overrides))
    for r in resolved:
        _pymodules.add_nodes(r)
    return args, resolved, problems


class _MaterializationGraph:
    """What Python Hamilton's materializer factories read of a graph (``.nodes[name]``: its
    ``name``, ``type`` and ``callable``), made from the driver's variables."""

    class _Node:
        def __init__(self, name: str, typ: Any, fn: Any = None):
            self.name = name
            self.type = typ
            self.callable = fn if fn is not None else (lambda **kwargs: None)

    def __init__(self, variables: list):
        self.nodes = {v.name: self._Node(v.name, v.type) for v in variables}

    def add(self, nodes: list) -> None:
        for n in nodes:
            self.nodes[n.name] = self._Node(n.name, n.type, n.callable)


@dataclasses.dataclass(frozen=True)
class NodeFailure:
    """A node of a run under a GracefulErrorAdapter that has no value, and why
    (``Driver.last_failures``; hamilton::NodeFailure in C++)."""

    node: str
    #: "failed" (it raised), "skipped" (it needs a node that failed), "deadline", "cancelled"
    status: str
    #: the node that failed first on the way to a skipped one ("" otherwise)
    cause: str
    message: str
    #: inside a Parallelizable block: the item it ran for
    item: int | None = None
    #: what a failed node raised (a builtin exception for a C++ node's error)
    exception: BaseException | None = None


class Driver:
    """Builds the graph of the given modules and config, and runs it.

    ``Driver(config, *modules, adapter=None, allow_module_overrides=False)``: with no result
    builder among ``adapter``, ``execute`` returns a pandas DataFrame (Python Hamilton's legacy
    default). The graph is checked when the Driver is made: every problem comes in one
    GraphError.
    """

    def __init__(
        self,
        config: dict[str, Any],
        *modules: Any,
        adapter: Any = None,
        allow_module_overrides: bool = False,
        _use_legacy_adapter: bool = True,
        _cache: dict | None = None,
        _share_cache_of: "Driver | None" = None,
    ):
        self.config = dict(config or {})
        self.graph_modules = modules
        self.adapter = _normalize_adapters(adapter, _use_legacy_adapter)
        #: Python Hamilton's GracefulErrorAdapter, run by the C++ engine (docs/failures.md)
        self._graceful = _graceful_adapter(adapter)
        self._local = threading.local()
        self._allow_module_overrides = bool(allow_module_overrides)  # for execution.DriverRecipe
        for key in self.config:
            if not isinstance(key, str):
                raise TypeError(f"config keys must be str, got {key!r}")
        args, resolved, problems = _module_args(modules, self.config, bool(allow_module_overrides))
        # the Python parameters reading each name (the last module's node wins, as in the graph)
        py_nodes: dict[str, _pymodules.PyNode] = {}
        for r in resolved:
            for name, n in r.nodes.items():
                if name not in py_nodes or allow_module_overrides:
                    py_nodes[name] = n
        readers: dict[str, list] = {}
        first_reader: dict[str, _pymodules.PyNode] = {}  # Python Hamilton's input origin
        for n in py_nodes.values():
            for p in n.params:
                readers.setdefault(p.name, []).append(p)
                first_reader.setdefault(p.name, n)
        cpp_config = {}
        for key, value in self.config.items():
            if value is None:
                continue
            params = readers.get(key, [])
            if params and all(p.key in ("object", "any") and not p.collect_key for p in params) and (
                any(p.key == "object" for p in params)
                or not isinstance(value, (bool, int, float, str))
            ):
                # read by Python parameters only (a C++ node may read a plain scalar too): as it is
                cpp_config[key] = _core.object_value(value)
                continue
            try:
                cpp_config[key] = _convert.to_cpp(value, "any", "", f"config `{key}`", key)
            except InputTypeError:
                if not resolved:
                    raise
                cpp_config[key] = _core.object_value(value)
        try:
            self._driver = _core.build(
                args, cpp_config, bool(allow_module_overrides), _cache,
                None if _share_cache_of is None else _share_cache_of._driver)
        except GraphError as e:
            if problems:
                _pymodules.raise_problems(problems + list(e.problems))
            raise
        if problems:
            _pymodules.raise_problems(problems)
        #: Builder.with_cache: the cache (runs go through the driver, not compiled plans)
        shared = _share_cache_of is not None and _share_cache_of._cache is not None
        if shared:
            self._cache = _share_cache_of._cache  # one log: runs of both are in it
        else:
            self._cache = None if _cache is None else _caching.Cache(self._driver, _cache)
        self._nodes = {v.name: v for v in self._driver.variables({})}
        if self._cache is not None and not shared:
            _caching.warn_unused_formats(self._nodes.values())
        # Python nodes that are in the graph (not replaced by a later C++ module's node)
        self._py_nodes = {
            name: n for name, n in py_nodes.items()
            if name in self._nodes and self._nodes[name].module == n.module
        }
        self._py_readers = readers
        self._first_reader = first_reader
        if self._graceful is not None:
            for n in self._py_nodes.values():
                n.error_sentinel = self._graceful.sentinel_value
        consumers: dict[str, list[str]] = {}
        for v in self._nodes.values():
            for dep in list(v.required_dependencies) + list(v.optional_dependencies):
                consumers.setdefault(dep, []).append(v.name)
        self._consumers = consumers
        # compiled plans of the requests seen so far: (outputs, input names, override names) ->
        # (_core.Plan, [(input name, converter)], [(override name, converter)])
        self._plans: dict[tuple, tuple] = {}

    # ---- conversion of a request -------------------------------------------------------

    def _describe(self, name: str, what: str) -> str:
        users = self._consumers.get(name, [])
        if not users:
            return f"{what} `{name}`"
        label = "node" if len(users) == 1 else "nodes"
        return f"{what} `{name}` (of {label} {', '.join(f'`{u}`' for u in users)})"

    def _values(self, values: dict[str, Any] | None, what: str) -> dict[str, _core.Value]:
        out: dict[str, _core.Value] = {}
        for name, value in (values or {}).items():
            if not isinstance(name, str):
                raise TypeError(f"{what} names must be str, got {name!r}")
            if value is None:  # as in Python Hamilton, None is "not given"
                continue
            node = self._nodes.get(name)
            if node is None:
                # Unknown names are the C++ driver's to report (with a "did you mean").
                try:
                    out[name] = _convert.to_cpp(value, "any", "", f"{what} `{name}`")
                except TypeError:
                    out[name] = _core.make_value("bool", False)
                continue
            if node.type_name == _pymodules.OBJECT_TYPE_NAME or (
                node.kind == "any" and self._read_by_python_only(name)
            ):
                out[name] = _core.object_value(value)
                continue
            out[name] = _convert.to_cpp(value, node.kind, node.type_name, self._describe(name, what), name)
        return out

    _MAX_PLANS = 256

    def _converter(self, name: str, what: str) -> Callable[[Any], Any]:
        """What ``_values`` does for one known name, as a function of the value."""
        node = self._nodes[name]
        if node.type_name == _pymodules.OBJECT_TYPE_NAME or (
            node.kind == "any" and self._read_by_python_only(name)
        ):
            return _core.object_value
        kind, type_name, described = node.kind, node.type_name, self._describe(name, what)
        return lambda value: _convert.to_cpp(value, kind, type_name, described, name)

    def _remember_plan(self, key: tuple) -> None:
        """After a request ran by name: compile its plan, for the next call with the same names."""
        outputs, input_names, override_names = key
        if not all(n in self._nodes for n in input_names + override_names):
            return
        plan = self._driver.compile(list(outputs), list(input_names), list(override_names))
        in_conv = [(n, self._converter(n, "input")) for n in plan.inputs]
        ov_conv = [(n, self._converter(n, "override")) for n in plan.overrides]
        if len(self._plans) >= self._MAX_PLANS:
            self._plans.clear()
        self._plans[key] = (plan, in_conv, ov_conv)

    def _read_by_python_only(self, name: str) -> bool:
        users = self._consumers.get(name, [])
        return bool(users) and all(u in self._py_nodes for u in users)

    def _variable(self, info: _core.VariableInfo) -> Variable:
        """A Variable; a Python node's tells its Python type, tags, docstring and function."""
        v = Variable._from_info(info)
        node = self._py_nodes.get(v.name)
        if node is not None and v.role == "function":
            v.type = node.annotation
            v.tags = dict(node.tags)
            v.documentation = node.doc
            v.originating_functions = node.originating_functions or None
            v.version = _source_version(v.originating_functions)
            v.optional_dependencies_default_values = dict(node.defaults)
        elif v.role != "function" and v.cpp_type == _pymodules.OBJECT_TYPE_NAME:
            for p in self._py_readers.get(v.name, []):
                v.type = p.annotation
                break
        if v.role != "function":
            # Python Hamilton's inputs and config values have no tags; the C++ graph's `module`
            # tag of an input (`inputs`, for the pictures' module clusters) is left out
            v.tags = {k: x for k, x in v.tags.items() if k != "module"}
        if v.role == "input":
            # Python Hamilton: an external input originates in the first function reading it,
            # and its version is that function's (a config value's is its name)
            reader = self._first_reader.get(v.name)
            if reader is not None and reader.originating_functions:
                v.originating_functions = tuple(reader.originating_functions)
                v.version = _source_version(v.originating_functions) or v.version
        return v

    @staticmethod
    def _final_vars(final_vars: Sequence[Any]) -> list[str]:
        if isinstance(final_vars, str):
            raise TypeError(f"final_vars must be a list of names, got the str {final_vars!r}")
        names = []
        for v in final_vars:
            if isinstance(v, str):
                names.append(v)
            elif isinstance(v, Variable):
                names.append(v.name)
            elif callable(v) and hasattr(v, "__name__"):
                names.append(v.__name__)
            else:
                raise TypeError(f"final_vars must be names (str) or Variables, got {v!r}")
        return names

    # ---- running ---------------------------------------------------------------------

    def raw_execute(
        self,
        final_vars: Sequence[Any],
        overrides: dict[str, Any] | None = None,
        display_graph: bool = False,
        inputs: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        cancellation: "_core.CancellationToken | None" = None,
    ) -> dict[str, Any]:
        """The requested outputs as a dict, without the result builder. ``timeout`` (seconds)
        and ``cancellation`` (a ``hamilton_cpp.CancellationToken``) stop the run: nodes not
        started by then are not run (docs/failures.md)."""
        names = self._final_vars(final_vars)
        given = {} if inputs is None else inputs
        replaced = {} if overrides is None else overrides
        key = (
            tuple(names),
            tuple(k for k, v in given.items() if v is not None),
            tuple(k for k, v in replaced.items() if v is not None),
        )
        if cancellation is not None and not isinstance(cancellation, _core.CancellationToken):
            raise TypeError(
                f"cancellation must be a hamilton_cpp.CancellationToken, got {cancellation!r}")
        if self._graceful is not None or timeout is not None or cancellation is not None:
            return self._guarded_execute(names, key, given, replaced, timeout, cancellation)
        values = self._run(names, key, given, replaced)
        return {n: _pymodules.from_cpp(v) for n, v in zip(names, values)}

    def _run(self, names: list[str], key: tuple, given: dict, replaced: dict,
             options: tuple | None = None) -> Any:
        """Runs a request: the compiled plan of a request seen before (values by position, no
        lookups by name), else by name, compiling its plan for the next time. ``options``:
        (graceful, catches, allow_injection, timeout, token) of the C++ RunOptions; then
        (values, failures)."""
        extra = () if options is None else options
        try:
            if self._cache is not None:  # compiled plans do not use the cache
                run = self._driver.execute if options is None else self._driver.execute_with
                try:
                    return run(names, self._values(given, "input"),
                               self._values(replaced, "override"), *extra)
                finally:
                    self._cache._after_run()
            entry = self._plans.get(key)
            if entry is not None:
                plan, in_conv, ov_conv = entry
                run = plan.execute if options is None else plan.execute_with
                return run([conv(given[n]) for n, conv in in_conv],
                           [conv(replaced[n]) for n, conv in ov_conv], *extra)
            run = self._driver.execute if options is None else self._driver.execute_with
            out = run(names, self._values(given, "input"), self._values(replaced, "override"), *extra)
            self._remember_plan(key)
            return out
        except ExecutionError as e:
            node = self._py_nodes.get(e.node)
            cause = node.last_error if node is not None else None
            if cause is not None:
                node.last_error = None
                raise e from cause  # the Python node's own exception, with its traceback
            raise

    def materialize(
        self,
        *materializers: Any,
        additional_vars: list[Any] | None = None,
        overrides: dict[str, Any] | None = None,
        inputs: dict[str, Any] | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Python Hamilton's ``materialize``: ``from_.<format>(target=..., **args)`` loads a node's
        value, ``to.<format>(id=..., dependencies=[...], combine=..., **args)`` saves nodes, with
        Python Hamilton's own loaders and savers (csv, parquet, feather, json, pickle, ... and
        what is registered), run by the engine as nodes of the graph. Returns (the savers'
        metadata by id, the values of ``additional_vars``). Needs apache-hamilton."""
        additional = self._final_vars(additional_vars or [])
        dr, ids = self._with_materializers(materializers)
        if not ids and not additional:
            raise ValueError(
                "No output requested. Please either pass in materializers that will save data, "
                "or pass in `additional_vars` to compute.")
        outputs = ids + [v for v in additional if v not in ids]
        raw = dr.raw_execute(outputs, overrides=overrides, inputs=inputs)
        return {i: raw[i] for i in ids}, {v: raw[v] for v in additional}

    def visualize_materialization(
        self,
        *materializers: Any,
        output_file_path: str | None = None,
        render_kwargs: dict | None = None,
        additional_vars: list[Any] | None = None,
        inputs: dict[str, Any] | None = None,
        graphviz_kwargs: dict | None = None,
        overrides: dict[str, Any] | None = None,
        show_legend: bool = True,
        orient: str = "LR",
        hide_inputs: bool = False,
        deduplicate_inputs: bool = False,
        show_schema: bool = True,
        custom_style_function: Callable | None = None,
        bypass_validation: bool = False,
        keep_dot: bool = False,
        **cpp_options: Any,
    ) -> "_pictures.Drawing":
        """Python Hamilton's ``visualize_materialization``: what ``materialize`` with the same
        arguments runs, the loaders and savers drawn as Hamilton draws them."""
        dr, ids = self._with_materializers(materializers)
        final_vars = ids + [v for v in self._final_vars(additional_vars or []) if v not in ids]
        return dr.visualize_execution(
            final_vars, output_file_path, render_kwargs, inputs, graphviz_kwargs, overrides,
            show_legend, orient, hide_inputs, deduplicate_inputs, show_schema,
            custom_style_function, bypass_validation, keep_dot, **cpp_options)

    def _with_materializers(self, materializers: Sequence[Any]) -> tuple["Driver", list[str]]:
        """This driver with the nodes of Python Hamilton's ``from_`` / ``to`` factories added
        (as its ``modify_graph``: savers, then loaders, which replace the nodes they load), and
        the savers' ids."""
        try:
            from hamilton.io import materialization as hm
        except ImportError as e:
            raise ImportError(
                "materializers are Python Hamilton's loaders and savers: install "
                "apache-hamilton") from e
        module_set = {getattr(m, "__name__", "") for m in self.graph_modules}
        savers = [m.sanitize_dependencies(module_set) for m in materializers
                  if isinstance(m, hm.MaterializerFactory)]
        loaders = [m for m in materializers if isinstance(m, hm.ExtractorFactory)]
        others = [m for m in materializers
                  if not isinstance(m, (hm.MaterializerFactory, hm.ExtractorFactory))]
        if others:
            raise TypeError(f"materializers are from_.<format>(...) and to.<format>(...) objects, "
                            f"got {others[0]!r}")
        graph = _MaterializationGraph(self.list_available_variables())
        made: list = []
        for factory in savers:
            try:
                nodes = factory.generate_nodes(graph)
            except Exception as e:
                raise ValueError(f"materializer `{factory.id}`: {e}") from e
            made.extend(nodes)
            graph.add(nodes)
        for factory in loaders:
            made.extend(factory.generate_nodes(graph))
        module = _pymodules.Prebuilt("hamilton_cpp.materialize", made)
        adapters = [self.adapter] + ([self._graceful] if self._graceful is not None else [])
        dr = Driver(self.config, *self.graph_modules, module, adapter=adapters,
                    allow_module_overrides=True, _use_legacy_adapter=False,
                    _share_cache_of=self if self._cache is not None else None)
        return dr, [f.id for f in savers]

    @property
    def cache(self) -> "_caching.Cache":
        """The result cache (Builder.with_cache), as Python Hamilton's ``dr.cache``."""
        if self._cache is None:
            raise AttributeError(
                "this driver has no cache; build it with driver.Builder().with_cache()")
        return self._cache

    @property
    def last_failures(self) -> list[NodeFailure]:
        """The nodes without a value of this thread's last run under a GracefulErrorAdapter, in
        the order the plan runs them (empty before any such run)."""
        return list(getattr(self._local, "failures", []))

    def _guarded_execute(self, names: list[str], key: tuple, given: dict, replaced: dict,
                         timeout: float | None, cancellation: Any) -> dict:
        """raw_execute with the GracefulErrorAdapter, a timeout or a cancellation token: the C++
        engine skips what needs a failed node, and what was not started in time; an output
        without a value is the adapter's sentinel_value. Without the adapter, a stopped run
        raises RunStoppedError."""
        adapter = self._graceful
        catches = None
        injection = True
        if adapter is not None:
            error_to_catch = adapter.error_to_catch
            injection = bool(adapter.allow_injection)

            def catches(exc: BaseException) -> bool:
                return isinstance(exc, error_to_catch)

        timeout_s = None if timeout is None else float(timeout)
        values, failures = self._run(names, key, given, replaced,
                                     (adapter is not None, catches, injection, timeout_s, cancellation))
        missing = set()
        for node_name, _status, _cause, _message, item, _exc in failures:
            node = self._py_nodes.get(node_name)
            if node is not None:
                node.last_error = None
            if item is None:
                missing.add(node_name)
        self._local.failures = [NodeFailure(*f) for f in failures]
        sentinel = None if adapter is None else adapter.sentinel_value
        return {
            n: sentinel if n in missing else _pymodules.from_cpp(v)
            for n, v in zip(names, values)
        }

    def execute(
        self,
        final_vars: Sequence[Any],
        overrides: dict[str, Any] | None = None,
        display_graph: bool = False,
        inputs: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        cancellation: "_core.CancellationToken | None" = None,
    ) -> Any:
        """Computes ``final_vars`` (node names; inputs may be requested too) from ``inputs``,
        with ``overrides`` replacing nodes, and returns what the result builder makes of them.
        hamilton_cpp's own keywords: ``timeout`` (seconds) and ``cancellation`` (a
        ``hamilton_cpp.CancellationToken``) stop the run before nodes not started by then
        (RunStoppedError, or the partial result under a GracefulErrorAdapter).

        Everything is checked before any node runs: unknown names, missing inputs and wrong
        types come together in one InputError; a value that does not convert to the C++ type
        its node takes is an InputTypeError (a TypeError). A node that throws is an
        ExecutionError naming it.
        """
        outputs = self.raw_execute(final_vars, overrides, display_graph, inputs, timeout=timeout,
                                   cancellation=cancellation)
        return self.adapter.build_result(**outputs)

    def validate_execution(
        self,
        final_vars: Sequence[Any],
        overrides: dict[str, Any] | None = None,
        inputs: dict[str, Any] | None = None,
    ) -> None:
        """The checks of ``execute`` without running a node: raises InputError (a ValueError)
        or InputTypeError."""
        self._driver.validate_execution(
            self._final_vars(final_vars),
            self._values(inputs, "input"),
            self._values(overrides, "override"),
        )

    # ---- the graph -------------------------------------------------------------------

    def list_available_variables(
        self, *, tag_filter: dict[str, str | None | list[str]] | None = None
    ) -> list[Variable]:
        """Every node (functions, inputs, config). ``tag_filter`` as Python Hamilton's:
        ``{"tag": "v"}`` exact value, ``{"tag": ["a", "b"]}`` any of, ``{"tag": None}`` has the
        tag; several keys must all match."""
        cpp_filter: dict[str, list[str] | None] = {}
        for key, value in (tag_filter or {}).items():
            if value is None:
                cpp_filter[key] = None
            elif isinstance(value, str):
                cpp_filter[key] = [value]
            elif isinstance(value, list) and value and all(isinstance(x, str) for x in value):
                cpp_filter[key] = list(value)
            else:
                raise ValueError("All tag query values must be a string or list of strings")
        found = [self._variable(v) for v in self._driver.variables(cpp_filter)]
        # an input matched by the C++ graph's `module` tag, which a Variable leaves out
        return [v for v in found if all(key in v.tags for key in cpp_filter)]

    def what_is_upstream_of(self, *node_names: str) -> list[Variable]:
        """The named nodes and everything they depend on."""
        return [self._variable(v) for v in self._driver.upstream_of(list(node_names))]

    def what_is_downstream_of(self, *node_names: str) -> list[Variable]:
        """The named nodes and everything that depends on them."""
        return [self._variable(v) for v in self._driver.downstream_of(list(node_names))]

    def what_is_the_path_between(
        self, upstream_node_name: str, downstream_node_name: str
    ) -> list[Variable]:
        """The nodes on a path from one node to another, both included; empty if there is no
        path. Raises UnknownNodeError (a ValueError) for a name the graph does not have."""
        return [
            self._variable(v)
            for v in self._driver.path_between(upstream_node_name, downstream_node_name)
        ]

    # ---- pictures (docs/python.md, "Pictures") -----------------------------------------
    # As Python Hamilton's, but they return a hamilton_cpp Drawing (DOT text in `.source`,
    # rendered by Graphviz's C library) instead of a graphviz.Digraph.

    def display_all_functions(
        self,
        output_file_path: str | None = None,
        render_kwargs: dict | None = None,
        graphviz_kwargs: dict | None = None,
        show_legend: bool = True,
        orient: str = "LR",
        hide_inputs: bool = False,
        deduplicate_inputs: bool = False,
        show_schema: bool = True,
        custom_style_function: Callable | None = None,
        keep_dot: bool = False,
        **cpp_options: Any,
    ) -> "_pictures.Drawing":
        """The whole graph. With ``output_file_path``, also writes it (format from the suffix,
        png without one; ``render_kwargs={"format": ...}`` wins). ``cpp_options``:
        ``show_config_values``, ``cluster_modules``, ``collapse_modules``, ``layout``
        ("dot", "fast", "sfdp")."""
        o = _pictures.options(graphviz_kwargs=graphviz_kwargs, show_legend=show_legend,
                              orient=orient, hide_inputs=hide_inputs,
                              deduplicate_inputs=deduplicate_inputs,
                              show_schema=show_schema,
                              custom_style_function=custom_style_function, **cpp_options)
        return _pictures.finish(_core.dot_all_functions(self._driver, o), output_file_path,
                                render_kwargs, keep_dot)

    def visualize_execution(
        self,
        final_vars: Sequence[Any],
        output_file_path: str | None = None,
        render_kwargs: dict | None = None,
        inputs: dict[str, Any] | None = None,
        graphviz_kwargs: dict | None = None,
        overrides: dict[str, Any] | None = None,
        show_legend: bool = True,
        orient: str = "LR",
        hide_inputs: bool = False,
        deduplicate_inputs: bool = False,
        show_schema: bool = True,
        custom_style_function: Callable | None = None,
        bypass_validation: bool = False,
        keep_dot: bool = False,
        **cpp_options: Any,
    ) -> "_pictures.Drawing":
        """What computing ``final_vars`` from ``inputs`` (and ``overrides``) runs, the
        outputs marked. Unless ``bypass_validation``, a request that cannot run raises
        InputError (only the names of inputs and overrides matter, not their values)."""
        o = _pictures.options(graphviz_kwargs=graphviz_kwargs, show_legend=show_legend,
                              orient=orient, hide_inputs=hide_inputs,
                              deduplicate_inputs=deduplicate_inputs,
                              show_schema=show_schema,
                              custom_style_function=custom_style_function, **cpp_options)
        source = _core.dot_execution(
            self._driver, self._final_vars(final_vars),
            [k for k, v in (inputs or {}).items() if v is not None],
            [k for k, v in (overrides or {}).items() if v is not None], o, bool(bypass_validation))
        return _pictures.finish(source, output_file_path, render_kwargs, keep_dot)

    def display_downstream_of(
        self,
        *node_names: str,
        output_file_path: str | None = None,
        render_kwargs: dict | None = None,
        graphviz_kwargs: dict | None = None,
        show_legend: bool = True,
        orient: str = "LR",
        hide_inputs: bool = False,
        deduplicate_inputs: bool = False,
        show_schema: bool = True,
        custom_style_function: Callable | None = None,
        keep_dot: bool = False,
        **cpp_options: Any,
    ) -> "_pictures.Drawing":
        """The named nodes, what depends on them, and the parents of what is drawn
        (``cpp_options`` also takes ``hops``: at most that many edges away)."""
        o = _pictures.options(graphviz_kwargs=graphviz_kwargs, show_legend=show_legend,
                              orient=orient, hide_inputs=hide_inputs,
                              deduplicate_inputs=deduplicate_inputs,
                              show_schema=show_schema,
                              custom_style_function=custom_style_function, **cpp_options)
        return _pictures.finish(_core.dot_downstream_of(self._driver, list(node_names), o),
                                output_file_path, render_kwargs, keep_dot)

    def display_upstream_of(
        self,
        *node_names: str,
        output_file_path: str | None = None,
        render_kwargs: dict | None = None,
        graphviz_kwargs: dict | None = None,
        show_legend: bool = True,
        orient: str = "LR",
        hide_inputs: bool = False,
        deduplicate_inputs: bool = False,
        show_schema: bool = True,
        custom_style_function: Callable | None = None,
        keep_dot: bool = False,
        **cpp_options: Any,
    ) -> "_pictures.Drawing":
        """The named nodes and everything they depend on."""
        o = _pictures.options(graphviz_kwargs=graphviz_kwargs, show_legend=show_legend,
                              orient=orient, hide_inputs=hide_inputs,
                              deduplicate_inputs=deduplicate_inputs,
                              show_schema=show_schema,
                              custom_style_function=custom_style_function, **cpp_options)
        return _pictures.finish(_core.dot_upstream_of(self._driver, list(node_names), o),
                                output_file_path, render_kwargs, keep_dot)

    def visualize_path_between(
        self,
        upstream_node_name: str,
        downstream_node_name: str,
        output_file_path: str | None = None,
        render_kwargs: dict | None = None,
        graphviz_kwargs: dict | None = None,
        strict_path_visualization: bool = False,
        show_legend: bool = True,
        orient: str = "LR",
        hide_inputs: bool = False,
        deduplicate_inputs: bool = False,
        show_schema: bool = True,
        custom_style_function: Callable | None = None,
        **cpp_options: Any,
    ) -> "_pictures.Drawing":
        """The nodes on the paths from one node to another, highlighted, plus their parents
        unless ``strict_path_visualization``."""
        o = _pictures.options(graphviz_kwargs=graphviz_kwargs, show_legend=show_legend,
                              orient=orient, hide_inputs=hide_inputs,
                              deduplicate_inputs=deduplicate_inputs,
                              show_schema=show_schema,
                              custom_style_function=custom_style_function, **cpp_options)
        source = _core.dot_path_between(self._driver, upstream_node_name, downstream_node_name,
                                        o, bool(strict_path_visualization))
        return _pictures.finish(source, output_file_path, render_kwargs, False)


def _not_yet(what: str) -> Callable:
    def method(self, *args, **kwargs):
        raise NotImplementedError(f"Builder.{what}() is not supported by hamilton_cpp yet")

    method.__name__ = what
    return method


class Builder:
    """Python Hamilton's ``driver.Builder``: ``Builder().with_modules(m).with_config({...})
    .with_adapters(base.PandasDataFrameResult()).build()``. Without a result builder the built
    driver returns a dict."""

    def __init__(self):
        self.config: dict[str, Any] = {}
        self.modules: list[Any] = []
        self.adapters: list[Any] = []
        self.legacy_graph_adapter = None
        self._allow_module_overrides = False
        self._dynamic_execution = False
        self._cache: dict | None = None
        self._materializers: list[Any] = []

    def with_modules(self, *modules: Any) -> "Builder":
        """Adds modules: Python modules of functions (Python Hamilton's, decorators included)
        and C++ module libraries from hamilton_cpp.load_library, in one graph; may be called
        several times."""
        self.modules.extend(modules)
        return self

    def with_config(self, config: dict[str, Any]) -> "Builder":
        """Merges config; a later call wins for the same key."""
        self.config.update(config)
        return self

    def with_adapters(self, *adapters: Any) -> "Builder":
        """Adds adapters. hamilton_cpp supports result builders (objects with
        ``build_result(**outputs)``) so far."""
        self.adapters.extend(adapters)
        return self

    def with_adapter(self, adapter: Any) -> "Builder":
        """Sets the legacy graph adapter (once)."""
        if self.legacy_graph_adapter is not None:
            raise ValueError("Cannot set adapter twice.")
        self.legacy_graph_adapter = adapter
        return self

    def allow_module_overrides(self) -> "Builder":
        """A later module's function replaces an earlier module's function of the same name."""
        self._allow_module_overrides = True
        return self

    def copy(self) -> "Builder":
        new = Builder()
        new.config = self.config.copy()
        new.modules = self.modules.copy()
        new.adapters = self.adapters.copy()
        new.legacy_graph_adapter = self.legacy_graph_adapter
        new._allow_module_overrides = self._allow_module_overrides
        new._dynamic_execution = self._dynamic_execution
        new._cache = None if self._cache is None else dict(self._cache)
        new._materializers = list(self._materializers)
        return new

    def build(self) -> Driver:
        """Builds and checks the graph (GraphError lists every problem)."""
        adapters = list(self.adapters)
        if self.legacy_graph_adapter is not None:
            adapters.append(self.legacy_graph_adapter)
        dr = Driver(
            self.config,
            *self.modules,
            adapter=adapters,
            allow_module_overrides=self._allow_module_overrides,
            _use_legacy_adapter=False,
            _cache=self._cache,
        )
        if self._materializers:
            dr, _ = dr._with_materializers(self._materializers)
        return dr

    def enable_dynamic_execution(self, *, allow_experimental_mode: bool = False) -> "Builder":
        """Python Hamilton's switch for ``Parallelizable[]``/``Collect[]``, accepted so that its
        code runs unchanged. hamilton_cpp always runs Parallelizable nodes (once per item, up to
        the Collect): the call changes nothing else. As in Python Hamilton,
        ``allow_experimental_mode=True`` is required."""
        if not allow_experimental_mode:
            raise ValueError(
                "Remote execution is currently experimental. "
                "Please set allow_experiemental_mode=True to enable it."
            )
        self._dynamic_execution = True
        return self

    def with_cache(
        self,
        path: str | os.PathLike = ".hamilton_cache",
        metadata_store: Any = None,
        result_store: Any = None,
        default: Any = None,
        recompute: Any = None,
        ignore: Any = None,
        disable: Any = None,
        default_behavior: Any = None,
        default_loader_behavior: Any = None,
        default_saver_behavior: Any = None,
        log_to_file: bool = False,
    ) -> "Builder":
        """Python Hamilton's ``with_cache``, run by the C++ engine: a node whose code version and
        inputs' data versions are unchanged is read from the cache. ``default``, ``recompute``,
        ``ignore`` and ``disable`` take node names or True (all nodes); the stores are SQLite
        metadata and result files under ``path``, or Python Hamilton's in-memory stores. Unlike
        Python Hamilton, loaders are recomputed unless ``default_loader_behavior`` says
        otherwise (docs/caching.md)."""
        self._cache = _caching.cache_spec(path, metadata_store, result_store, default, recompute,
                                          ignore, disable, default_behavior,
                                          default_loader_behavior, default_saver_behavior,
                                          log_to_file)
        return self

    def with_materializers(self, *materializers: Any) -> "Builder":
        """Python Hamilton's: the built driver's graph has the nodes of these ``from_`` /
        ``to`` materializers, so that ``execute([saver_id])`` saves."""
        self._materializers.extend(materializers)
        return self

    with_local_executor = _not_yet("with_local_executor")
    with_remote_executor = _not_yet("with_remote_executor")
    with_execution_manager = _not_yet("with_execution_manager")
    with_grouping_strategy = _not_yet("with_grouping_strategy")

"""Python Hamilton's ``hamilton.driver`` API over hamilton-cpp's C++ driver.

Migrating is an import change::

    from hamilton_cpp import driver, base        # was: from hamilton import driver, base
    import hamilton_cpp
    my_functions = hamilton_cpp.load_library("build/my_functions.so")

    dr = driver.Builder().with_modules(my_functions).with_adapters(base.PandasDataFrameResult()).build()
    df = dr.execute(["spend", "avg_3wk_spend"], inputs={"spend": spend})

The defaults are Python Hamilton's: ``Driver(config, *modules)`` returns a pandas DataFrame
(``base.PandasDataFrameResult``), ``Builder().build()`` without a result builder a dict.
Every node runs in C++, with the GIL released.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from . import _convert, _core, base
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
        )


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
        else:
            raise TypeError(
                f"adapter {a!r} is not supported yet by hamilton_cpp: only result builders "
                "(objects with build_result(**outputs), e.g. base.PandasDataFrameResult()) are"
            )
    if len(builders) > 1:
        raise ValueError(
            f"more than one result builder given ({', '.join(type(b).__name__ for b in builders)}): "
            "pass exactly one"
        )
    if builders:
        return builders[0]
    return base.PandasDataFrameResult() if use_legacy_adapter else base.DictResult()


def _library_paths(modules: Sequence[Any]) -> list[str]:
    paths = []
    for m in modules:
        if isinstance(m, CppModule):
            paths.append(m.path)
        elif isinstance(m, types.ModuleType):
            raise TypeError(
                f"module `{m.__name__}` is a Python module: hamilton_cpp does not run Python "
                "functions yet. Pass C++ module libraries loaded with "
                "hamilton_cpp.load_library(path)"
            )
        else:
            raise TypeError(
                f"{m!r} is not a module: pass C++ module libraries loaded with "
                "hamilton_cpp.load_library(path)"
            )
    return paths


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
    ):
        self.config = dict(config or {})
        self.graph_modules = modules
        self.adapter = _normalize_adapters(adapter, _use_legacy_adapter)
        self._allow_module_overrides = bool(allow_module_overrides)  # for execution.DriverRecipe
        cpp_config = {}
        for key, value in self.config.items():
            if not isinstance(key, str):
                raise TypeError(f"config keys must be str, got {key!r}")
            if value is None:
                continue
            cpp_config[key] = _convert.to_cpp(value, "any", "", f"config `{key}`", key)
        self._driver = _core.build(_library_paths(modules), cpp_config, bool(allow_module_overrides))
        self._nodes = {v.name: v for v in self._driver.variables({})}
        consumers: dict[str, list[str]] = {}
        for v in self._nodes.values():
            for dep in list(v.required_dependencies) + list(v.optional_dependencies):
                consumers.setdefault(dep, []).append(v.name)
        self._consumers = consumers

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
            out[name] = _convert.to_cpp(value, node.kind, node.type_name, self._describe(name, what), name)
        return out

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
    ) -> dict[str, Any]:
        """The requested outputs as a dict, without the result builder."""
        names = self._final_vars(final_vars)
        values = self._driver.execute(
            names, self._values(inputs, "input"), self._values(overrides, "override")
        )
        return {n: _convert.from_cpp(v) for n, v in zip(names, values)}

    def execute(
        self,
        final_vars: Sequence[Any],
        overrides: dict[str, Any] | None = None,
        display_graph: bool = False,
        inputs: dict[str, Any] | None = None,
    ) -> Any:
        """Computes ``final_vars`` (node names; inputs may be requested too) from ``inputs``,
        with ``overrides`` replacing nodes, and returns what the result builder makes of them.

        Everything is checked before any node runs: unknown names, missing inputs and wrong
        types come together in one InputError; a value that does not convert to the C++ type
        its node takes is an InputTypeError (a TypeError). A node that throws is an
        ExecutionError naming it.
        """
        outputs = self.raw_execute(final_vars, overrides, display_graph, inputs)
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
        return [Variable._from_info(v) for v in self._driver.variables(cpp_filter)]

    def what_is_upstream_of(self, *node_names: str) -> list[Variable]:
        """The named nodes and everything they depend on."""
        return [Variable._from_info(v) for v in self._driver.upstream_of(list(node_names))]

    def what_is_downstream_of(self, *node_names: str) -> list[Variable]:
        """The named nodes and everything that depends on them."""
        return [Variable._from_info(v) for v in self._driver.downstream_of(list(node_names))]

    def what_is_the_path_between(
        self, upstream_node_name: str, downstream_node_name: str
    ) -> list[Variable]:
        """The nodes on a path from one node to another, both included; empty if there is no
        path. Raises UnknownNodeError (a ValueError) for a name the graph does not have."""
        return [
            Variable._from_info(v)
            for v in self._driver.path_between(upstream_node_name, downstream_node_name)
        ]


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

    def with_modules(self, *modules: Any) -> "Builder":
        """Adds modules (C++ module libraries from hamilton_cpp.load_library); may be called
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
        return new

    def build(self) -> Driver:
        """Builds and checks the graph (GraphError lists every problem)."""
        adapters = list(self.adapters)
        if self.legacy_graph_adapter is not None:
            adapters.append(self.legacy_graph_adapter)
        return Driver(
            self.config,
            *self.modules,
            adapter=adapters,
            allow_module_overrides=self._allow_module_overrides,
            _use_legacy_adapter=False,
        )

    enable_dynamic_execution = _not_yet("enable_dynamic_execution")
    with_materializers = _not_yet("with_materializers")
    with_cache = _not_yet("with_cache")
    with_local_executor = _not_yet("with_local_executor")
    with_remote_executor = _not_yet("with_remote_executor")
    with_execution_manager = _not_yet("with_execution_manager")
    with_grouping_strategy = _not_yet("with_grouping_strategy")

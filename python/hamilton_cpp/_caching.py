"""The result cache from Python: ``Builder().with_cache(...)`` and ``dr.cache``, as Python
Hamilton's (``hamilton.caching.adapter.HamiltonCacheAdapter``), run by the C++ engine
(docs/caching.md). Python objects are stored with pickle and versioned by Python Hamilton's
``fingerprinting.hash_value`` when apache-hamilton is installed."""

from __future__ import annotations

import atexit
import collections
import dataclasses
import enum
import hashlib
import json
import os
import pickle
import warnings
from collections.abc import Collection
from typing import Any, Literal

from . import _core

BEHAVIORS = ("default", "recompute", "disable", "ignore")


class CachingBehavior(enum.Enum):
    """Python Hamilton's ``CachingBehavior``."""

    DEFAULT = 1
    RECOMPUTE = 2
    DISABLE = 3
    IGNORE = 4

    @classmethod
    def from_string(cls, string: str) -> "CachingBehavior":
        try:
            return cls[string.upper()]
        except KeyError as e:
            raise KeyError(f"{string} is an invalid `CachingBehavior` value") from e


class CachingEventType(enum.Enum):
    """Python Hamilton's ``CachingEventType`` (the same values)."""

    GET_DATA_VERSION = "get_data_version"
    SET_DATA_VERSION = "set_data_version"
    GET_CACHE_KEY = "get_cache_key"
    SET_CACHE_KEY = "set_cache_key"
    GET_RESULT = "get_result"
    SET_RESULT = "set_result"
    MISSING_RESULT = "missing_result"
    FAILED_RETRIEVAL = "failed_retrieval"
    EXECUTE_NODE = "execute_node"
    FAILED_EXECUTION = "failed_execution"
    RESOLVE_BEHAVIOR = "resolve_behavior"
    UNHASHABLE_DATA_VERSION = "unhashable_data_version"
    IS_OVERRIDE = "is_override"
    IS_INPUT = "is_input"
    IS_FINAL_VAR = "is_final_var"
    IS_DEFAULT_PARAMETER_VALUE = "is_default_parameter_value"


@dataclasses.dataclass(frozen=True)
class CachingEvent:
    """Python Hamilton's ``CachingEvent``; ``task_id`` is the item of a parallel block."""

    run_id: str
    actor: Literal["adapter", "metadata_store", "result_store"]
    event_type: CachingEventType
    node_name: str
    task_id: str | None = None
    msg: str | None = None
    value: Any | None = None
    timestamp: float = 0.0

    def __str__(self) -> str:
        string = self.node_name
        if self.task_id is not None:
            string += f"::{self.task_id}"
        string += f"::{self.actor}::{self.event_type.value}"
        if self.msg:
            string += f"::{self.msg}"
        return string

    def as_dict(self) -> dict:
        return dict(run_id=self.run_id, timestamp=self.timestamp, node_name=self.node_name,
                    task_id=self.task_id, actor=self.actor, event_type=self.event_type.value,
                    msg=self.msg, value=str(self.value) if self.value else self.value)


# ---- Python objects in the cache ----

def fingerprint(obj: Any) -> str | None:
    """The data version of a Python object: Python Hamilton's ``hash_value`` (pandas, numpy,
    containers, ...) if apache-hamilton is installed, else a SHA-256 of its pickle; None if it
    has none (the node is then recomputed on every run)."""
    try:
        from hamilton.caching import fingerprinting
    except ImportError:
        fingerprinting = None
    if fingerprinting is not None:
        version = fingerprinting.hash_value(obj)
        return None if version == fingerprinting.UNHASHABLE else version
    try:
        return hashlib.sha256(pickle.dumps(obj, protocol=5)).hexdigest()
    except Exception:
        return None


def _dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=5)


_core.register_object_codec(fingerprint, _dumps, pickle.loads)
# the callables must not outlive the interpreter's modules (nanobind reports what they keep)
atexit.register(_core.release_object_codec)


def _is_in_memory(store: Any, kind: str) -> bool:
    cls = type(store)
    return cls.__name__ == f"InMemory{kind}Store" and cls.__module__.startswith("hamilton")


def cache_spec(path: Any, metadata_store: Any, result_store: Any, default: Any, recompute: Any,
               ignore: Any, disable: Any, default_behavior: Any, default_loader_behavior: Any,
               default_saver_behavior: Any, log_to_file: bool) -> dict:
    """The dict _core.build takes for the cache (checked here, as Python Hamilton checks)."""
    if sum(x is True for x in (default, recompute, disable, ignore)) > 1:
        raise ValueError(
            "Can only set one of (`default`, `recompute`, `disable`, `ignore`) to True. Please "
            "pass mutually exclusive sets of node names")
    for name, store, kind in (("metadata_store", metadata_store, "Metadata"),
                              ("result_store", result_store, "Result")):
        if store is not None and not _is_in_memory(store, kind):
            raise TypeError(
                f"with_cache: {name}={store!r} is not supported: hamilton_cpp keeps the cache in "
                f"its C++ stores. Leave it None (SQLite metadata and result files under `path`) "
                f"or pass hamilton.caching.stores.memory.InMemory{kind}Store()")
    for name, value in (("default_behavior", default_behavior),
                        ("default_loader_behavior", default_loader_behavior),
                        ("default_saver_behavior", default_saver_behavior)):
        if isinstance(value, CachingBehavior):
            value = value.name.lower()
        if value is not None and str(value).lower() not in BEHAVIORS:
            raise ValueError(f"with_cache: {name}={value!r} is no caching behaviour; use one of "
                             f"{', '.join(BEHAVIORS)}")
    def behavior(v):
        if isinstance(v, CachingBehavior):
            return v.name.lower()
        return None if v is None else str(v).lower()

    def names(v):
        if v is None or v is True:
            return v
        if isinstance(v, str) or not isinstance(v, Collection):
            raise TypeError(f"with_cache: expected True or a collection of node names, got {v!r}")
        return [getattr(x, "__name__", x) for x in v]

    return {
        "path": os.fspath(path),
        "memory_metadata": metadata_store is not None,
        "memory_results": result_store is not None,
        "default": names(default),
        "recompute": names(recompute),
        "disable": names(disable),
        "ignore": names(ignore),
        "default_behavior": behavior(default_behavior),
        "default_loader_behavior": behavior(default_loader_behavior),
        "default_saver_behavior": behavior(default_saver_behavior),
        "log_to_file": bool(log_to_file),
    }


class MetadataStore:
    """The cache's metadata store, with Python Hamilton's ``MetadataStore`` methods."""

    def __init__(self, driver: Any):
        self._d = driver

    def size(self) -> int:
        return _core.cache_metadata_size(self._d)

    def get(self, cache_key: str) -> str | None:
        return _core.cache_metadata_get(self._d, cache_key)

    def exists(self, cache_key: str) -> bool:
        return self.get(cache_key) is not None

    def delete(self, cache_key: str) -> None:
        _core.cache_metadata_delete(self._d, cache_key)

    def delete_all(self) -> None:
        _core.cache_metadata_delete_all(self._d)

    def get_run_ids(self) -> list[str]:
        return list(_core.cache_metadata_run_ids(self._d))

    def get_run(self, run_id: str) -> list[dict[str, str]]:
        return [dict(cache_key=k, data_version=dv, node_name=n, code_version=cv)
                for k, dv, n, cv in _core.cache_metadata_run(self._d, run_id)]

    @property
    def last_run_id(self) -> str:
        return self.get_run_ids()[-1]


class ResultStore:
    """The cache's result store, with Python Hamilton's ``ResultStore`` methods."""

    def __init__(self, driver: Any):
        self._d = driver

    def exists(self, data_version: str) -> bool:
        return _core.cache_result_exists(self._d, data_version)

    def get(self, data_version: str) -> Any:
        from . import _pymodules

        v = _core.cache_result_get(self._d, data_version)
        return None if v is None else _pymodules.from_cpp(v)

    def delete(self, data_version: str) -> None:
        _core.cache_result_delete(self._d, data_version)

    def delete_all(self) -> None:
        _core.cache_result_delete_all(self._d)


class Cache:
    """``dr.cache``: Python Hamilton's ``HamiltonCacheAdapter`` as its users read it."""

    def __init__(self, driver: Any, spec: dict):
        self._d = driver
        self._spec = spec
        self.metadata_store = MetadataStore(driver)
        self.result_store = ResultStore(driver)
        self._logged = 0  # runs already appended to cache_logs.jsonl

    @property
    def run_ids(self) -> list[str]:
        return list(_core.cache_run_ids(self._d))

    @property
    def last_run_id(self) -> str:
        ids = self.run_ids
        if not ids:
            raise IndexError("the driver has not run yet: call execute() first")
        return ids[-1]

    def _events(self, run_id: str) -> list[CachingEvent]:
        out = []
        for run, actor, etype, node, item, msg, value, ts in _core.cache_events(self._d, run_id):
            out.append(CachingEvent(run_id=run, actor=actor, event_type=CachingEventType(etype),
                                    node_name=node, task_id=None if item is None else str(item),
                                    msg=msg or None, value=value or None, timestamp=ts))
        return out

    def logs(self, run_id: str | None = None, level: Literal["debug", "info"] = "info") -> dict:
        """The events of a run by node (``run_id`` given), or of every run kept by run id;
        ``level="info"`` keeps only GET_RESULT and EXECUTE_NODE, as in Python Hamilton."""
        def keep(e):
            return level == "debug" or e.event_type in (CachingEventType.GET_RESULT,
                                                        CachingEventType.EXECUTE_NODE)

        if run_id:
            by_node: dict = collections.defaultdict(list)
            for e in self._events(run_id):
                if keep(e):
                    by_node[(e.node_name, e.task_id) if e.task_id else e.node_name].append(e)
            return dict(by_node)
        out: dict = collections.defaultdict(list)
        for run in self.run_ids:
            for e in self._events(run):
                if keep(e):
                    out[run].append(e)
        return dict(out)

    def get_cache_key(self, run_id: str, node_name: str, task_id: str | None = None) -> str | None:
        return _core.cache_key(self._d, run_id, node_name)

    def get_data_version(self, run_id: str, node_name: str, cache_key: str | None = None,
                         task_id: str | None = None) -> str | None:
        return _core.cache_data_version(self._d, run_id, node_name)

    def _after_run(self) -> None:
        """With ``log_to_file``: appends the new runs' events to ``<path>/cache_logs.jsonl``."""
        if not self._spec["log_to_file"]:
            return
        runs = self.run_ids
        new = runs[self._logged:] if self._logged <= len(runs) else runs[-1:]
        self._logged = len(runs)
        path = os.path.join(self._spec["path"], "cache_logs.jsonl")
        os.makedirs(self._spec["path"], exist_ok=True)
        with open(path, "a") as f:
            for run in new:
                for e in self._events(run):
                    f.write(json.dumps(e.as_dict()) + "\n")

    def view_run(self, run_id: str | None = None, output_file_path: str | None = None):
        """Python Hamilton's ``view_run``: the run's request drawn as ``visualize_execution``
        draws it, what was read from the cache outlined in #F06449 ("from cache"), and the
        nodes that did not run because what reads them was read, dashed. Returns the drawing
        (written to ``output_file_path`` when given)."""
        from . import _pictures

        o = _pictures.options(graphviz_kwargs=None, show_legend=True, orient="LR", hide_inputs=False,
                              deduplicate_inputs=False, custom_style_function=None)
        source = _core.dot_view_run(self._d, run_id or self.last_run_id, o)
        return _pictures.finish(source, output_file_path, None, False)


#: Hamilton's ``cache.FORMAT_KEY``: the tag ``@cache(format=...)`` sets.
FORMAT_TAG = "cache.format"


def warn_unused_formats(variables: Any) -> None:
    """A UserWarning per node tagged ``@cache(format=...)``: hamilton_cpp's cache keeps every
    result in the result store's own entry, not in a file of that format (docs/caching.md)."""
    for v in variables:
        formats = v.tags.get(FORMAT_TAG)
        if formats:
            warnings.warn(
                f"node `{v.name}`: @cache(format={formats[0]!r}) is not applied: hamilton_cpp's "
                f"cache keeps the result in its result store's own entry, not in a {formats[0]} "
                "file (docs/caching.md, \"Where it differs from Python Hamilton\")",
                UserWarning, stacklevel=4)

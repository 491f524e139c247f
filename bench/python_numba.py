#!/usr/bin/env python3
"""Numba cfunc nodes vs plain Python functions on a 1,000-node graph of scalar doubles.

    n0 = f0(a, b), n1 = f1(n0, a), n_i = f_{i % 2}(n_{i-1}, n_{i-2})

is executed (outputs: every 10th node and the last) by

* hamilton_cpp's driver with Numba cfunc nodes (``hamilton_cpp._numba.add_cfunc``);
* hamilton_cpp's driver with the plain Python functions, when this build of hamilton_cpp runs
  Python modules (else the line says so);
* apache-hamilton's driver with the plain Python functions;
* a Python loop calling the plain functions (no framework).

A second workload runs a 100-node graph of columns (100,000 float64 rows): numba_column nodes
on hamilton_cpp vs the same functions over pandas Series on apache-hamilton.

Prints milliseconds (medians of --repeat runs) and ratios. Usage:
    PYTHONPATH=<hamilton_cpp install> python bench/python_numba.py [--nodes 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time

import numba
import numpy as np
import pandas as pd

import hamilton_cpp
from hamilton_cpp import _core, _numba, driver

OPS = ["(x0 + x1) * 0.5", "x0 * 0.9 + x1 * 0.1 + 0.01"]


def deps(i: int) -> tuple[str, str]:
    names = {-1: "a", -2: "b"}
    return names.get(i - 1, f"n{i - 1}"), names.get(i - 2, f"n{i - 2}")


def python_module(nodes: int, folder: str, kind: str):
    """The graph as a Python module of plain annotated functions (what apache-hamilton runs)."""
    lines = ["import pandas as pd", ""]
    for i in range(nodes):
        x0, x1 = deps(i)
        body = OPS[i % 2].replace("x0", x0).replace("x1", x1)
        lines.append(f"def n{i}({x0}: {kind}, {x1}: {kind}) -> {kind}:\n    return {body}\n")
    name = f"bench_numba_{kind.replace('.', '_')}_{nodes}"
    path = os.path.join(folder, name + ".py")
    with open(path, "w") as f:
        f.write("\n".join(lines))
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def op_functions():
    """The two operations as plain Python functions of (x0, x1)."""
    scope: dict = {}
    for k, op in enumerate(OPS):
        exec(f"def f{k}(x0, x1):\n    return {op}\n", scope)
    return [scope["f0"], scope["f1"]]


def cpp_driver(*modules):
    """hamilton_cpp's driver over modules (Python modules, PyModules of cfuncs, libraries)."""
    return driver.Builder().with_modules(*modules).build()


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - start) * 1000


def row_graph(nodes: int, repeat: int, folder: str) -> None:
    from hamilton import driver as h_driver

    outputs = [f"n{i}" for i in range(0, nodes, 10)] + [f"n{nodes - 1}"]
    inputs = {"a": 1.0, "b": 2.0}
    fs = op_functions()
    print(f"row graph: {nodes} nodes of doubles, {len(outputs)} outputs, medians of {repeat}")

    # Numba: two cfuncs (one per operation) under every node's name and parameters.
    (cfuncs, compile_ms) = timed(lambda: [numba.cfunc("float64(float64, float64)")(f) for f in fs])
    pm = _core.PyModule("bench_numba")

    def add_all():
        for i in range(nodes):
            _numba.add_cfunc(pm, f"n{i}", cfuncs[i % 2], parameters=list(deps(i)))

    _, add_ms = timed(add_all)
    dr_numba, build_ms = timed(lambda: cpp_driver(pm))
    numba_ms = median_ms(lambda: dr_numba.execute(outputs, inputs=inputs), repeat)
    numba_result = dr_numba.execute(outputs, inputs=inputs)
    print(f"  setup (numba): compile 2 cfuncs {compile_ms:.0f} ms, add {nodes} nodes {add_ms:.0f} ms, "
          f"build {build_ms:.0f} ms")

    module = python_module(nodes, folder, "float")

    def loop():
        values = dict(inputs)
        for i in range(nodes):
            x0, x1 = deps(i)
            values[f"n{i}"] = fs[i % 2](values[x0], values[x1])
        return values

    loop_values = loop()
    assert all(numba_result[o] == loop_values[o] for o in outputs), "numba results differ"

    rows = [("hamilton_cpp, Numba cfunc nodes", numba_ms)]
    try:
        dr_py = driver.Builder().with_modules(module).build()
    except TypeError as e:
        dr_py = None
        print(f"  hamilton_cpp, Python function nodes: not measured ({str(e).split(':')[0]})")
    if dr_py is not None:
        py_result = dr_py.execute(outputs, inputs=inputs)
        assert all(py_result[o] == numba_result[o] for o in outputs)
        rows.append(("hamilton_cpp, Python function nodes", median_ms(
            lambda: dr_py.execute(outputs, inputs=inputs), repeat)))
    dr_h, h_build_ms = timed(lambda: h_driver.Builder().with_modules(module).build())
    h_result = dr_h.execute(outputs, inputs=inputs)
    assert all(h_result[o] == numba_result[o] for o in outputs), "apache-hamilton results differ"
    rows.append(("apache-hamilton, Python functions", median_ms(
        lambda: dr_h.execute(outputs, inputs=inputs), repeat)))
    rows.append(("Python loop over the functions", median_ms(loop, repeat)))
    print(f"  setup (apache-hamilton): build {h_build_ms:.0f} ms")
    # A graph whose every node is its own function pays Numba's compile per node.
    distinct = [getattr(module, f"n{i}") for i in range(20)]
    _, distinct_ms = timed(lambda: [numba.cfunc("float64(float64, float64)")(f) for f in distinct])
    print(f"  setup (numba): one cfunc per node would compile in {distinct_ms / len(distinct):.0f} ms "
          f"per node (measured on {len(distinct)})")
    for label, ms in rows:
        print(f"  {label:<38} {ms:9.3f} ms   x{ms / numba_ms:7.1f} of Numba")


def column_graph(nodes: int, rows: int, repeat: int, folder: str) -> None:
    from hamilton import driver as h_driver

    outputs = [f"n{nodes - 1}"]
    rng = np.random.default_rng(0)
    inputs = {"a": pd.Series(rng.random(rows)), "b": pd.Series(rng.random(rows))}
    print(f"column graph: {nodes} nodes of float64 Series x {rows} rows, medians of {repeat}")
    fs = op_functions()
    columns, compile_ms = timed(lambda: [hamilton_cpp.numba_column("float64(float64, float64)")(f)
                                         for f in fs])
    pm = _core.PyModule("bench_numba_columns")
    for i in range(nodes):
        _numba.add_cfunc(pm, f"n{i}", columns[i % 2], parameters=list(deps(i)))
    dr_numba = cpp_driver(pm)
    numba_ms = median_ms(lambda: dr_numba.execute(outputs, inputs=inputs), repeat)
    got = dr_numba.execute(outputs, inputs=inputs)[outputs[0]]
    print(f"  setup (numba): compile 2 numba_column kernels {compile_ms:.0f} ms")

    module = python_module(nodes, folder, "pd.Series")
    dr_h = h_driver.Builder().with_modules(module).build()
    expected = dr_h.execute(outputs, inputs=inputs)[outputs[0]]
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-12)
    h_ms = median_ms(lambda: dr_h.execute(outputs, inputs=inputs), repeat)
    print(f"  {'hamilton_cpp, numba_column nodes':<38} {numba_ms:9.3f} ms")
    print(f"  {'apache-hamilton, pandas functions':<38} {h_ms:9.3f} ms   x{h_ms / numba_ms:7.1f} of Numba")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--column-nodes", type=int, default=100)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    print(f"hamilton_cpp {hamilton_cpp.__version__}, numba {numba.__version__}, "
          f"python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        row_graph(args.nodes, args.repeat, folder)
        column_graph(args.column_nodes, args.rows, args.repeat, folder)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures Python Hamilton on the workloads of bench/engine.cpp (the same generated graphs,
read from bench_shape_dump) and prints {"<workload>": milliseconds} as JSON, medians.

Usage: .venv/bin/python bench/python_hamilton.py [BUILD_DIR] [REPETITIONS]
Python Hamilton is apache-hamilton from the interpreter's environment (the project's venv pins
it); bench/compare.py runs this in the same run as the C++ benchmarks.
"""
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

OPS = {
    1: ["(-x0) * 0.5", "x0 * 0.9 + 0.1"],
    2: ["x0 * x1", "(x0 + x1) * 0.5"],
    3: ["(x0 + x1 + x2) / 3.0", "(x0 * x1 - x2) * 0.5"],
}


def dep_name(d):
    return {-1: "a", -2: "b"}.get(d, f"n{d}")


def module_source(shape, type_name):
    lines = ["import pandas as pd", ""]
    for i, (deps, op) in enumerate(zip(shape["deps"], shape["op"])):
        params = ", ".join(f"{dep_name(d)}: {type_name}" for d in deps)
        body = OPS[len(deps)][op]
        for k, d in enumerate(deps):
            body = body.replace(f"x{k}", dep_name(d))
        lines.append(f"def n{i}({params}) -> {type_name}:\n    return {body}\n")
    return "\n".join(lines)


def load_module(source, name, folder):
    path = os.path.join(folder, name + ".py")
    with open(path, "w") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def median_ms(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    import numpy as np
    import pandas as pd
    from hamilton import base, driver

    shapes = json.loads(subprocess.run([os.path.join(build, "bench", "bench_shape_dump")],
                                       check=True, capture_output=True, text=True).stdout)
    out = {}
    with tempfile.TemporaryDirectory() as folder:
        rows = np.arange(1000) * 0.001
        a, b = pd.Series(np.sin(0.1 + rows)), pd.Series(np.sin(0.7 + rows))
        for n in (1000, 4000, 10000):
            mod = load_module(module_source(shapes[f"{n}/1"], "pd.Series"), f"layered_{n}", folder)
            out[f"build/{n}"] = median_ms(lambda: driver.Builder().with_modules(mod).build(), repeat)
            names = [f"n{i}" for i in range(n)]
            dr = driver.Builder().with_modules(mod).build()
            out[f"dict/{n}"] = median_ms(lambda: dr.execute(names, inputs={"a": a, "b": b}), repeat)
            frame = driver.Builder().with_modules(mod).with_adapters(base.PandasDataFrameResult()).build()
            out[f"frame/{n}"] = median_ms(lambda: frame.execute(names, inputs={"a": a, "b": b}), repeat)
        big = load_module(module_source(shapes["100/3"], "pd.Series"), "layered_big", folder)
        rows = np.arange(1000000) * 0.001
        a, b = pd.Series(np.sin(0.1 + rows)), pd.Series(np.sin(0.7 + rows))
        dr = driver.Builder().with_modules(big).build()
        out["big_all"] = median_ms(lambda: dr.execute([f"n{i}" for i in range(100)], inputs={"a": a, "b": b}), repeat)
        for n in (100, 1000):
            mod = load_module(module_source(shapes[f"{n}/9"], "float"), f"rows_{n}", folder)
            dr = driver.Builder().with_modules(mod).build()
            last = f"n{n - 1}"
            calls = 200 if n == 100 else 50

            def loop():
                for k in range(calls):
                    dr.execute([last], inputs={"a": 1e-6 * k, "b": 0.5 - 1e-6 * k})

            out[f"row/{n}"] = median_ms(loop, repeat) / calls
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()

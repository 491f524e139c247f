"""Smoke test of an installed hamilton_cpp (scripts/python-test.sh runs it in a fresh venv
where only the wheel, numpy and pandas are installed): import it, build examples/hello_world
against its CMake directory, load and execute it.

    python python/tests/smoke.py [build-dir]
"""

import os
import sys
import tempfile

import pandas as pd

import hamilton_cpp
from hamilton_cpp import base, driver

from cpp_modules import build_test_modules

prefix = os.path.realpath(sys.prefix)
for path in (hamilton_cpp.__file__, hamilton_cpp._core.__file__, hamilton_cpp.cmake_dir()):
    if not os.path.realpath(path).startswith(prefix + os.sep):
        sys.exit(f"smoke: {path} is not inside this environment ({prefix}): not the installed package")

build_dir = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="hamilton-cpp-smoke-")
library = build_test_modules(build_dir, only=("hello_world_module",))["hello_world_module"]
my_functions = hamilton_cpp.load_library(library)

dr = driver.Builder().with_modules(my_functions).with_adapters(base.PandasDataFrameResult()).build()
outputs = ["spend", "signups", "avg_3wk_spend", "spend_per_signup", "spend_zero_mean_unit_variance"]
inputs = {"signups": pd.Series([1, 10, 50, 100, 200, 400]), "spend": pd.Series([10, 10, 20, 40, 40, 50])}
df = dr.execute(outputs, inputs=inputs)
print(df.to_string())

expected = [-1.064405, -1.064405, -0.483821, 0.677349, 0.677349, 1.257934]
if list(df.columns) != outputs or df["spend_zero_mean_unit_variance"].round(6).tolist() != expected:
    sys.exit("smoke: hello_world's frame is not the expected one")
if driver.Driver({}, my_functions).execute(["spend_per_signup"], inputs=inputs)["spend_per_signup"].tolist() != [
        10.0, 1.0, 0.4, 0.4, 0.2, 0.125]:
    sys.exit("smoke: spend_per_signup is wrong")
print(f"smoke: hamilton_cpp {hamilton_cpp.__version__} from {os.path.dirname(hamilton_cpp.__file__)}: ok")

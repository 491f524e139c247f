"""Python Hamilton's examples/hello_world/my_script.py on hamilton_cpp: the same driver script
with one import changed, first over the Python functions of my_functions.py, then over the C++
nodes of examples/hello_world/my_functions.cpp (compiled on the fly by load_cpp), and a check that
both compute the same frame as Python Hamilton itself.

    .venv/bin/python examples/python_hello_world/my_script.py     (scripts/example.sh runs it)
"""

import os
import sys

import pandas as pd

import hamilton_cpp
from hamilton_cpp import driver  # was: from hamilton import driver

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import my_functions  # noqa: E402

initial_columns = {  # load from actuals or wherever -- this is our initial data we use as input.
    "signups": pd.Series([1, 10, 50, 100, 200, 400]),
    "spend": pd.Series([10, 10, 20, 40, 40, 50]),
}
output_columns = ["spend", "signups", "avg_3wk_spend", "spend_per_signup", "spend_zero_mean_unit_variance"]

# the Python functions, run by hamilton_cpp's driver (a Driver returns a pandas DataFrame)
dr = driver.Driver({}, my_functions)
df = dr.execute(output_columns, inputs=initial_columns)
print(df.to_string())

# the same nodes written in C++: a one-node change per hot function, here all of them
cpp_functions = hamilton_cpp.load_cpp(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hello_world", "my_functions.cpp")
)
df_cpp = driver.Driver({}, cpp_functions).execute(output_columns, inputs=initial_columns)
pd.testing.assert_frame_equal(df, df_cpp)
print("the C++ module computes the same frame")

# and both against Python Hamilton itself, as a migration's CI would (needs apache-hamilton)
try:
    from hamilton_cpp.testing import compare
except ImportError as e:  # apache-hamilton is not installed
    print(f"skipped the comparison with Python Hamilton: {e}")
else:
    compare(my_functions, cpp_functions, output_columns, inputs=initial_columns)
    print("Python Hamilton computes the same outputs")

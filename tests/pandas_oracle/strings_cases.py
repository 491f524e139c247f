"""pandas twins of strings.cpp."""
import numpy as np
import pandas as pd
from run_oracle import differs

nan = np.nan


def _names():
    return pd.Series(["  Alice ", "bob", nan, "CAROL", "dave.b", "Émile"], name="name")


def _plain():
    return pd.Series(["apple pie", "banana", "cherry pie", "a.b"], name="s")


def str_contains_plain():
    return _plain().str.contains("pie", regex=False)


def str_contains_dot_plain():
    return _plain().str.contains(".", regex=False)


def str_contains_regex():
    return _plain().str.contains("^b|rry")


def str_contains_regex_dot():
    return _plain().str.contains("a.b")


_BOOL_NA = ("a bool test on a column with missing values is float64 1.0/0.0/NaN "
            "(pandas: object True/False/NaN)")


@differs(_BOOL_NA, expected=lambda: _names().str.contains("a", regex=False).astype("float64"))
def str_contains_missing():
    return _names().str.contains("a", regex=False)


def str_contains_missing_na_false():
    return _names().str.contains("a", regex=False, na=False)


def str_contains_bad_regex():
    return _plain().str.contains("(")


def str_startswith():
    return _plain().str.startswith("b")


@differs(_BOOL_NA, expected=lambda: _names().str.startswith("b").astype("float64"))
def str_startswith_missing():
    return _names().str.startswith("b")


def str_endswith():
    return _plain().str.endswith("pie")


def str_endswith_na_true():
    return _names().str.endswith("b", na=True)


@differs("lower/upper map ASCII letters only (pandas: all of Unicode)",
         expected=lambda: _names().str.lower().replace("émile", "Émile"))
def str_lower():
    return _names().str.lower()


def str_upper_ascii():
    return _plain().str.upper()


def str_len():
    return _plain().str.len()


def str_len_missing_unicode():
    return _names().str.len()


def str_replace_plain():
    return _plain().str.replace("pie", "tart")


def str_replace_dot_plain():
    return _plain().str.replace(".", "-")


def str_replace_regex():
    return _plain().str.replace("[aeiou]", "_", regex=True)


def str_replace_missing():
    return _names().str.replace("b", "B")


def str_strip():
    return _names().str.strip()


def str_strip_chars():
    return _plain().str.strip("ae")


def str_lstrip():
    return _names().str.lstrip()


def str_rstrip():
    return _names().str.rstrip()


def str_on_numbers():
    return pd.Series([1.0, 2.0], name="x").str.upper()


def str_empty():
    return pd.Series([], dtype="object", name="s").str.len()


def str_keeps_index():
    return pd.Series(["Ab", "cD"], name="s", index=[7, 3]).str.upper()

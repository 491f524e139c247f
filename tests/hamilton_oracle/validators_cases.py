"""Hamilton's default validators on the data of validators.cpp, rendered the same way."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hamilton.data_quality import default_validators as dv


def _render(value, as_key: bool = False) -> str:
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return "nan" if math.isnan(value) else repr(float(value))
    if isinstance(value, str):
        return value if as_key else repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_render(x) for x in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "[" + ", ".join(_render(x) for x in sorted(value)) + "]"
    if isinstance(value, dict):
        items = sorted((_render(k, as_key=True), _render(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    return f"<{type(value).__name__}>"


def _run(validator, data, with_description: bool = True) -> str:
    r = validator.validate(data)
    description = f"{validator.description()}\n" if with_description else ""
    out = f"{validator.name()}\n{description}{bool(r.passes)}\n{r.message}\n"
    for k in sorted(r.diagnostics):
        out += f"{k}={_render(r.diagnostics[k])}; "
    return out


def _spend():
    v = [5.0] * 10
    v[1], v[4], v[9] = 12345.6, -1.0, float("nan")
    return pd.Series(v)


def _with_nans():
    return pd.Series([1.0, float("nan"), 3.0, float("nan")])


def _stats():
    return pd.Series([1.0, 2.0, 3.0, 4.0, float("nan")])


def dq_range_series_fail():
    return _run(dv.DataInRangeValidatorPandasSeries((0.0, 10000.0), "warn"), _spend())


def dq_range_series_pass():
    return _run(dv.DataInRangeValidatorPandasSeries((0.0, 1.0), "warn"), pd.Series([0.0, 0.5, 1.0]))


def dq_range_int_series():
    return _run(dv.DataInRangeValidatorPandasSeries((0.0, 2.0), "warn"), pd.Series([1, 2, 3]))


def dq_range_scalar_fail():
    return _run(dv.DataInRangeValidatorPrimitives((0.0, 1.0), "warn"), 2.0)


def dq_range_scalar_int_pass():
    return _run(dv.DataInRangeValidatorPrimitives((0.0, 10.0), "warn"), 5)


def dq_values_in_numbers_fail():
    return _run(
        dv.DataInValuesValidatorPandasSeries([1.0, 2.0, 3.0], "warn"),
        pd.Series([1.0, 2.0, 5.0, float("nan"), 5.0, 7.0]),
    )


def dq_values_in_strings_pass():
    return _run(dv.DataInValuesValidatorPandasSeries(["US"], "warn"), pd.Series(["US", None, "US"]))


def dq_values_in_strings_fail():
    return _run(dv.DataInValuesValidatorPandasSeries(["US"], "warn"), pd.Series(["US", "APAC", "APAC", "EU"]))


def dq_values_in_scalar_fail():
    return _run(dv.DataInValuesValidatorPrimitives([1.0, 2.0], "warn"), 3.0, with_description=False)


def dq_values_in_scalar_string_pass():
    return _run(dv.DataInValuesValidatorPrimitives(["a"], "warn"), "a", with_description=False)


def dq_max_fraction_nans_fail():
    return _run(dv.MaxFractionNansValidatorPandasSeries(0.25, "warn"), _with_nans())


def dq_max_fraction_nans_pass():
    return _run(dv.MaxFractionNansValidatorPandasSeries(0.5, "warn"), _with_nans())


def dq_allow_nans_fail():
    return _run(dv.AllowNaNsValidatorPandasSeries(False, "warn"), _with_nans())


def dq_allow_nans_pass():
    return _run(dv.AllowNaNsValidatorPandasSeries(False, "warn"), pd.Series([1.0, 2.0]))


def dq_mean_in_range_pass():
    return _run(dv.MeanInRangeValidatorPandasSeries((2.0, 3.0), "warn"), _stats())


def dq_mean_in_range_fail():
    return _run(dv.MeanInRangeValidatorPandasSeries((3.0, 4.0), "warn"), _stats())


def dq_max_standard_dev_pass():
    return _run(dv.MaxStandardDevValidatorPandasSeries(1.3, "warn"), _stats())


def dq_max_standard_dev_fail():
    return _run(dv.MaxStandardDevValidatorPandasSeries(1.0, "warn"), _stats())


def dq_contains_fail():
    return _run(dv.StrContainsValidator(["hello", "xyz"], "warn"), "hello world")


def dq_contains_pass():
    return _run(dv.StrContainsValidator("hello", "warn"), "hello world")


def dq_contains_long_data():
    return _run(dv.StrContainsValidator("needle", "warn"), "x" * 150)


def dq_does_not_contain_fail():
    return _run(dv.StrDoesNotContainValidator("bad", "warn"), "a bad day")


def dq_does_not_contain_pass():
    return _run(dv.StrDoesNotContainValidator(["bad", "worse"], "warn"), "a good day")


def dq_not_null_none():
    # Hamilton's check_output(allow_none=False); named not_null_validator here (docs/data_quality.md)
    return _run(dv.AllowNoneValidator(False, "warn"), None).replace("allow_none_validator", "not_null_validator", 1)


def dq_not_null_present():
    return _run(dv.AllowNoneValidator(False, "warn"), 1.0).replace("allow_none_validator", "not_null_validator", 1)

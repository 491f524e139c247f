"""timedelta64[ns] columns through C++ nodes: a pandas timedelta Series goes in and comes back
unchanged, datetime - datetime computed in C++ comes back as pandas' timedelta64[ns]."""

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from hamilton_cpp import driver


@pytest.fixture(scope="module")
def dr(test_nodes):
    return driver.Builder().with_modules(test_nodes).with_config({"factor": 3.0}).build()


def one(dr, name, **inputs):
    return dr.execute([name], inputs=inputs)[name]


def _durations():
    return pd.Series(pd.to_timedelta(["1 days 02:00:00", "0.5s", None, "-1h", "3 days"]), name="d",
                     index=[10, 20, 30, 40, 50])


def test_timedelta_series_passes_through_unchanged(dr):
    s = _durations()
    out = one(dr, "dates_passed", dates=s)
    pdt.assert_series_equal(out, s)
    assert out.dtype == "timedelta64[ns]"
    assert one(dr, "dates_first_ns", dates=s) == pd.Timedelta("1 days 02:00:00").value


def test_timedelta_computed_in_cpp_comes_back_as_pandas(dr):
    s = _durations()
    out = one(dr, "doubled_duration", durations=s)
    pdt.assert_series_equal(out, s * 2)
    assert out.dtype == "timedelta64[ns]" and pd.isna(out.iloc[2])


def test_datetime_minus_datetime_and_days(dr):
    order = pd.Series(pd.to_datetime(["2024-03-05 10:30:00", "2024-01-01", None], format="ISO8601"), name="x")
    signup = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02 06:00:00", "2023-05-05"], format="ISO8601"), name="x")
    out = one(dr, "tenure", order_date=order, signup_date=signup)
    pdt.assert_series_equal(out, order - signup)
    days = dr.execute(["tenure_days"], inputs={"order_date": order, "signup_date": signup})["tenure_days"]
    pdt.assert_series_equal(days, (order - signup).dt.days)


def test_other_units_and_numpy_arrays(dr):
    seconds = pd.Series(pd.to_timedelta(["1s", "2h", None]), name="s").astype("timedelta64[s]")
    out = one(dr, "doubled_duration", durations=seconds)
    pdt.assert_series_equal(out, (seconds * 2).astype("timedelta64[ns]"))
    arr = np.array([1, 2, 3], dtype="timedelta64[ms]")
    out = one(dr, "doubled_duration", durations=arr)
    assert out.dtype == "timedelta64[ns]"
    assert out.tolist() == [pd.Timedelta(milliseconds=2 * k) for k in (1, 2, 3)]


def test_arrow_durations(dr):
    pa = pytest.importorskip("pyarrow")
    out = one(dr, "doubled_duration", durations=pa.array([1, None, -3], type=pa.duration("ms")))
    assert out.dtype == "timedelta64[ns]"
    assert out.iloc[0] == pd.Timedelta(milliseconds=2) and pd.isna(out.iloc[1])
    assert out.iloc[2] == pd.Timedelta(milliseconds=-6)

"""pandas twins of timedeltas.cpp."""
import numpy as np
import pandas as pd
from run_oracle import differs

_H = pd.Timedelta(hours=1)
_D = pd.Timedelta(days=1)


def _orders():
    return pd.Series(pd.to_datetime(["2024-03-05 10:30:00", "2024-01-01", None, "2024-02-29 23:59:59.5",
                                     "2023-12-31 12:00:00"], format="ISO8601"), name="order_date")


def _signups():
    return pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02 06:00:00", "2023-05-05", None, "2024-01-01"],
                                    format="ISO8601"), name="signup_date")


def _durations():
    return pd.Series(pd.to_timedelta(["1 days 02:00:00", "0.5s", None, "-1h", "3 days"]), name="d")


def _small():
    return pd.Series(pd.to_timedelta([7, -7, 5], unit="ns"), name="t")


def _td(ns):
    return pd.Series(pd.to_timedelta(ns, unit="ns"), name="d")


def _raises():
    raise ValueError("raises")


_INT64 = "timedelta fields are int64 (pandas: int32 for seconds, microseconds, nanoseconds)"
_OVERFLOW_DT = "a datetime pushed past 2262-04-11 is an OutOfBoundsDatetime (pandas: OverflowError)"


def td_datetime_minus_datetime():
    return (_orders() - _signups()).rename("tenure")


def td_tenure_days():
    return (_orders() - _signups()).dt.days


def td_tenure_days_no_nat():
    a = pd.Series(pd.to_datetime(["2024-03-05 10:30:00", "2024-01-01"], format="ISO8601"), name="a")
    b = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-02 06:00:00"], format="ISO8601"), name="a")
    return (a - b).dt.days


def td_print():
    return _durations()


def td_print_whole_days():
    return _td([86400 * 10**9, None, -2 * 86400 * 10**9, 0])


def td_print_fractions():
    return _td([1, 1000, 10**6, 10**9, -1, -10**9, -86400 * 10**9, None])


def td_print_extremes():
    return _td([2**63 - 1, -(2**63) + 1])


def td_frame():
    return pd.DataFrame({"order_date": _orders(), "tenure": _orders() - _signups(), "n": [1, 2, 3, 4, 5]})


def _fields():
    d = _td([-1, -86400 * 10**9 + 1, -3 * 86400 * 10**9 + 4 * 3600 * 10**9 + 5006, 86400 * 10**9 + 3723 * 10**9])
    return pd.DataFrame({"days": d.dt.days, "seconds": d.dt.seconds, "microseconds": d.dt.microseconds,
                         "nanoseconds": d.dt.nanoseconds, "total_seconds": d.dt.total_seconds()})


@differs(_INT64, expected=lambda: _fields().astype({"seconds": "int64", "microseconds": "int64",
                                                     "nanoseconds": "int64"}))
def td_dt_fields():
    return _fields()


def td_dt_days_nat():
    return _durations().dt.days


def td_dt_seconds_nat():
    return _durations().dt.seconds


def td_dt_microseconds_nat():
    return _durations().dt.microseconds


@differs(_INT64, expected=lambda: _small().dt.nanoseconds.astype("int64"))
def td_dt_nanoseconds_nat():
    return _small().dt.nanoseconds


def td_dt_total_seconds():
    return _durations().dt.total_seconds()


def td_dt_year_on_timedelta():
    return _durations().dt.year


def td_dt_days_on_datetime():
    return _orders().dt.days


def td_datetime_plus_timedelta():
    return _orders() + _durations()


def td_timedelta_plus_datetime():
    return _durations() + _orders()


def td_datetime_minus_timedelta():
    return _orders() - _durations()


def td_plus_timedelta():
    return _durations() + _durations()


def td_minus_timedelta():
    return _durations() - _small().reindex(_durations().index)


def td_plus_duration():
    return _durations() + pd.Timedelta(minutes=30)


def td_minus_duration():
    return _durations() - _H


def td_times_int():
    return _durations() * 3


def td_int_times():
    return 2 * _small()


def td_times_float():
    return _small() * 3.5


def td_times_negative_float():
    return _durations() * -1.5


def td_times_series():
    return _small() * pd.Series([0.5, 0.5, 2.0])


def td_times_bool_series():
    return _small() * pd.Series([True, False, True])


def td_times_nan():
    return _small() * pd.Series([1.0, np.nan, 2.0])


def td_div_int():
    return _small() / 2


def td_div_float():
    return _small() / 2.0


def td_div_zero():
    return _small() / 0


def td_div_series_with_zero():
    return _small() / pd.Series([2, 0, 1])


def td_div_timedelta():
    return _durations() / _durations().abs()


def td_div_duration():
    return _durations() / _H


def td_div_timedelta_zero():
    return _small() / pd.Series(pd.to_timedelta([0, 0, 0], unit="ns"), name="t")


def td_negate():
    return -_durations()


def td_abs():
    return _durations().abs()


def td_less_than_duration():
    return _durations() < pd.Timedelta(hours=2)


def td_equal_duration():
    return _durations() == pd.Timedelta(days=3)


def td_not_equal_duration():
    return _durations() != pd.Timedelta(days=3)


def td_greater_series():
    return _durations() > -_durations()


def td_aligned_with_numbers():
    return _durations() * pd.Series([2, 3], name="f", index=[1, 4])


def td_diff_datetime():
    return _orders().diff()


def td_diff_datetime_2():
    return _orders().diff(2)


def td_diff_timedelta():
    return _durations().diff()


def td_shift():
    return _durations().shift(2)


def td_sum():
    return _durations().sum()


def td_mean():
    return _durations().mean()


def td_min():
    return _durations().min()


def td_max():
    return _durations().max()


def td_median():
    return _durations().median()


def td_median_even():
    return _td([1, 2, 4, 8]).median()


def td_mean_truncates():
    return _td([1, 2]).mean()


def td_mean_large():
    return _td([2**62 + 1, 1]).mean()


def td_mean_all_nat():
    return _td([None, None]).mean()


def td_sum_all_nat():
    return _td([None]).sum()


def td_sum_overflow():
    return _td([100000 * 86400 * 10**9] * 2).sum()


def td_count():
    return _durations().count()


def td_isna():
    return _durations().isna()


def td_fillna():
    return _durations().fillna(_H)


def td_where():
    return _durations().where(_durations() > pd.Timedelta(0))


def td_sort_values():
    return pd.DataFrame({"d": _durations()}).sort_values("d", kind="stable")


def td_concat():
    return pd.concat([_durations(), _small()])


def td_astype_int64():
    return _td([3600 * 10**9, 7200 * 10**9, -1]).astype("int64")


def td_astype_int64_nat():
    return _durations().astype("int64")


def td_from_int64():
    return pd.Series([1, 2, 3], name="n").astype("timedelta64[ns]")


def td_from_float64():
    return pd.Series([1.5, -1.5, np.nan], name="f").astype("timedelta64[ns]")


def td_astype_float64():
    return _durations().astype("float64")


def td_from_datetime():
    return _orders().astype("timedelta64[ns]")


def td_overflow_add():
    big = _td([100000 * 86400 * 10**9])
    return big + big


def td_overflow_datetime_minus_datetime():
    return pd.Series(pd.to_datetime(["2262-01-01"]), name="d") - pd.Series(pd.to_datetime(["1700-01-01"]), name="d")


@differs(_OVERFLOW_DT, expected=lambda: (_ for _ in ()).throw(pd.errors.OutOfBoundsDatetime("out of bounds")))
def td_overflow_datetime_plus_timedelta():
    return pd.Series(pd.to_datetime(["2262-01-01"]), name="d") + _td([1000 * 86400 * 10**9])


@differs("a timedelta product outside the int64 range is an error (pandas wraps around silently)",
         expected=_raises)
def td_overflow_multiply():
    return _td([100000 * 86400 * 10**9]) * 2


def td_error_plus_float():
    return _durations() + 1.5


def td_error_plus_int():
    return _durations() + 1


def td_error_datetime_plus_datetime():
    return _orders() + _signups()


def td_error_timedelta_minus_datetime():
    return _durations() - _orders()


def td_error_times_timedelta():
    return _small() * _small()


def td_error_number_over_timedelta():
    return 2 / _small()


def td_error_compare_int():
    return _small() < 5


def td_error_plus_string():
    return _small() + "a"


def td_error_pow():
    return _small() ** pd.Series([1, 2, 3])

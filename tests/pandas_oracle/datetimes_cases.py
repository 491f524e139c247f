"""pandas twins of datetimes.cpp."""
import pandas as pd
from run_oracle import differs


def _days():
    return pd.Series(pd.to_datetime(["2020-01-01 06:30:15", "2020-12-31 23:59:59", "2021-01-03",
                                     "2024-02-29 12:00:00", "1969-12-31 18:00:00"], format="ISO8601"),
                     name="d")


def _with_nat():
    return pd.Series(pd.to_datetime(["2021-06-15", None]), name="d")


def _iso_edges():
    return pd.Series(pd.to_datetime(["2019-12-30", "2020-12-31", "2021-01-01", "2021-01-04",
                                     "2026-12-31", "2027-01-03"]), name="d")


_INT32 = "datetime fields are int64 (pandas: int32)"


@differs(_INT32, expected=lambda: _days().dt.year.astype("int64"))
def dt_year():
    return _days().dt.year


@differs(_INT32, expected=lambda: _days().dt.month.astype("int64"))
def dt_month():
    return _days().dt.month


@differs(_INT32, expected=lambda: _days().dt.day.astype("int64"))
def dt_day():
    return _days().dt.day


@differs(_INT32, expected=lambda: _days().dt.hour.astype("int64"))
def dt_hour():
    return _days().dt.hour


@differs(_INT32, expected=lambda: _days().dt.minute.astype("int64"))
def dt_minute():
    return _days().dt.minute


@differs(_INT32, expected=lambda: _days().dt.second.astype("int64"))
def dt_second():
    return _days().dt.second


@differs(_INT32, expected=lambda: _days().dt.dayofweek.astype("int64"))
def dt_dayofweek():
    return _days().dt.dayofweek


@differs(_INT32, expected=lambda: _days().dt.dayofyear.astype("int64"))
def dt_dayofyear():
    return _days().dt.dayofyear


def dt_year_nat():
    return _with_nat().dt.year


def dt_dayofweek_nat():
    return _with_nat().dt.dayofweek


_UINT32 = "the ISO week and year are int64 (pandas' isocalendar(): UInt32)"


@differs(_UINT32, expected=lambda: _iso_edges().dt.isocalendar().week.astype("int64"))
def dt_isoweek():
    return _iso_edges().dt.isocalendar().week


@differs(_UINT32, expected=lambda: _iso_edges().dt.isocalendar().year.astype("int64"))
def dt_isoyear():
    return _iso_edges().dt.isocalendar().year


def dt_normalize():
    return _days().dt.normalize()


def dt_on_strings():
    return pd.Series(["2020-01-01"], name="s").dt.year


@differs(_INT32, expected=lambda: pd.Series([], dtype="datetime64[ns]", name="d").dt.month.astype("int64"))
def dt_empty():
    return pd.Series([], dtype="datetime64[ns]", name="d").dt.month


def dt_plus_days():
    return _with_nat() + pd.Timedelta(days=7)


def dt_minus_hours():
    return _days() - pd.Timedelta(hours=36)


def dt_plus_minutes_left():
    return pd.Timedelta(minutes=90) + _days()


@differs("a datetime pushed past 2262-04-11 is an OutOfBoundsDatetime (pandas: OverflowError)",
         expected=lambda: (_ for _ in ()).throw(pd.errors.OutOfBoundsDatetime("out of bounds")))
def dt_plus_overflow():
    return pd.Series(pd.to_datetime(["2262-04-10"]), name="d") + pd.Timedelta(days=5)


def dt_plus_on_numbers():
    return pd.Series([1, 2], name="x") + pd.Timedelta(days=1)


def _weekly():
    d = pd.Series(pd.to_datetime(["2023-01-02", "2023-01-09", "2023-01-16"]), name="week")
    nxt = d + pd.Timedelta(days=7)
    return pd.DataFrame({"week": d, "next_week": nxt, "iso": d.dt.isocalendar().week,
                         "month": nxt.dt.month})


@differs(_UINT32 + "; " + _INT32,
         expected=lambda: _weekly().astype({"iso": "int64", "month": "int64"}))
def dt_weekly_features():
    return _weekly()


def to_datetime_ymd():
    return pd.to_datetime(pd.Series(["2020-01-31", None, "1999-12-01"], name="d"), format="%Y-%m-%d")


def to_datetime_dmy():
    return pd.to_datetime(pd.Series(["1/2/2020", "31/12/2021"], name="d"), format="%d/%m/%Y")


def to_datetime_time():
    return pd.to_datetime(pd.Series(["2020-03-04 05:06:07", "2020-03-04 23:59:00"], name="t"),
                          format="%Y-%m-%d %H:%M:%S")


def to_datetime_fraction():
    return pd.to_datetime(pd.Series(["12:00:01.5 01.02.2020", "00:00:00.123456 02.02.2020"], name="t"),
                          format="%H:%M:%S.%f %d.%m.%Y")


def to_datetime_month_abbrev():
    return pd.to_datetime(pd.Series(["Jan 05 2021", "DEC 31 1999"], name="t"), format="%b %d %Y")


def to_datetime_month_name():
    return pd.to_datetime(pd.Series(["January 05 2021", "december 31 1999"], name="t"),
                          format="%B %d %Y")


def to_datetime_month_abbrev_not_full():
    return pd.to_datetime(pd.Series(["December 31 1999"], name="t"), format="%b %d %Y")


def to_datetime_two_digit_year():
    return pd.to_datetime(pd.Series(["01/02/68", "01/02/69"], name="t"), format="%m/%d/%y")


def to_datetime_day_of_year():
    return pd.to_datetime(pd.Series(["2020-060", "2021-365"], name="t"), format="%Y-%j")


def to_datetime_keeps_index():
    return pd.to_datetime(pd.Series(["2020/01/02", "2020/01/03"], name="d", index=["a", "b"]),
                          format="%Y/%m/%d")


def to_datetime_out_of_bounds():
    return pd.to_datetime(pd.Series(["2020-01-01", "9999-12-31"], name="end"), format="%Y-%m-%d")


def to_datetime_no_match():
    return pd.to_datetime(pd.Series(["2020-13-01"], name="d"), format="%Y-%m-%d")


def to_datetime_trailing_text():
    return pd.to_datetime(pd.Series(["2020-01-01 junk"], name="d"), format="%Y-%m-%d")


def to_datetime_bad_day():
    return pd.to_datetime(pd.Series(["2021-02-29"], name="d"), format="%Y-%m-%d")


def to_datetime_bad_directive():
    return pd.to_datetime(pd.Series(["2021-02-01"], name="d"), format="%Q")


def to_datetime_empty():
    return pd.to_datetime(pd.Series([], dtype="object", name="d"), format="%Y-%m-%d")

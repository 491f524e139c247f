"""pandas twins of frame_sort.cpp."""
import numpy as np
import pandas as pd


def _sales():
    return pd.DataFrame({"store": ["b", "a", "c", "a", "b"], "units": [3, 1, 2, 1, 5],
                         "price": [2.5, np.nan, 1.0, 4.0, 2.5]})


def sort_values_one_key():
    return _sales().sort_values("units")


def sort_values_descending_ties():
    return _sales().sort_values("units", ascending=False)


def sort_values_nan_last():
    return _sales().sort_values("price")


def sort_values_nan_last_descending():
    return _sales().sort_values("price", ascending=False)


def sort_values_two_keys():
    return _sales().sort_values(["store", "price"], ascending=[True, False])


def sort_values_strings_missing():
    return pd.DataFrame({"s": ["x", np.nan, "a", "m"], "v": [1, 2, 3, 4]}).sort_values("s")


def sort_values_datetimes():
    df = pd.DataFrame({"d": pd.to_datetime(["2024-03-01", None, "2024-01-15", "2024-02-01"]),
                       "v": [1.5, 2.5, 3.5, 4.5]})
    return df.sort_values("d", ascending=False)


def sort_values_empty():
    return _sales().head(0).sort_values("units")


def sort_values_missing_column():
    return _sales().sort_values("unit")


def sort_index_after_sort():
    return _sales().sort_values("units").sort_index()


def sort_index_strings_descending():
    return _sales().set_index("store").sort_index(ascending=False)


def set_index_string():
    return _sales().set_index("store")


def set_index_keep_column():
    return _sales().set_index("units", drop=False)


def set_index_series_column():
    return _sales().set_index("store")["units"]


def set_index_datetime():
    df = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-01"]), "v": [1, 2]})
    return df.set_index("date")


def reset_index_named():
    return _sales().set_index("store").reset_index()


def reset_index_range():
    return _sales().sort_values("units").reset_index()


def reset_index_drop():
    return _sales().sort_values("units").reset_index(drop=True)


def reset_index_name_taken():
    return _sales().set_index("store", drop=False).reset_index()

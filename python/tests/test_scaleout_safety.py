"""execute_on refuses to split a frame where a partition edge could change a result
(scale_out.rows tags, reductions, groups without an order), and checks its arguments."""

from __future__ import annotations

import re

import pandas as pd
import pandas.testing as pdt
import pytest

from hamilton_cpp.execution import PartitionSafetyError, execute_on
from hamilton_cpp.execution._engines import spark_schema

from cpp_modules import line_of
from scaleout_data import PER_ENTITY, make_driver, pandas_per_entity, tidy, weekly


@pytest.fixture(scope="module")
def dr():
    return make_driver()


@pytest.fixture(scope="module")
def data():
    return weekly(n_series=3, weeks=12)


def test_nodes_that_look_across_rows_are_refused_on_plain_partitions(dr, data):
    with pytest.raises(PartitionSafetyError) as info:
        execute_on(dr, data, ["spend_to_avg", "spend_minus_mean"])
    message = str(info.value)
    rolling = line_of("test_scaleout_nodes.cpp", "NODE(Series, avg_3wk_spend")
    # the file as the compiler spelled it (relative or absolute, by how the library was built)
    assert re.search(
        re.escape(
            "execute_on would split the frame into plain partitions for `spend_to_avg`, "
            "`spend_minus_mean`, but these nodes look across rows (tagged scale_out.rows='across', "
            "or reductions), and a partition edge would cut their windows: `avg_3wk_spend` "
            "(test_scaleout_nodes, "
        )
        + r"\S*python/tests/cpp/test_scaleout_nodes\.cpp:"
        + str(rolling)
        + re.escape("), `mean_spend` (test_scaleout_nodes,"),
        message,
    ), message
    assert message.endswith(
        "Pass by=<key column> (and order_by=<column>) to run the plan once per entity, or "
        "partition_safe=True if every partition holds whole series (docs/scale-out.md)"
    )
    assert sorted(info.value.across) == ["avg_3wk_spend", "mean_spend"]
    assert info.value.undeclared == []
    assert isinstance(info.value, ValueError)


def test_an_untagged_node_that_takes_rows_is_refused_and_the_message_says_how_to_tag_it(dr, data):
    with pytest.raises(PartitionSafetyError) as info:
        execute_on(dr, data, ["spend_plus_signups", "spend_per_signup"])
    message = str(info.value)
    assert "these nodes take rows and are not declared row-wise: `spend_plus_signups`" in message
    assert 'tag them tag("scale_out.rows", "within") if each output row depends only on the ' \
           'same input row, or tag("scale_out.rows", "across")' in message
    assert "spend_per_signup`" not in message.split("for `spend_plus_signups`, `spend_per_signup`")[1]
    assert info.value.undeclared == ["spend_plus_signups"] and info.value.across == []


def test_partition_safe_and_by_are_the_two_ways_through(dr, data):
    out = execute_on(dr, data, ["spend_plus_signups"], partition_safe=True)
    pdt.assert_series_equal(out.spend_plus_signups, (data.spend + data.signups).rename("spend_plus_signups"))
    grouped = execute_on(dr, data, PER_ENTITY, by="series_id", order_by="week", keep="week")
    pdt.assert_frame_equal(tidy(grouped, ["series_id", "week"]),
                           tidy(pandas_per_entity(data), ["series_id", "week"]))


def test_groups_without_an_order_are_refused_for_windows(dr, data):
    with pytest.raises(PartitionSafetyError) as info:
        execute_on(dr, data, ["spend_change"], by="series_id")
    assert str(info.value).startswith(
        "execute_on(by=['series_id']) for `spend_change`: nodes `spend_change` (test_scaleout_nodes, "
    )
    assert str(info.value).endswith(
        "look across rows, and the engines do not keep the order of rows inside a group. Pass "
        "order_by=<column> (e.g. the time column) so each group is sorted before the plan runs"
    )
    # Row-wise outputs need no order.
    out = execute_on(dr, data, ["spend_per_signup"], by="series_id")
    assert sorted(out.index) == list(data.index)


def test_arguments_are_checked(dr, data):
    with pytest.raises(ValueError, match=r"execute_on\(by=\.\.\.\): the frame has no column `region`; "
                                         r"its columns: series_id, week, spend, signups"):
        execute_on(dr, data, ["spend_per_signup"], by="region")
    with pytest.raises(ValueError, match=r"order_by=\.\.\.\) sorts the rows of each group: give by="):
        execute_on(dr, data, ["spend_per_signup"], order_by="week", partition_safe=True)
    with pytest.raises(TypeError, match="`factor` is a Series; inputs= and overrides= go unchanged to "
                                        "every partition, so they must not hold rows: make it a column"):
        execute_on(dr, data, ["spend_scaled"], inputs={"factor": data.spend})
    with pytest.raises(TypeError, match="execute_on runs on a pandas DataFrame, a dask.dataframe.DataFrame, "
                                        "a Spark DataFrame or a Ray Dataset, got builtins.dict"):
        execute_on(dr, {"spend": [1.0]}, ["spend_per_signup"])


def test_a_missing_input_is_reported_on_the_driver_before_any_partition_runs(dr, data):
    import hamilton_cpp

    with pytest.raises(hamilton_cpp.InputError, match="factor"):
        execute_on(dr, data, ["spend_scaled"])


def test_a_bad_tag_value_is_an_error():
    import hamilton_cpp
    from hamilton_cpp.execution import _safety

    class Fake:
        def what_is_upstream_of(self, *names):
            v = hamilton_cpp.driver.Variable(
                "x", pd.Series, {"scale_out.rows": "acros"}, False, None, None, set(), set(), {},
                module="m", location="m.cpp:3")
            return [v]

    with pytest.raises(ValueError, match=r"node `x` \(m, m.cpp:3\) has tag scale_out.rows='acros': "
                                         r"the values are 'within' \(row-wise\) and 'across'"):
        _safety.classify(Fake(), ["x"])


def test_spark_schemas_follow_the_output_dtypes():
    types = pytest.importorskip("pyspark.sql.types")
    meta = pd.DataFrame({
        "f": pd.Series([], dtype="float64"), "i": pd.Series([], dtype="int64"),
        "b": pd.Series([], dtype="bool"), "s": pd.Series([], dtype=object),
        "t": pd.Series([], dtype="datetime64[ns]"),
    })

    class Frame:
        schema = types.StructType([])

    schema = spark_schema(meta, Frame(), [])
    assert [(f.name, type(f.dataType).__name__) for f in schema.fields] == [
        ("f", "DoubleType"), ("i", "LongType"), ("b", "BooleanType"), ("s", "StringType"),
        ("t", "TimestampType")]
    with pytest.raises(TypeError, match="output `c` has dtype complex128, which has no Spark type"):
        spark_schema(pd.DataFrame({"c": pd.Series([], dtype="complex128")}), Frame(), [])

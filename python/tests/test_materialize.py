"""Driver.materialize with Python Hamilton's own from_ / to (csv, parquet, feather, json,
pickle), run by the C++ engine, against Python Hamilton's materialize of the same module: the
same files, the same metadata keys, the same additional values."""

import pandas as pd
import pytest

from hamilton import base as h_base
from hamilton import driver as h_driver
from hamilton.function_modifiers import source
from hamilton.io.materialization import from_, to

from hamilton_cpp import driver
from hamilton_cpp.errors import ExecutionError

from py_modules import materialized


@pytest.fixture
def marketing(tmp_path):
    path = tmp_path / "marketing.csv"
    pd.DataFrame({"spend": [10.0, 20.0, 40.0], "signups": [1, 4, 5]}).to_csv(path, index=False)
    return path


def same_but_numpy_dtypes(got, expected):
    """Equal frames, except that a pandas nullable column of Python Hamilton's (its csv loader
    makes Float64 / Int64) is its numpy dtype here: the engine's Series are numpy-typed
    (docs/python.md, conversions)."""
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    for name in expected.columns:
        want = str(expected[name].dtype)
        want = want.lower() if want in ("Float64", "Int64") else want
        assert str(got[name].dtype) == want, name


def drivers():
    return (h_driver.Builder().with_modules(materialized).build(),
            driver.Builder().with_modules(materialized).build())


@pytest.mark.parametrize("fmt,reader", [("parquet", pd.read_parquet), ("feather", pd.read_feather),
                                        ("csv", pd.read_csv), ("pickle", pd.read_pickle)])
def test_the_same_files_as_python_hamilton(tmp_path, marketing, fmt, reader):
    results = {}
    for side, dr in zip(("py", "cpp"), drivers()):
        out = tmp_path / f"{side}.{fmt}"
        metadata, extra = dr.materialize(
            from_.csv(target="marketing", path=str(marketing)),
            getattr(to, fmt)(id="report_out", dependencies=["report"], path=str(out)),
            additional_vars=["total_spend"],
        )
        results[side] = (metadata, extra, reader(out))
    (pm, pe, pf), (cm, ce, cf) = results["py"], results["cpp"]
    assert ce == pe == {"total_spend": 70.0}
    assert set(cm) == set(pm) == {"report_out"}
    assert set(cm["report_out"]) == set(pm["report_out"])  # Hamilton's metadata: file, dataframe
    assert cm["report_out"]["file_metadata"]["path"].endswith(f"cpp.{fmt}")
    same_but_numpy_dtypes(cf, pf)


def test_sources_combine_and_several_savers(tmp_path, marketing):
    for side, dr in zip(("py", "cpp"), drivers()):
        metadata, extra = dr.materialize(
            from_.csv(target="marketing", path=source("load_path")),
            to.parquet(id="both", dependencies=["spend", "spend_per_signup"],
                       combine=h_base.PandasDataFrameResult(), path=source("save_path")),
            to.json(id="as_json", dependencies=["report"],
                    filepath_or_buffer=str(tmp_path / f"{side}.json")),
            inputs={"load_path": str(marketing), "save_path": str(tmp_path / f"{side}.parquet")},
        )
        assert set(metadata) == {"both", "as_json"} and extra == {}
    same_but_numpy_dtypes(pd.read_parquet(tmp_path / "cpp.parquet"),
                          pd.read_parquet(tmp_path / "py.parquet"))
    pd.testing.assert_frame_equal(pd.read_json(tmp_path / "cpp.json"),
                                  pd.read_json(tmp_path / "py.json"))


def test_errors_name_what_is_wrong(tmp_path, marketing):
    _, dr = drivers()
    with pytest.raises(ValueError, match="No output requested"):
        dr.materialize(from_.csv(target="marketing", path=str(marketing)))
    with pytest.raises(ValueError, match="materializer `x`: .*not in the graph: \\['nope'\\]"):
        dr.materialize(to.csv(id="x", dependencies=["nope"], path=str(tmp_path / "x.csv")))
    with pytest.raises(ExecutionError, match="load_data.marketing"):
        dr.materialize(from_.csv(target="marketing", path=str(tmp_path / "missing.csv")),
                       additional_vars=["total_spend"])
    with pytest.raises(TypeError, match="from_.<format>"):
        dr.materialize("report")


def test_materialize_with_the_cache_reads_what_did_not_change(tmp_path, marketing):
    dr = driver.Builder().with_modules(materialized).with_cache(path=str(tmp_path / "cache")).build()
    for _ in range(2):
        dr.materialize(from_.csv(target="marketing", path=str(marketing)),
                       to.parquet(id="out", dependencies=["report"], path=str(tmp_path / "r.parquet")))
    logs = dr.cache.logs(run_id=dr.cache.last_run_id)
    executed = {n for n, events in logs.items() if any(e.event_type.value == "execute_node" for e in events)}
    # the loader reads the file again and the saver writes; what they feed is read
    assert "report" not in executed and "spend" not in executed
    assert "out" in executed


def test_builder_with_materializers_and_the_picture(tmp_path, marketing):
    loads = from_.csv(target="marketing", path=str(marketing))
    saves = to.parquet(id="report_out", dependencies=["report"], path=str(tmp_path / "r.parquet"))
    py = h_driver.Builder().with_modules(materialized).with_materializers(loads, saves).build()
    cpp = driver.Builder().with_modules(materialized).with_materializers(loads, saves).build()
    got = cpp.execute(["report_out", "total_spend"])
    expected = py.execute(["report_out", "total_spend"])
    assert got["total_spend"] == expected["total_spend"] == 70.0
    assert set(got["report_out"]) == set(expected["report_out"])
    names = {v.name for v in cpp.list_available_variables()}
    assert {"load_data.marketing", "report_out", "marketing"} <= names
    assert names == {v.name for v in py.list_available_variables()}
    # the picture of what materialize would run: loader and saver as Hamilton draws them
    # (cylinders; Python Hamilton's needs the graphviz package, which the venv does not pin)
    _, plain = drivers()
    dot = plain.visualize_materialization(loads, saves, additional_vars=["total_spend"]).source
    for name in ("load_data.marketing", "report_out", "total_spend"):
        assert f'"{name}"' in dot, name
    assert dot.count("cylinder") >= 2

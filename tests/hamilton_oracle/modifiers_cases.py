"""parameterize_extract_columns as apache-hamilton resolves and runs it (the cases of
modifiers.cpp)."""
from __future__ import annotations

import sys
import types

import pandas as pd

from hamilton import driver
from hamilton.function_modifiers import (
    ParameterizedExtract,
    extract_columns,
    parameterize,
    parameterize_extract_columns,
    source,
    value,
)

INPUTS = {
    "inseries1a": pd.Series([1.0, 2.0, 3.0]),
    "inseries1b": pd.Series([4.0, 5.0, 6.0]),
    "inseries2a": pd.Series([7.0, 8.0, 9.0]),
    "inseries2b": pd.Series([10.0, 11.0, 12.0]),
}


def _module(*extracts, reassign_columns=True):
    def fn(input1: pd.Series, input2: pd.Series, input3: float) -> pd.DataFrame:
        """Product and total of {input1} and {input2} with {input3}."""
        return pd.DataFrame({"product": input1 * input2 * input3, "total": input1 + input2 + input3})

    mod = types.ModuleType("hamilton_oracle_pec")
    fn.__module__ = mod.__name__
    mod.fn = parameterize_extract_columns(*extracts, reassign_columns=reassign_columns)(fn)
    sys.modules[mod.__name__] = mod
    return mod


def _nodes_and_values(mod, outputs):
    dr = driver.Builder().with_modules(mod).build()
    text = ""
    for v in sorted(dr.list_available_variables(), key=lambda v: v.name):
        if not v.is_external_input:
            text += f"{v.name}: {v.documentation}\n"
    result = dr.raw_execute(outputs, inputs=INPUTS)
    for name in outputs:
        text += name + ":" + "".join(f" {x:g}" for x in result[name]) + "\n"
    return text


def pec_docstring_example():
    mod = _module(
        ParameterizedExtract(("outseries1a", "outseries2a"),
                             {"input1": source("inseries1a"), "input2": source("inseries1b"), "input3": value(10.0)}),
        ParameterizedExtract(("outseries1b", "outseries2b"),
                             {"input1": source("inseries2a"), "input2": source("inseries2b"), "input3": value(100.0)}),
    )
    return _nodes_and_values(mod, ["outseries1a", "outseries2a", "outseries1b", "outseries2b"])


def pec_by_name_without_reassigning():
    """A deliberate difference: apache-hamilton 1.90 renames the columns even with
    reassign_columns=False (its renaming wrapper is the node's callable either way), so this
    raises "Length mismatch" there; hamilton-cpp takes the outputs by name, as the parameter says.
    Expected: what Hamilton's own parameterize + extract_columns make of the same function."""
    mapping = {"input1": source("inseries1a"), "input2": source("inseries2b"), "input3": value(0.5)}
    mod = _module(ParameterizedExtract(("total",), mapping), reassign_columns=False)
    try:
        _nodes_and_values(mod, ["total"])
    except ValueError as e:
        assert "Length mismatch" in str(e), e
    else:
        raise AssertionError("apache-hamilton honours reassign_columns=False now: compare with it")

    def fn(input1: pd.Series, input2: pd.Series, input3: float) -> pd.DataFrame:
        """Product and total of {input1} and {input2} with {input3}."""
        return pd.DataFrame({"product": input1 * input2 * input3, "total": input1 + input2 + input3})

    same = types.ModuleType("hamilton_oracle_pec_by_name")
    fn.__module__ = same.__name__
    same.fn = extract_columns("total")(parameterize(fn__0=mapping)(fn))
    sys.modules[same.__name__] = same
    return _nodes_and_values(same, ["total"])


def pec_more_outputs_than_columns():
    mod = _module(
        ParameterizedExtract(("x", "y", "z"),
                             {"input1": source("inseries1a"), "input2": source("inseries1b"), "input3": value(1.0)}),
    )
    try:
        _nodes_and_values(mod, ["x"])
    except Exception:
        return "raises"
    return "ran"


def psubdag_regions():
    """The config of a sub-graph: apache-hamilton makes a node `<namespace>.<key>` of each key;
    hamilton-cpp binds the key where it is read (docs/modifiers.md), so those nodes are left
    out here."""
    from hamilton.function_modifiers import config, parameterized_subdag

    inner = types.ModuleType("hamilton_oracle_psubdag_inner")

    def doubled(spend: float) -> float:
        return spend * 2

    @config.when(region="US")
    def adjusted__us(doubled: float, tax: float) -> float:
        return doubled * (1 + tax)

    @config.when(region="EU")
    def adjusted__eu(doubled: float) -> float:
        return doubled

    for f in (doubled, adjusted__us, adjusted__eu):
        f.__module__ = inner.__name__
        setattr(inner, f.__name__, f)
    sys.modules[inner.__name__] = inner

    outer = types.ModuleType("hamilton_oracle_psubdag")

    @parameterized_subdag(
        inner,
        inputs={"tax": value(0.25)},
        config={"region": "EU"},
        us={"inputs": {"spend": source("us_spend")}, "config": {"region": "US"}},
        eu={"inputs": {"spend": value(10.0), "tax": value(0.0)}},
    )
    def total(adjusted: float) -> float:
        return adjusted + 0.5

    total.__module__ = outer.__name__
    outer.total = total
    sys.modules[outer.__name__] = outer
    dr = driver.Builder().with_modules(outer).build()
    config_nodes = {f"{ns}.region" for ns in ("us", "eu")}
    names = sorted(v.name for v in dr.list_available_variables()
                   if not v.is_external_input and v.name not in config_nodes)
    r = dr.execute(["us", "eu"], inputs={"us_spend": 100.0})
    return "\n".join(names) + "\n" + f"us={r['us']:g} eu={r['eu']:g}"


def schema_output_tag():
    from hamilton.function_modifiers import base, schema

    def frame() -> pd.DataFrame:
        return pd.DataFrame()

    nodes = base.resolve_nodes(schema.output(("a", "int"), ("b", "float"), ("c", "str"))(frame), {})
    (node,) = nodes
    return node.tags["hamilton.internal.schema_output"]


def _put(module_name, *functions):
    mod = types.ModuleType(module_name)
    for f in functions:
        f.__module__ = mod.__name__
        setattr(mod, f.__name__, f)
    sys.modules[mod.__name__] = mod
    return mod


def _with_columns_ops():
    def a(a_from_df: pd.Series) -> pd.Series:
        """Ten times a."""
        return a_from_df * 10.0

    def b(b_from_df: pd.Series, k: float) -> pd.Series:
        return b_from_df + k

    def a_plus_b(a: pd.Series, b: pd.Series) -> pd.Series:
        return a + b

    def total(a_plus_b: pd.Series) -> float:
        return a_plus_b.sum()

    return _put("hamilton_oracle_wc_ops", a, b, a_plus_b, total)


def _with_columns_initial() -> pd.DataFrame:
    return pd.DataFrame({"a_from_df": [1.0, 2.0], "b_from_df": [3.0, 4.0]}, index=[5, 6])


def _with_columns_text(mod, inputs):
    dr = driver.Builder().with_modules(mod).build()
    text = ""
    for v in sorted(dr.list_available_variables(), key=lambda v: v.name):
        if v.is_external_input:
            continue
        deps = sorted(v.required_dependencies)
        text += f"{v.name} <-" + "".join((", " if i else " ") + d for i, d in enumerate(deps))
        text += f" | {v.documentation}\n"
    df = dr.raw_execute(["final_df"], inputs=inputs)["final_df"]
    text += "index:" + "".join(f" {x}" for x in df.index) + "\n"
    for column in df.columns:
        text += column + ":" + "".join(f" {x:g}" for x in df[column]) + "\n"
    return text


def _with_columns_case(k, **options):
    from hamilton.plugins.h_pandas import with_columns

    ops = _with_columns_ops()

    def initial_df() -> pd.DataFrame:
        return _with_columns_initial()

    def final_df(initial_df: pd.DataFrame) -> pd.DataFrame:
        return initial_df

    final_df = with_columns(ops, **options)(final_df)
    return _with_columns_text(_put("hamilton_oracle_wc", initial_df, final_df), {"k": k})


def with_columns_pass_and_select():
    return _with_columns_case(1.0, columns_to_pass=["a_from_df", "b_from_df"], select=["a", "a_plus_b"])


def with_columns_every_series():
    return _with_columns_case(0.0, columns_to_pass=["b_from_df", "a_from_df"])


def with_columns_on_input():
    from hamilton.plugins.h_pandas import with_columns

    def a_from_df(initial_df: pd.DataFrame) -> pd.Series:
        return initial_df["a_from_df"] / 100.0

    def a(a_from_df: pd.Series) -> pd.Series:
        return a_from_df * 10.0

    ops = _put("hamilton_oracle_wc_on_input_ops", a_from_df, a)

    def initial_df() -> pd.DataFrame:
        return _with_columns_initial()

    @with_columns(ops, on_input="initial_df", select=["a_from_df", "a"], namespace="prep")
    def final_df(initial_df: pd.DataFrame, scale: float) -> pd.DataFrame:
        return initial_df.assign(scaled=initial_df["a"] * scale)

    return _with_columns_text(_put("hamilton_oracle_wc_on_input", initial_df, final_df), {"scale": 2.0})

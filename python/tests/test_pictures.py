"""Driver.display_all_functions and the other pictures: DOT from the C++ tools layer, rendered
by Graphviz's C library; a Drawing instead of Python Hamilton's graphviz.Digraph."""

from __future__ import annotations

import importlib.util
import re

import pytest
from hamilton import driver as hdriver

import hamilton_cpp
from hamilton_cpp import driver
from hamilton_cpp import Drawing

from hello_world_py import my_functions as py_hello

ALL = {"spend", "signups", "avg_3wk_spend", "spend_per_signup", "spend_mean", "spend_zero_mean",
       "spend_std_dev", "spend_zero_mean_unit_variance"}
FUNCTIONS = ALL - {"spend", "signups"}


@pytest.fixture(scope="module")
def dr(hello_world):
    return driver.Builder().with_modules(hello_world).build()


def drawn_nodes(source: str) -> set[str]:
    """The graph's nodes in a drawing (legend and input tables are named `_...`)."""
    return set(re.findall(r'^\s*"([^"_][^"]*)" \[', source, flags=re.M))


def input_tables(source: str) -> str:
    return " ".join(re.findall(r'^\s*"_[^"]*_inputs" \[label=<(.*)>', source, flags=re.M))


def test_display_all_functions_returns_a_drawing_not_a_digraph(dr):
    d = dr.display_all_functions()
    assert isinstance(d, Drawing)
    assert type(d).__name__ != "Digraph" and not hasattr(d, "node")  # not editable like graphviz's
    assert d.source.startswith("digraph {") and str(d) == d.source
    assert drawn_nodes(d.source) == FUNCTIONS
    for name in ("spend", "signups"):
        assert f"<td>{name}</td>" in input_tables(d.source)
    svg = d._repr_svg_()
    assert svg.startswith("<?xml") and "<svg" in svg and "spend_zero_mean_unit_variance" in svg
    assert d.pipe("png").startswith(b"\x89PNG")
    assert d.pipe("dot") == d.source.encode()


@pytest.mark.skipif(importlib.util.find_spec("graphviz") is not None,
                    reason="the graphviz package is installed: Python Hamilton returns a Digraph")
def test_python_hamilton_without_the_graphviz_package_draws_nothing():
    # the difference the Drawing makes: Python Hamilton needs the graphviz package (and the dot
    # program) for any picture; hamilton_cpp renders in-process
    assert hdriver.Builder().with_modules(py_hello).build().display_all_functions() is None


def test_output_file_path_follows_python_hamiltons_rules(dr, tmp_path):
    dr.display_all_functions(str(tmp_path / "all.svg"))
    assert (tmp_path / "all.svg").read_text().startswith("<?xml")
    dr.display_all_functions(str(tmp_path / "nosuffix"))  # no suffix: png
    assert (tmp_path / "nosuffix.png").read_bytes().startswith(b"\x89PNG")
    assert not (tmp_path / "nosuffix").exists()
    dr.display_all_functions(str(tmp_path / "pick.svg"), render_kwargs={"format": "pdf"})
    assert (tmp_path / "pick.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "pick.svg").exists()
    d = dr.display_all_functions(str(tmp_path / "kept.png"), keep_dot=True)
    assert (tmp_path / "kept").read_text() == d.source
    assert (tmp_path / "kept.png").read_bytes().startswith(b"\x89PNG")
    d = dr.display_all_functions(tmp_path / "text.dot")
    assert (tmp_path / "text.dot").read_text() == d.source
    assert d.render(tmp_path / "again.svg") == str(tmp_path / "again.svg")
    assert (tmp_path / "again.svg").read_text().startswith("<?xml")


def test_visualize_execution_draws_what_the_request_runs(dr):
    d = dr.visualize_execution(["spend_per_signup"], inputs={"spend": 1.0, "signups": 2.0})
    assert drawn_nodes(d.source) == {"spend_per_signup"}
    assert "<td>spend</td>" in input_tables(d.source) and "<td>signups</td>" in input_tables(d.source)
    assert '"spend_per_signup" [' in d.source and "#FFC857" in d.source  # the output, marked
    d = dr.visualize_execution(["spend_zero_mean_unit_variance"], inputs={"spend": 1.0})
    assert drawn_nodes(d.source) == {"spend_mean", "spend_zero_mean", "spend_std_dev",
                                     "spend_zero_mean_unit_variance"}
    with pytest.raises(hamilton_cpp.InputError) as e:
        dr.visualize_execution(["spend_per_signup"], inputs={"spend": 1.0})
    assert "required input `signups` is not given; needed by `spend_per_signup`" in str(e.value)
    d = dr.visualize_execution(["spend_per_signup"], inputs={"spend": 1.0}, bypass_validation=True)
    assert drawn_nodes(d.source) == {"spend_per_signup"}


def test_visualize_execution_writes_a_file(dr, tmp_path):
    dr.visualize_execution(["spend_mean"], str(tmp_path / "run.svg"), inputs={"spend": 1.0})
    assert "spend_mean" in (tmp_path / "run.svg").read_text()


def test_upstream_and_downstream_match_the_graph_queries(dr):
    up = dr.display_upstream_of("spend_zero_mean")
    want_up = {v.name for v in dr.what_is_upstream_of("spend_zero_mean") if v.role == "function"}
    assert drawn_nodes(up.source) == want_up == {"spend_mean", "spend_zero_mean"}
    down = dr.display_downstream_of("spend_mean")
    want_down = {v.name for v in dr.what_is_downstream_of("spend_mean")}
    assert want_down <= drawn_nodes(down.source)
    # the parents of what is drawn are drawn too (Python Hamilton's note)
    assert "spend_std_dev" in drawn_nodes(down.source) and "avg_3wk_spend" not in drawn_nodes(down.source)
    path = dr.visualize_path_between("spend_mean", "spend_zero_mean_unit_variance",
                                     strict_path_visualization=True)
    assert drawn_nodes(path.source) == {"spend_mean", "spend_zero_mean", "spend_zero_mean_unit_variance"}


def test_drawing_options(dr):
    d = dr.display_all_functions(orient="TB", show_legend=False,
                                 graphviz_kwargs=dict(graph_attr={"ratio": 1}))
    assert 'rankdir="TB"' in d.source and 'ratio="1"' in d.source
    assert "Legend" not in d.source and "Legend" in dr.display_all_functions().source
    hidden = dr.display_all_functions(hide_inputs=True)
    assert "_inputs" not in hidden.source
    assert drawn_nodes(dr.display_all_functions(layout="fast").source) == FUNCTIONS


def test_unsupported_options_are_refused_with_what_to_use(dr, tmp_path):
    with pytest.raises(ValueError) as e:
        dr.display_all_functions(graphviz_kwargs={"node_attr": {"shape": "box"}})
    assert str(e.value) == ("graphviz_kwargs ['node_attr'] are not supported by hamilton_cpp: "
                            "only graph_attr (a dict of Graphviz graph attributes) is")
    with pytest.raises(NotImplementedError, match="custom_style_function is not supported"):
        dr.display_all_functions(custom_style_function=lambda **kw: ({}, None))
    with pytest.raises(ValueError, match="render_kwargs \\['engine'\\] are not supported"):
        dr.display_all_functions(str(tmp_path / "x.svg"), render_kwargs={"engine": "neato"})
    with pytest.raises(ValueError, match='layout must be "dot", "fast" or "sfdp", got "circo"'):
        dr.display_all_functions(layout="circo")
    with pytest.raises(hamilton_cpp.UnknownNodeError):
        dr.display_upstream_of("spend_meen")
    with pytest.raises(hamilton_cpp.HamiltonError) as e:
        dr.display_all_functions(str(tmp_path / "x.nope"))
    assert str(e.value) == (
        f"cannot write the drawing to `{tmp_path / 'x.nope'}`: Graphviz cannot render format `nope`: "
        "Error: renderer for nope is unavailable; the suffix of output_file_path (or "
        "render_kwargs['format']) picks the format: dot, gv, svg, png, pdf")
    assert not (tmp_path / "x.nope").exists()


def test_a_python_functions_schema_output_is_drawn_around_its_node():
    """Hamilton's @schema.output tag reaches the C++ graph: the fields are drawn as Hamilton's
    graphviz drawing shows them (a cluster of field boxes), and show_schema=False leaves them
    out."""
    from py_modules import schema_frames

    dr = driver.Builder().with_modules(schema_frames).build()
    tags = {v.name: v.tags for v in dr.list_available_variables()}
    assert tags["table"]["hamilton.internal.schema_output"] == "a=int,bb=float"
    source = dr.display_all_functions().source
    assert 'subgraph "cluster_table" {' in source
    assert '"table:a=int   " [label="a=int   "' in source
    assert '"table:bb=float" [label="bb=float"' in source
    assert "cluster_table" not in dr.display_all_functions(show_schema=False).source

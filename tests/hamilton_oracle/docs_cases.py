"""parameterize doc templates as apache-hamilton formats them (the cases of docs.cpp)."""
from __future__ import annotations

from typing import Any

from hamilton.function_modifiers import base, parameterize, source, value


def _doc_of(template: str, bindings: dict, own_doc: str | None = None) -> str:
    def fn(x: Any, y: Any) -> Any:
        return x

    fn.__doc__ = template
    spec = (bindings, own_doc) if own_doc is not None else bindings
    nodes = base.resolve_nodes(parameterize(out=spec)(fn), {})
    (out,) = [n for n in nodes if n.name == "out"]
    return out.documentation


def doc_float_one():
    return _doc_of("x is {x}.", {"x": value(1.0), "y": value(0)})


def doc_float_tenth():
    return _doc_of("{x}", {"x": value(0.1), "y": value(0)})


def doc_float_small():
    return _doc_of("{x}", {"x": value(1e-07), "y": value(0)})


def doc_float_edge_small():
    return _doc_of("{x} {y}", {"x": value(0.0001), "y": value(0.00012345)})


def doc_float_large():
    return _doc_of("{x} {y}", {"x": value(1e15), "y": value(1e16)})


def doc_float_digits():
    return _doc_of("{x} {y}", {"x": value(-2.5), "y": value(1.0 / 3.0)})


def doc_float_big_digits():
    return _doc_of("{x} {y}", {"x": value(123456789.125), "y": value(-1.5e300)})


def doc_float_special():
    return _doc_of("{x} {y}", {"x": value(float("nan")), "y": value(float("-inf"))})


def doc_int():
    return _doc_of("{x} {y}", {"x": value(1), "y": value(-9007199254740993)})


def doc_bool():
    return _doc_of("{x} {y}", {"x": value(True), "y": value(False)})


def doc_string():
    return _doc_of("{x}", {"x": value("EU"), "y": value(0)})


def doc_source():
    return _doc_of("{x} and {y}", {"x": source("spend"), "y": value(2.0)})


def doc_output_name():
    return _doc_of("{output_name}: {x}", {"x": source("a"), "y": source("b")})


def doc_unknown_field():
    return _doc_of("{nope} {x}", {"x": source("a"), "y": source("b")})


def doc_braces():
    return _doc_of("{{x}} is {x}}}", {"x": value(1.0), "y": source("b")})


def doc_own_doc_verbatim():
    return _doc_of("{x}", {"x": value(1.0), "y": source("b")}, own_doc="Own {x} doc.")

"""Pictures of a Driver's graph (``Driver.display_all_functions`` ...): DOT text made by the C++
tools layer, rendered by Graphviz's C library inside the process (no ``graphviz`` package, no
``dot`` program needed)."""

from __future__ import annotations

import os
import pathlib
from typing import Any

from . import _core
from .errors import HamiltonError


class Drawing:
    """What the picture methods return, in place of Python Hamilton's ``graphviz.Digraph``.

    ``source`` is the DOT text (as ``Digraph.source``; ``str(drawing)`` too), ``pipe(format)``
    the rendered bytes (as ``Digraph.pipe``), ``render(path)`` writes a file in the format of
    its suffix, and ``_repr_svg_`` makes Jupyter show it. It is not a ``graphviz.Digraph``: it
    cannot be edited node by node.
    """

    def __init__(self, source: str):
        self.source = source

    def pipe(self, format: str = "svg") -> bytes:
        """The drawing rendered to ``format`` ("svg", "png", "pdf", "dot" ...)."""
        if format in ("dot", "gv", "canon"):
            return self.source.encode()
        return _core.render_drawing(self.source, format)

    def render(self, path: str | os.PathLike, format: str | None = None) -> str:
        """Writes the drawing to ``path`` in ``format`` (by default the format of the suffix;
        ``path`` without a suffix gets ``.png``, as in Python Hamilton). Returns the path."""
        return _write(self, os.fspath(path), {"format": format} if format else None, False)

    def _repr_svg_(self) -> str:
        return self.pipe("svg").decode()

    def __str__(self) -> str:
        return self.source

    def __repr__(self) -> str:
        return f"<hamilton_cpp Drawing: {self.source.count(chr(10))} lines of DOT>"


_RENDER_KEYS = {"format", "view", "cleanup", "quiet"}


def _write(drawing: Drawing, output_file_path: str, render_kwargs: dict | None, keep_dot: bool) -> str:
    """Python Hamilton's rules: the format is the suffix of ``output_file_path`` (png without
    one), ``render_kwargs["format"]`` wins over it; the file written is ``<path without
    suffix>.<format>``; ``keep_dot`` also writes the DOT text to ``<path without suffix>``."""
    render_kwargs = dict(render_kwargs or {})
    unknown = set(render_kwargs) - _RENDER_KEYS
    if unknown:
        raise ValueError(
            f"render_kwargs {sorted(unknown)} are not supported by hamilton_cpp (it renders "
            f"with Graphviz's C library, not the graphviz package): use {sorted(_RENDER_KEYS)}"
        )
    stem, suffix = os.path.splitext(output_file_path)
    fmt = render_kwargs.get("format") or (suffix[1:] if suffix else "png")
    target = f"{stem}.{fmt}"
    if keep_dot:
        pathlib.Path(stem).write_text(drawing.source)
    try:
        data = drawing.pipe(fmt)
    except HamiltonError as e:
        formats = ", ".join(s.lstrip(".") for s in _core.drawing_suffixes())
        raise HamiltonError(
            f"cannot write the drawing to `{target}`: {str(e).strip()}; the suffix of "
            f"output_file_path (or render_kwargs['format']) picks the format: {formats}"
        ) from None
    pathlib.Path(target).write_bytes(data)
    return target


def options(
    *,
    graphviz_kwargs: dict | None,
    show_legend: bool,
    orient: str,
    hide_inputs: bool,
    deduplicate_inputs: bool,
    custom_style_function: Any,
    show_config_values: bool = True,
    cluster_modules: bool = False,
    collapse_modules: bool = False,
    layout: str = "dot",
    hops: int = -1,
    show_schema: bool = True,
) -> Any:
    if custom_style_function is not None:
        raise NotImplementedError(
            "custom_style_function is not supported by hamilton_cpp's pictures yet; pass "
            "graphviz_kwargs=dict(graph_attr={...}) for graph attributes"
        )
    o = _core.DrawOptions()
    o.orient = orient
    o.show_legend = bool(show_legend)
    o.hide_inputs = bool(hide_inputs)
    o.deduplicate_inputs = bool(deduplicate_inputs)
    o.show_config_values = bool(show_config_values)
    o.cluster_modules = bool(cluster_modules)
    o.collapse_modules = bool(collapse_modules)
    o.show_schema = bool(show_schema)
    o.layout = layout
    o.hops = int(hops)
    kwargs = dict(graphviz_kwargs or {})
    graph_attr = kwargs.pop("graph_attr", None) or {}
    if kwargs:
        raise ValueError(
            f"graphviz_kwargs {sorted(kwargs)} are not supported by hamilton_cpp: only "
            "graph_attr (a dict of Graphviz graph attributes) is"
        )
    o.graph_attributes = {str(k): str(v) for k, v in graph_attr.items()}
    return o


def finish(source: str, output_file_path: Any, render_kwargs: dict | None, keep_dot: bool) -> Drawing:
    drawing = Drawing(source)
    if output_file_path:
        _write(drawing, os.fspath(output_file_path), render_kwargs, keep_dot)
    return drawing

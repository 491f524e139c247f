"""Whether a graph may run on plain partitions: the `scale_out.rows` tag and the checks
execute_on makes before it splits a frame."""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from ..errors import HamiltonError

#: The tag key that says how a node reads rows: ``within`` (each output row depends only on
#: the same input row) or ``across`` (windows, shifts, expanding, ewm, reductions ...).
ROWS_TAG = "scale_out.rows"
WITHIN = "within"
ACROSS = "across"

_ROW_KINDS = (pd.Series, pd.DataFrame)


class PartitionSafetyError(HamiltonError, ValueError):
    """execute_on was asked to split a frame into plain partitions for outputs whose nodes
    look across rows (or are not declared row-wise). ``across`` and ``undeclared`` name them."""

    across: list[str] = []
    undeclared: list[str] = []


def _describe(v: Any) -> str:
    where = f" ({v.module}, {v.location})" if v.location else (f" ({v.module})" if v.module else "")
    return f"`{v.name}`{where}"


def classify(dr: Any, final_vars: Sequence[str]) -> tuple[list[Any], list[Any]]:
    """The function nodes the outputs need that look across rows (tagged ``across``, or a
    reduction: a non-Series node that takes a Series or DataFrame), and those that take rows
    but are not tagged either way."""
    upstream = {v.name: v for v in dr.what_is_upstream_of(*final_vars)}
    across, undeclared = [], []
    for v in upstream.values():
        if v.role != "function":
            continue
        deps = [upstream[d] for d in v.required_dependencies | v.optional_dependencies if d in upstream]
        takes_rows = any(d.type in _ROW_KINDS for d in deps)
        tag = v.tags.get(ROWS_TAG)
        if tag is not None and tag not in (WITHIN, ACROSS):
            raise ValueError(
                f"node {_describe(v)} has tag {ROWS_TAG}={tag!r}: the values are "
                f"{WITHIN!r} (row-wise) and {ACROSS!r} (looks across rows)"
            )
        if tag == ACROSS:
            across.append(v)
        elif tag == WITHIN or not takes_rows:
            continue
        elif v.type not in _ROW_KINDS:
            across.append(v)  # a reduction of rows to a value
        else:
            undeclared.append(v)
    return across, undeclared


def check(dr: Any, final_vars: Sequence[str], by: Sequence[str], order_by: Sequence[str],
          partition_safe: bool) -> None:
    """Raises PartitionSafetyError when splitting could give a wrong result: plain partitions
    (no ``by``) for outputs that need nodes looking across rows or not declared row-wise, unless
    ``partition_safe``; groups (``by``) without ``order_by`` for nodes looking across rows
    (engines do not keep the row order inside a group)."""
    across, undeclared = classify(dr, final_vars)
    outputs = ", ".join(f"`{n}`" for n in final_vars)
    if by:
        if across and not order_by and not partition_safe:
            err = PartitionSafetyError(
                f"execute_on(by={list(by)}) for {outputs}: nodes "
                f"{', '.join(_describe(v) for v in across)} look across rows, and the engines "
                "do not keep the order of rows inside a group. Pass order_by=<column> (e.g. the "
                "time column) so each group is sorted before the plan runs"
            )
            err.across = [v.name for v in across]
            raise err
        return
    if partition_safe or not (across or undeclared):
        return
    parts = []
    if across:
        parts.append(
            f"these nodes look across rows (tagged {ROWS_TAG}={ACROSS!r}, or reductions), and a "
            f"partition edge would cut their windows: {', '.join(_describe(v) for v in across)}"
        )
    if undeclared:
        parts.append(
            f"these nodes take rows and are not declared row-wise: "
            f"{', '.join(_describe(v) for v in undeclared)} (tag them "
            f'tag("{ROWS_TAG}", "{WITHIN}") if each output row depends only on the same input '
            f'row, or tag("{ROWS_TAG}", "{ACROSS}"))'
        )
    err = PartitionSafetyError(
        f"execute_on would split the frame into plain partitions for {outputs}, but "
        + "; ".join(parts)
        + ". Pass by=<key column> (and order_by=<column>) to run the plan once per entity, or "
        "partition_safe=True if every partition holds whole series (docs/scale-out.md)"
    )
    err.across = [v.name for v in across]
    err.undeclared = [v.name for v in undeclared]
    raise err

"""Numba functions as nodes that the C++ plan calls natively, without the GIL (docs/python.md,
"Numba nodes").

* A ``numba.cfunc`` of scalars (``@numba.cfunc("float64(float64, int64)")``) is a node of the
  C++ type of its result (float64 -> double, float32 -> float, int64 -> std::int64_t,
  int32 -> std::int32_t, boolean -> bool) whose parameters are the Python function's, of the
  C++ types of the cfunc's argument types.
* ``@hamilton_cpp.numba_column("float64(float64, float64)")`` on a function of one row makes a
  column node: it takes Series (pandas Series from Python) and returns a Series of the result's
  dtype, computed by a Numba loop over the rows.

``add_cfunc(module, name, obj)`` adds either kind to a ``_core.PyModule``.
"""

from __future__ import annotations

import inspect
import threading
from typing import Any, Callable

import numba
from llvmlite import ir
from numba import types
from numba.core import cgutils, sigutils
from numba.core.callconv import RETCODE_NONE, RETCODE_OK, excinfo_t
from numba.core.ccallback import CFunc
from numba.extending import intrinsic

from . import _core

_KINDS = {
    types.float64: "float64",
    types.float32: "float32",
    types.int64: "int64",
    types.int32: "int32",
    types.boolean: "bool",
}
_REAL = ("float64", "float32")
_SUPPORTED = "float64, float32, int64, int32 or boolean"
_COLUMN_MARK = "__hamilton_cpp_column__"

_lock = threading.Lock()
_trampolines: dict[tuple, CFunc] = {}


def _where(fn: Callable) -> tuple[str, int]:
    """The file and line of a Python function (for messages and Variable.location)."""
    try:
        file = inspect.getsourcefile(fn) or fn.__code__.co_filename
    except TypeError:
        file = getattr(getattr(fn, "__code__", None), "co_filename", "")
    line = getattr(getattr(fn, "__code__", None), "co_firstlineno", 0)
    return file or "", line


def _describe(name: str, fn: Callable | None) -> str:
    if fn is None:
        return f"`{name}`"
    file, line = _where(fn)
    return f"`{name}` ({file}:{line})" if file else f"`{name}`"


def _kinds(signature, what: str, example: str) -> tuple[list[str], str]:
    """The kind of each argument and of the result, or a TypeError saying which are not."""
    args, result = signature.args, signature.return_type
    bad = [str(t) for t in (*args, result) if t not in _KINDS]
    if bad:
        raise TypeError(
            f"{what} has the signature {result}({', '.join(str(a) for a in args)}): "
            f"{', '.join(sorted(set(bad)))} is not supported. hamilton_cpp calls Numba functions "
            f"whose arguments and result are {_SUPPORTED}, e.g. {example}"
        )
    return [_KINDS[t] for t in args], _KINDS[result]


def _parameters(fn: Callable, count: int, what: str) -> list[str]:
    """The names of the Python function's parameters (the nodes they depend on)."""
    sig = inspect.signature(fn)
    names = []
    for p in sig.parameters.values():
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            raise TypeError(f"{what}: parameter `{p.name}` is {p.kind.description}; a Numba "
                            "node takes named positional parameters only (one per dependency)")
        if p.default is not p.empty:
            raise TypeError(f"{what}: parameter `{p.name}` has a default value; a Numba node "
                            "takes every parameter from the graph (remove the default)")
        names.append(p.name)
    if len(names) != count:
        raise TypeError(f"{what}: the function has {len(names)} parameter(s) but its Numba "
                        f"signature {count} argument type(s); give one type per parameter")
    return names


def _doc(fn: Callable | None) -> str:
    doc = getattr(fn, "__doc__", None)
    return inspect.cleandoc(doc) if doc else ""


# ---- calling a C function at a run-time address from Numba code ----------------------------


def _caller(signature):
    """An intrinsic ``ok, result = call(address, (args...))`` calling the function Numba compiled
    for a cfunc of ``signature`` (Numba's own calling convention, which returns a status where
    the C wrapper only prints an exception) at ``address``; ``ok`` is False if it raised."""
    result_type = types.Tuple((types.boolean, signature.return_type))

    @intrinsic
    def call(typingctx, address, args):
        def codegen(context, builder, sig, llargs):
            conv = context.call_conv
            fnty = conv.get_function_type(signature.return_type, signature.args)
            fn = builder.inttoptr(llargs[0], fnty.as_pointer())
            retty = conv.get_return_type(signature.return_type).pointee
            retval = cgutils.alloca_once(builder, retty)
            builder.store(cgutils.get_null_value(retty), retval)
            excinfo = cgutils.alloca_once(builder, ir.PointerType(excinfo_t))
            values = [builder.extract_value(llargs[1], k) for k in range(len(signature.args))]
            packed = list(conv._get_arg_packer(signature.args).as_arguments(builder, values))
            code = builder.call(fn, [retval, excinfo, *packed])
            ok = builder.or_(builder.icmp_signed("==", code, RETCODE_OK),
                             builder.icmp_signed("==", code, RETCODE_NONE))
            value = context.get_returned_value(builder, signature.return_type,
                                               builder.load(retval))
            return context.make_tuple(builder, result_type, [ok, value])

        return result_type(types.int64, args), codegen

    return call


def _native_address(obj: CFunc) -> int:
    """The address of the function behind a cfunc's C wrapper (Numba names the wrapper
    ``cfunc.<name of the function>``)."""
    wrapper = obj._wrapper_name
    prefix = "cfunc."
    if not wrapper.startswith(prefix):
        raise TypeError(f"numba {numba.__version__} names cfunc wrappers differently "
                        f"({wrapper!r}): hamilton_cpp cannot call this cfunc")
    address = obj._library.get_pointer_to_function(wrapper[len(prefix):])
    if not address:
        raise TypeError(f"the compiled function of cfunc {wrapper!r} is not found in its library")
    return address


@intrinsic
def _pointer(typingctx, address, dtype):
    """``_pointer(address, numba.types.float64)``: the address as a CPointer(float64)."""
    target = types.CPointer(dtype.instance_type)

    def codegen(context, builder, sig, llargs):
        return builder.inttoptr(llargs[0], context.get_value_type(target))

    return target(address, dtype), codegen


_P = types.CPointer
_TRAMPOLINE_TYPE = types.int64(types.int64, _P(types.float64), _P(types.int64), _P(types.float64),
                              _P(types.int64))
_KERNEL_TYPE = types.int64(types.int64, _P(types.int64), types.int64)


def _read(kind: str, source: str) -> str:
    """Numba source reading a value of ``kind`` from the float64 / int64 slot ``source``."""
    return {
        "float64": source,
        "float32": f"_float32({source})",
        "int64": source,
        "int32": f"_int32({source})",
        "bool": f"({source} != 0)",
    }[kind]


def _trampoline(signature, kinds: list[str], result: str) -> CFunc:
    """The cfunc (one per signature) that calls a cfunc of ``signature`` with its arguments read
    from arrays of doubles and int64s (the C type cfunc.cpp calls)."""
    key = (tuple(signature.args), signature.return_type)
    with _lock:
        found = _trampolines.get(key)
        if found is not None:
            return found
        reals = ints = 0
        args = []
        for kind in kinds:
            if kind in _REAL:
                args.append(_read(kind, f"reals[{reals}]"))
                reals += 1
            else:
                args.append(_read(kind, f"ints[{ints}]"))
                ints += 1
        call = f"_call(address, ({', '.join(args)}{',' if len(args) == 1 else ''}))"
        if result in _REAL:
            store = "real_out[0] = r"
        elif result == "bool":
            store = "int_out[0] = 1 if r else 0"
        else:
            store = "int_out[0] = r"
        # 0 when the function returned, 1 when it raised.
        source = "\n".join([
            "def trampoline(address, reals, ints, real_out, int_out):",
            f"    ok, r = {call}", "    if not ok:", "        return 1", f"    {store}",
            "    return 0", ""])
        scope = {"_call": _caller(signature), "_float32": numba.float32, "_int32": numba.int32}
        exec(compile(source, "<hamilton_cpp numba trampoline>", "exec"), scope)
        found = numba.cfunc(_TRAMPOLINE_TYPE)(scope["trampoline"])
        _trampolines[key] = found
        return found


# ---- column nodes -----------------------------------------------------------------------------


def numba_column(
    signature: str | Any, scalars: tuple[str, ...] | list[str] = ()
) -> Callable[[Callable], CFunc]:
    """Decorator: a function of one row, with a Numba signature of scalars, becomes a column node.

    ::

        @hamilton_cpp.numba_column("float64(float64, float64)")
        def spend_per_signup(spend, signups):
            return spend / signups

    is a node ``spend_per_signup`` taking the Series ``spend`` and ``signups`` and returning a
    float64 Series: Numba compiles the function and a loop over the rows, and the C++ plan runs
    it without the GIL. The parameters named in ``scalars`` take a scalar node (of the C++ type
    of their Numba type, as in a cfunc) instead of a column; at least one must be a column.
    Argument and result types: float64, float32, int64, int32, boolean (a float64 argument also
    takes int64 and bool columns, converted). The columns must have the same index; the result
    has that index and the node's name.

    The returned object is a ``numba.cfunc`` (the loop); the row function stays callable from
    Python as ``.py_func``.
    """

    def decorate(fn: Callable) -> CFunc:
        what = f"numba_column {_describe(fn.__name__, fn)}"
        try:
            args, result = sigutils.normalize_signature(signature)
        except Exception as e:
            raise TypeError(f"{what}: {signature!r} is not a Numba signature ({e}); write e.g. "
                            '"float64(float64, float64)"') from None
        if result is None:
            raise TypeError(f"{what}: the signature {signature!r} has no result type; write e.g. "
                            '"float64(float64, float64)"')
        sig = result(*args)
        kinds, result_kind = _kinds(sig, what,
                                    '@hamilton_cpp.numba_column("float64(float64, int64)")')
        parameters = _parameters(fn, len(kinds), what)
        scalar_names = [scalars] if isinstance(scalars, str) else list(scalars)
        unknown = [n for n in scalar_names if n not in parameters]
        if unknown:
            raise TypeError(f"{what}: scalars names {', '.join(f'`{n}`' for n in unknown)}, not a "
                            f"parameter of the function ({', '.join(parameters) or 'none'})")
        columns = [p not in scalar_names for p in parameters]
        if not any(columns):
            raise TypeError(f"{what} has no column parameter: a column node needs at least one "
                            "column (its rows and index)")
        # numpy's error model, as pandas: x / 0 is inf or nan, not an exception.
        row = numba.njit(sig, error_model="numpy")(fn)
        lines = ["def kernel(n, inputs, output):"]
        scope: dict[str, Any] = {"_row": row, "_pointer": _pointer, "_float32": numba.float32,
                                 "_int32": numba.int32}
        reads = []
        for k, kind in enumerate(kinds):
            if columns[k]:
                buffer = "float64" if kind in _REAL else "uint8" if kind == "bool" else "int64"
                lines.append(f"    c{k} = _pointer(inputs[{k}], _t{k})")
                reads.append(_read(kind, f"c{k}[i]"))
            else:  # an 8-byte slot: a double, or an int64
                buffer = "float64" if kind in _REAL else "int64"
                lines.append(f"    s{k} = {_read(kind, f'_pointer(inputs[{k}], _t{k})[0]')}")
                reads.append(f"s{k}")
            scope[f"_t{k}"] = getattr(types, buffer)
        out = "float64" if result_kind in _REAL else "uint8" if result_kind == "bool" else "int64"
        scope["_tout"] = getattr(types, out)
        lines.append("    out = _pointer(output, _tout)")
        # 0 when every row is done, else 1 + the row whose call raised.
        lines += ["    i = 0", "    try:", "        while i < n:"]
        call = f"_row({', '.join(reads)})"
        lines.append(f"            out[i] = 1 if {call} else 0" if result_kind == "bool"
                     else f"            out[i] = {call}")
        lines += ["            i += 1", "    except Exception:", "        return i + 1",
                  "    return 0"]
        source = "\n".join(lines) + "\n"
        exec(compile(source, f"<hamilton_cpp numba_column {fn.__name__}>", "exec"), scope)
        kernel = numba.cfunc(_KERNEL_TYPE)(scope["kernel"])
        kernel.__name__ = kernel.__qualname__ = fn.__name__
        kernel.__module__ = fn.__module__
        kernel.__doc__ = fn.__doc__
        kernel.__wrapped__ = fn
        kernel.py_func = fn
        setattr(kernel, _COLUMN_MARK, (parameters, kinds, columns, result_kind))
        return kernel

    return decorate


# ---- adding to a module -----------------------------------------------------------------------


def is_numba_node(obj: Any) -> bool:
    """True for what ``add_cfunc`` takes: a ``numba.cfunc`` or a ``numba_column``."""
    return isinstance(obj, CFunc)


def add_cfunc(
    pm: _core.PyModule, name: str, obj: Any, parameters: list[str] | None = None
) -> None:
    """Adds the node ``name`` computed by ``obj`` (a ``numba.cfunc`` of scalars or a
    ``hamilton_cpp.numba_column``) to ``pm``. Its parameters are the Python function's
    (``parameters`` renames them: one name per argument). Raises TypeError, naming the function
    and its file:line, for a signature hamilton_cpp does not call."""
    if not isinstance(obj, CFunc):
        raise TypeError(f"`{name}` is {type(obj).__name__}, not a numba.cfunc: decorate it with "
                        '@numba.cfunc("float64(float64, float64)") or '
                        "@hamilton_cpp.numba_column(...)")
    column = getattr(obj, _COLUMN_MARK, None)
    if column is not None:
        fn = obj.py_func
        names, kinds, columns, result_kind = column
        if parameters is not None:
            names = _renamed(list(parameters), len(kinds), f"numba_column {_describe(name, fn)}")
        file, line = _where(fn)
        _core._add_cfunc_column(pm, name, names, kinds, columns, result_kind, obj.address, obj,
                                _doc(fn), file, line)
        return
    fn = getattr(obj, "_pyfunc", None)
    what = f"cfunc {_describe(name, fn)}"
    kinds, result_kind = _kinds(
        obj._sig, what,
        '@numba.cfunc("float64(float64, int64)"); for a function of columns use '
        '@hamilton_cpp.numba_column("float64(float64, float64)") on the function of one row',
    )
    if parameters is not None:
        names = _renamed(list(parameters), len(kinds), what)
    else:
        names = _parameters(fn, len(kinds), what)
    trampoline = _trampoline(obj._sig, kinds, result_kind)
    file, line = _where(fn)
    _core._add_cfunc(pm, name, names, kinds, result_kind, _native_address(obj),
                     trampoline.address, (obj, trampoline), _doc(fn), file, line)


def _renamed(names: list[str], count: int, what: str) -> list[str]:
    if len(names) != count:
        raise TypeError(f"{what}: {len(names)} parameter name(s) given for {count} argument(s)")
    return names

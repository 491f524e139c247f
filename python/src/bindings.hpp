#pragma once
// Shared declarations of the extension module hamilton_cpp._core.

#include <nanobind/nanobind.h>

#include <exception>
#include <hamilton/driver.hpp>
#include <string>

namespace hamilton_py {

namespace nb = nanobind;

/// A hamilton::Value held by Python: what the converters make from Python data, and what a
/// node returns when its C++ type has no Python counterpart.
struct PyValue {
  hamilton::Value value;
};

/// A module of nodes made from Python (`_core.PyModule`): Python functions, Numba cfuncs. The
/// driver's build takes it beside module library paths, in the order the user gave the modules.
struct PyModule {
  explicit PyModule(std::string name) : module(std::move(name)) {}
  hamilton::Module module;
};

/// How Python data converts to a C++ type: "Series", "DataFrame", "double", "float", "int64",
/// "int32", "uint64", "uint32", "bool", "string", "vector<double>", "vector<int64>",
/// "vector<bool>", "vector<string>", "any" (a hamilton::Value parameter) or "opaque" (any
/// other C++ type: only a Value of that type converts).
std::string kind_of(const hamilton::TypeInfo& type, bool any);

/// The Python object for a C++ value: a SeriesData / FrameData (finished into pandas objects
/// by hamilton_cpp._convert), a Python scalar, a numpy array, a list of str, or a PyValue.
nb::object to_python(const hamilton::Value& value);

void bind_values(nb::module_& m);
void bind_errors(nb::module_& m);
void bind_nodes(nb::module_& m);
void bind_tools(nb::module_& m);

/// The hamilton::Driver of a `_core.Driver` (what `_core.build` returns); TypeError otherwise.
const hamilton::Driver& driver_of(nb::handle driver);
/// Python nodes (pynodes.cpp): `add_python_node`, `object_value`, `object_of`, `type_names`.
void bind_pynodes(nb::module_& m);
/// The Python exception of a node's failure (the original exception of its ExecutionError):
/// what a Python node raised, or a builtin exception for a C++ one (std::invalid_argument
/// becomes ValueError, as nanobind translates). Call with the GIL held.
nb::object python_exception(const std::exception_ptr& error);
/// Graceful failure whose `catches` calls `catches(exception)` with the Python exception (every
/// exception when `catches` is None).
hamilton::GracefulErrors graceful_errors(nb::handle catches, bool allow_injection);
/// `_add_cfunc`, `_add_cfunc_column`: Numba cfuncs as nodes of a PyModule (cfunc.cpp).
void bind_cfunc(nb::module_& m);
/// The result cache's options from the dict hamilton_cpp.driver.Builder.with_cache makes
/// (caching.cpp); ValueError / TypeError for a bad one. Call with the GIL held.
hamilton::caching::CacheOptions cache_options(nb::handle spec);
/// `cache_*`: what the cache of a built driver tells, and its stores (caching.cpp).
void bind_caching(nb::module_& m);
/// The Arrow PyCapsule interface of Values (python/src/arrow.cpp); after bind_values.
void bind_arrow(nb::module_& m);

}  // namespace hamilton_py

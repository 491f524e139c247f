// Nodes whose function is Python (hamilton_cpp._pymodules resolves a Python module's functions,
// with Python Hamilton's decorators when it is installed, and adds one node per resolved node to
// a _core.PyModule here).
//
// A node's Callable takes the GIL only while its Python function runs: the C++ arguments become
// Python objects (to_python; a PyObjectRef gives back the object it holds), the Python wrapper
// made by _pymodules calls the function and converts its result to the node's C++ type.
// Python values of types without a C++ counterpart travel through the graph as PyObjectRef.

#include <nanobind/stl/map.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <hamilton/caching/codec.hpp>
#include <hamilton/driver.hpp>
#include <hamilton/frame.hpp>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

/// False once the interpreter is finalizing: references are then leaked, never released
/// (a thread may not take the GIL any more, and the objects go away with the interpreter).
bool python_alive() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsInitialized() && !Py_IsFinalizing();
#else
  return Py_IsInitialized() && !_Py_IsFinalizing();
#endif
}

/// A strong reference to a Python object that may be copied and dropped on any thread.
class Ref {
 public:
  Ref() = default;
  explicit Ref(nb::handle h) : p_(h.ptr()) { Py_XINCREF(p_); }  // caller holds the GIL
  Ref(const Ref& o) : p_(o.p_) {
    if (!p_) return;
    if (!python_alive()) {
      p_ = nullptr;  // copying during shutdown: nothing will read it
      return;
    }
    nb::gil_scoped_acquire gil;
    Py_INCREF(p_);
  }
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~Ref() {
    if (!p_ || !python_alive()) return;
    nb::gil_scoped_acquire gil;
    Py_DECREF(p_);
  }
  nb::handle handle() const { return nb::handle(p_); }

 private:
  PyObject* p_ = nullptr;
};

}  // namespace

/// The items of a Python `Parallelizable[T]` node, or the values a `Collect[T]` parameter
/// gathers: one Value per item.
struct PyItems {
  std::vector<hamilton::Value> items;
};

/// A Python object as a hamilton::Value: what a Python node of a type without a C++
/// counterpart (dict, list, a class, np.ndarray, typing.Any ...) returns. Only Python nodes
/// read it; copies share the object, and dropping one takes the GIL.
struct PyObjectRef {
  Ref object;
};

namespace {

/// The sentinel passed for an optional dependency that is absent (the wrapper then leaves the
/// argument out so that the function's default applies). Leaked on purpose, as errors.cpp's
/// classes.
PyObject* missing_sentinel = nullptr;

std::vector<hamilton::Value> split_items(const hamilton::Value& v) {
  return v.get<PyItems>().items;
}

hamilton::Value gather_items(std::vector<hamilton::Value>&& values) {
  return hamilton::Value(PyItems{std::move(values)});
}

const std::vector<hamilton::Value>& items_of(const hamilton::Value& v) {
  return v.get<PyItems>().items;
}

const hamilton::TypeInfo* type_of_key(const std::string& key) {
  using hamilton::TypeInfo;
  if (key == "Series") return &TypeInfo::of<hamilton::Series>();
  if (key == "DataFrame") return &TypeInfo::of<hamilton::DataFrame>();
  if (key == "double") return &TypeInfo::of<double>();
  if (key == "int64") return &TypeInfo::of<std::int64_t>();
  if (key == "bool") return &TypeInfo::of<bool>();
  if (key == "string") return &TypeInfo::of<std::string>();
  if (key == "object") return &TypeInfo::of<PyObjectRef>();
  throw nb::value_error(("unknown type key `" + key + "`").c_str());
}

nb::object python_of(const hamilton::Value& v);

nb::object items_to_list(const PyItems& items) {
  nb::list out;
  for (const auto& x : items.items) out.append(python_of(x));
  return std::move(out);
}

/// A C++ value as the wrapper receives it (finished into pandas objects by _convert.from_cpp
/// in the wrapper).
nb::object python_of(const hamilton::Value& v) {
  if (!v.has_value()) return nb::borrow(missing_sentinel);
  if (v.is<PyObjectRef>()) return nb::borrow(v.unchecked<PyObjectRef>().object.handle());
  if (v.is<PyItems>()) return items_to_list(v.unchecked<PyItems>());
  return to_python(v);
}

/// How a result of the Python wrapper becomes the node's Value.
enum class ResultMode { value, object, items_of_values, items_of_objects };

/// The function object of a Python node's Callable.
struct PyNodeFn {
  Ref call;
  std::size_t arity = 0;
  ResultMode mode = ResultMode::value;
};

hamilton::Value value_of(nb::handle r, bool object) {
  if (object) return hamilton::Value(PyObjectRef{Ref(r)});
  return nb::cast<PyValue&>(r).value;
}

/// Thrown into the executor when the Python function (or its wrapper) raised, with the Python
/// exception's type and message: the executor wraps it in an ExecutionError naming the node.
/// The Python exception itself is kept by the wrapper (hamilton_cpp._pymodules) and chained by
/// the driver.
struct PythonError : hamilton::ForeignError {
  PythonError(const std::string& what, Ref exc) : hamilton::ForeignError(what), exception(exc) {}
  Ref exception;  ///< the Python exception (null when the wrapper failed in C++)
};

std::string describe(const nb::python_error& e) {
  std::string type = nb::cast<std::string>(nb::handle(e.type()).attr("__qualname__"));
  std::string text = nb::cast<std::string>(nb::str(e.value()));
  return text.empty() ? type : type + ": " + text;
}

hamilton::Value invoke(const void* fn, const hamilton::Value* slots, const std::uint32_t* args) {
  const auto& f = *static_cast<const PyNodeFn*>(fn);
  if (!python_alive()) throw std::runtime_error("the Python interpreter is shutting down");
  nb::gil_scoped_acquire gil;
  std::string failure;
  Ref exception;
  try {
    nb::tuple py_args = nb::steal<nb::tuple>(PyTuple_New(static_cast<Py_ssize_t>(f.arity)));
    for (std::size_t i = 0; i < f.arity; ++i)
      PyTuple_SET_ITEM(py_args.ptr(), i, python_of(slots[args[i]]).release().ptr());
    nb::object r = f.call.handle()(*py_args);
    switch (f.mode) {
      case ResultMode::value:
      case ResultMode::object:
        return value_of(r, f.mode == ResultMode::object);
      case ResultMode::items_of_values:
      case ResultMode::items_of_objects: {
        PyItems items;
        const bool objects = f.mode == ResultMode::items_of_objects;
        for (nb::handle x : r) items.items.push_back(value_of(x, objects));
        return hamilton::Value(std::move(items));
      }
    }
    return {};
  } catch (nb::python_error& e) {
    failure = describe(e);
    exception = Ref(e.value());  // e is released here, with the GIL held
  } catch (const std::exception& e) {
    failure = e.what();
  }
  throw PythonError(failure, std::move(exception));
}

std::shared_ptr<const void> make_fn(nb::handle call, std::size_t arity, ResultMode mode) {
  auto* f = new PyNodeFn{Ref(call), arity, mode};
  // Dropped by whichever thread releases the last Callable: Ref takes the GIL.
  return std::shared_ptr<const void>(f,
                                     [](const void* p) { delete static_cast<const PyNodeFn*>(p); });
}

using ParameterArg = std::tuple<std::string, std::string, bool, std::string>;

/// Adds a node computed by Python to the module. `parameters`: (name, type key, optional,
/// collect item type key or ""); a type key is "Series", "DataFrame", "double", "int64",
/// "bool", "string", "object" (PyObjectRef) or, for a parameter, "any". `call(*args)` returns
/// a _core.Value of the node's type, the object itself for "object", or a list of items when
/// `item_type` is set (a Parallelizable node).
void add_python_node(PyModule& pm, const std::string& name, const std::string& function_name,
                     const std::vector<ParameterArg>& parameters, const std::string& type,
                     const std::string& item_type, nb::handle call, const std::string& doc,
                     const std::map<std::string, std::vector<std::string>>& tags,
                     const std::string& file, int line, const std::string& version) {
  hamilton::NodeSpec spec;
  spec.version = version;
  spec.name = name;
  spec.function_name = function_name;
  for (const auto& [pname, key, optional, collect] : parameters) {
    hamilton::Parameter p;
    p.name = pname;
    p.optional = optional;
    if (!collect.empty()) {
      p.type = &hamilton::TypeInfo::of<PyItems>();
      p.collect_item = type_of_key(collect);
      p.make_collect = &gather_items;
      p.collect_items = &items_of;
    } else if (key == "any") {
      p.any = true;
    } else {
      p.type = type_of_key(key);
    }
    spec.parameters.push_back(std::move(p));
  }
  ResultMode mode = type == "object" ? ResultMode::object : ResultMode::value;
  if (!item_type.empty()) {
    spec.type = &hamilton::TypeInfo::of<PyItems>();
    spec.item_type = type_of_key(item_type);
    spec.split = &split_items;
    mode = item_type == "object" ? ResultMode::items_of_objects : ResultMode::items_of_values;
  } else {
    spec.type = type_of_key(type);
  }
  spec.callable =
      hamilton::Callable(make_fn(call, parameters.size(), mode), &invoke, parameters.size());
  spec.doc = doc;
  for (const auto& [k, v] : tags) spec.tags[k] = v;
  spec.module = pm.module.name();
  spec.location = hamilton::SourceLocation{file, line};
  pm.module.add(std::move(spec));
}

}  // namespace

nb::object python_exception(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const PythonError& e) {
    if (e.exception.handle()) return nb::borrow(e.exception.handle());
    return nb::module_::import_("builtins").attr("RuntimeError")(e.what());
  } catch (const std::exception& e) {
    // a C++ node's exception, as nanobind translates the standard ones
    const char* type = "RuntimeError";
    if (dynamic_cast<const std::invalid_argument*>(&e) ||
        dynamic_cast<const std::domain_error*>(&e))
      type = "ValueError";
    else if (dynamic_cast<const std::out_of_range*>(&e))
      type = "IndexError";
    else if (dynamic_cast<const std::bad_alloc*>(&e))
      type = "MemoryError";
    else if (dynamic_cast<const std::overflow_error*>(&e))
      type = "OverflowError";
    return nb::module_::import_("builtins").attr(type)(e.what());
  } catch (...) {
    return nb::module_::import_("builtins")
        .attr("RuntimeError")("an exception that is not a std::exception");
  }
}

hamilton::GracefulErrors graceful_errors(nb::handle catches, bool allow_injection) {
  hamilton::GracefulErrors g;
  g.allow_injection = allow_injection;
  if (catches.is_none()) return g;
  g.catches = [pred = Ref(catches)](const std::exception_ptr& error) {
    if (!python_alive()) return false;
    nb::gil_scoped_acquire gil;
    try {
      return nb::cast<bool>(pred.handle()(python_exception(error)));
    } catch (nb::python_error& e) {
      e.restore();
      PyErr_WriteUnraisable(pred.handle().ptr());  // a broken predicate catches nothing
      return false;
    }
  };
  return g;
}

namespace {

// The result cache's codec of Python objects (PyObjectRef): `pickle.dumps`/`loads` to store
// them, and hamilton_cpp._caching.fingerprint (Python Hamilton's `hash_value`) for their data
// version. Set by register_object_codec and dropped by release_object_codec (at exit, so that
// the callables do not keep hamilton_cpp's modules alive past the interpreter); without them a
// Python object has no data version and is not stored. Read and written with the GIL held.
PyObject* py_fingerprint = nullptr;
PyObject* py_dumps = nullptr;
PyObject* py_loads = nullptr;

void require_codec(PyObject* fn) {
  if (!fn)
    throw hamilton::Error("the Python object codec is released (the interpreter is exiting)");
}

std::string call_bytes(PyObject* fn, nb::handle arg, const char* what) {
  nb::object out = nb::borrow(fn)(arg);
  if (out.is_none()) throw hamilton::Error(what);
  if (nb::isinstance<nb::bytes>(out)) {
    auto b = nb::cast<nb::bytes>(out);
    return std::string(b.c_str(), b.size());
  }
  return nb::cast<std::string>(out);
}

void encode_object(const PyObjectRef& o, hamilton::caching::Sink& out) {
  if (!python_alive()) throw hamilton::Error("the Python interpreter is shutting down");
  nb::gil_scoped_acquire gil;
  require_codec(py_dumps);
  out.write_string(call_bytes(py_dumps, o.object.handle(), "pickle.dumps returned None"));
}

PyObjectRef decode_object(hamilton::caching::Source& in) {
  const std::string bytes = in.read_string();
  if (!python_alive()) throw hamilton::Error("the Python interpreter is shutting down");
  nb::gil_scoped_acquire gil;
  require_codec(py_loads);
  nb::object obj = nb::borrow(py_loads)(nb::bytes(bytes.data(), bytes.size()));
  return PyObjectRef{Ref(obj)};
}

// Throws when the object has no data version: the cache then computes the node every run.
void fingerprint_object(const PyObjectRef& o, hamilton::caching::Sink& out) {
  if (!python_alive()) throw hamilton::Error("the Python interpreter is shutting down");
  nb::gil_scoped_acquire gil;
  out.write_string(
      call_bytes(py_fingerprint, o.object.handle(), "the object has no data version (unhashable)"));
}

}  // namespace

void bind_pynodes(nb::module_& m) {
  m.def(
      "register_object_codec",
      [](nb::object fingerprint, nb::object dumps, nb::object loads) {
        Py_XDECREF(py_fingerprint);
        Py_XDECREF(py_dumps);
        Py_XDECREF(py_loads);
        py_fingerprint = fingerprint.release().ptr();
        py_dumps = dumps.release().ptr();
        py_loads = loads.release().ptr();
        hamilton::caching::register_codec<PyObjectRef>(&encode_object, &decode_object);
        hamilton::caching::register_fingerprint<PyObjectRef>(&fingerprint_object);
      },
      nb::arg("fingerprint"), nb::arg("dumps"), nb::arg("loads"),
      "Lets the result cache store Python objects (dumps/loads) and version them "
      "(fingerprint(obj) -> str, or None if it has no data version).");
  m.def(
      "release_object_codec",
      []() {
        Py_CLEAR(py_fingerprint);
        Py_CLEAR(py_dumps);
        Py_CLEAR(py_loads);
      },
      "Drops the callables register_object_codec took (registered with atexit).");
  missing_sentinel = nb::module_::import_("builtins").attr("object")().release().ptr();
  m.attr("MISSING") = nb::handle(missing_sentinel);
  m.attr("OBJECT_TYPE_NAME") = hamilton::TypeInfo::of<PyObjectRef>().name();
  m.attr("ITEMS_TYPE_NAME") = hamilton::TypeInfo::of<PyItems>().name();

  m.def("add_python_node", &add_python_node, nb::arg("module"), nb::arg("name"),
        nb::arg("function_name"), nb::arg("parameters"), nb::arg("type"), nb::arg("item_type"),
        nb::arg("call"), nb::arg("doc"), nb::arg("tags"), nb::arg("file"), nb::arg("line"),
        nb::arg("version") = "",
        "Adds a node computed by a Python callable to a PyModule (see hamilton_cpp._pymodules).");
  m.def(
      "object_value",
      [](nb::handle obj) { return PyValue{hamilton::Value(PyObjectRef{Ref(obj)})}; },
      nb::arg("obj"), "A Value (hamilton_py::PyObjectRef) holding a Python object as it is.");
  m.def(
      "object_of",
      [](nb::handle v) -> nb::object {
        PyValue* pv = nullptr;
        if (nb::try_cast<PyValue*>(v, pv) && pv && pv->value.is<PyObjectRef>())
          return nb::borrow(pv->value.unchecked<PyObjectRef>().object.handle());
        if (pv && pv->value.is<PyItems>()) return items_to_list(pv->value.unchecked<PyItems>());
        return nb::borrow(v);
      },
      nb::arg("value"),
      "The Python object a PyObjectRef Value holds (the items of a Parallelizable as a list); "
      "any other object as it is.");
  m.def("type_names", []() {
    std::map<std::string, std::string> out;
    for (const char* k : {"Series", "DataFrame", "double", "int64", "bool", "string", "object"})
      out[k] = type_of_key(k)->name();
    return out;
  });
}

}  // namespace hamilton_py

// The Arrow PyCapsule interface (docs/python.md, "Arrow, polars, DuckDB"): `_core.Value`s
// holding a hamilton::Series or hamilton::DataFrame export themselves through
// `__arrow_c_schema__`, `__arrow_c_array__` and `__arrow_c_stream__` (so pyarrow, polars and
// DuckDB read them), and `arrow_import` reads any object that has those methods. float64,
// int64 and datetime buffers are shared both ways, not copied (hamilton/frame/arrow.hpp).

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <cstdint>
#include <hamilton/frame.hpp>
#include <hamilton/frame/arrow.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

using hamilton::DataFrame;
using hamilton::Series;
using hamilton::Value;

constexpr const char* kSchemaName = "arrow_schema";
constexpr const char* kArrayName = "arrow_array";
constexpr const char* kStreamName = "arrow_array_stream";

// Capsule destructors: release the struct if nobody consumed (moved) it, then free it.
void delete_schema(PyObject* capsule) {
  auto* s = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, kSchemaName));
  if (s == nullptr) {
    PyErr_Clear();
    return;
  }
  if (s->release != nullptr) s->release(s);
  delete s;
}
void delete_array(PyObject* capsule) {
  auto* a = static_cast<ArrowArray*>(PyCapsule_GetPointer(capsule, kArrayName));
  if (a == nullptr) {
    PyErr_Clear();
    return;
  }
  if (a->release != nullptr) a->release(a);
  delete a;
}
void delete_stream(PyObject* capsule) {
  auto* s = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, kStreamName));
  if (s == nullptr) {
    PyErr_Clear();
    return;
  }
  if (s->release != nullptr) s->release(s);
  delete s;
}

template <class T>
nb::object capsule(std::unique_ptr<T> p, const char* name, PyCapsule_Destructor destructor) {
  PyObject* c = PyCapsule_New(p.get(), name, destructor);
  if (c == nullptr) throw nb::python_error();
  p.release();
  return nb::steal(c);
}

/// The Series or DataFrame a Value holds, or a TypeError.
const Value& arrow_value(const PyValue& v) {
  if (v.value.is<Series>() || v.value.is<DataFrame>()) return v.value;
  throw nb::type_error(("a hamilton_cpp.Value of C++ type " + v.value.type().name() +
                        " has no Arrow form; only hamilton::Series and hamilton::DataFrame "
                        "values export to Arrow")
                           .c_str());
}

nb::object schema_capsule(const PyValue& v) {
  const Value& value = arrow_value(v);
  auto schema = std::make_unique<ArrowSchema>();
  if (value.is<Series>())
    hamilton::export_series_schema(value.get<Series>(), schema.get());
  else
    hamilton::export_frame_schema(value.get<DataFrame>(), schema.get());
  return capsule(std::move(schema), kSchemaName, &delete_schema);
}

// requested_schema is accepted and not applied: the PyCapsule interface lets a producer that
// cannot cast return its own schema, which the consumer then casts if it wants to.
nb::tuple array_capsules(const PyValue& v, nb::handle /*requested_schema*/) {
  const Value& value = arrow_value(v);
  auto schema = std::make_unique<ArrowSchema>();
  auto array = std::make_unique<ArrowArray>();
  if (value.is<Series>())
    hamilton::export_series(value.get<Series>(), array.get(), schema.get());
  else
    hamilton::export_frame(value.get<DataFrame>(), array.get(), schema.get());
  nb::object s = capsule(std::move(schema), kSchemaName, &delete_schema);
  nb::object a = capsule(std::move(array), kArrayName, &delete_array);
  return nb::make_tuple(s, a);
}

nb::object stream_capsule(const PyValue& v, nb::handle /*requested_schema*/) {
  const Value& value = arrow_value(v);
  auto stream = std::make_unique<ArrowArrayStream>();
  if (value.is<Series>())
    hamilton::export_series_stream(value.get<Series>(), stream.get());
  else
    hamilton::export_frame_stream(value.get<DataFrame>(), stream.get());
  return capsule(std::move(stream), kStreamName, &delete_stream);
}

template <class T>
T* capsule_pointer(nb::handle cap, const char* name, const char* method) {
  if (!PyCapsule_IsValid(cap.ptr(), name))
    throw nb::type_error((std::string(method) + " did not return a PyCapsule named '" + name +
                          "' (the Arrow PyCapsule interface)")
                             .c_str());
  return static_cast<T*>(PyCapsule_GetPointer(cap.ptr(), name));
}

bool is_struct(const ArrowSchema& schema) {
  return schema.format != nullptr && std::string_view(schema.format) == "+s";
}

std::string py_type_name(nb::handle obj) { return Py_TYPE(obj.ptr())->tp_name; }

/// A Series or DataFrame value from an object of the Arrow PyCapsule interface.
PyValue arrow_import(nb::handle obj) {
  if (nb::hasattr(obj, "__arrow_c_stream__")) {
    nb::object cap = obj.attr("__arrow_c_stream__")();
    auto* stream = capsule_pointer<ArrowArrayStream>(cap, kStreamName, "__arrow_c_stream__()");
    if (stream == nullptr || stream->release == nullptr)
      throw nb::value_error("__arrow_c_stream__() returned a released stream");
    ArrowSchema schema{};
    if (int rc = stream->get_schema(stream, &schema); rc != 0) {
      const char* msg = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
      throw nb::value_error(("reading the Arrow stream of a " + py_type_name(obj) +
                             ": get_schema failed (error " + std::to_string(rc) +
                             (msg ? std::string(": ") + msg : std::string()) + ")")
                                .c_str());
    }
    const bool frame = is_struct(schema);
    schema.release(&schema);
    if (frame) return {Value(hamilton::import_frame(stream))};
    return {Value(hamilton::import_series(stream))};
  }
  if (nb::hasattr(obj, "__arrow_c_array__")) {
    nb::object caps = obj.attr("__arrow_c_array__")();
    if (!nb::isinstance<nb::tuple>(caps) || nb::len(caps) != 2)
      throw nb::type_error("__arrow_c_array__() did not return a (schema, array) pair of capsules");
    auto* schema = capsule_pointer<ArrowSchema>(caps[0], kSchemaName, "__arrow_c_array__()");
    auto* array = capsule_pointer<ArrowArray>(caps[1], kArrayName, "__arrow_c_array__()");
    if (is_struct(*schema)) return {Value(hamilton::import_frame(array, schema))};
    return {Value(hamilton::import_series(array, schema))};
  }
  throw nb::type_error(("a " + py_type_name(obj) +
                        " is not Arrow data: it has neither __arrow_c_stream__ nor "
                        "__arrow_c_array__ (pyarrow, polars and DuckDB objects have them)")
                           .c_str());
}

/// The address of a Series' (or a frame column's) values, for tests of zero-copy.
std::uintptr_t data_address(const PyValue& v, std::optional<std::string> column) {
  const Value& value = arrow_value(v);
  if (value.is<Series>()) return reinterpret_cast<std::uintptr_t>(value.get<Series>().data());
  const DataFrame& df = value.get<DataFrame>();
  if (!column) throw nb::value_error("a DataFrame value: name the column");
  return reinterpret_cast<std::uintptr_t>(df[*column].data());
}

}  // namespace

void bind_arrow(nb::module_& m) {
  nb::handle value_type = nb::type<PyValue>();
  nb::setattr(value_type, "__arrow_c_schema__",
              nb::cpp_function(&schema_capsule, nb::is_method(),
                               nb::name("__arrow_c_schema__"), nb::scope(value_type),
                               "The Arrow schema of a Series or DataFrame value (a PyCapsule)."));
  nb::setattr(value_type, "__arrow_c_array__",
              nb::cpp_function(&array_capsules, nb::is_method(), nb::name("__arrow_c_array__"),
                               nb::scope(value_type), nb::arg("requested_schema") = nb::none(),
                               "(schema, array) PyCapsules: a Series as an array, a DataFrame as "
                               "a struct array. Numeric buffers are shared, not copied."));
  nb::setattr(value_type, "__arrow_c_stream__",
              nb::cpp_function(&stream_capsule, nb::is_method(), nb::name("__arrow_c_stream__"),
                               nb::scope(value_type), nb::arg("requested_schema") = nb::none(),
                               "An ArrowArrayStream PyCapsule: a DataFrame as one record batch, "
                               "a Series as one array."));
  m.def("arrow_import", &arrow_import, nb::arg("obj"),
        "A Series or DataFrame Value from an object with __arrow_c_stream__ or "
        "__arrow_c_array__ (pyarrow, polars, DuckDB ...).");
  m.def("_arrow_data_address", &data_address, nb::arg("value"), nb::arg("column") = nb::none(),
        "The address of the values of a Series value (or of a DataFrame value's column).");
}

}  // namespace hamilton_py

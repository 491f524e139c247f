// Values between Python and C++: the makers hamilton_cpp._convert calls to build hamilton::Values
// of the exact C++ type a node declares, and to_python for what nodes return.
//
// Numeric Series cross without a copy (docs/python.md, "Data in and out"): a C-contiguous,
// aligned, native float64 / int64 / bool / datetime64[ns] numpy buffer becomes a
// hamilton::Series that wraps it (PyBuffer below keeps the array alive and releases it with the
// GIL from whichever thread drops the last reference), and a result Series becomes a read-only
// numpy array viewing the C++ buffer (a capsule keeps the buffer alive). A Series that comes
// back unchanged is returned as the Python object it was made from. Strings, index labels and
// std::vectors are copied.

#include <nanobind/ndarray.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstdint>
#include <cstring>
#include <hamilton/frame.hpp>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

using hamilton::DataFrame;
using hamilton::Index;
using hamilton::Series;
using hamilton::TypeInfo;
using hamilton::Value;

namespace {

// ---- from Python -------------------------------------------------------------------------

template <class T>
using Array1 = nb::ndarray<const T, nb::ndim<1>, nb::device::cpu>;

template <class T, class A>
std::vector<T> to_vector(const A& a) {
  std::vector<T> out(a.shape(0));
  auto view = a.view();
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<T>(view(i));
  return out;
}

bool is_int(nb::handle h) { return PyLong_Check(h.ptr()) && !PyBool_Check(h.ptr()); }

std::string py_repr(nb::handle h) { return nb::cast<std::string>(nb::repr(h)); }

// A Python int as T, or a ValueError saying why it does not fit.
template <class T>
T int_as(nb::handle h) {
  if (!is_int(h)) throw nb::type_error(("expected an int, got " + py_repr(h)).c_str());
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(h.ptr(), &overflow);
  if (v == -1 && PyErr_Occurred()) throw nb::python_error();
  auto out_of_range = [&]() {
    return nb::value_error((py_repr(h) + " does not fit in " + TypeInfo::of<T>().name() + " (" +
                            std::to_string(std::numeric_limits<T>::min()) + " .. " +
                            std::to_string(std::numeric_limits<T>::max()) + ")")
                               .c_str());
  };
  if constexpr (std::is_signed_v<T>) {
    if (overflow || v < static_cast<long long>(std::numeric_limits<T>::min()) ||
        v > static_cast<long long>(std::numeric_limits<T>::max()))
      throw out_of_range();
    return static_cast<T>(v);
  } else {
    if (overflow < 0 || (overflow == 0 && v < 0)) throw out_of_range();
    unsigned long long u = static_cast<unsigned long long>(v);
    if (overflow > 0) {
      u = PyLong_AsUnsignedLongLong(h.ptr());
      if (PyErr_Occurred()) {
        PyErr_Clear();
        throw out_of_range();
      }
    }
    if (u > static_cast<unsigned long long>(std::numeric_limits<T>::max())) throw out_of_range();
    return static_cast<T>(u);
  }
}

template <class T>
Value make_float(nb::handle h) {
  if (!(PyFloat_Check(h.ptr()) || is_int(h)))
    throw nb::type_error(("expected a float, got " + py_repr(h)).c_str());
  return Value(static_cast<T>(nb::cast<double>(h)));
}
template <class T>
Value make_int(nb::handle h) {
  return Value(int_as<T>(h));
}
Value make_bool(nb::handle h) {
  if (!PyBool_Check(h.ptr())) throw nb::type_error(("expected a bool, got " + py_repr(h)).c_str());
  return Value(h.ptr() == Py_True);
}
Value make_string(nb::handle h) {
  if (!PyUnicode_Check(h.ptr()))
    throw nb::type_error(("expected a str, got " + py_repr(h)).c_str());
  return Value(nb::cast<std::string>(h));
}
template <class T>
Value make_float_vector(nb::handle h) {
  return Value(to_vector<T>(nb::cast<Array1<double>>(h)));
}
template <class T>
Value make_int_vector(nb::handle h) {
  auto a = nb::cast<Array1<std::int64_t>>(h);
  std::vector<T> out(a.shape(0));
  auto view = a.view();
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::int64_t v = view(i);
    if constexpr (std::is_signed_v<T>) {
      if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
        throw nb::value_error(("element " + std::to_string(i) + " (" + std::to_string(v) +
                               ") does not fit in " + TypeInfo::of<T>().name())
                                  .c_str());
    } else {
      if (v < 0 || static_cast<std::uint64_t>(v) > std::numeric_limits<T>::max())
        throw nb::value_error(("element " + std::to_string(i) + " (" + std::to_string(v) +
                               ") does not fit in " + TypeInfo::of<T>().name())
                                  .c_str());
    }
    out[i] = static_cast<T>(v);
  }
  return Value(std::move(out));
}
Value make_bool_vector(nb::handle h) {
  auto a = nb::cast<Array1<bool>>(h);
  std::vector<bool> out(a.shape(0));
  auto view = a.view();
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = view(i);
  return Value(std::move(out));
}
Value make_string_vector(nb::handle h) {
  std::vector<std::string> out;
  for (nb::handle item : nb::iter(h)) {
    if (!PyUnicode_Check(item.ptr()))
      throw nb::type_error(("expected only str elements, got " + py_repr(item)).c_str());
    out.push_back(nb::cast<std::string>(item));
  }
  return Value(std::move(out));
}

// The C++ types Python data converts to, with their kind (see kind_of).
struct TypeEntry {
  const TypeInfo* type;
  const char* kind;
  Value (*make)(nb::handle);
};

const std::vector<TypeEntry>& type_table() {
  static const std::vector<TypeEntry> table = {
      {&TypeInfo::of<double>(), "float", &make_float<double>},
      {&TypeInfo::of<float>(), "float", &make_float<float>},
      {&TypeInfo::of<long>(), "int", &make_int<long>},
      {&TypeInfo::of<long long>(), "int", &make_int<long long>},
      {&TypeInfo::of<int>(), "int", &make_int<int>},
      {&TypeInfo::of<short>(), "int", &make_int<short>},
      {&TypeInfo::of<unsigned long>(), "int", &make_int<unsigned long>},
      {&TypeInfo::of<unsigned long long>(), "int", &make_int<unsigned long long>},
      {&TypeInfo::of<unsigned int>(), "int", &make_int<unsigned int>},
      {&TypeInfo::of<unsigned short>(), "int", &make_int<unsigned short>},
      {&TypeInfo::of<bool>(), "bool", &make_bool},
      {&TypeInfo::of<std::string>(), "string", &make_string},
      {&TypeInfo::of<std::vector<double>>(), "vector<float>", &make_float_vector<double>},
      {&TypeInfo::of<std::vector<float>>(), "vector<float>", &make_float_vector<float>},
      {&TypeInfo::of<std::vector<long>>(), "vector<int>", &make_int_vector<long>},
      {&TypeInfo::of<std::vector<long long>>(), "vector<int>", &make_int_vector<long long>},
      {&TypeInfo::of<std::vector<int>>(), "vector<int>", &make_int_vector<int>},
      {&TypeInfo::of<std::vector<unsigned long>>(), "vector<int>", &make_int_vector<unsigned long>},
      {&TypeInfo::of<std::vector<unsigned int>>(), "vector<int>", &make_int_vector<unsigned int>},
      {&TypeInfo::of<std::vector<bool>>(), "vector<bool>", &make_bool_vector},
      {&TypeInfo::of<std::vector<std::string>>(), "vector<string>", &make_string_vector},
  };
  return table;
}

const TypeEntry* find_entry(const TypeInfo& t) {
  for (const auto& e : type_table())
    if (*e.type == t) return &e;
  return nullptr;
}

Index make_index(const nb::tuple& spec) {
  if (spec.size() < 2) throw nb::value_error("an index spec is (kind, ...)");
  auto kind = nb::cast<std::string>(spec[0]);
  if (kind == "range") {
    return Index::range(nb::cast<std::int64_t>(spec[1]), nb::cast<std::int64_t>(spec[2]));
  }
  if (kind == "int64")
    return Index::from_int64(to_vector<std::int64_t>(nb::cast<Array1<std::int64_t>>(spec[1])));
  if (kind == "datetime")
    return Index::from_datetime(to_vector<std::int64_t>(nb::cast<Array1<std::int64_t>>(spec[1])));
  if (kind == "string") return Index::from_strings(nb::cast<std::vector<std::string>>(spec[1]));
  if (kind == "like") {  // the index of another Series value (columns of one frame share it)
    const auto& other = nb::cast<const PyValue&>(spec[1]).value;
    if (!other.is<Series>()) throw nb::type_error("('like', value): value must hold a Series");
    return other.get<Series>().index();
  }
  throw nb::value_error(("unknown index kind " + kind).c_str());
}

// ---- numpy buffers lent to C++ ------------------------------------------------------------

// True while Python can run code: a buffer dropped after (or during) interpreter shutdown, say
// by a static C++ object, leaks its reference rather than touching a dead interpreter.
bool python_alive() noexcept {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsInitialized() && !Py_IsFinalizing();
#else
  return Py_IsInitialized() && !_Py_IsFinalizing();
#endif
}

// What a Series wrapping a numpy buffer holds: a reference to the array (so the buffer lives),
// and what the Series looked like when it was made, to recognise it unchanged on the way out.
struct PyBuffer {
  PyObject* array = nullptr;   // strong reference: the 1-D numpy array whose buffer is wrapped
  PyObject* origin = nullptr;  // strong reference or null: the pandas Series / DataFrame
  std::int64_t column = -1;    // origin is a DataFrame: this column's position, else -1
  std::int64_t columns = 0;    // origin is a DataFrame: its number of columns
  const void* data = nullptr;
  std::size_t size = 0;
  hamilton::DType dtype = hamilton::DType::float64;
  std::string name;
  Index index;
};

// The shared_ptr deleter of a PyBuffer. Values are dropped on C++ threads with the GIL
// released (the driver's execute), so it takes the GIL to release the Python references.
struct ReleasePyBuffer {
  PyBuffer* buffer;
  void operator()(const void*) const noexcept {
    if (python_alive()) {
      nb::gil_scoped_acquire gil;
      Py_XDECREF(buffer->array);
      Py_XDECREF(buffer->origin);
    }
    delete buffer;
  }
};

// The PyBuffer of a Series that wraps a numpy buffer, else null.
const PyBuffer* lent_buffer(const Series& s) noexcept {
  const auto* d = std::get_deleter<ReleasePyBuffer>(s.buffer_owner());
  return d ? d->buffer : nullptr;
}

// The Series is exactly what was made from its PyBuffer's Python object (same buffer, length,
// dtype, name and index): nothing a node did changed it.
bool unchanged(const Series& s, const PyBuffer& b) noexcept {
  return s.data() == b.data && s.size() == b.size && s.dtype() == b.dtype && s.name() == b.name &&
         s.index().same(b.index);
}

// The buffer of a 1-D C-contiguous, aligned, native-order numpy array of items `format`
// (struct-module codes) and size `itemsize`; throws ValueError otherwise (hamilton_cpp._convert
// makes such an array, with a copy, before calling).
const void* array_buffer(nb::handle array, const char* formats, std::size_t itemsize,
                         std::size_t& size) {
  Py_buffer view;
  if (PyObject_GetBuffer(array.ptr(), &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) != 0) {
    PyErr_Clear();
    throw nb::value_error("series_from_array: values must be a C-contiguous numpy array");
  }
  const char* format = view.format ? view.format : "B";
  bool ok = view.ndim == 1 && static_cast<std::size_t>(view.itemsize) == itemsize &&
            format[0] != '\0' && format[1] == '\0' && std::strchr(formats, format[0]) != nullptr &&
            reinterpret_cast<std::uintptr_t>(view.buf) % itemsize == 0;
  const void* data = view.buf;
  size = view.ndim == 1 ? static_cast<std::size_t>(view.shape[0]) : 0;
  PyBuffer_Release(&view);  // the array stays alive (and unresizable) through our reference
  if (!ok)
    throw nb::value_error(("series_from_array: values must be a 1-D aligned native array of '" +
                           std::string(formats) + "' items of " + std::to_string(itemsize) +
                           " bytes, got '" + format + "'")
                              .c_str());
  return data;
}

PyValue series_from_array(nb::handle values, const std::string& dtype, std::string name,
                          const nb::tuple& index_spec, nb::handle origin, std::int64_t column,
                          std::int64_t columns) {
  hamilton::DType dt;
  const void* data;
  std::size_t size = 0;
  if (dtype == "float64") {
    dt = hamilton::DType::float64;
    data = array_buffer(values, "d", sizeof(double), size);
  } else if (dtype == "int64" || dtype == "datetime" || dtype == "timedelta") {
    dt = dtype == "int64"      ? hamilton::DType::int64
         : dtype == "datetime" ? hamilton::DType::datetime
                               : hamilton::DType::timedelta;
    data = array_buffer(values, "lq", sizeof(std::int64_t), size);
  } else if (dtype == "bool") {
    static_assert(sizeof(bool) == 1, "numpy's bool is one byte");
    dt = hamilton::DType::boolean;
    data = array_buffer(values, "?", sizeof(bool), size);
  } else {
    throw nb::value_error(("unknown Series dtype " + dtype).c_str());
  }
  Index index = make_index(index_spec);
  if (index.size() != size)
    throw nb::value_error(("series_from_array: an index of " + std::to_string(index.size()) +
                           " labels for " + std::to_string(size) + " values")
                              .c_str());
  auto* b = new PyBuffer;
  std::shared_ptr<const void> owner(b, ReleasePyBuffer{b});  // owns b from here on
  b->column = column;
  b->columns = columns;
  b->data = data;
  b->size = size;
  b->dtype = dt;
  b->name = name;
  b->index = index;
  b->array = values.inc_ref().ptr();
  b->origin = origin.is_none() ? nullptr : origin.inc_ref().ptr();
  return {Value(Series(dt, size, std::move(owner), data, nullptr, std::move(name), index))};
}

PyValue series_from_strings(std::vector<std::optional<std::string>> values, std::string name,
                            const nb::tuple& index_spec) {
  std::vector<std::string> strings(values.size());
  std::vector<bool> missing(values.size(), false);
  bool any_missing = false;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i])
      strings[i] = std::move(*values[i]);
    else
      missing[i] = any_missing = true;
  }
  Index index = make_index(index_spec);
  if (!any_missing) return {Value(Series(std::move(strings), std::move(name), index))};
  return {Value(Series::strings(std::move(strings), std::move(missing), std::move(name), index))};
}

PyValue frame_from_columns(const std::vector<std::string>& names,
                           const std::vector<PyValue*>& columns) {
  if (names.size() != columns.size()) throw nb::value_error("one name per column");
  std::vector<std::pair<std::string, Series>> cols;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!columns[i] || !columns[i]->value.is<Series>())
      throw nb::type_error("frame_from_columns: every column must be a Series value");
    cols.emplace_back(names[i], columns[i]->value.get<Series>());
  }
  return {Value(DataFrame(std::move(cols)))};
}

// ---- to Python ---------------------------------------------------------------------------

/// A copy of `values` in a new numpy array that owns its buffer.
template <class T>
nb::object numpy_copy(std::span<const T> values) {
  std::size_t n = values.size();
  T* buf = new T[n > 0 ? n : 1];
  if (n > 0) std::memcpy(buf, values.data(), n * sizeof(T));
  nb::capsule owner(buf, [](void* p) noexcept { delete[] static_cast<T*>(p); });
  return nb::cast(nb::ndarray<nb::numpy, T, nb::ndim<1>>(buf, {n}, owner));
}

template <class T, class V>
nb::object numpy_copy_vector(const V& v) {
  std::vector<T> tmp(v.begin(), v.end());
  return numpy_copy<T>(std::span<const T>(tmp.data(), tmp.size()));
}

/// A read-only numpy array viewing a Series' buffer; it keeps the buffer alive.
template <class T>
nb::object numpy_view(const Series& s) {
  auto values = s.values<T>();
  auto* keep = new std::shared_ptr<const void>(s.buffer_owner());
  nb::capsule owner(keep,
                    [](void* p) noexcept { delete static_cast<std::shared_ptr<const void>*>(p); });
  return nb::cast(
      nb::ndarray<nb::numpy, const T, nb::ndim<1>>(values.data(), {values.size()}, owner));
}

nb::object bool_array(const std::vector<bool>& v) {
  std::size_t n = v.size();
  bool* buf = new bool[n > 0 ? n : 1];
  for (std::size_t i = 0; i < n; ++i) buf[i] = v[i];
  nb::capsule owner(buf, [](void* p) noexcept { delete[] static_cast<bool*>(p); });
  return nb::cast(nb::ndarray<nb::numpy, bool, nb::ndim<1>>(buf, {n}, owner));
}

}  // namespace

/// A Series on its way to pandas: hamilton_cpp._convert makes the pandas.Series.
struct SeriesData {
  std::string name;
  std::string dtype;       // float64, int64, bool, datetime, timedelta, string
  nb::object values;       // numpy array, or a list of str for strings
  nb::object missing;      // strings only: numpy bool array (True = missing), else None
  std::string index_kind;  // range, int64, string, datetime
  std::int64_t index_start = 0;
  std::int64_t index_stop = 0;
  nb::object index_values;  // int64 / datetime: numpy int64 array; string: list of str
};

/// A DataFrame on its way to pandas.
struct FrameData {
  std::vector<std::string> names;
  std::vector<SeriesData> columns;
  std::string index_kind;
  std::int64_t index_start = 0;
  std::int64_t index_stop = 0;
  nb::object index_values;
};

namespace {

template <class D>
void fill_index(D& d, const Index& index) {
  switch (index.kind()) {
    case Index::Kind::range:
      d.index_kind = "range";
      d.index_start = index.range_start();
      d.index_stop = index.range_start() + static_cast<std::int64_t>(index.size());
      d.index_values = nb::none();
      break;
    case Index::Kind::int64:
    case Index::Kind::datetime: {
      d.index_kind = index.kind() == Index::Kind::int64 ? "int64" : "datetime";
      std::vector<std::int64_t> labels(index.size());
      for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = index.int_at(i);
      d.index_values = numpy_copy<std::int64_t>(labels);
      break;
    }
    case Index::Kind::string: {
      d.index_kind = "string";
      nb::list labels;
      for (std::size_t i = 0; i < index.size(); ++i)
        labels.append(nb::str(index.str_at(i).c_str(), index.str_at(i).size()));
      d.index_values = labels;
      break;
    }
  }
}

SeriesData series_data(const Series& s) {
  SeriesData d;
  d.name = s.name();
  d.missing = nb::none();
  switch (s.dtype()) {
    case hamilton::DType::float64:
      d.dtype = "float64";
      d.values = numpy_view<double>(s);
      break;
    case hamilton::DType::int64:
      d.dtype = "int64";
      d.values = numpy_view<std::int64_t>(s);
      break;
    case hamilton::DType::datetime:
      d.dtype = "datetime";
      d.values = numpy_view<std::int64_t>(s);
      break;
    case hamilton::DType::timedelta:
      d.dtype = "timedelta";
      d.values = numpy_view<std::int64_t>(s);
      break;
    case hamilton::DType::boolean:
      d.dtype = "bool";
      d.values = numpy_view<bool>(s);
      break;
    case hamilton::DType::string: {
      d.dtype = "string";
      nb::list values;
      for (const auto& v : s.values<std::string>()) values.append(nb::str(v.c_str(), v.size()));
      d.values = values;
      if (const auto* na = s.string_missing()) d.missing = bool_array(*na);
      break;
    }
  }
  fill_index(d, s.index());
  return d;
}

// The pandas DataFrame `df` was made from, if it is unchanged: every column wraps the buffer of
// the same frame's column at its position, unchanged, all of them, with the frame's index.
nb::object same_frame(const DataFrame& df) {
  const auto& columns = df.columns();
  if (columns.empty()) return nb::object();
  const PyBuffer* first = lent_buffer(columns[0]);
  if (!first || !first->origin || first->column < 0 ||
      first->columns != static_cast<std::int64_t>(columns.size()) || !df.index().same(first->index))
    return nb::object();
  auto names = df.column_names();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const PyBuffer* b = lent_buffer(columns[i]);
    if (!b || b->origin != first->origin || b->column != static_cast<std::int64_t>(i) ||
        !unchanged(columns[i], *b) || names[i] != b->name)
      return nb::object();
  }
  return nb::borrow(first->origin);
}

}  // namespace

std::string kind_of(const TypeInfo& type, bool any) {
  if (any || type == TypeInfo::of<Value>() || type == TypeInfo::of<void>()) return "any";
  if (type == TypeInfo::of<Series>()) return "Series";
  if (type == TypeInfo::of<DataFrame>()) return "DataFrame";
  if (const auto* e = find_entry(type)) return e->kind;
  return "opaque";
}

nb::object to_python(const Value& v) {
  if (!v.has_value()) return nb::none();
  const TypeInfo& t = v.type();
  if (t == TypeInfo::of<Series>()) {
    const auto& s = v.unchecked<Series>();
    if (const PyBuffer* b = lent_buffer(s); b && b->origin && b->column < 0 && unchanged(s, *b))
      return nb::borrow(b->origin);  // the pandas Series it was made from
    return nb::cast(series_data(s));
  }
  if (t == TypeInfo::of<DataFrame>()) {
    const auto& df = v.unchecked<DataFrame>();
    if (nb::object same = same_frame(df); same.is_valid()) return same;
    FrameData f;
    f.names = df.column_names();
    for (const auto& c : df.columns()) f.columns.push_back(series_data(c));
    fill_index(f, df.index());
    return nb::cast(std::move(f));
  }
  if (t == TypeInfo::of<double>()) return nb::float_(v.unchecked<double>());
  if (t == TypeInfo::of<float>()) return nb::float_(static_cast<double>(v.unchecked<float>()));
  if (t == TypeInfo::of<bool>()) return nb::bool_(v.unchecked<bool>());
  if (t == TypeInfo::of<long>()) return nb::int_(v.unchecked<long>());
  if (t == TypeInfo::of<long long>()) return nb::int_(v.unchecked<long long>());
  if (t == TypeInfo::of<int>()) return nb::int_(v.unchecked<int>());
  if (t == TypeInfo::of<short>()) return nb::int_(v.unchecked<short>());
  if (t == TypeInfo::of<unsigned long>()) return nb::int_(v.unchecked<unsigned long>());
  if (t == TypeInfo::of<unsigned long long>()) return nb::int_(v.unchecked<unsigned long long>());
  if (t == TypeInfo::of<unsigned int>()) return nb::int_(v.unchecked<unsigned int>());
  if (t == TypeInfo::of<unsigned short>()) return nb::int_(v.unchecked<unsigned short>());
  if (t == TypeInfo::of<std::string>()) {
    const auto& s = v.unchecked<std::string>();
    return nb::str(s.c_str(), s.size());
  }
  if (t == TypeInfo::of<std::vector<double>>()) {
    const auto& x = v.unchecked<std::vector<double>>();
    return numpy_copy<double>(x);
  }
  if (t == TypeInfo::of<std::vector<float>>())
    return numpy_copy_vector<double>(v.unchecked<std::vector<float>>());
  if (t == TypeInfo::of<std::vector<long>>()) {
    const auto& x = v.unchecked<std::vector<long>>();
    return numpy_copy<long>(x);
  }
  if (t == TypeInfo::of<std::vector<long long>>())
    return numpy_copy_vector<std::int64_t>(v.unchecked<std::vector<long long>>());
  if (t == TypeInfo::of<std::vector<int>>())
    return numpy_copy_vector<std::int64_t>(v.unchecked<std::vector<int>>());
  if (t == TypeInfo::of<std::vector<unsigned int>>())
    return numpy_copy_vector<std::int64_t>(v.unchecked<std::vector<unsigned int>>());
  if (t == TypeInfo::of<std::vector<unsigned long>>())
    return numpy_copy_vector<std::uint64_t>(v.unchecked<std::vector<unsigned long>>());
  if (t == TypeInfo::of<std::vector<bool>>()) return bool_array(v.unchecked<std::vector<bool>>());
  if (t == TypeInfo::of<std::vector<std::string>>()) {
    nb::list out;
    for (const auto& s : v.unchecked<std::vector<std::string>>())
      out.append(nb::str(s.c_str(), s.size()));
    return out;
  }
  return nb::cast(PyValue{v});
}

void bind_values(nb::module_& m) {
  nb::class_<PyValue>(m, "Value",
                      "A C++ value held by Python (hamilton::Value). Nodes whose C++ type has no "
                      "Python counterpart return one; pass it back as an input or override.")
      .def_prop_ro(
          "type_name", [](const PyValue& v) { return v.value.type().name(); },
          "The C++ type of the value, e.g. `Point`.")
      .def("__repr__", [](const PyValue& v) {
        return "<hamilton_cpp.Value of C++ type " + v.value.type().name() + ">";
      });

  nb::class_<SeriesData>(m, "SeriesData")
      .def_ro("name", &SeriesData::name)
      .def_ro("dtype", &SeriesData::dtype)
      .def_ro("values", &SeriesData::values)
      .def_ro("missing", &SeriesData::missing)
      .def_ro("index_kind", &SeriesData::index_kind)
      .def_ro("index_start", &SeriesData::index_start)
      .def_ro("index_stop", &SeriesData::index_stop)
      .def_ro("index_values", &SeriesData::index_values);
  nb::class_<FrameData>(m, "FrameData")
      .def_ro("names", &FrameData::names)
      .def_ro("columns", &FrameData::columns)
      .def_ro("index_kind", &FrameData::index_kind)
      .def_ro("index_start", &FrameData::index_start)
      .def_ro("index_stop", &FrameData::index_stop)
      .def_ro("index_values", &FrameData::index_values);

  m.def("series_from_array", &series_from_array, nb::arg("values"), nb::arg("dtype"),
        nb::arg("name"), nb::arg("index"), nb::arg("origin") = nb::none(), nb::arg("column") = -1,
        nb::arg("columns") = 0,
        "A hamilton::Series wrapping (not copying) the buffer of a 1-D C-contiguous, aligned, "
        "native numpy array of dtype float64, int64, bool, or int64 nanoseconds for dtypes "
        "'datetime' and 'timedelta'; the Series keeps the array alive. `index` is ('range', start, "
        "stop), "
        "('int64', array), ('datetime', array of ns) or ('string', list of str). `origin` is "
        "the pandas object the values are (column `column` of `columns`, for a DataFrame): "
        "to_python gives it back while the Series is unchanged.");
  m.def(
      "to_python", [](const PyValue& v) { return to_python(v.value); }, nb::arg("value"),
      "What a node returning this Value gives Python before hamilton_cpp._convert.from_cpp: a "
      "SeriesData / FrameData, the pandas object a Series / DataFrame was made from, a Python "
      "scalar, a numpy array, a list of str or the Value.");
  m.def("series_from_strings", &series_from_strings, nb::arg("values"), nb::arg("name"),
        nb::arg("index"), "A string hamilton::Series; None elements are missing.");
  m.def("frame_from_columns", &frame_from_columns, nb::arg("names"), nb::arg("columns"),
        "A hamilton::DataFrame from named Series values.");
  m.def(
      "make_value",
      [](const std::string& cpp_type, nb::handle obj) -> PyValue {
        for (const auto& e : type_table())
          if (e.type->name() == cpp_type) return {e.make(obj)};
        throw nb::type_error(("no conversion from Python to C++ type " + cpp_type).c_str());
      },
      nb::arg("cpp_type"), nb::arg("value"),
      "A Value of the named C++ type (`double`, `long`, `std::string`, `std::vector<double>` "
      "...) from a Python int/float/bool/str, a 1-D numpy array (numeric vectors, already of "
      "dtype float64/int64/bool) or a list of str.");
  m.def("convertible_types", []() {
    nb::dict out;
    for (const auto& e : type_table()) out[nb::str(e.type->name().c_str())] = nb::str(e.kind);
    return out;
  });
}

}  // namespace hamilton_py

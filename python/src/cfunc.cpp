// Numba cfuncs as nodes of a _core.PyModule (hamilton_cpp._numba makes the calls here). The
// node's Callable calls machine code that Numba compiled: no Python, no GIL, while the plan runs.
//
// Scalar nodes: the function Numba compiled for the user's cfunc is called through a trampoline
// (also a cfunc, one per signature, made by hamilton_cpp._numba) of one fixed C type, so any mix
// of argument types needs no C++ per signature:
//   int64 trampoline(int64 address, const double* reals, const int64* integers,
//                    double* real_out, int64* integer_out)
// float64 and float32 arguments travel in `reals`, int64, int32 and bool ones in `integers`, in
// parameter order within each array. It returns 0, or 1 when the function raised.
//
// Column nodes: a kernel (a cfunc made by hamilton_cpp.numba_column) of the C type
//   int64 kernel(int64 n, const int64* input_addresses, int64 output_address)
// applies the element-wise function to n rows and returns 0, or 1 + the row where the function
// raised. An input address is a column's buffer, or for a scalar parameter an 8-byte slot (a
// double or an int64); the C++ side checks the columns, allocates the output Series's buffer and
// calls the kernel.

#include <Python.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <hamilton/frame/series.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

using Trampoline = std::int64_t (*)(std::int64_t, const double*, const std::int64_t*, double*,
                                    std::int64_t*);
using Kernel = std::int64_t (*)(std::int64_t, const std::int64_t*, std::int64_t);

/// A C type of a cfunc's signature and the C++ type of its value.
enum class Kind : std::uint8_t { float64, float32, int64, int32, boolean };

Kind kind_named(const std::string& name, const std::string& node) {
  if (name == "float64") return Kind::float64;
  if (name == "float32") return Kind::float32;
  if (name == "int64") return Kind::int64;
  if (name == "int32") return Kind::int32;
  if (name == "bool") return Kind::boolean;
  throw nb::value_error(("cfunc node `" + node + "`: unsupported type `" + name +
                         "` (float64, float32, int64, int32 or bool)")
                            .c_str());
}

const hamilton::TypeInfo& type_of(Kind k) {
  switch (k) {
    case Kind::float64:
      return hamilton::TypeInfo::of<double>();
    case Kind::float32:
      return hamilton::TypeInfo::of<float>();
    case Kind::int64:
      return hamilton::TypeInfo::of<std::int64_t>();
    case Kind::int32:
      return hamilton::TypeInfo::of<std::int32_t>();
    case Kind::boolean:
      break;
  }
  return hamilton::TypeInfo::of<bool>();
}

bool is_finalizing() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsFinalizing();
#else
  return _Py_IsFinalizing();
#endif
}

bool is_real(Kind k) { return k == Kind::float64 || k == Kind::float32; }

/// References to the Python objects whose lifetime is the machine code's (the CFunc, the
/// trampoline or kernel). Dropped with the GIL held; leaked if Python has already shut down
/// (the process is ending, and the code must not be freed under a running plan anyway).
class PythonRefs {
 public:
  explicit PythonRefs(nb::object refs) : refs_(std::move(refs)) {}
  PythonRefs(const PythonRefs&) = delete;
  PythonRefs& operator=(const PythonRefs&) = delete;
  ~PythonRefs() {
    if (!Py_IsInitialized() || is_finalizing()) {
      (void)refs_.release();
      return;
    }
    nb::gil_scoped_acquire gil;
    refs_.reset();
  }

 private:
  nb::object refs_;
};

/// What the node's Callable shares: the code to call, its signature, its Python owners.
struct ScalarState {
  Trampoline trampoline = nullptr;
  std::string node;
  std::string where;
  std::vector<std::string> parameters;
  std::int64_t address = 0;
  std::vector<Kind> arguments;
  Kind result = Kind::float64;
  std::vector<hamilton::ArgumentType> argument_types;
  hamilton::CallSignature signature;
  PythonRefs refs;

  explicit ScalarState(nb::object r) : refs(std::move(r)) {}
};

std::string shortest(double x) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  if (ec != std::errc()) return std::to_string(x);
  std::string out(buffer, end);
  // as Python prints a float: 1.0, not 1
  if (out.find_first_of(".eni") == std::string::npos) out += ".0";
  return out;
}

/// The error of a cfunc that raised: its arguments, and how to see the exception.
[[noreturn]] void raised(const ScalarState& s, const double* reals, const std::int64_t* ints) {
  std::string args;
  std::size_t r = 0, i = 0;
  for (std::size_t k = 0; k < s.arguments.size(); ++k) {
    if (k) args += ", ";
    args += s.parameters[k] + "=";
    if (is_real(s.arguments[k]))
      args += shortest(reals[r++]);
    else if (s.arguments[k] == Kind::boolean)
      args += ints[i++] ? "True" : "False";
    else
      args += std::to_string(ints[i++]);
  }
  throw hamilton::Error("cfunc node `" + s.node + "` (" + s.where + ") raised an exception for (" +
                        args +
                        "); compiled Numba code does not carry its message: call the function "
                        "with these arguments in Python (the cfunc object is callable) to see it");
}

hamilton::Value invoke_scalar(const void* fn, const hamilton::Value* slots,
                              const std::uint32_t* args) {
  const auto& s = *static_cast<const ScalarState*>(fn);
  const std::size_t n = s.arguments.size();
  std::array<double, 16> real_stack{};
  std::array<std::int64_t, 16> int_stack{};
  std::vector<double> real_heap;
  std::vector<std::int64_t> int_heap;
  double* reals = real_stack.data();
  std::int64_t* ints = int_stack.data();
  if (n > real_stack.size()) {
    real_heap.resize(n);
    int_heap.resize(n);
    reals = real_heap.data();
    ints = int_heap.data();
  }
  std::size_t r = 0, i = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const hamilton::Value& v = slots[args[k]];
    switch (s.arguments[k]) {
      case Kind::float64:
        reals[r++] = v.unchecked<double>();
        break;
      case Kind::float32:
        reals[r++] = v.unchecked<float>();
        break;
      case Kind::int64:
        ints[i++] = v.unchecked<std::int64_t>();
        break;
      case Kind::int32:
        ints[i++] = v.unchecked<std::int32_t>();
        break;
      case Kind::boolean:
        ints[i++] = v.unchecked<bool>() ? 1 : 0;
        break;
    }
  }
  double real_out = 0;
  std::int64_t int_out = 0;
  if (s.trampoline(s.address, reals, ints, &real_out, &int_out) != 0) raised(s, reals, ints);
  switch (s.result) {
    case Kind::float64:
      return hamilton::Value(real_out);
    case Kind::float32:
      return hamilton::Value(static_cast<float>(real_out));
    case Kind::int64:
      return hamilton::Value(int_out);
    case Kind::int32:
      return hamilton::Value(static_cast<std::int32_t>(int_out));
    case Kind::boolean:
      break;
  }
  return hamilton::Value(int_out != 0);
}

/// A column node's state: the kernel, the kinds of its arguments, which of them are columns.
struct ColumnState {
  Kernel kernel = nullptr;
  std::string node;
  std::vector<std::string> parameters;
  std::vector<Kind> arguments;
  std::vector<char> is_column;
  Kind result = Kind::float64;
  std::vector<hamilton::ArgumentType> argument_types;
  hamilton::CallSignature signature;
  PythonRefs refs;

  explicit ColumnState(nb::object r) : refs(std::move(r)) {}
};

hamilton::DType dtype_of(Kind k) {
  return is_real(k) ? hamilton::DType::float64
         : k == Kind::boolean ? hamilton::DType::boolean
                              : hamilton::DType::int64;
}

/// The column argument `k`, of the dtype its kind reads (int64 and bool converted to float64
/// for a real argument).
hamilton::Series column_of(const ColumnState& s, std::size_t k, const hamilton::Value& v) {
  hamilton::Series c = v.unchecked<hamilton::Series>();
  const hamilton::DType want = dtype_of(s.arguments[k]);
  if (c.dtype() == want) return c;
  if (want == hamilton::DType::float64 &&
      (c.dtype() == hamilton::DType::int64 || c.dtype() == hamilton::DType::boolean))
    return c.astype(hamilton::DType::float64);
  throw hamilton::Error("column node `" + s.node + "`: column `" + s.parameters[k] +
                        "` has dtype " + std::string(c.dtype_name()) + " but the function takes " +
                        std::string(hamilton::dtype_name(want)) +
                        " elements; convert it (astype) or declare the parameter " +
                        std::string(c.dtype_name()) + " in the signature");
}

std::int64_t address_of(const hamilton::Series& c) {
  switch (c.dtype()) {
    case hamilton::DType::float64:
      return reinterpret_cast<std::int64_t>(c.values<double>().data());
    case hamilton::DType::int64:
      return reinterpret_cast<std::int64_t>(c.values<std::int64_t>().data());
    default:
      return reinterpret_cast<std::int64_t>(c.values<bool>().data());
  }
}

/// A scalar argument in an 8-byte slot: a double for a real kind, an int64 for the others
/// (the kernel reads it so).
void store_scalar(Kind k, const hamilton::Value& v, std::int64_t& slot) {
  double real = 0;
  switch (k) {
    case Kind::float64:
      real = v.unchecked<double>();
      break;
    case Kind::float32:
      real = v.unchecked<float>();
      break;
    case Kind::int64:
      slot = v.unchecked<std::int64_t>();
      return;
    case Kind::int32:
      slot = v.unchecked<std::int32_t>();
      return;
    case Kind::boolean:
      slot = v.unchecked<bool>() ? 1 : 0;
      return;
  }
  std::memcpy(&slot, &real, sizeof real);
}

hamilton::Value invoke_column(const void* fn, const hamilton::Value* slots,
                              const std::uint32_t* args) {
  const auto& s = *static_cast<const ColumnState*>(fn);
  const std::size_t n = s.arguments.size();
  std::vector<hamilton::Series> columns;
  columns.reserve(n);
  std::vector<std::int64_t> scalars(n);
  std::vector<std::int64_t> addresses(n);
  std::size_t first = n;  // the first column argument: its rows and index are the result's
  for (std::size_t k = 0; k < n; ++k) {
    if (!s.is_column[k]) {
      store_scalar(s.arguments[k], slots[args[k]], scalars[k]);
      addresses[k] = reinterpret_cast<std::int64_t>(&scalars[k]);
      continue;
    }
    hamilton::Series c = column_of(s, k, slots[args[k]]);
    if (first == n) {
      first = k;
    } else {
      const hamilton::Series& f = columns.front();
      if (c.size() != f.size())
        throw hamilton::Error("column node `" + s.node + "`: column `" + s.parameters[k] +
                              "` has " + std::to_string(c.size()) + " rows but `" +
                              s.parameters[first] + "` has " + std::to_string(f.size()) +
                              "; the columns of a Numba column node must have the same index");
      if (!c.index().equals(f.index()))
        throw hamilton::Error("column node `" + s.node + "`: columns `" + s.parameters[first] +
                              "` and `" + s.parameters[k] +
                              "` have different indexes; a Numba column node does not align "
                              "them: reindex one to the other first");
    }
    addresses[k] = address_of(c);
    columns.push_back(std::move(c));
  }
  const hamilton::Index& index = columns.front().index();
  const std::size_t rows = columns.front().size();
  const auto run = [&](void* out) {
    const std::int64_t failed = s.kernel(static_cast<std::int64_t>(rows), addresses.data(),
                                         reinterpret_cast<std::int64_t>(out));
    if (failed != 0)
      throw hamilton::Error("column node `" + s.node +
                            "`: the function raised an exception at row " +
                            std::to_string(failed - 1) +
                            "; compiled Numba code does not carry its message: call the decorated "
                            "function's .py_func with that row's values in Python to see it");
  };
  if (s.result == Kind::boolean) {
    std::vector<std::uint8_t> out(rows);
    run(out.data());
    return hamilton::Value(
        hamilton::Series(std::vector<bool>(out.begin(), out.end()), s.node, index));
  }
  if (is_real(s.result)) {
    std::vector<double> out(rows);
    run(out.data());
    return hamilton::Value(hamilton::Series(std::move(out), s.node, index));
  }
  std::vector<std::int64_t> out(rows);
  run(out.data());
  return hamilton::Value(hamilton::Series(std::move(out), s.node, index));
}

/// The NodeSpec both kinds of node share: name, doc, module, location, parameters.
hamilton::NodeSpec base_spec(const PyModule& pm, const std::string& name,
                             const std::vector<std::string>& parameters,
                             const std::vector<hamilton::ArgumentType>& types,
                             const std::string& doc, const std::string& file, int line) {
  hamilton::NodeSpec spec;
  spec.name = name;
  spec.function_name = name;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    hamilton::Parameter p;
    p.name = parameters[k];
    p.type = types[k].type;
    spec.parameters.push_back(std::move(p));
  }
  spec.doc = doc;
  spec.module = pm.module.name();
  spec.location = hamilton::SourceLocation{file, line};
  return spec;
}

void check_names(const std::string& name, const std::vector<std::string>& parameters,
                 const std::vector<std::string>& kinds) {
  if (parameters.size() != kinds.size())
    throw nb::value_error(("cfunc node `" + name + "`: " + std::to_string(parameters.size()) +
                           " parameter name(s) for " + std::to_string(kinds.size()) +
                           " argument type(s)")
                              .c_str());
}

void add_scalar(PyModule& pm, const std::string& name, const std::vector<std::string>& parameters,
                const std::vector<std::string>& argument_kinds, const std::string& result_kind,
                std::int64_t address, std::int64_t trampoline, nb::object refs,
                const std::string& doc, const std::string& file, int line) {
  check_names(name, parameters, argument_kinds);
  auto state = std::make_shared<ScalarState>(std::move(refs));
  state->trampoline = reinterpret_cast<Trampoline>(trampoline);
  state->node = name;
  state->where = hamilton::SourceLocation{file, line}.to_string();
  state->parameters = parameters;
  state->address = address;
  for (const auto& k : argument_kinds) {
    state->arguments.push_back(kind_named(k, name));
    state->argument_types.push_back({&type_of(state->arguments.back()), false});
  }
  state->result = kind_named(result_kind, name);
  state->signature = {state->arguments.size(), state->argument_types.data(),
                      &type_of(state->result)};
  hamilton::NodeSpec spec =
      base_spec(pm, name, parameters, state->argument_types, doc, file, line);
  spec.type = &type_of(state->result);
  const hamilton::CallSignature& sig = state->signature;
  spec.callable = hamilton::Callable(std::shared_ptr<const void>(state, state.get()),
                                     &invoke_scalar, sig);
  pm.module.add(std::move(spec));
}

void add_column(PyModule& pm, const std::string& name, const std::vector<std::string>& parameters,
                const std::vector<std::string>& argument_kinds, const std::vector<bool>& columns,
                const std::string& result_kind, std::int64_t kernel, nb::object refs,
                const std::string& doc, const std::string& file, int line) {
  check_names(name, parameters, argument_kinds);
  if (columns.size() != parameters.size())
    throw nb::value_error(("column node `" + name + "`: " + std::to_string(columns.size()) +
                           " column flag(s) for " + std::to_string(parameters.size()) +
                           " parameter(s)")
                              .c_str());
  if (std::find(columns.begin(), columns.end(), true) == columns.end())
    throw nb::value_error(("column node `" + name +
                           "` has no column parameter: a Numba column node needs at least one "
                           "column (its rows and index)")
                              .c_str());
  auto state = std::make_shared<ColumnState>(std::move(refs));
  state->kernel = reinterpret_cast<Kernel>(kernel);
  state->node = name;
  state->parameters = parameters;
  for (std::size_t k = 0; k < argument_kinds.size(); ++k) {
    state->arguments.push_back(kind_named(argument_kinds[k], name));
    state->is_column.push_back(columns[k] ? 1 : 0);
    state->argument_types.push_back({columns[k] ? &hamilton::TypeInfo::of<hamilton::Series>()
                                                : &type_of(state->arguments.back()),
                                     false});
  }
  state->result = kind_named(result_kind, name);
  state->signature = {state->arguments.size(), state->argument_types.data(),
                      &hamilton::TypeInfo::of<hamilton::Series>()};
  hamilton::NodeSpec spec =
      base_spec(pm, name, parameters, state->argument_types, doc, file, line);
  spec.type = &hamilton::TypeInfo::of<hamilton::Series>();
  const hamilton::CallSignature& sig = state->signature;
  spec.callable = hamilton::Callable(std::shared_ptr<const void>(state, state.get()),
                                     &invoke_column, sig);
  pm.module.add(std::move(spec));
}

}  // namespace

void bind_cfunc(nb::module_& m) {
  m.def("_add_cfunc", &add_scalar, nb::arg("module"), nb::arg("name"), nb::arg("parameters"),
        nb::arg("argument_kinds"), nb::arg("result_kind"), nb::arg("address"),
        nb::arg("trampoline"), nb::arg("refs"), nb::arg("doc"), nb::arg("file"),
        nb::arg("line"),
        "Adds a node that calls the Numba cfunc at `address` through `trampoline` "
        "(hamilton_cpp._numba.add_cfunc makes both).");
  m.def("_add_cfunc_column", &add_column, nb::arg("module"), nb::arg("name"),
        nb::arg("parameters"), nb::arg("argument_kinds"), nb::arg("columns"),
        nb::arg("result_kind"), nb::arg("kernel"), nb::arg("refs"), nb::arg("doc"),
        nb::arg("file"), nb::arg("line"),
        "Adds a column node whose element-wise `kernel` (hamilton_cpp.numba_column) fills "
        "a Series.");
}

}  // namespace hamilton_py

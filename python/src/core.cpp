// hamilton_cpp._core: the C++ side of the Python package. Python's driver (hamilton_cpp.driver)
// builds a hamilton::Driver here from module libraries and config, converts inputs with the
// makers of convert.cpp, and executes with the GIL released.

#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/variant.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <chrono>
#include <hamilton/driver.hpp>
#include <hamilton/registry/abi.hpp>
#include <hamilton/version.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

/// What Python learns about one node (hamilton_cpp.driver.Variable is made from it).
struct VariableInfo {
  std::string name;
  std::string type_name;
  std::string kind;
  std::string documentation;
  std::map<std::string, std::vector<std::string>> tags;
  std::string module;
  std::optional<std::string> location;
  std::string role;
  bool is_external_input = false;
  bool required = false;
  std::vector<std::string> required_dependencies;
  std::vector<std::string> optional_dependencies;
  std::string originating_function;
  std::string version;
};

VariableInfo info(const hamilton::Variable& v) {
  VariableInfo out;
  out.name = v.name;
  out.type_name = v.type_name;
  out.kind = kind_of(*v.type, v.type_name == "hamilton::Value");
  out.documentation = v.documentation;
  out.version = v.version;
  for (const auto& [k, values] : v.tags) out.tags[k] = values;
  out.module = v.module;
  if (v.location.known()) out.location = v.location.to_string();
  switch (v.role) {
    case hamilton::NodeRole::function:
      out.role = "function";
      break;
    case hamilton::NodeRole::input:
      out.role = "input";
      break;
    case hamilton::NodeRole::config:
      out.role = "config";
      break;
  }
  out.is_external_input = v.is_external_input;
  out.required = v.required;
  out.required_dependencies = v.required_dependencies;
  out.optional_dependencies = v.optional_dependencies;
  out.originating_function = v.originating_function;
  return out;
}

std::vector<VariableInfo> infos(const std::vector<hamilton::Variable>& vs) {
  std::vector<VariableInfo> out;
  out.reserve(vs.size());
  for (const auto& v : vs) out.push_back(info(v));
  return out;
}

hamilton::ValueMap value_map(const std::map<std::string, PyValue*>& values) {
  hamilton::ValueMap out;
  for (const auto& [name, v] : values) {
    if (!v) throw nb::type_error(("value of `" + name + "` is None").c_str());
    out.emplace(name, v->value);
  }
  return out;
}

/// Tag filter from Python: key -> None (has the tag) or a list of accepted values.
hamilton::TagFilter tag_filter(
    const std::map<std::string, std::optional<std::vector<std::string>>>& f) {
  hamilton::TagFilter out;
  for (const auto& [k, v] : f) {
    if (v)
      out.emplace(k, hamilton::TagMatch(*v));
    else
      out.emplace(k, hamilton::TagMatch::any());
  }
  return out;
}

/// `hamilton_cpp.CancellationToken`: hamilton::CancellationToken (copies share the flag).
struct PyToken {
  hamilton::CancellationToken token = hamilton::CancellationToken::make();
};

/// The options of one run: graceful failure when `graceful` (`catches(exception) -> bool`,
/// None: every exception), a timeout in seconds, a cancellation token.
hamilton::RunOptions run_options(bool graceful, nb::handle catches, bool allow_injection,
                                 std::optional<double> timeout, const PyToken* token) {
  hamilton::RunOptions options;
  if (graceful) options.graceful = graceful_errors(catches, allow_injection);
  if (timeout) {
    if (!(*timeout >= 0)) throw nb::value_error("timeout must be a number of seconds >= 0");
    options.timeout = std::chrono::duration_cast<hamilton::RunOptions::Clock::duration>(
        std::chrono::duration<double>(*timeout));
  }
  if (token) options.cancellation = token->token;
  return options;
}

/// (values, failures) of a graceful run: a value per output (None where there is none) and, per
/// node without a value, (node, status, cause, message, item, exception or None).
nb::tuple graceful_result(const hamilton::Outputs& result) {
  nb::list values;
  for (std::size_t i = 0; i < result.size(); ++i)
    values.append(result.value(i).has_value() ? to_python(result.value(i)) : nb::none());
  nb::list failures;
  for (const auto& f : result.failures()) {
    nb::object exception = nb::none();
    if (f.error) {
      try {
        std::rethrow_exception(f.error);
      } catch (const hamilton::ExecutionError& e) {
        if (e.original()) exception = python_exception(e.original());
      } catch (...) {
        exception = python_exception(std::current_exception());
      }
    }
    nb::object item = f.item ? nb::cast(*f.item) : nb::none();
    failures.append(nb::make_tuple(f.node, std::string(hamilton::to_string(f.status)), f.cause,
                                   f.message, item, exception));
  }
  return nb::make_tuple(values, failures);
}

struct PyDriver {
  hamilton::Driver driver;

  std::vector<VariableInfo> variables(
      const std::map<std::string, std::optional<std::vector<std::string>>>& filter) const {
    return infos(driver.list_available_variables(tag_filter(filter)));
  }

  nb::list execute(const std::vector<std::string>& outputs,
                   const std::map<std::string, PyValue*>& inputs,
                   const std::map<std::string, PyValue*>& overrides) const {
    hamilton::ValueMap in = value_map(inputs), ov = value_map(overrides);
    hamilton::Outputs result;
    {
      // Every node is C++: nothing below needs Python, so other Python threads run meanwhile.
      nb::gil_scoped_release release;
      result = driver.raw_execute(outputs, in, ov);
      in.clear();
      ov.clear();
    }
    nb::list out;
    for (std::size_t i = 0; i < result.size(); ++i) out.append(to_python(result.value(i)));
    return out;
  }

  nb::tuple execute_with(const std::vector<std::string>& outputs,
                         const std::map<std::string, PyValue*>& inputs,
                         const std::map<std::string, PyValue*>& overrides, bool graceful,
                         nb::handle catches, bool allow_injection, std::optional<double> timeout,
                         const PyToken* token) const {
    hamilton::ValueMap in = value_map(inputs), ov = value_map(overrides);
    hamilton::RunOptions options = run_options(graceful, catches, allow_injection, timeout, token);
    hamilton::Outputs result;
    {
      nb::gil_scoped_release release;
      result = driver.raw_execute(options, outputs, in, ov);
      in.clear();
      ov.clear();
    }
    return graceful_result(result);
  }

  void validate_execution(const std::vector<std::string>& outputs,
                          const std::map<std::string, PyValue*>& inputs,
                          const std::map<std::string, PyValue*>& overrides) const {
    driver.validate_execution(outputs, value_map(inputs), value_map(overrides));
  }
};

/// One module given to `build`: a module library's path or a module made from Python.
using ModuleArg = std::variant<std::string, PyModule*>;

/// A compiled request (`Driver.compile`): the plan of outputs from inputs and overrides of the
/// given names, run with values by position (no lookups by name: the row-based fast path).
struct PyPlan {
  hamilton::Plan plan;

  static std::vector<hamilton::Value> values(const std::vector<PyValue*>& given,
                                             const std::vector<std::string>& names,
                                             const char* what) {
    if (given.size() != names.size())
      throw nb::value_error(("the plan takes " + std::to_string(names.size()) + " " + what +
                             " values, got " + std::to_string(given.size()))
                                .c_str());
    std::vector<hamilton::Value> out;
    out.reserve(given.size());
    for (std::size_t i = 0; i < given.size(); ++i) {
      if (!given[i]) throw nb::type_error(("value of `" + names[i] + "` is None").c_str());
      out.push_back(given[i]->value);
    }
    return out;
  }

  nb::list execute(const std::vector<PyValue*>& inputs,
                   const std::vector<PyValue*>& overrides) const {
    auto in = values(inputs, plan.inputs(), "input");
    auto ov = values(overrides, plan.overrides(), "override");
    hamilton::Outputs result;
    {
      nb::gil_scoped_release release;
      result = plan.execute(in, ov);
      in.clear();
      ov.clear();
    }
    nb::list out;
    for (std::size_t i = 0; i < result.size(); ++i) out.append(to_python(result.value(i)));
    return out;
  }

  nb::tuple execute_with(const std::vector<PyValue*>& inputs,
                         const std::vector<PyValue*>& overrides, bool graceful, nb::handle catches,
                         bool allow_injection, std::optional<double> timeout,
                         const PyToken* token) const {
    auto in = values(inputs, plan.inputs(), "input");
    auto ov = values(overrides, plan.overrides(), "override");
    hamilton::RunOptions options = run_options(graceful, catches, allow_injection, timeout, token);
    hamilton::Outputs result;
    {
      nb::gil_scoped_release release;
      result = plan.execute(options, in, ov);
      in.clear();
      ov.clear();
    }
    return graceful_result(result);
  }
};

PyDriver build(const std::vector<ModuleArg>& modules, const std::map<std::string, PyValue*>& config,
               bool allow_module_overrides, nb::handle cache, nb::handle share_cache_of) {
  hamilton::Config cfg = value_map(config);
  std::optional<hamilton::caching::CacheOptions> cache_opts;
  std::optional<hamilton::caching::Cache> shared;
  if (!share_cache_of.is_none())
    shared = driver_of(share_cache_of).cache();
  else if (!cache.is_none())
    cache_opts = cache_options(cache);
  nb::gil_scoped_release release;
  hamilton::Builder b;
  if (shared) b.with_cache(*shared);
  if (cache_opts) b.with_cache(std::move(*cache_opts));
  for (const auto& m : modules) {
    if (const auto* path = std::get_if<std::string>(&m))
      b.with_module_library(*path);
    else if (auto* py = std::get<PyModule*>(m))
      b.with_modules(py->module);
  }
  b.with_config(cfg);
  b.allow_module_overrides(allow_module_overrides);
  return PyDriver{b.build()};
}

bool is_library_problem(hamilton::ErrorCode c) {
  return c == hamilton::ErrorCode::module_library_missing ||
         c == hamilton::ErrorCode::module_library_load ||
         c == hamilton::ErrorCode::module_library_empty;
}

/// Loads a module library the way Builder::with_module_library (and the command line) does,
/// and returns the names of the modules it registered. Only the library's own problems
/// (missing, cannot be loaded, no modules) are errors here; the graph is checked when a
/// driver is built with it (with config and the other modules).
std::vector<std::string> load_library(const std::string& path) {
  std::map<std::string, std::size_t> before;
  for (const auto& name : hamilton::registered_modules())
    if (auto m = hamilton::find_module(name)) before[name] = m->size();
  std::vector<std::string> from_graph;
  try {
    nb::gil_scoped_release release;
    hamilton::Driver dr = hamilton::Builder().with_module_library(path).build();
    for (const auto& v : dr.list_available_variables())
      if (v.role == hamilton::NodeRole::function) from_graph.push_back(v.module);
  } catch (const hamilton::GraphError& e) {
    std::vector<hamilton::Problem> own;
    for (const auto& p : e.problems())
      if (is_library_problem(p.code)) own.push_back(p);
    if (!own.empty()) throw hamilton::GraphError(std::move(own));
  }
  std::vector<std::string> names;
  for (const auto& name : hamilton::registered_modules()) {
    auto m = hamilton::find_module(name);
    auto b = before.find(name);
    if (m && m->size() > (b == before.end() ? 0 : b->second)) names.push_back(name);
  }
  for (const auto& name : from_graph)
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  return names;
}

}  // namespace

const hamilton::Driver& driver_of(nb::handle driver) {
  return nb::cast<const PyDriver&>(driver).driver;
}

NB_MODULE(_core, m) {
  m.doc() = "hamilton-cpp's C++ side; use the hamilton_cpp package, not this module.";
  m.attr("__hamilton_version__") = HAMILTON_VERSION_STRING;
  m.attr("__hamilton_abi__") = HAMILTON_ABI_TAG;

  bind_errors(m);
  bind_values(m);
  bind_arrow(m);
  bind_nodes(m);
  bind_tools(m);
  bind_cfunc(m);
  bind_caching(m);

  nb::class_<VariableInfo>(m, "VariableInfo")
      .def_ro("name", &VariableInfo::name)
      .def_ro("type_name", &VariableInfo::type_name)
      .def_ro("kind", &VariableInfo::kind)
      .def_ro("documentation", &VariableInfo::documentation)
      .def_ro("tags", &VariableInfo::tags)
      .def_ro("module", &VariableInfo::module)
      .def_ro("location", &VariableInfo::location)
      .def_ro("role", &VariableInfo::role)
      .def_ro("is_external_input", &VariableInfo::is_external_input)
      .def_ro("required", &VariableInfo::required)
      .def_ro("required_dependencies", &VariableInfo::required_dependencies)
      .def_ro("optional_dependencies", &VariableInfo::optional_dependencies)
      .def_ro("originating_function", &VariableInfo::originating_function)
      .def_ro("version", &VariableInfo::version);

  nb::class_<PyDriver>(m, "Driver")
      .def("variables", &PyDriver::variables, nb::arg("tag_filter"))
      .def("execute", &PyDriver::execute, nb::arg("outputs"), nb::arg("inputs"),
           nb::arg("overrides"))
      .def("execute_with", &PyDriver::execute_with, nb::arg("outputs"), nb::arg("inputs"),
           nb::arg("overrides"), nb::arg("graceful"), nb::arg("catches").none(),
           nb::arg("allow_injection"), nb::arg("timeout").none(), nb::arg("token").none())
      .def("validate_execution", &PyDriver::validate_execution, nb::arg("outputs"),
           nb::arg("inputs"), nb::arg("overrides"))
      .def("upstream_of",
           [](const PyDriver& d, const std::vector<std::string>& names) {
             return infos(d.driver.what_is_upstream_of(names));
           })
      .def("downstream_of",
           [](const PyDriver& d, const std::vector<std::string>& names) {
             return infos(d.driver.what_is_downstream_of(names));
           })
      .def(
          "compile",
          [](const PyDriver& d, const std::vector<std::string>& outputs,
             const std::vector<std::string>& inputs, const std::vector<std::string>& overrides) {
            return PyPlan{d.driver.compile(outputs, inputs, overrides)};
          },
          nb::arg("outputs"), nb::arg("inputs"), nb::arg("overrides"))
      .def("path_between", [](const PyDriver& d, const std::string& up, const std::string& down) {
        return infos(d.driver.what_is_the_path_between(up, down));
      });

  nb::class_<PyPlan>(m, "Plan")
      .def("execute", &PyPlan::execute, nb::arg("inputs"), nb::arg("overrides"))
      .def("execute_with", &PyPlan::execute_with, nb::arg("inputs"), nb::arg("overrides"),
           nb::arg("graceful"), nb::arg("catches").none(), nb::arg("allow_injection"),
           nb::arg("timeout").none(), nb::arg("token").none())
      .def_prop_ro("outputs", [](const PyPlan& p) { return p.plan.outputs(); })
      .def_prop_ro("inputs", [](const PyPlan& p) { return p.plan.inputs(); })
      .def_prop_ro("overrides", [](const PyPlan& p) { return p.plan.overrides(); });

  nb::class_<PyToken>(m, "CancellationToken",
                      "A flag that stops the runs given it: nodes not started when it is "
                      "cancelled are not run. Safe to cancel from any thread.")
      .def(nb::init<>())
      .def("cancel", [](const PyToken& t) { t.token.cancel(); })
      .def_prop_ro("cancelled", [](const PyToken& t) { return t.token.cancelled(); });

  nb::class_<PyModule>(m, "PyModule")
      .def(nb::init<std::string>(), nb::arg("name"))
      .def_prop_ro("name", [](const PyModule& p) { return p.module.name(); })
      .def("__len__", [](const PyModule& p) { return p.module.size(); });

  bind_pynodes(m);

  m.def("build", &build, nb::arg("modules"), nb::arg("config"), nb::arg("allow_module_overrides"),
        nb::arg("cache").none() = nb::none(), nb::arg("share_cache_of").none() = nb::none());
  m.def("load_library", &load_library, nb::arg("path"));
}

}  // namespace hamilton_py

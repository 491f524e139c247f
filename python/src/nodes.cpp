// The nodes of one C++ module as callables, for hamilton_cpp.as_module: the graph of that module
// alone is built with the given config (so nodes made by modifiers such as parameterize,
// extract_columns or config_when exist), and one node is computed from values given for its
// direct dependencies, with the GIL released.

#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <hamilton/driver.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

/// What as_module needs to know about one node of the module's graph.
struct NodeInfo {
  std::string name;
  std::string type_name;
  std::string kind;
  std::string documentation;
  std::map<std::string, std::vector<std::string>> tags;
  std::string module;
  std::optional<std::string> location;
  std::string role;
  std::vector<std::string> required_dependencies;
  std::vector<std::string> optional_dependencies;
};

std::string role_name(hamilton::NodeRole r) {
  switch (r) {
    case hamilton::NodeRole::function:
      return "function";
    case hamilton::NodeRole::input:
      return "input";
    case hamilton::NodeRole::config:
      return "config";
  }
  return "function";
}

hamilton::ValueMap values_of(const std::map<std::string, PyValue*>& values) {
  hamilton::ValueMap out;
  for (const auto& [name, v] : values) {
    if (!v) throw nb::type_error(("value of `" + name + "` is None").c_str());
    out.emplace(name, v->value);
  }
  return out;
}

/// The graph of one registered module, built with a config.
struct ModuleNodes {
  std::string module_name;
  hamilton::Driver driver;

  std::vector<NodeInfo> nodes() const {
    std::vector<NodeInfo> out;
    for (const auto& v : driver.list_available_variables()) {
      NodeInfo n;
      n.name = v.name;
      n.type_name = v.type_name;
      n.kind = kind_of(*v.type, v.type_name == "hamilton::Value");
      n.documentation = v.documentation;
      for (const auto& [k, values] : v.tags) n.tags[k] = values;
      n.module = v.module;
      if (v.location.known()) n.location = v.location.to_string();
      n.role = role_name(v.role);
      n.required_dependencies = v.required_dependencies;
      n.optional_dependencies = v.optional_dependencies;
      out.push_back(std::move(n));
    }
    return out;
  }

  /// Computes node `name` alone: `inputs` are the values of its dependencies that are external
  /// inputs of the module's graph, `overrides` those of its dependencies computed by other
  /// nodes (or config), so that nothing upstream of it runs.
  nb::object call(const std::string& name, const std::map<std::string, PyValue*>& inputs,
                  const std::map<std::string, PyValue*>& overrides) const {
    hamilton::ValueMap in = values_of(inputs), ov = values_of(overrides);
    hamilton::Outputs result;
    {
      nb::gil_scoped_release release;
      result = driver.raw_execute({name}, in, ov);
      in.clear();
      ov.clear();
    }
    return to_python(result.value(0));
  }
};

ModuleNodes module_nodes(const std::string& module_name,
                         const std::map<std::string, PyValue*>& config) {
  hamilton::Config cfg = values_of(config);
  std::optional<hamilton::Module> module = hamilton::find_module(module_name);
  if (!module) {
    std::string known;
    for (const auto& m : hamilton::registered_modules()) known += (known.empty() ? "" : ", ") + m;
    throw nb::value_error(("no C++ module named `" + module_name +
                           "` is loaded (loaded modules: " + (known.empty() ? "none" : known) +
                           "); load its library first with hamilton_cpp.load_library(path)")
                              .c_str());
  }
  nb::gil_scoped_release release;
  hamilton::Driver dr = hamilton::Builder().with_modules(*module).with_config(cfg).build();
  return ModuleNodes{module_name, std::move(dr)};
}

}  // namespace

void bind_nodes(nb::module_& m) {
  nb::class_<NodeInfo>(m, "NodeInfo")
      .def_ro("name", &NodeInfo::name)
      .def_ro("type_name", &NodeInfo::type_name)
      .def_ro("kind", &NodeInfo::kind)
      .def_ro("documentation", &NodeInfo::documentation)
      .def_ro("tags", &NodeInfo::tags)
      .def_ro("module", &NodeInfo::module)
      .def_ro("location", &NodeInfo::location)
      .def_ro("role", &NodeInfo::role)
      .def_ro("required_dependencies", &NodeInfo::required_dependencies)
      .def_ro("optional_dependencies", &NodeInfo::optional_dependencies);

  nb::class_<ModuleNodes>(m, "ModuleNodes")
      .def_ro("module_name", &ModuleNodes::module_name)
      .def("nodes", &ModuleNodes::nodes)
      .def("call", &ModuleNodes::call, nb::arg("name"), nb::arg("inputs"), nb::arg("overrides"));

  m.def("module_nodes", &module_nodes, nb::arg("module_name"), nb::arg("config"));
}

}  // namespace hamilton_py

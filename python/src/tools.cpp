// Pictures of a hamilton_cpp.driver.Driver's graph (its display_* / visualize_* methods): DOT
// text made by hamilton::tools, rendered in-process by Graphviz's C library.

#include <nanobind/stl/map.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <hamilton/tools/visualize.hpp>
#include <map>
#include <string>
#include <vector>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

namespace tools = hamilton::tools;

/// The drawing options of Python Hamilton's visualization keyword arguments.
struct DrawOptions {
  std::string orient = "LR";
  bool show_legend = true;
  bool hide_inputs = false;
  bool deduplicate_inputs = false;
  bool show_config_values = true;
  bool cluster_modules = false;
  bool collapse_modules = false;
  bool show_schema = true;
  int hops = -1;
  std::string layout = "dot";
  std::map<std::string, std::string> graph_attributes;

  tools::VizOptions viz() const {
    tools::VizOptions o;
    o.orient = orient;
    o.show_legend = show_legend;
    o.hide_inputs = hide_inputs;
    o.deduplicate_inputs = deduplicate_inputs;
    o.show_config_values = show_config_values;
    o.cluster_modules = cluster_modules;
    o.collapse_modules = collapse_modules;
    o.show_schema = show_schema;
    o.hops = hops;
    if (layout == "dot")
      o.layout = tools::Layout::dot;
    else if (layout == "fast")
      o.layout = tools::Layout::fast;
    else if (layout == "sfdp")
      o.layout = tools::Layout::sfdp;
    else
      throw nb::value_error(
          ("layout must be \"dot\", \"fast\" or \"sfdp\", got \"" + layout + "\"").c_str());
    for (const auto& [k, v] : graph_attributes) o.graph_attributes.emplace(k, v);
    return o;
  }
};

const hamilton::Graph& graph_of(nb::handle driver) { return driver_of(driver).graph(); }

}  // namespace

void bind_tools(nb::module_& m) {
  nb::class_<DrawOptions>(m, "DrawOptions")
      .def(nb::init<>())
      .def_rw("orient", &DrawOptions::orient)
      .def_rw("show_legend", &DrawOptions::show_legend)
      .def_rw("hide_inputs", &DrawOptions::hide_inputs)
      .def_rw("deduplicate_inputs", &DrawOptions::deduplicate_inputs)
      .def_rw("show_config_values", &DrawOptions::show_config_values)
      .def_rw("cluster_modules", &DrawOptions::cluster_modules)
      .def_rw("collapse_modules", &DrawOptions::collapse_modules)
      .def_rw("show_schema", &DrawOptions::show_schema)
      .def_rw("hops", &DrawOptions::hops)
      .def_rw("layout", &DrawOptions::layout)
      .def_rw("graph_attributes", &DrawOptions::graph_attributes);

  m.def(
      "dot_all_functions",
      [](nb::handle driver, const DrawOptions& o) {
        return tools::dot_all_functions(graph_of(driver), o.viz());
      },
      nb::arg("driver"), nb::arg("options"));
  m.def(
      "dot_execution",
      [](nb::handle driver, const std::vector<std::string>& outputs,
         const std::vector<std::string>& inputs, const std::vector<std::string>& overrides,
         const DrawOptions& o, bool bypass_validation) {
        return tools::dot_execution(graph_of(driver), outputs, inputs, overrides, o.viz(),
                                    bypass_validation);
      },
      nb::arg("driver"), nb::arg("outputs"), nb::arg("inputs"), nb::arg("overrides"),
      nb::arg("options"), nb::arg("bypass_validation"));
  m.def(
      "dot_view_run",
      [](nb::handle driver, const std::string& run_id, const DrawOptions& o) {
        return tools::view_run(driver_of(driver), run_id, {}, o.viz());
      },
      nb::arg("driver"), nb::arg("run_id"), nb::arg("options"));
  m.def(
      "dot_upstream_of",
      [](nb::handle driver, const std::vector<std::string>& names, const DrawOptions& o) {
        return tools::dot_upstream_of(graph_of(driver), names, o.viz());
      },
      nb::arg("driver"), nb::arg("names"), nb::arg("options"));
  m.def(
      "dot_downstream_of",
      [](nb::handle driver, const std::vector<std::string>& names, const DrawOptions& o) {
        return tools::dot_downstream_of(graph_of(driver), names, o.viz());
      },
      nb::arg("driver"), nb::arg("names"), nb::arg("options"));
  m.def(
      "dot_path_between",
      [](nb::handle driver, const std::string& upstream, const std::string& downstream,
         const DrawOptions& o, bool strict) {
        return tools::dot_path_between(graph_of(driver), upstream, downstream, o.viz(), strict);
      },
      nb::arg("driver"), nb::arg("upstream"), nb::arg("downstream"), nb::arg("options"),
      nb::arg("strict"));
  m.def(
      "render_drawing",
      [](const std::string& dot, const std::string& format) {
        std::string out;
        {
          nb::gil_scoped_release release;
          out = tools::render_drawing(dot, format);
        }
        return nb::bytes(out.data(), out.size());
      },
      nb::arg("dot"), nb::arg("format"));
  m.def("drawing_suffixes", &tools::drawing_suffixes);
}

}  // namespace hamilton_py

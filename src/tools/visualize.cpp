// Drawing graphs (include/hamilton/tools/visualize.hpp), in steps of their own files:
//   selection.cpp  which nodes each drawing shows (dot_execution, dot_upstream_of, ...)
//   drawing.cpp    the drawn nodes, input tables and edges; collapse.cpp with modules collapsed
//   style.cpp      Hamilton's colours and shapes, labels, the legend, custom styles
//   layout.cpp     the fast layout for thousands of nodes
//   dot.cpp        the DOT text
//   render.cpp     rendering by Graphviz's C library, and writing drawings to files
// Here: Hamilton's picture methods of a Driver.
#include "hamilton/tools/visualize.hpp"

#include <algorithm>
#include <set>

#include "hamilton/driver/driver.hpp"

namespace hamilton::tools {
namespace {

// `dot`, after writing it to `path` unless that is empty.
std::string written(std::string dot, const std::filesystem::path& path) {
  if (!path.empty()) write_drawing(dot, path);
  return dot;
}

}  // namespace

std::string display_all_functions(const Driver& driver, const std::filesystem::path& path,
                                  const VizOptions& options) {
  return written(dot_all_functions(driver.graph(), options), path);
}

std::string visualize_execution(const Driver& driver, const std::vector<std::string>& outputs,
                                const std::filesystem::path& path,
                                const std::vector<std::string>& inputs,
                                const std::vector<std::string>& overrides,
                                const VizOptions& options) {
  return written(dot_execution(driver.graph(), outputs, inputs, overrides, options), path);
}

std::string view_run(const Driver& driver, std::string_view run_id,
                     const std::filesystem::path& path, const VizOptions& options) {
  const caching::Cache cache = driver.cache();
  const std::string id = run_id.empty() ? cache.last_run_id() : std::string(run_id);
  const caching::RunRequest request = cache.request(id);
  std::set<std::string, std::less<>> read, computed;
  for (const auto& n : cache.retrieved(id)) read.insert(n);
  for (const auto& n : cache.executed(id)) computed.insert(n);
  VizOptions o = options;
  StyleFunction user = options.style;
  o.style = [&read, &computed, user](const Variable& node, std::string_view node_class) {
    CustomStyle style = user ? user(node, node_class) : CustomStyle{};
    if (read.count(node.name)) {
      style.attributes["penwidth"] = "3";
      style.attributes["color"] = "#F06449";
      style.attributes["fillcolor"] = "#ffffff";
      style.legend_name = "from cache";
    } else if (node.role == NodeRole::function && !computed.count(node.name) &&
               node_class != "override") {
      style.attributes["style"] = "rounded,dashed";
      style.attributes["color"] = "#F06449";
      style.legend_name = "not run: what reads it is from cache";
    }
    return style;
  };
  return written(dot_execution(driver.graph(), request.outputs, request.inputs, request.overrides,
                               o, /*bypass_validation=*/true),
                 path);
}

std::string visualize_materialization(const Driver& driver,
                                      const std::vector<Materializer>& materializers,
                                      const std::filesystem::path& path,
                                      const std::vector<std::string>& additional_vars,
                                      const std::vector<std::string>& inputs,
                                      const std::vector<std::string>& overrides,
                                      const VizOptions& options) {
  Driver with = driver.with_materializers(materializers);
  std::vector<std::string> outputs;
  for (const auto& m : materializers)
    if (const auto* saver = std::get_if<Materialize>(&m)) outputs.push_back(saver->id);
  for (const auto& v : additional_vars)
    if (std::find(outputs.begin(), outputs.end(), v) == outputs.end()) outputs.push_back(v);
  return written(dot_execution(with.graph(), outputs, inputs, overrides, options), path);
}

std::string display_upstream_of(const Driver& driver, const std::vector<std::string>& names,
                                const std::filesystem::path& path, const VizOptions& options) {
  return written(dot_upstream_of(driver.graph(), names, options), path);
}

std::string display_downstream_of(const Driver& driver, const std::vector<std::string>& names,
                                  const std::filesystem::path& path, const VizOptions& options) {
  return written(dot_downstream_of(driver.graph(), names, options), path);
}

std::string visualize_path_between(const Driver& driver, std::string_view upstream,
                                   std::string_view downstream, const std::filesystem::path& path,
                                   const VizOptions& options, bool strict) {
  return written(dot_path_between(driver.graph(), upstream, downstream, options, strict), path);
}

}  // namespace hamilton::tools

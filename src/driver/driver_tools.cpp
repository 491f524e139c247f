// The Driver's picture and catalog methods: thin calls into the tools layer.
#include <vector>

#include "hamilton/driver/driver.hpp"
#include "hamilton/tools/catalog.hpp"
#include "hamilton/tools/visualize.hpp"

namespace hamilton {
namespace {

std::vector<std::string> names_of(const ValueMap& values) {
  std::vector<std::string> out;
  for (const auto& [k, v] : values) out.push_back(k);
  return out;
}

std::string draw(const std::string& dot, const std::string& path) {
  if (!path.empty()) tools::write_drawing(dot, path);
  return dot;
}

}  // namespace

std::string Driver::display_all_functions(const std::string& path) const {
  return display_all_functions(path, tools::VizOptions{});
}

std::string Driver::display_all_functions(const std::string& path,
                                          const tools::VizOptions& options) const {
  return draw(tools::dot_all_functions(graph(), options), path);
}

std::string Driver::visualize_execution(const std::vector<std::string>& outputs,
                                        const std::string& path, const Inputs& inputs,
                                        const Overrides& overrides) const {
  return visualize_execution(outputs, path, inputs, overrides, tools::VizOptions{});
}

std::string Driver::visualize_execution(const std::vector<std::string>& outputs,
                                        const std::string& path, const Inputs& inputs,
                                        const Overrides& overrides,
                                        const tools::VizOptions& options) const {
  return draw(tools::dot_execution(graph(), outputs, names_of(inputs), names_of(overrides), options),
              path);
}

std::string Driver::display_upstream_of(const std::vector<std::string>& names,
                                        const std::string& path) const {
  return draw(tools::dot_upstream_of(graph(), names), path);
}

std::string Driver::display_downstream_of(const std::vector<std::string>& names,
                                          const std::string& path) const {
  return draw(tools::dot_downstream_of(graph(), names), path);
}

std::string Driver::visualize_path_between(std::string_view upstream, std::string_view downstream,
                                           const std::string& path) const {
  return draw(tools::dot_path_between(graph(), upstream, downstream), path);
}

void Driver::export_catalog(const std::string& path) const { tools::write_catalog(graph(), path); }

std::string Driver::export_execution() const { return tools::catalog_json(graph()); }

}  // namespace hamilton

// `view`: the graph, or part of it, drawn to svg, png, pdf or dot.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

namespace viz = hamilton::tools;

struct View final : Command {
  std::string out = "dag.svg";
  std::vector<std::string> outputs, inputs, overrides, up, down, around, path;
  int hops = -1;
  bool collapse = false, clusters = false, no_legend = false, hide_inputs = false, strict = false,
       show_dot = false;
  std::string layout = "dot", orient = "LR";

  viz::VizOptions options() const {
    viz::VizOptions o;
    o.hops = hops;
    o.collapse_modules = collapse;
    o.cluster_modules = clusters;
    o.show_legend = !no_legend;
    o.hide_inputs = hide_inputs;
    o.orient = orient;
    o.layout = layout == "fast"   ? viz::Layout::fast
               : layout == "sfdp" ? viz::Layout::sfdp
                                  : viz::Layout::dot;
    return o;
  }

  // The DOT text of what the options ask for.
  std::string dot(const hamilton::Graph& graph, const viz::VizOptions& o) const {
    if (!outputs.empty())
      return viz::dot_execution(graph, named_list(outputs, "outputs"), split_list(inputs),
                                split_list(overrides), o);
    if (!up.empty()) return viz::dot_upstream_of(graph, named_list(up, "upstream-of"), o);
    if (!down.empty()) return viz::dot_downstream_of(graph, named_list(down, "downstream-of"), o);
    if (!around.empty()) return viz::dot_around(graph, named_list(around, "around"), o);
    if (!path.empty()) {
      graph.variable(path[0]);  // unknown names: UnknownNodeError (exit 5)
      graph.variable(path[1]);
      try {
        return viz::dot_path_between(graph, path[0], path[1], o, strict);
      } catch (const hamilton::UnknownNodeError&) {
        throw;
      } catch (const hamilton::Error& e) {
        throw CliError(kUnknownNode, e.what());
      }
    }
    return viz::dot_all_functions(graph, o);
  }

  int run(hamilton::Driver& dr) override {
    std::string text = dot(dr.graph(), options());
    viz::write_drawing(text, out);
    if (show_dot) std::cout << text;
    std::cerr << "wrote " << out << "\n";
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_view(CLI::App& app) {
  auto c = std::make_unique<View>();
  auto* sub = c->app =
      app.add_subcommand("view", "Draw the graph (or part of it) to svg, png, pdf or dot");
  sub->add_option("-o,--output", c->out,
                  "Output file; the suffix picks the format (.svg .png .pdf .dot)")
      ->type_name("FILE")
      ->capture_default_str();
  auto* outputs = sub->add_option("--outputs", c->outputs,
                                  "Draw what computing these outputs runs (comma-separated)")
                      ->type_name("A,B");
  sub->add_option("--input-names", c->inputs, "With --outputs: the inputs that will be given")
      ->type_name("X,Y");
  sub->add_option("--overrides", c->overrides, "With --outputs: the nodes that will be overridden")
      ->type_name("X,Y");
  auto* up = sub->add_option("--upstream-of", c->up, "Draw these nodes and everything upstream")
                 ->type_name("A,B");
  auto* down =
      sub->add_option("--downstream-of", c->down, "Draw these nodes and everything downstream")
          ->type_name("A,B");
  auto* around = sub->add_option("--around", c->around,
                                 "Draw the neighbourhood (--hops, default 1) of these nodes")
                     ->type_name("A,B");
  auto* path = sub->add_option("--path", c->path, "Draw the paths from A to B")
                   ->expected(2)
                   ->type_name("A B");
  outputs->excludes(up, down, around, path);
  up->excludes(down, around, path);
  down->excludes(around, path);
  around->excludes(path);
  sub->add_option("--hops", c->hops, "At most N edges away from the named nodes")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--collapse-modules", c->collapse,
                "One node per module, edges labelled with dependency counts");
  sub->add_flag("--cluster-modules", c->clusters, "Draw each module as a box around its nodes");
  sub->add_option("--layout", c->layout, "dot (best), fast (thousands of nodes) or sfdp")
      ->capture_default_str()
      ->check(CLI::IsMember({"dot", "fast", "sfdp"}));
  sub->add_option("--orient", c->orient, "LR, TB, BT or RL")
      ->capture_default_str()
      ->check(CLI::IsMember({"LR", "TB", "BT", "RL"}));
  sub->add_flag("--no-legend", c->no_legend, "Leave the legend out");
  sub->add_flag("--hide-inputs", c->hide_inputs, "Leave external inputs out");
  sub->add_flag("--strict", c->strict, "With --path: leave the parents of path nodes out");
  sub->add_flag("--print-dot", c->show_dot, "Also print the DOT text to stdout");
  return c;
}

}  // namespace hamilton_cpp

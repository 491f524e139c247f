// `list` and `lineage`: nodes, filtered by tags or by their lineage, as a table or JSON.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

using json = nlohmann::json;

const char* role_text(hamilton::NodeRole r) {
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

json variable_json(const hamilton::Variable& v) {
  json tags = json::object();
  for (const auto& [k, values] : v.tags)
    tags[k] = values.size() == 1 ? json(values[0]) : json(values);
  return json{{"name", v.name},
              {"type", v.type_name},
              {"role", role_text(v.role)},
              {"module", v.module},
              {"documentation", v.documentation},
              {"tags", tags},
              {"required_dependencies", v.required_dependencies},
              {"optional_dependencies", v.optional_dependencies}};
}

// {"nodes": [...]}
json nodes_json(const std::vector<hamilton::Variable>& vars) {
  json arr = json::array();
  for (const auto& v : vars) arr.push_back(variable_json(v));
  return json{{"nodes", arr}};
}

void print_variables(const std::vector<hamilton::Variable>& vars, bool as_json, std::ostream& os) {
  if (as_json) {
    os << dump_json(nodes_json(vars), 2) << "\n";
    return;
  }
  std::size_t wn = 4, wt = 4, wm = 6;
  for (const auto& v : vars) {
    wn = std::max(wn, v.name.size());
    wt = std::max(wt, v.type_name.size());
    wm = std::max(wm, v.module.size());
  }
  auto left = [](const std::string& s, std::size_t w) {
    return s + std::string(w > s.size() ? w - s.size() : 0, ' ');
  };
  os << left("name", wn) << "  " << left("type", wt) << "  " << left("role", 8) << "  "
     << left("module", wm) << "  doc\n";
  for (const auto& v : vars)
    os << left(v.name, wn) << "  " << left(v.type_name, wt) << "  " << left(role_text(v.role), 8)
       << "  " << left(v.module.empty() ? "-" : v.module, wm) << "  " << v.documentation << "\n";
}

struct List final : Command {
  std::vector<std::string> tags;
  bool as_json = false;
  std::string role;

  int run(hamilton::Driver& dr) override {
    auto vars = dr.graph().variables(parse_tags(tags));
    if (!role.empty())
      vars.erase(
          std::remove_if(vars.begin(), vars.end(),
                         [&](const hamilton::Variable& v) { return role != role_text(v.role); }),
          vars.end());
    std::sort(vars.begin(), vars.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    print_variables(vars, as_json, std::cout);
    return kOk;
  }
};

struct Lineage final : Command {
  std::vector<std::string> up, down, path, tagged_up, tagged_down, keep, outputs;
  bool as_json = false;

  // The nodes the query selects, kept by the --tag filter.
  std::vector<hamilton::Variable> nodes(const hamilton::Graph& graph) const {
    auto kept = parse_tags(keep);
    if (!up.empty())
      return hamilton::lineage::upstream_of(graph, named_list(up, "upstream-of"), kept);
    if (!down.empty())
      return hamilton::lineage::downstream_of(graph, named_list(down, "downstream-of"), kept);
    if (!path.empty()) {
      auto vars = hamilton::lineage::path_between(graph, path[0], path[1], kept);
      if (vars.empty() && kept.empty())
        throw CliError(kUnknownNode, "there is no path from `" + path[0] + "` to `" + path[1] +
                                         "`; try the other direction");
      return vars;
    }
    if (!tagged_up.empty())
      return hamilton::lineage::upstream_of_tagged(graph, parse_tags(tagged_up), kept);
    if (!tagged_down.empty())
      return hamilton::lineage::downstream_of_tagged(graph, parse_tags(tagged_down), kept);
    throw CliError(kUsage,
                   "lineage needs one of --upstream-of, --downstream-of, --path, "
                   "--upstream-of-tagged or --downstream-of-tagged");
  }

  // Which of --outputs change when the nodes of --downstream-of(-tagged) change.
  std::vector<std::string> affected(const hamilton::Graph& graph) const {
    std::vector<std::string> changed;
    if (!down.empty())
      changed = named_list(down, "downstream-of");
    else if (!tagged_down.empty())
      for (const auto& v : graph.variables(parse_tags(tagged_down))) changed.push_back(v.name);
    else
      throw CliError(kUsage,
                     "--outputs goes with --downstream-of or --downstream-of-tagged: "
                     "it tells which outputs change when those nodes change");
    return hamilton::lineage::outputs_affected_by(graph, changed, named_list(outputs, "outputs"));
  }

  int run(hamilton::Driver& dr) override {
    const hamilton::Graph& graph = dr.graph();
    auto vars = nodes(graph);
    bool with_outputs = !outputs.empty();
    std::vector<std::string> affected_outputs;
    if (with_outputs) affected_outputs = affected(graph);
    if (as_json) {
      auto out = nodes_json(vars);
      if (with_outputs) out["affected_outputs"] = affected_outputs;
      std::cout << dump_json(out, 2) << "\n";
      return kOk;
    }
    print_variables(vars, false, std::cout);
    if (with_outputs) {
      std::cout << "\naffected outputs:";
      if (affected_outputs.empty()) std::cout << " (none)";
      for (const auto& a : affected_outputs) std::cout << " " << a;
      std::cout << "\n";
    }
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_list(CLI::App& app) {
  auto c = std::make_unique<List>();
  c->app = app.add_subcommand("list", "List nodes with type, role, module and doc");
  c->app
      ->add_option("-t,--tag", c->tags,
                   "Tag filter key=value, key=a|b (any of) or key (has the tag); repeatable, ANDed")
      ->type_name("K=V");
  c->app->add_option("--role", c->role, "Only nodes of this role")
      ->check(CLI::IsMember({"function", "input", "config"}));
  c->app->add_flag("--json", c->as_json, "Print JSON");
  return c;
}

std::unique_ptr<Command> add_lineage(CLI::App& app) {
  auto c = std::make_unique<Lineage>();
  auto* sub = c->app =
      app.add_subcommand("lineage", "Upstream / downstream / path queries, with tag filters");
  auto* up =
      sub->add_option("--upstream-of", c->up, "Nodes these depend on (included)")->type_name("A,B");
  auto* down = sub->add_option("--downstream-of", c->down, "Nodes that depend on these (included)")
                   ->type_name("A,B");
  auto* path = sub->add_option("--path", c->path, "Nodes on the paths from A to B")
                   ->expected(2)
                   ->type_name("A B");
  auto* tagged_up = sub->add_option("--upstream-of-tagged", c->tagged_up,
                                    "Upstream of every node with these tags")
                        ->type_name("K=V");
  auto* tagged_down = sub->add_option("--downstream-of-tagged", c->tagged_down,
                                      "Downstream of every node with these tags (e.g. pii=true)")
                          ->type_name("K=V");
  up->excludes(down, path, tagged_up, tagged_down);
  down->excludes(path, tagged_up, tagged_down);
  path->excludes(tagged_up, tagged_down);
  tagged_up->excludes(tagged_down);
  sub->add_option("-t,--tag", c->keep, "Keep only result nodes with these tags")->type_name("K=V");
  sub->add_option("--outputs", c->outputs,
                  "With --downstream-of: report which of these outputs are affected")
      ->type_name("A,B");
  sub->add_flag("--json", c->as_json, "Print JSON");
  return c;
}

}  // namespace hamilton_cpp

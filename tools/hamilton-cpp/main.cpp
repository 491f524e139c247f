// hamilton-cpp: the command line over module libraries (shared libraries of NODEs).
//
//   hamilton-cpp list     --module lib.so [--tag k=v] [--json]
//   hamilton-cpp view     --module lib.so -o dag.svg [--outputs a,b | --upstream-of a | ...]
//   hamilton-cpp lineage  --module lib.so --downstream-of spend [--json]
//   hamilton-cpp validate --module lib.so --outputs a,b --input-names x,y
//   hamilton-cpp run      --module lib.so --outputs a,b --input x=1
//   hamilton-cpp catalog  --module lib.so -o catalog.html
//
// Exit codes (docs/cli.md): 0 ok, 1 internal error, 2 usage, 3 module library, 4 graph,
// 5 unknown node / no path, 6 request cannot be computed, 7 a node failed, 8 cannot write
// output, 9 cannot read an input or config file.
#include <CLI/CLI.hpp>
#include <hamilton/hamilton.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using json = nlohmann::json;

enum Exit : int {
  kOk = 0,
  kInternal = 1,
  kUsage = 2,
  kModuleLibrary = 3,
  kGraph = 4,
  kUnknownNode = 5,
  kRequest = 6,
  kExecution = 7,
  kOutputFile = 8,
  kInputFile = 9,
};

/// An error the CLI reports with a given exit code.
struct CliError : std::runtime_error {
  CliError(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;
};

// ---- parsing values --------------------------------------------------------------------------

std::optional<double> as_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    double d = std::stod(s, &used);
    if (used == s.size()) return d;
  } catch (...) {
  }
  return std::nullopt;
}

hamilton::Value from_json(const json& j, const std::string& name) {
  if (j.is_number()) return j.get<double>();
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_array()) {
    if (std::all_of(j.begin(), j.end(), [](const json& e) { return e.is_number(); })) {
      std::vector<double> v;
      for (const auto& e : j) v.push_back(e.get<double>());
      return v;
    }
    if (std::all_of(j.begin(), j.end(), [](const json& e) { return e.is_string(); })) {
      std::vector<std::string> v;
      for (const auto& e : j) v.push_back(e.get<std::string>());
      return v;
    }
  }
  throw CliError(kInputFile, "value of `" + name + "` is " + j.dump() +
                                 ": give a number, a string, a bool, or a list of numbers or of "
                                 "strings");
}

// `k=v`: a number becomes a double, `[...]` is read as JSON (a list of numbers becomes a
// std::vector<double>), anything else is a std::string.
std::pair<std::string, hamilton::Value> parse_assignment(const std::string& text, const char* what) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw CliError(kUsage, std::string("--") + what + " `" + text +
                               "` is not of the form name=value; write e.g. --" + what + " x=1.5");
  std::string name = text.substr(0, eq), raw = text.substr(eq + 1);
  if (auto d = as_number(raw)) return {name, *d};
  if (!raw.empty() && raw.front() == '[') {
    json j = json::parse(raw, nullptr, false);
    if (!j.is_discarded()) {
      try {
        return {name, from_json(j, name)};
      } catch (const CliError& e) {
        throw CliError(kUsage, e.what());
      }
    }
  }
  return {name, raw};
}

hamilton::ValueMap read_json_values(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in)
    throw CliError(kInputFile, std::string("cannot read ") + what + " file `" + path +
                                   "`: it does not exist or is not readable");
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw CliError(kInputFile, std::string(what) + " file `" + path +
                                   "` is not a JSON object; write {\"name\": value, ...}");
  hamilton::ValueMap out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    try {
      out[it.key()] = from_json(it.value(), it.key());
    } catch (const CliError& e) {
      throw CliError(kInputFile, std::string(what) + " file `" + path + "`: " + e.what());
    }
  }
  return out;
}

std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    std::stringstream ss(item);
    std::string part;
    while (std::getline(ss, part, ','))
      if (!part.empty()) out.push_back(part);
  }
  return out;
}

// `--tag k=v` exact value, `--tag k=a|b` any of, `--tag k` has the tag.
hamilton::TagFilter parse_tags(const std::vector<std::string>& tags) {
  hamilton::TagFilter filter;
  for (const auto& t : tags) {
    auto eq = t.find('=');
    if (eq == 0) throw CliError(kUsage, "--tag `" + t + "` has no key; write --tag key=value");
    if (eq == std::string::npos) {
      filter.insert_or_assign(t, hamilton::TagMatch::any());
      continue;
    }
    std::string key = t.substr(0, eq), values = t.substr(eq + 1);
    std::vector<std::string> alternatives;
    std::stringstream ss(values);
    std::string v;
    while (std::getline(ss, v, '|')) alternatives.push_back(v);
    if (alternatives.size() <= 1) filter.insert_or_assign(key, hamilton::TagMatch(values));
    else filter.insert_or_assign(key, hamilton::TagMatch(alternatives));
  }
  return filter;
}

// ---- printing values ---------------------------------------------------------------------

std::string format_double(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", d);
  return buf;
}

std::optional<std::string> scalar_text(const hamilton::Value& v) {
  if (auto* d = v.get_if<double>()) return format_double(*d);
  if (auto* f = v.get_if<float>()) return format_double(*f);
  if (auto* i = v.get_if<int>()) return std::to_string(*i);
  if (auto* l = v.get_if<long>()) return std::to_string(*l);
  if (auto* ll = v.get_if<long long>()) return std::to_string(*ll);
  if (auto* b = v.get_if<bool>()) return std::string(*b ? "true" : "false");
  if (auto* s = v.get_if<std::string>()) return *s;
  if (v.type().is_arithmetic()) return format_double(v.type().to_double(v.data()));
  return std::nullopt;
}

std::optional<std::vector<std::string>> column_text(const hamilton::Value& v) {
  std::vector<std::string> out;
  if (auto* d = v.get_if<std::vector<double>>()) {
    for (double x : *d) out.push_back(format_double(x));
    return out;
  }
  if (auto* i = v.get_if<std::vector<int>>()) {
    for (int x : *i) out.push_back(std::to_string(x));
    return out;
  }
  if (auto* l = v.get_if<std::vector<std::int64_t>>()) {
    for (auto x : *l) out.push_back(std::to_string(x));
    return out;
  }
  if (auto* s = v.get_if<std::vector<std::string>>()) return *s;
  return std::nullopt;
}

json value_json(const hamilton::Value& v) {
  if (auto* s = v.get_if<hamilton::Series>()) {
    json out = json::array();
    for (std::size_t i = 0; i < s->size(); ++i) {
      if (s->is_missing(i)) out.push_back(nullptr);
      else if (s->dtype() == hamilton::DType::float64) out.push_back(s->at<double>(i));
      else if (s->dtype() == hamilton::DType::int64) out.push_back(s->at<std::int64_t>(i));
      else if (s->dtype() == hamilton::DType::boolean) out.push_back(s->at<bool>(i));
      else out.push_back(s->to_string_at(i));
    }
    return out;
  }
  if (auto* d = v.get_if<double>()) return *d;
  if (auto* b = v.get_if<bool>()) return *b;
  if (auto* s = v.get_if<std::string>()) return *s;
  if (v.type().is_arithmetic()) return v.type().to_double(v.data());
  if (auto* d = v.get_if<std::vector<double>>()) return *d;
  if (auto* i = v.get_if<std::vector<int>>()) return *i;
  if (auto* l = v.get_if<std::vector<std::int64_t>>()) return *l;
  if (auto* s = v.get_if<std::vector<std::string>>()) return *s;
  return json{{"type", v.type().name()}, {"printable", false}};
}

std::string pad(const std::string& s, std::size_t w) {
  return s.size() >= w ? s : std::string(w - s.size(), ' ') + s;
}

// Converts values read from the command line or files to the type the graph expects for
// them: lists become hamilton::Series where a node takes a Series, a double becomes the
// integer or float type a node takes when it converts without loss.
void adapt_to_graph(const hamilton::Graph& graph, hamilton::ValueMap& values) {
  for (auto& [name, value] : values) {
    if (!graph.contains(name)) continue;
    const hamilton::TypeInfo& want = *graph.variable(name).type;
    if (value.type() == want) continue;
    if (want == hamilton::TypeInfo::of<hamilton::Series>()) {
      if (auto* d = value.get_if<std::vector<double>>()) value = hamilton::Series(*d, name);
      else if (auto* s = value.get_if<std::vector<std::string>>()) value = hamilton::Series(*s, name);
      continue;
    }
    if (want.is_arithmetic() && value.type().is_arithmetic()) {
      double x = value.type().to_double(value.data());
      hamilton::Value converted = want.from_double(x);
      if (want.to_double(converted.data()) == x) value = converted;
    }
  }
}

// Every output is a Series or a scalar: they print as one frame, like pandas.
std::optional<hamilton::DataFrame> as_frame(const hamilton::Outputs& outputs) {
  bool any_series = false;
  for (const auto& v : outputs.values()) {
    if (v.is<hamilton::Series>()) any_series = true;
    else if (!v.type().is_arithmetic() && !v.is<std::string>()) return std::nullopt;
  }
  if (!any_series) return std::nullopt;
  try {
    return hamilton::DataFrameResult([](const std::string& w) { std::cerr << "warning: " << w << "\n"; })
        .build_frame(outputs);
  } catch (const hamilton::Error&) {
    return std::nullopt;
  }
}

void print_outputs(const hamilton::Outputs& outputs, std::ostream& os) {
  if (auto frame = as_frame(outputs)) {
    os << frame->to_string() << "\n";
    return;
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> columns;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& name = outputs.names()[i];
    const auto& v = outputs.at(name);
    if (auto s = scalar_text(v)) {
      os << name << " = " << *s << "\n";
    } else if (auto c = column_text(v)) {
      columns.emplace_back(name, std::move(*c));
    } else {
      os << name << " = <" << v.type().name() << ">\n";
    }
  }
  if (columns.empty()) return;
  std::size_t rows = 0;
  for (const auto& [n, c] : columns) rows = std::max(rows, c.size());
  std::vector<std::size_t> width;
  std::size_t index_width = std::to_string(rows == 0 ? 0 : rows - 1).size();
  for (const auto& [n, c] : columns) {
    std::size_t w = n.size();
    for (const auto& cell : c) w = std::max(w, cell.size());
    width.push_back(w);
  }
  os << std::string(index_width, ' ');
  for (std::size_t k = 0; k < columns.size(); ++k) os << "  " << pad(columns[k].first, width[k]);
  os << "\n";
  for (std::size_t r = 0; r < rows; ++r) {
    os << pad(std::to_string(r), index_width);
    for (std::size_t k = 0; k < columns.size(); ++k)
      os << "  " << pad(r < columns[k].second.size() ? columns[k].second[r] : "", width[k]);
    os << "\n";
  }
}

const char* role_text(hamilton::NodeRole r) {
  switch (r) {
    case hamilton::NodeRole::function: return "function";
    case hamilton::NodeRole::input: return "input";
    case hamilton::NodeRole::config: return "config";
  }
  return "function";
}

json variable_json(const hamilton::Variable& v) {
  json tags = json::object();
  for (const auto& [k, values] : v.tags) tags[k] = values.size() == 1 ? json(values[0]) : json(values);
  return json{{"name", v.name},
              {"type", v.type_name},
              {"role", role_text(v.role)},
              {"module", v.module},
              {"documentation", v.documentation},
              {"tags", tags},
              {"required_dependencies", v.required_dependencies},
              {"optional_dependencies", v.optional_dependencies}};
}

void print_variables(const std::vector<hamilton::Variable>& vars, bool as_json, std::ostream& os) {
  if (as_json) {
    json arr = json::array();
    for (const auto& v : vars) arr.push_back(variable_json(v));
    os << json{{"nodes", arr}}.dump(2) << "\n";
    return;
  }
  std::size_t wn = 4, wt = 4, wm = 6;
  for (const auto& v : vars) {
    wn = std::max(wn, v.name.size());
    wt = std::max(wt, v.type_name.size());
    wm = std::max(wm, v.module.size());
  }
  auto left = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  os << left("name", wn) << "  " << left("type", wt) << "  " << left("role", 8) << "  "
     << left("module", wm) << "  doc\n";
  for (const auto& v : vars)
    os << left(v.name, wn) << "  " << left(v.type_name, wt) << "  " << left(role_text(v.role), 8)
       << "  " << left(v.module.empty() ? "-" : v.module, wm) << "  " << v.documentation << "\n";
}

// ---- the driver ----------------------------------------------------------------------------

struct Global {
  std::vector<std::string> modules;
  std::vector<std::string> config;
  std::string config_file;
};

hamilton::Driver build_driver(const Global& g) {
  if (g.modules.empty())
    throw CliError(kModuleLibrary,
                   "no module library given; pass one or more with --module path/to/module.so "
                   "(build it with hamilton_add_module(<name> SHARED SOURCES ...))");
  hamilton::Config config;
  if (!g.config_file.empty()) config = read_json_values(g.config_file, "config");
  for (const auto& c : g.config) {
    auto [k, v] = parse_assignment(c, "config");
    config[k] = v;
  }
  hamilton::Builder b;
  for (const auto& m : g.modules) b.with_module_library(m);
  b.with_config(config);
  return b.build();
}

// ---- errors to exit codes ------------------------------------------------------------------

int report(const std::exception& e) {
  if (auto* c = dynamic_cast<const CliError*>(&e)) {
    std::cerr << "error: " << c->what() << "\n";
    return c->code;
  }
  if (auto* ge = dynamic_cast<const hamilton::GraphError*>(&e)) {
    bool library = false;
    for (const auto& p : ge->problems())
      if (p.code == hamilton::ErrorCode::module_library_missing ||
          p.code == hamilton::ErrorCode::module_library_load ||
          p.code == hamilton::ErrorCode::module_library_empty ||
          p.code == hamilton::ErrorCode::no_modules)
        library = true;
    std::cerr << "error: " << ge->what() << "\n";
    if (library)
      std::cerr << "hint: check the --module paths; each must be a shared library built with "
                   "hamilton_add_module(<name> SHARED ...)\n";
    else
      std::cerr << "hint: fix the node definitions above (or pass --config values they need)\n";
    return library ? kModuleLibrary : kGraph;
  }
  if (auto* u = dynamic_cast<const hamilton::UnknownNodeError*>(&e)) {
    std::cerr << "error: " << u->what() << "\n"
              << "hint: `hamilton-cpp list --module ...` shows every node\n";
    return kUnknownNode;
  }
  if (auto* ie = dynamic_cast<const hamilton::InputError*>(&e)) {
    std::cerr << "error: " << ie->what() << "\n";
    return kRequest;
  }
  if (auto* ee = dynamic_cast<const hamilton::ExecutionError*>(&e)) {
    std::cerr << "error: " << ee->what() << "\n";
    return kExecution;
  }
  if (dynamic_cast<const hamilton::tools::DrawingError*>(&e) ||
      dynamic_cast<const hamilton::tools::CatalogError*>(&e)) {
    std::cerr << "error: " << e.what() << "\n";
    return kOutputFile;
  }
  std::cerr << "error: " << e.what() << "\n";
  return kInternal;
}

void write_text(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw CliError(kOutputFile, "cannot write `" + path + "`; check that the folder exists and is writable");
  out << text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "hamilton-cpp: look at, check and run Hamilton dataflows built as module libraries.\n"
      "Give module libraries (shared libraries built with hamilton_add_module(<name> SHARED ...))\n"
      "with --module; --module and --config may come before or after the command.\n"
      "Exit codes: 0 ok, 1 internal error, 2 usage, 3 module library, 4 graph, 5 unknown node or\n"
      "no path, 6 request cannot be computed, 7 a node failed, 8 cannot write output, 9 cannot\n"
      "read an input or config file (docs/cli.md).",
      "hamilton-cpp"};
  app.set_version_flag("--version", std::string("hamilton-cpp ") + hamilton::version());
  app.require_subcommand(1);
  app.fallthrough();
  Global global;
  app.add_option("-m,--module", global.modules, "Module library (.so) to load; repeatable")->type_name("PATH");
  app.add_option("-c,--config", global.config,
                 "Config value name=value (numbers become double, else string); repeatable")
      ->type_name("K=V");
  app.add_option("--config-file", global.config_file, "Config values from a JSON object file")
      ->type_name("FILE.json");

  // list
  auto* list = app.add_subcommand("list", "List nodes with type, role, module and doc");
  std::vector<std::string> list_tags;
  bool list_json = false;
  std::string list_role;
  list->add_option("-t,--tag", list_tags, "Tag filter key=value, key=a|b (any of) or key (has the tag); repeatable, ANDed")
      ->type_name("K=V");
  list->add_option("--role", list_role, "Only nodes of this role")->check(CLI::IsMember({"function", "input", "config"}));
  list->add_flag("--json", list_json, "Print JSON");

  // view
  auto* view = app.add_subcommand("view", "Draw the graph (or part of it) to svg, png, pdf or dot");
  std::string view_out = "dag.svg";
  std::vector<std::string> view_outputs, view_inputs, view_overrides, view_up, view_down, view_around, view_path;
  int view_hops = -1;
  bool collapse = false, clusters = false, no_legend = false, hide_inputs = false, strict = false,
       show_dot = false;
  std::string layout = "dot", orient = "LR";
  view->add_option("-o,--output", view_out, "Output file; the suffix picks the format (.svg .png .pdf .dot)")
      ->type_name("FILE")
      ->capture_default_str();
  auto* o_outputs = view->add_option("--outputs", view_outputs, "Draw what computing these outputs runs (comma-separated)")->type_name("A,B");
  view->add_option("--input-names", view_inputs, "With --outputs: the inputs that will be given")->type_name("X,Y");
  view->add_option("--overrides", view_overrides, "With --outputs: the nodes that will be overridden")->type_name("X,Y");
  auto* o_up = view->add_option("--upstream-of", view_up, "Draw these nodes and everything upstream")->type_name("A,B");
  auto* o_down = view->add_option("--downstream-of", view_down, "Draw these nodes and everything downstream")->type_name("A,B");
  auto* o_around = view->add_option("--around", view_around, "Draw the neighbourhood (--hops, default 1) of these nodes")->type_name("A,B");
  auto* o_path = view->add_option("--path", view_path, "Draw the paths from A to B")->expected(2)->type_name("A B");
  o_outputs->excludes(o_up, o_down, o_around, o_path);
  o_up->excludes(o_down, o_around, o_path);
  o_down->excludes(o_around, o_path);
  o_around->excludes(o_path);
  view->add_option("--hops", view_hops, "At most N edges away from the named nodes")->check(CLI::NonNegativeNumber);
  view->add_flag("--collapse-modules", collapse, "One node per module, edges labelled with dependency counts");
  view->add_flag("--cluster-modules", clusters, "Draw each module as a box around its nodes");
  view->add_option("--layout", layout, "dot (best), fast (thousands of nodes) or sfdp")
      ->capture_default_str()
      ->check(CLI::IsMember({"dot", "fast", "sfdp"}));
  view->add_option("--orient", orient, "LR, TB, BT or RL")->capture_default_str()->check(CLI::IsMember({"LR", "TB", "BT", "RL"}));
  view->add_flag("--no-legend", no_legend, "Leave the legend out");
  view->add_flag("--hide-inputs", hide_inputs, "Leave external inputs out");
  view->add_flag("--strict", strict, "With --path: leave the parents of path nodes out");
  view->add_flag("--print-dot", show_dot, "Also print the DOT text to stdout");

  // lineage
  auto* lineage = app.add_subcommand("lineage", "Upstream / downstream / path queries, with tag filters");
  std::vector<std::string> lin_up, lin_down, lin_path, lin_tagged_up, lin_tagged_down, lin_keep, lin_outputs;
  bool lin_json = false;
  auto* l_up = lineage->add_option("--upstream-of", lin_up, "Nodes these depend on (included)")->type_name("A,B");
  auto* l_down = lineage->add_option("--downstream-of", lin_down, "Nodes that depend on these (included)")->type_name("A,B");
  auto* l_path = lineage->add_option("--path", lin_path, "Nodes on the paths from A to B")->expected(2)->type_name("A B");
  auto* l_tup = lineage->add_option("--upstream-of-tagged", lin_tagged_up, "Upstream of every node with these tags")->type_name("K=V");
  auto* l_tdown = lineage->add_option("--downstream-of-tagged", lin_tagged_down, "Downstream of every node with these tags (e.g. pii=true)")->type_name("K=V");
  l_up->excludes(l_down, l_path, l_tup, l_tdown);
  l_down->excludes(l_path, l_tup, l_tdown);
  l_path->excludes(l_tup, l_tdown);
  l_tup->excludes(l_tdown);
  lineage->add_option("-t,--tag", lin_keep, "Keep only result nodes with these tags")->type_name("K=V");
  lineage->add_option("--outputs", lin_outputs, "With --downstream-of: report which of these outputs are affected")->type_name("A,B");
  lineage->add_flag("--json", lin_json, "Print JSON");

  // validate
  auto* validate = app.add_subcommand("validate", "Check that outputs can be computed from the given input names and config");
  std::vector<std::string> val_outputs, val_inputs, val_overrides;
  validate->add_option("--outputs", val_outputs, "Outputs to compute (comma-separated)")->required()->type_name("A,B");
  validate->add_option("--input-names", val_inputs, "Inputs that will be given")->type_name("X,Y");
  validate->add_option("--overrides", val_overrides, "Nodes that will be overridden")->type_name("X,Y");

  // run
  auto* run = app.add_subcommand("run", "Execute outputs and print them (or write JSON)");
  std::vector<std::string> run_outputs, run_inputs, run_overrides;
  std::string run_inputs_file, run_json_out;
  bool run_json = false;
  run->add_option("--outputs", run_outputs, "Outputs to compute (comma-separated)")->required()->type_name("A,B");
  run->add_option("-i,--input", run_inputs, "Input name=value: a number (double), [1,2,3] (std::vector<double>) or text (std::string); repeatable")->type_name("K=V");
  run->add_option("--inputs-file", run_inputs_file, "Inputs from a JSON object file")->type_name("FILE.json");
  std::string run_csv, run_csv_out;
  run->add_option("--csv", run_csv, "Inputs from a CSV file: each column that names an input becomes a Series")->type_name("FILE.csv");
  run->add_option("--csv-out", run_csv_out, "Write the outputs as a CSV file (outputs must make a frame)")->type_name("FILE.csv");
  run->add_option("--override", run_overrides, "Override name=value; repeatable")->type_name("K=V");
  run->add_flag("--json", run_json, "Print the outputs as JSON");
  run->add_option("--json-out", run_json_out, "Write the outputs as JSON to this file")->type_name("FILE");

  // catalog
  auto* catalog = app.add_subcommand("catalog", "Write the catalog of every node: markdown, html or json");
  std::string cat_format, cat_out, cat_title = "Feature catalog";
  catalog->add_option("-f,--format", cat_format, "markdown, html or json (default: from -o's suffix, else markdown)")
      ->check(CLI::IsMember({"markdown", "md", "html", "json"}));
  catalog->add_option("-o,--output", cat_out, "Output file (default: stdout)")->type_name("FILE");
  catalog->add_option("--title", cat_title, "Title of the markdown/html document")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    if (code == 0) return kOk;  // --help
    std::cerr << "Run with --help to see the options.\n";
    return kUsage;
  }

  try {
    hamilton::Driver dr = build_driver(global);
    const hamilton::Graph& graph = dr.graph();

    if (list->parsed()) {
      auto vars = graph.variables(parse_tags(list_tags));
      if (!list_role.empty())
        vars.erase(std::remove_if(vars.begin(), vars.end(),
                                  [&](const hamilton::Variable& v) { return list_role != role_text(v.role); }),
                   vars.end());
      std::sort(vars.begin(), vars.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
      print_variables(vars, list_json, std::cout);
      return kOk;
    }

    if (view->parsed()) {
      hamilton::tools::VizOptions o;
      o.hops = view_hops;
      o.collapse_modules = collapse;
      o.cluster_modules = clusters;
      o.show_legend = !no_legend;
      o.hide_inputs = hide_inputs;
      o.orient = orient;
      o.layout = layout == "fast"   ? hamilton::tools::Layout::fast
                 : layout == "sfdp" ? hamilton::tools::Layout::sfdp
                                    : hamilton::tools::Layout::dot;
      std::string dot;
      if (!view_outputs.empty()) {
        dot = hamilton::tools::dot_execution(graph, split_list(view_outputs), split_list(view_inputs),
                                             split_list(view_overrides), o);
      } else if (!view_up.empty()) {
        dot = hamilton::tools::dot_upstream_of(graph, split_list(view_up), o);
      } else if (!view_down.empty()) {
        dot = hamilton::tools::dot_downstream_of(graph, split_list(view_down), o);
      } else if (!view_around.empty()) {
        dot = hamilton::tools::dot_around(graph, split_list(view_around), o);
      } else if (!view_path.empty()) {
        graph.variable(view_path[0]);  // unknown names: UnknownNodeError (exit 5)
        graph.variable(view_path[1]);
        try {
          dot = hamilton::tools::dot_path_between(graph, view_path[0], view_path[1], o, strict);
        } catch (const hamilton::UnknownNodeError&) {
          throw;
        } catch (const hamilton::Error& e) {
          throw CliError(kUnknownNode, e.what());
        }
      } else {
        dot = hamilton::tools::dot_all_functions(graph, o);
      }
      hamilton::tools::write_drawing(dot, view_out);
      if (show_dot) std::cout << dot;
      std::cerr << "wrote " << view_out << "\n";
      return kOk;
    }

    if (lineage->parsed()) {
      auto keep = parse_tags(lin_keep);
      std::vector<hamilton::Variable> vars;
      std::string what;
      if (!lin_up.empty()) {
        vars = hamilton::lineage::upstream_of(graph, split_list(lin_up), keep);
      } else if (!lin_down.empty()) {
        vars = hamilton::lineage::downstream_of(graph, split_list(lin_down), keep);
      } else if (!lin_path.empty()) {
        vars = hamilton::lineage::path_between(graph, lin_path[0], lin_path[1], keep);
        if (vars.empty() && keep.empty())
          throw CliError(kUnknownNode, "there is no path from `" + lin_path[0] + "` to `" +
                                           lin_path[1] + "`; try the other direction");
      } else if (!lin_tagged_up.empty()) {
        vars = hamilton::lineage::upstream_of_tagged(graph, parse_tags(lin_tagged_up), keep);
      } else if (!lin_tagged_down.empty()) {
        vars = hamilton::lineage::downstream_of_tagged(graph, parse_tags(lin_tagged_down), keep);
      } else {
        throw CliError(kUsage, "lineage needs one of --upstream-of, --downstream-of, --path, "
                               "--upstream-of-tagged or --downstream-of-tagged");
      }
      std::vector<std::string> affected;
      bool with_outputs = !lin_outputs.empty();
      if (with_outputs) {
        std::vector<std::string> changed;
        if (!lin_down.empty()) changed = split_list(lin_down);
        else if (!lin_tagged_down.empty())
          for (const auto& v : graph.variables(parse_tags(lin_tagged_down))) changed.push_back(v.name);
        else
          throw CliError(kUsage, "--outputs goes with --downstream-of or --downstream-of-tagged: "
                                 "it tells which outputs change when those nodes change");
        affected = hamilton::lineage::outputs_affected_by(graph, changed, split_list(lin_outputs));
      }
      if (lin_json) {
        json arr = json::array();
        for (const auto& v : vars) arr.push_back(variable_json(v));
        json out{{"nodes", arr}};
        if (with_outputs) out["affected_outputs"] = affected;
        std::cout << out.dump(2) << "\n";
      } else {
        print_variables(vars, false, std::cout);
        if (with_outputs) {
          std::cout << "\naffected outputs:";
          if (affected.empty()) std::cout << " (none)";
          for (const auto& a : affected) std::cout << " " << a;
          std::cout << "\n";
        }
      }
      return kOk;
    }

    if (validate->parsed()) {
      std::vector<hamilton::Problem> problems;
      auto outputs = split_list(val_outputs);
      try {
        dr.compile(outputs, split_list(val_inputs), split_list(val_overrides));
      } catch (const hamilton::InputError& e) {
        std::cerr << "cannot compute the outputs (" << e.problems().size() << " problem"
                  << (e.problems().size() == 1 ? "" : "s") << "):\n";
        for (const auto& p : e.problems()) std::cerr << "  - " << p.to_string() << "\n";
        return kRequest;
      }
      std::cout << "ok: " << outputs.size() << " output" << (outputs.size() == 1 ? "" : "s")
                << " can be computed\n";
      return kOk;
    }

    if (run->parsed()) {
      hamilton::Inputs inputs;
      if (!run_csv.empty()) {
        hamilton::DataFrame df;
        try {
          df = hamilton::read_csv(run_csv);
        } catch (const hamilton::Error& e) {
          throw CliError(kInputFile, std::string("cannot read CSV inputs: ") + e.what());
        }
        for (const auto& column : df.column_names()) {
          if (graph.contains(column) && graph.variable(column).is_external_input) {
            inputs[column] = df[column];
          } else {
            std::cerr << "note: CSV column `" << column << "` is not an input of the graph; not used\n";
          }
        }
      }
      if (!run_inputs_file.empty())
        for (auto& [k, v] : read_json_values(run_inputs_file, "inputs")) inputs[k] = v;
      for (const auto& s : run_inputs) {
        auto [k, v] = parse_assignment(s, "input");
        inputs[k] = v;
      }
      hamilton::Overrides overrides;
      for (const auto& s : run_overrides) {
        auto [k, v] = parse_assignment(s, "override");
        overrides[k] = v;
      }
      adapt_to_graph(graph, inputs);
      adapt_to_graph(graph, overrides);
      auto result = dr.execute(split_list(run_outputs), inputs, overrides);
      if (!run_csv_out.empty()) {
        auto frame = as_frame(result.outputs());
        if (!frame)
          throw CliError(kUsage, "--csv-out: the outputs do not make a frame (only Series and scalars do); "
                                  "use --json-out instead");
        std::ostringstream csv;
        hamilton::write_csv(*frame, csv);
        write_text(csv.str(), run_csv_out);
      }
      if (run_json || !run_json_out.empty()) {
        json out = json::object();
        for (const auto& name : result.names()) out[name] = value_json(result.at(name));
        if (run_json) std::cout << out.dump(2) << "\n";
        if (!run_json_out.empty()) write_text(out.dump(2) + "\n", run_json_out);
      }
      if (!run_json) print_outputs(result.outputs(), std::cout);
      return kOk;
    }

    if (catalog->parsed()) {
      std::string format = cat_format;
      if (format.empty() && !cat_out.empty()) {
        auto dot = cat_out.rfind('.');
        std::string suffix = dot == std::string::npos ? "" : cat_out.substr(dot + 1);
        if (suffix == "html" || suffix == "htm") format = "html";
        else if (suffix == "json") format = "json";
        else if (suffix == "md" || suffix == "markdown") format = "markdown";
        else
          throw CliError(kUsage, "cannot tell the catalog format from `" + cat_out +
                                     "`; give --format markdown|html|json or a .md/.html/.json file");
      }
      if (format.empty() || format == "md") format = "markdown";
      std::string text = format == "html"   ? hamilton::tools::catalog_html(graph, cat_title)
                         : format == "json" ? hamilton::tools::catalog_json(graph)
                                            : hamilton::tools::catalog_markdown(graph, cat_title);
      write_text(text, cat_out);
      if (!cat_out.empty()) std::cerr << "wrote " << cat_out << "\n";
      return kOk;
    }
  } catch (const std::exception& e) {
    return report(e);
  }
  return kInternal;
}

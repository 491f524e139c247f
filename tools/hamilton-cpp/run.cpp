// `validate` and `run`: whether outputs can be computed, and computing them: the outputs
// printed as a frame, as columns or as JSON, or written as CSV or JSON.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "cli.hpp"

namespace hamilton_cpp {
namespace {

using json = nlohmann::json;

// ---- printing values -------------------------------------------------------------------------

std::string format_double(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", d);
  return buf;
}

// A number as JSON: integers exactly (not through a double), bools as bools.
std::optional<json> number_json(const hamilton::Value& v) {
  std::optional<json> out;
  visit_number(Numbers{}, v.type(), [&]<class T>(std::type_identity<T>) {
    const T& x = v.get<T>();
    if constexpr (std::is_same_v<T, bool>)
      out = x;
    else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
      out = static_cast<std::int64_t>(x);
    else if constexpr (std::is_integral_v<T>)
      out = static_cast<std::uint64_t>(x);
    else
      out = static_cast<double>(x);
  });
  return out;
}

std::optional<std::string> scalar_text(const hamilton::Value& v) {
  if (auto* s = v.get_if<std::string>()) return *s;
  if (auto j = number_json(v)) {
    if (j->is_number_float()) return format_double(j->get<double>());
    return j->dump();
  }
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
      if (s->is_missing(i))
        out.push_back(nullptr);
      else if (s->dtype() == hamilton::DType::float64)
        out.push_back(s->at<double>(i));
      else if (s->dtype() == hamilton::DType::int64)
        out.push_back(s->at<std::int64_t>(i));
      else if (s->dtype() == hamilton::DType::boolean)
        out.push_back(s->at<bool>(i));
      else
        out.push_back(s->to_string_at(i));
    }
    return out;
  }
  if (auto j = number_json(v)) return *j;
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

// Every output is a Series or a scalar: they print as one frame, like pandas.
std::optional<hamilton::DataFrame> as_frame(const hamilton::Outputs& outputs) {
  bool any_series = false;
  for (const auto& v : outputs.values()) {
    if (v.is<hamilton::Series>())
      any_series = true;
    else if (!v.type().is_arithmetic() && !v.is<std::string>())
      return std::nullopt;
  }
  if (!any_series) return std::nullopt;
  try {
    return hamilton::DataFrameResult(
               [](const std::string& w) { std::cerr << "warning: " << w << "\n"; })
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

// ---- the subcommands ---------------------------------------------------------------------

struct Validate final : Command {
  std::vector<std::string> outputs, inputs, overrides;

  int run(hamilton::Driver& dr) override {
    auto names = named_list(outputs, "outputs");
    // what the build found suspicious without refusing it (an input named like a node)
    const auto& notes = dr.graph().diagnostics();
    if (!notes.empty()) {
      std::cerr << notes.size() << " warning" << (notes.size() == 1 ? "" : "s")
                << " about the graph:\n";
      for (const auto& p : notes) std::cerr << "  - " << p.to_string() << "\n";
    }
    try {
      dr.compile(names, split_list(inputs), split_list(overrides));
    } catch (const hamilton::InputError& e) {
      std::cerr << "cannot compute the outputs (" << e.problems().size() << " problem"
                << (e.problems().size() == 1 ? "" : "s") << "):\n";
      for (const auto& p : e.problems()) std::cerr << "  - " << p.to_string() << "\n";
      return kRequest;
    }
    std::cout << "ok: " << names.size() << " output" << (names.size() == 1 ? "" : "s")
              << " can be computed\n";
    return kOk;
  }
};

struct Run final : Command {
  std::vector<std::string> outputs, inputs, overrides;
  std::string inputs_file, json_out, csv, csv_out;
  bool as_json = false;

  // The inputs of the CSV file, then of the JSON file, then of --input (a later source wins
  // for the same name), converted to the types the graph takes.
  hamilton::Inputs read_inputs(const hamilton::Graph& graph) const {
    hamilton::Inputs values;
    if (!csv.empty()) read_csv_inputs(graph, csv, values);
    GivenValues given;
    if (!inputs_file.empty()) given = read_json_values(inputs_file, "inputs");
    parse_assignments(inputs, "input", given);
    for (auto& [k, v] : convert_values(given, &graph)) values[k] = v;
    return values;
  }

  void write_csv_out(const hamilton::Outputs& results) const {
    auto frame = as_frame(results);
    if (!frame)
      throw CliError(kUsage,
                     "--csv-out: the outputs do not make a frame (only Series and scalars do); "
                     "use --json-out instead");
    std::ostringstream text;
    hamilton::write_csv(*frame, text);
    write_text(text.str(), csv_out);
  }

  int run(hamilton::Driver& dr) override {
    const hamilton::Graph& graph = dr.graph();
    auto names = named_list(outputs, "outputs");
    hamilton::Inputs given = read_inputs(graph);
    GivenValues overriding;
    parse_assignments(overrides, "override", overriding);
    hamilton::Overrides replaced = convert_values(overriding, &graph);
    auto result = dr.execute(names, given, replaced);
    if (!csv_out.empty()) write_csv_out(result.outputs());
    if (as_json || !json_out.empty()) {
      json out = json::object();
      for (const auto& name : result.names()) out[name] = value_json(result.at(name));
      std::string text = dump_json(out, 2) + "\n";
      if (as_json) std::cout << text;
      if (!json_out.empty()) write_text(text, json_out);
    }
    if (!as_json) print_outputs(result.outputs(), std::cout);
    if (dr.has_cache()) {
      auto cache = dr.cache();
      const auto run = cache.last_run_id();
      const auto read = cache.retrieved(run), computed = cache.executed(run);
      std::cerr << "cache " << cache.path() << ": " << read.size() << " read, " << computed.size()
                << " computed (run " << run << ")\n";
    }
    return kOk;
  }
};

}  // namespace

std::unique_ptr<Command> add_validate(CLI::App& app) {
  auto c = std::make_unique<Validate>();
  c->app = app.add_subcommand(
      "validate", "Check that outputs can be computed from the given input names and config");
  c->app->add_option("--outputs", c->outputs, "Outputs to compute (comma-separated)")
      ->required()
      ->type_name("A,B");
  c->app->add_option("--input-names", c->inputs, "Inputs that will be given")->type_name("X,Y");
  c->app->add_option("--overrides", c->overrides, "Nodes that will be overridden")
      ->type_name("X,Y");
  return c;
}

std::unique_ptr<Command> add_run(CLI::App& app, std::string& cache) {
  auto c = std::make_unique<Run>();
  auto* sub = c->app = app.add_subcommand("run", "Execute outputs and print them (or write JSON)");
  sub->add_option("--outputs", c->outputs, "Outputs to compute (comma-separated)")
      ->required()
      ->type_name("A,B");
  sub->add_option("-i,--input", c->inputs,
                  "Input name=value, converted to the type the input takes: a number, a list "
                  "[1,2,3] (a Series or std::vector), text (std::string; docs/cli.md); "
                  "repeatable, each name once")
      ->type_name("K=V");
  sub->add_option("--inputs-file", c->inputs_file, "Inputs from a JSON object file")
      ->type_name("FILE.json");
  sub->add_option("--csv", c->csv,
                  "Inputs from a CSV file: each column that names an input becomes a Series")
      ->type_name("FILE.csv");
  sub->add_option("--csv-out", c->csv_out,
                  "Write the outputs as a CSV file (outputs must make a frame)")
      ->type_name("FILE.csv");
  sub->add_option("--override", c->overrides,
                  "Override name=value, converted like --input; repeatable, each name once")
      ->type_name("K=V");
  sub->add_option("--cache", cache,
                  "Reuse results across runs from the result cache in this folder (SQLite "
                  "metadata and result files; docs/caching.md); prints what was read and "
                  "computed to stderr")
      ->type_name("DIR");
  sub->add_flag("--json", c->as_json, "Print the outputs as JSON");
  sub->add_option("--json-out", c->json_out, "Write the outputs as JSON to this file")
      ->type_name("FILE");
  return c;
}

}  // namespace hamilton_cpp

// parameterize_extract_columns: the nodes it makes (names, docs) and their values, as Hamilton's.
#include <algorithm>
#include <cstdio>
#include <hamilton/hamilton.hpp>
#include <string>
#include <vector>

#include "oracle.hpp"

namespace {

using namespace hamilton;
using namespace hamilton::modifiers;

// Hamilton's docstring example: fn(input1, input2, input3) -> DataFrame of two columns
Module docstring_example(bool reassign, std::vector<ParameterizedExtract> extracts) {
  Module m("hamilton_oracle_pec");
  m.add("fn", {"input1", "input2", "input3"},
        [](const Series& a, const Series& b, double c) {
          return DataFrame({{"product", a * b * c}, {"total", a + b + c}});
        },
        {parameterize_extract_columns(std::move(extracts), reassign),
         doc("Product and total of {input1} and {input2} with {input3}.")});
  return m;
}

std::string nodes_and_values(const Module& m, const std::vector<std::string>& outputs) {
  auto dr = Builder().with_modules(m).build();
  std::string text;
  auto variables = dr.list_available_variables();
  std::sort(variables.begin(), variables.end(),
            [](const Variable& a, const Variable& b) { return a.name < b.name; });
  for (const auto& v : variables)
    if (v.role == NodeRole::function) text += v.name + ": " + v.documentation + "\n";
  const Inputs all{{"inseries1a", Series(std::vector<double>{1, 2, 3})},
                   {"inseries1b", Series(std::vector<double>{4, 5, 6})},
                   {"inseries2a", Series(std::vector<double>{7, 8, 9})},
                   {"inseries2b", Series(std::vector<double>{10, 11, 12})}};
  Inputs in;  // the graph's own inputs (an input that names no node is an error here)
  for (const auto& v : variables)
    if (v.is_external_input && all.count(v.name)) in.emplace(v.name, all.at(v.name));
  auto r = dr.execute(outputs, in);
  for (const auto& name : outputs) {
    const Series& s = r.get<Series>(name);
    text += name + ":";
    for (std::size_t i = 0; i < s.size(); ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %g", s.at<double>(i));  // Python's format(x, "g")
      text += buf;
    }
    text += "\n";
  }
  return text;
}

}  // namespace

HAMILTON_HAMILTON_CASE(pec_docstring_example) {
  auto m = docstring_example(true, {{{"outseries1a", "outseries2a"},
                                     {{"input1", source("inseries1a")},
                                      {"input2", source("inseries1b")},
                                      {"input3", value(10.0)}}},
                                    {{"outseries1b", "outseries2b"},
                                     {{"input1", source("inseries2a")},
                                      {"input2", source("inseries2b")},
                                      {"input3", value(100.0)}}}});
  return nodes_and_values(m, {"outseries1a", "outseries2a", "outseries1b", "outseries2b"});
}

HAMILTON_HAMILTON_CASE(pec_by_name_without_reassigning) {
  auto m = docstring_example(false, {{{"total"},
                                      {{"input1", source("inseries1a")},
                                       {"input2", source("inseries2b")},
                                       {"input3", value(0.5)}}}});
  return nodes_and_values(m, {"total"});
}

HAMILTON_HAMILTON_CASE(pec_more_outputs_than_columns) {
  auto m = docstring_example(true, {{{"x", "y", "z"},
                                     {{"input1", source("inseries1a")},
                                      {"input2", source("inseries1b")},
                                      {"input3", value(1.0)}}}});
  try {
    nodes_and_values(m, {"x"});
  } catch (const ExecutionError&) {
    return "raises";
  }
  return "ran";
}

// parameterized_subdag: the nodes of each sub-graph and the final nodes' values
HAMILTON_HAMILTON_CASE(psubdag_regions) {
  Module inner("hamilton_oracle_psubdag_inner");
  inner.add("doubled", {"spend"}, [](double s) { return s * 2; });
  inner.add("adjusted__us", {"doubled", "tax"}, [](double d, double t) { return d * (1 + t); },
            {config_when({{"region", "US"}})});
  inner.add("adjusted__eu", {"doubled"}, [](double d) { return d; },
            {config_when({{"region", "EU"}})});
  Module m("hamilton_oracle_psubdag");
  m.add("total", {"adjusted"}, [](double a) { return a + 0.5; },
        {parameterized_subdag({inner},
                              {{"us", {{"spend", source("us_spend")}}, {{"region", "US"}}},
                               {"eu", {{"spend", value(10.0)}, {"tax", value(0.0)}}, {}}},
                              {.inputs = {{"tax", value(0.25)}}, .config = {{"region", "EU"}}})});
  auto dr = Builder().with_modules(m).build();
  auto variables = dr.list_available_variables();
  std::sort(variables.begin(), variables.end(),
            [](const Variable& a, const Variable& b) { return a.name < b.name; });
  std::string text;
  for (const auto& v : variables)
    if (v.role == NodeRole::function) text += v.name + "\n";
  auto r = dr.execute({"us", "eu"}, {{"us_spend", 100.0}});
  char buf[64];
  std::snprintf(buf, sizeof buf, "us=%g eu=%g", r.get<double>("us"), r.get<double>("eu"));
  return text + buf;
}

// schema.output: the tag Hamilton's drawings and catalogs read
HAMILTON_HAMILTON_CASE(schema_output_tag) {
  Module m("hamilton_oracle_schema");
  m.add("frame", {}, [] { return DataFrame(); },
        {schema_output({{"a", "int"}, {"b", "float"}, {"c", "str"}})});
  auto dr = Builder().with_modules(m).build();
  const auto& tags = dr.graph().variable("frame").tags;
  return tags.at("hamilton.internal.schema_output").front();
}

// with_columns (Hamilton's pandas with_columns): the nodes, their dependencies and docs, and the
// frame the decorated function returns
namespace {

Module with_columns_ops() {
  Module ops("hamilton_oracle_wc_ops");
  ops.add("a", {"a_from_df"}, [](const Series& a) { return a * 10.0; }, {doc("Ten times a.")});
  ops.add("b", {"b_from_df", "k"}, [](const Series& b, double k) { return b + k; });
  ops.add("a_plus_b", {"a", "b"}, [](const Series& a, const Series& b) { return a + b; });
  ops.add("total", {"a_plus_b"}, [](const Series& s) { return s.sum(); });
  return ops;
}

DataFrame with_columns_initial() {
  const Index labels = Index::from_int64({5, 6});
  return DataFrame({{"a_from_df", Series(std::vector<double>{1, 2}, "", labels)},
                    {"b_from_df", Series(std::vector<double>{3, 4}, "", labels)}});
}

// "<node> <- <dependencies, sorted> | <doc>" per function node, then the frame's columns
std::string with_columns_text(const Driver& dr, const Inputs& inputs) {
  auto variables = dr.list_available_variables();
  std::sort(variables.begin(), variables.end(),
            [](const Variable& a, const Variable& b) { return a.name < b.name; });
  std::string text;
  for (const auto& v : variables) {
    if (v.role != NodeRole::function) continue;
    auto deps = v.required_dependencies;
    std::sort(deps.begin(), deps.end());
    text += v.name + " <-";
    for (std::size_t i = 0; i < deps.size(); ++i) text += (i ? ", " : " ") + deps[i];
    text += " | " + v.documentation + "\n";
  }
  const auto df = dr.execute({"final_df"}, inputs).get<DataFrame>("final_df");
  text += "index:";
  for (std::size_t i = 0; i < df.num_rows(); ++i) text += " " + df.index().label_string(i);
  text += "\n";
  for (const auto& column : df.columns()) {
    text += column.name() + ":";
    for (std::size_t i = 0; i < column.size(); ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, " %g", column.at<double>(i));
      text += buf;
    }
    text += "\n";
  }
  return text;
}

std::string with_columns_case(WithColumnsOptions options, double k) {
  Module m("hamilton_oracle_wc");
  m.add("initial_df", {}, [] { return with_columns_initial(); });
  m.add("final_df", {"initial_df"}, [](const DataFrame& df) { return df; },
        {with_columns(std::vector<Module>{with_columns_ops()}, std::move(options))});
  return with_columns_text(Builder().with_modules(m).build(), {{"k", k}});
}

}  // namespace

HAMILTON_HAMILTON_CASE(with_columns_pass_and_select) {
  return with_columns_case(
      {.columns_to_pass = {"a_from_df", "b_from_df"}, .select = {"a", "a_plus_b"}}, 1.0);
}

HAMILTON_HAMILTON_CASE(with_columns_every_series) {
  return with_columns_case({.columns_to_pass = {"b_from_df", "a_from_df"}}, 0.0);
}

HAMILTON_HAMILTON_CASE(with_columns_on_input) {
  Module ops("hamilton_oracle_wc_on_input_ops");
  ops.add("a_from_df", {"initial_df"}, [](const DataFrame& df) { return df["a_from_df"] / 100.0; });
  ops.add("a", {"a_from_df"}, [](const Series& a) { return a * 10.0; });
  Module m("hamilton_oracle_wc_on_input");
  m.add("initial_df", {}, [] { return with_columns_initial(); });
  m.add("final_df", {"initial_df", "scale"},
        [](const DataFrame& df, double scale) { return df.with_column("scaled", df["a"] * scale); },
        {with_columns(
            std::vector<Module>{ops},
            {.on_input = "initial_df", .select = {"a_from_df", "a"}, .name_space = "prep"})});
  return with_columns_text(Builder().with_modules(m).build(), {{"scale", 2.0}});
}

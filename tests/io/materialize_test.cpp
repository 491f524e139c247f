// Driver::materialize with from_:: loaders and to:: savers (Python Hamilton's dr.materialize).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "hamilton/hamilton.hpp"
#include "hamilton/io/json.hpp"
#include "hamilton/io/sqlite.hpp"
#include "python.hpp"

using hamilton::DataFrame;
using hamilton::Series;

HAMILTON_MODULE(io_materialize_features);

NODE(Series, spend, (const DataFrame& marketing)) { return marketing.column("spend"); }
NODE(Series, signups, (const DataFrame& marketing)) { return marketing.column("signups"); }
NODE(Series, spend_per_signup, (const Series& spend, const Series& signups)) {
  return spend / signups;
}
NODE(DataFrame, report, (const Series& spend, const Series& spend_per_signup)) {
  return DataFrame({{"spend", spend}, {"spend_per_signup", spend_per_signup}});
}
NODE(double, total_spend, (const Series& spend)) { return spend.sum(); }

namespace {
namespace from_ = hamilton::from_;
namespace to = hamilton::to;

hamilton::Driver driver() {
  return hamilton::Builder().with_modules("io_materialize_features").build();
}

void write_marketing(const std::string& path) {
  std::ofstream(path) << "spend,signups\n10,1\n20,4\n40,5\n";
}

template <class E>
std::string error_of(auto&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "<no such error>";
}

TEST(Materialize, LoadsSavesAndReturnsMetadataAndAdditionalVars) {
  hamilton_test::TempDir dir("materialize");
  write_marketing(dir / "marketing.csv");
  auto dr = driver();
  auto [metadata, vars] =
      dr.materialize({from_::csv("marketing", {{"path", dir / "marketing.csv"}}),
                      to::csv("report_csv", {"report"}, {{"path", dir / "report.csv"}}),
                      to::json("report_json", {"report"}, {{"path", dir / "report.json"}})},
                     {"total_spend"});
  EXPECT_DOUBLE_EQ(vars.get<double>("total_spend"), 70.0);
  ASSERT_EQ(metadata.size(), 2u);
  const auto& csv = metadata.at("report_csv");
  EXPECT_EQ(csv.format, "csv");
  EXPECT_EQ(csv.path, dir / "report.csv");
  EXPECT_EQ(csv.rows, 3u);
  EXPECT_EQ(csv.column_names, (std::vector<std::string>{"spend", "spend_per_signup"}));
  EXPECT_EQ(csv.size_bytes, std::filesystem::file_size(dir / "report.csv"));
  std::stringstream text;
  text << std::ifstream(dir / "report.csv").rdbuf();
  EXPECT_EQ(text.str(), ",spend,spend_per_signup\n0,10,10.0\n1,20,5.0\n2,40,8.0\n");
  DataFrame json = hamilton::read_json(dir / "report.json");
  EXPECT_TRUE(json.column("spend_per_signup").equals(Series({10.0, 5.0, 8.0})));
  EXPECT_EQ(metadata.at("report_json").format, "json");
}

TEST(Materialize, CombineJoinsSeveralNodesWithAResultBuilder) {
  hamilton_test::TempDir dir("materialize_combine");
  write_marketing(dir / "marketing.csv");
  auto [metadata, vars] = driver().materialize(
      {from_::csv("marketing", {{"path", dir / "marketing.csv"}}),
       to::sqlite("features_db", {"spend", "spend_per_signup"},
                  {{"path", dir / "f.db"}, {"table", "features"}, {"index", false}},
                  std::make_shared<hamilton::DataFrameResult>())});
  EXPECT_TRUE(vars.empty());
  EXPECT_EQ(metadata.at("features_db").table, "features");
  DataFrame back = hamilton::read_sqlite(dir / "f.db", "features");
  EXPECT_EQ(back.column_names(), (std::vector<std::string>{"spend", "spend_per_signup"}));
  EXPECT_TRUE(back.column("spend_per_signup").equals(Series({10.0, 5.0, 8.0})));
}

TEST(Materialize, NodesAppearInTheGraphAsHamiltonNamesThem) {
  auto dr =
      driver().with_materializers({from_::csv("marketing", {{"path", "m.csv"}}),
                                   to::csv("save_both", {"spend", "signups"}, {{"path", "x.csv"}},
                                           std::make_shared<hamilton::DataFrameResult>())});
  const auto& g = dr.graph();
  for (const char* n : {"load_data.marketing", "marketing", "save_both_build_result", "save_both"})
    EXPECT_TRUE(g.contains(n)) << n;
  auto loader = g.variable("load_data.marketing");
  EXPECT_EQ(loader.tags.at("hamilton.data_loader.source"), hamilton::TagValues{"csv"});
  EXPECT_EQ(loader.tags.at("hamilton.data_loader.node"), hamilton::TagValues{"marketing"});
  auto data = g.variable("marketing");
  EXPECT_EQ(data.role, hamilton::NodeRole::function);
  EXPECT_EQ(data.type, &hamilton::TypeInfo::of<DataFrame>());
  EXPECT_EQ(data.required_dependencies, std::vector<std::string>{"load_data.marketing"});
  auto saver = g.variable("save_both");
  EXPECT_EQ(saver.tags.at("hamilton.data_saver.sink"), hamilton::TagValues{"csv"});
  EXPECT_EQ(saver.type, &hamilton::TypeInfo::of<hamilton::io::Metadata>());
  EXPECT_EQ(saver.required_dependencies, std::vector<std::string>{"save_both_build_result"});
  // the original driver is unchanged
  EXPECT_FALSE(driver().graph().contains("load_data.marketing"));
  EXPECT_EQ(driver().graph().variable("marketing").role, hamilton::NodeRole::input);
}

// The DOT statement of node `name` (its line).
std::string dot_line(const std::string& dot, const std::string& name) {
  auto pos = dot.find("\"" + name + "\" [");
  if (pos == std::string::npos) return "<no node " + name + ">";
  return dot.substr(pos, dot.find('\n', pos) - pos);
}

TEST(Materialize, DrawnAsHamiltonDrawsMaterializers) {
  std::string dot = hamilton::tools::visualize_materialization(
      driver(),
      {from_::csv("marketing", {{"path", "m.csv"}}),
       to::json("report_json", {"report"}, {{"path", "r.json"}})},
      {}, {"total_spend"});
  std::string loader = dot_line(dot, "load_data.marketing");
  EXPECT_NE(loader.find("shape=\"cylinder\""), std::string::npos) << loader;
  EXPECT_NE(loader.find("<i>from_::csv</i>"), std::string::npos) << loader;
  std::string saver = dot_line(dot, "report_json");
  EXPECT_NE(saver.find("shape=\"cylinder\""), std::string::npos) << saver;
  EXPECT_NE(saver.find("<i>to::json</i>"), std::string::npos) << saver;
  // the node the loader feeds is a plain function node; total_spend is requested
  EXPECT_EQ(dot_line(dot, "marketing").find("cylinder"), std::string::npos);
  EXPECT_NE(dot_line(dot, "total_spend").find("#FFC857"), std::string::npos);
  EXPECT_NE(dot.find("materializer"), std::string::npos);  // the legend entry
}

TEST(Materialize, EveryProblemIsReportedBeforeAnythingRuns) {
  hamilton_test::TempDir dir("materialize_errors");
  std::string msg = error_of<hamilton::InputError>([&] {
    driver().materialize({
        from_::format("cvs", "marketing", {{"path", "m.csv"}}),
        from_::csv("marketting", {{"path", "m.csv"}}),
        to::csv("a", {"reprot"}, {{"path", dir / "a.csv"}}),
        to::csv("b", {"spend", "signups"}, {{"path", dir / "b.csv"}}),
        to::csv("c", {"total_spend"}, {{"path", dir / "c.csv"}}),
        to::json("d", {"report"}, {{"paht", dir / "d.json"}}),
        to::csv("spend", {"report"}, {{"path", dir / "e.csv"}}),
    });
  });
  for (const char* part : {
           "from_::cvs for node `marketing`: no loader is registered for format `cvs` (did you "
           "mean `csv`?)",
           "from_::csv: the graph has no node `marketting` to load into (did you mean "
           "`marketing`?)",
           "to::csv `a` has a dependency that is not in the graph: `reprot` (did you mean "
           "`report`?)",
           "to::csv `b` saves 2 nodes; give a result builder (combine) to join them",
           "to::csv `c`: the csv saver writes a hamilton::DataFrame, but `total_spend` is a double",
           "to::json `d`: the required argument `path` is missing",
           "to::json `d`: unknown argument `paht` (did you mean `path`?)",
           "to::csv: the id `spend` is already a node of the graph",
       })
    EXPECT_NE(msg.find(part), std::string::npos) << part << "\n---\n" << msg;
  EXPECT_FALSE(std::filesystem::exists(dir / "a.csv"));
}

TEST(Materialize, LoaderTypeMustMatchTheNode) {
  std::string msg = error_of<hamilton::InputError>([&] {
    driver().materialize({from_::csv("total_spend", {{"path", "x.csv"}})}, {"total_spend"});
  });
  EXPECT_NE(msg.find("from_::csv for node `total_spend`: the csv loader makes a "
                     "hamilton::DataFrame, but `total_spend` is a double"),
            std::string::npos)
      << msg;
}

TEST(Materialize, MissingFileAndFailedQueryNameTheNodeAndTheSource) {
  hamilton_test::TempDir dir("materialize_run_errors");
  std::string msg = error_of<hamilton::ExecutionError>([&] {
    driver().materialize({from_::csv("marketing", {{"path", dir / "nope.csv"}})}, {"total_spend"});
  });
  EXPECT_NE(msg.find("node `load_data.marketing`"), std::string::npos) << msg;
  EXPECT_NE(msg.find("from_::csv for node `marketing` (from path '" + dir / "nope.csv" +
                     "'): csv loader: the file '" + dir / "nope.csv" + "' does not exist"),
            std::string::npos)
      << msg;
  hamilton::write_sqlite(DataFrame({{"spend", Series({1.0})}, {"signups", Series({1.0})}}),
                         dir / "m.db", "marketing");
  msg = error_of<hamilton::ExecutionError>([&] {
    driver().materialize({from_::sqlite("marketing", {{"path", dir / "m.db"},
                                                      {"query", "SELECT spend FROM marketin"}})},
                         {"total_spend"});
  });
  EXPECT_NE(msg.find("from_::sqlite for node `marketing` (from path '" + dir / "m.db" +
                     "', query 'SELECT spend FROM marketin'): the query on SQLite database"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("no such table: marketin"), std::string::npos) << msg;
  // a save that fails names the saver, the node and the sink
  write_marketing(dir / "marketing.csv");
  msg = error_of<hamilton::ExecutionError>([&] {
    driver().materialize({from_::csv("marketing", {{"path", dir / "marketing.csv"}}),
                          to::csv("out", {"report"}, {{"path", dir / "no/such/dir/r.csv"}})});
  });
  EXPECT_NE(msg.find("to::csv `out` saving node `report` (to path '" + dir / "no/such/dir/r.csv" +
                     "'): write_csv: cannot open"),
            std::string::npos)
      << msg;
}

TEST(Materialize, ALoaderCanReplaceAFunctionNode) {
  hamilton_test::TempDir dir("materialize_replace");
  std::ofstream(dir / "r.csv") << "spend,spend_per_signup\n1,2.0\n";
  auto [metadata, vars] =
      driver().materialize({from_::csv("report", {{"path", dir / "r.csv"}}),
                            to::json("copy", {"report"}, {{"path", dir / "r.json"}})},
                           {"load_data.report"});
  EXPECT_EQ(metadata.at("copy").rows, 1u);
  const auto& loaded = vars.get<hamilton::io::Loaded>("load_data.report");
  EXPECT_EQ(loaded.metadata.path, dir / "r.csv");
  EXPECT_EQ(loaded.metadata.rows, 1u);
}

}  // namespace

TEST(Materialize, ArgumentsMayReadNodesWithSourceAsInHamilton) {
  // Python Hamilton's from_.csv(target="marketing", path=source("load_path")) and
  // to.csv(path=source("save_path"), ...): the paths are inputs of the run
  hamilton_test::TempDir dir("materialize_sources");
  write_marketing(dir / "marketing.csv");
  using hamilton::modifiers::source;
  using hamilton::modifiers::value;
  auto [metadata, vars] = driver().materialize(
      {from_::csv("marketing", {{"path", source("load_path")}, {"sep", value(std::string(","))}}),
       to::csv("report_csv", {"report"}, {{"path", source("save_path")}})},
      {"total_spend"},
      {{"load_path", std::string(dir / "marketing.csv")},
       {"save_path", std::string(dir / "out.csv")}});
  EXPECT_DOUBLE_EQ(vars.get<double>("total_spend"), 70.0);
  EXPECT_EQ(metadata.at("report_csv").path, dir / "out.csv");
  EXPECT_TRUE(std::filesystem::exists(dir / "out.csv"));
  // the loader and the saver read the inputs: they are in the graph
  auto dr = driver().with_materializers(
      {from_::csv("marketing", {{"path", source("load_path")}}),
       to::csv("report_csv", {"report"}, {{"path", source("save_path")}})});
  auto up = dr.what_is_upstream_of({"report_csv"});
  auto has = [&](const std::string& n) {
    return std::any_of(up.begin(), up.end(), [&](const auto& v) { return v.name == n; });
  };
  EXPECT_TRUE(has("load_path"));
  EXPECT_TRUE(has("save_path"));
  EXPECT_TRUE(has("load_data.marketing"));
  // a missing input is the usual error, before anything runs
  std::string msg = error_of<hamilton::InputError>([&] {
    dr.materialize({}, {"total_spend"}, {{"save_path", std::string("x")}});
  });
  EXPECT_NE(msg.find("load_path"), std::string::npos) << msg;
  // a source of the wrong type is the loader's argument error, naming the node
  msg = error_of<hamilton::ExecutionError>([&] {
    dr.raw_execute({"total_spend"}, {{"load_path", 3.0}, {"save_path", std::string("x")}});
  });
  EXPECT_NE(msg.find("from_::csv for node `marketing` (from path source(\"load_path\"))"),
            std::string::npos)
      << msg;
}

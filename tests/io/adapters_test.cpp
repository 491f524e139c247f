// The load_from / save_to modifiers and dataloader / datasaver nodes (Python Hamilton's
// function_modifiers/adapters.py), on programmatic modules (their paths are temporary files).
#include <gtest/gtest.h>

#include <fstream>

#include "hamilton/hamilton.hpp"
#include "hamilton/io/json.hpp"
#include "python.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::Module;
using hamilton::Series;
namespace io = hamilton::io;
namespace load_from = hamilton::modifiers::load_from;
namespace save_to = hamilton::modifiers::save_to;

std::string build_error(const Module& m) {
  try {
    hamilton::Builder().with_modules(m).build();
  } catch (const hamilton::GraphError& e) {
    return e.what();
  }
  return "<no GraphError>";
}

TEST(Adapters, LoadFromInjectsAParameterAndSaveToAddsASaver) {
  hamilton_test::TempDir dir("adapters");
  std::ofstream(dir / "in.csv") << "spend,signups\n10,1\n20,4\n";
  Module m("adapters_ok");
  m.add("doubled", {"raw"},
        [](const DataFrame& raw) {
          return DataFrame({{"spend2", raw.column("spend") * 2.0}});
        },
        {load_from::csv({{"path", dir / "in.csv"}}), save_to::json({{"path", dir / "out.json"}})});
  auto dr = hamilton::Builder().with_modules(m).build();
  const auto& g = dr.graph();
  for (const char* n :
       {"doubled.load_data.raw", "doubled.select_data.raw", "doubled", "save.doubled"})
    EXPECT_TRUE(g.contains(n)) << n;
  EXPECT_FALSE(g.contains("raw"));  // no input any more: the parameter is loaded
  EXPECT_EQ(g.variable("doubled").required_dependencies,
            std::vector<std::string>{"doubled.select_data.raw"});
  EXPECT_EQ(g.variable("doubled.load_data.raw").tags.at("hamilton.data_loader.classname"),
            hamilton::TagValues{"load_from::csv"});
  auto result = dr.execute({"save.doubled"});
  const auto& meta = result.get<io::Metadata>("save.doubled");
  EXPECT_EQ(meta.format, "json");
  EXPECT_EQ(meta.rows, 2u);
  DataFrame back = hamilton::read_json(dir / "out.json");
  EXPECT_TRUE(back.column("spend2").equals(Series({20.0, 40.0})));
}

TEST(Adapters, InjectChoosesTheParameterAndOutputNameTheSaver) {
  hamilton_test::TempDir dir("adapters_inject");
  std::ofstream(dir / "in.csv") << "a\n1\n2\n";
  Module m("adapters_inject");
  m.add("scaled", {"table", "factor"},
        [](const DataFrame& table, double factor) {
          return DataFrame({{"a", table.column("a") * factor}});
        },
        {load_from::csv({{"path", dir / "in.csv"}}, "table"),
         save_to::csv({{"path", dir / "out.csv"}, {"index", false}}, "scaled_csv")});
  auto dr = hamilton::Builder().with_modules(m).build();
  auto r = dr.execute({"scaled_csv"}, {{"factor", 3.0}});
  EXPECT_EQ(r.get<io::Metadata>("scaled_csv").path, dir / "out.csv");
  std::stringstream text;
  text << std::ifstream(dir / "out.csv").rdbuf();
  EXPECT_EQ(text.str(), "a\n3.0\n6.0\n");
}

TEST(Adapters, MisuseIsABuildErrorNamingTheNode) {
  Module m("adapters_bad");
  m.add("two", {"a", "b"}, [](const DataFrame& a, const DataFrame&) { return a; },
        {load_from::csv({{"path", "x.csv"}})});
  m.add("typed", {"x"}, [](double x) { return x; }, {load_from::csv({{"path", "x.csv"}})});
  m.add("unknown", {"x"}, [](const DataFrame& x) { return x; },
        {load_from::format("parquet", {{"path", "x.parquet"}})});
  m.add("noinject", {"x"}, [](const DataFrame& x) { return x; },
        {load_from::csv({{"path", "x.csv"}}, "y")});
  m.add("number", {}, [] { return 1.0; }, {save_to::csv({{"pth", "x.csv"}})});
  std::string msg = build_error(m);
  for (const char* part : {
           "`two` has 2 parameters; pass the one to load as `inject` (load_from::csv(args, \"a\"))",
           "load_from::csv for parameter `x` of `typed`: the csv loader makes a "
           "hamilton::DataFrame, "
           "but the parameter is a double",
           "no loader is registered for format `parquet`; known formats: csv, json",
           "`noinject` has no parameter `y` to load into; its parameters: x",
           "save_to::csv `save.number` of `number`: the required argument `path` is missing",
           "save_to::csv `save.number` of `number`: unknown argument `pth` (did you mean `path`?)",
       })
    EXPECT_NE(msg.find(part), std::string::npos) << part << "\n---\n" << msg;
  Module t("adapters_bad_type");
  t.add("number", {}, [] { return 1.0; }, {save_to::csv({{"path", "x.csv"}})});
  msg = build_error(t);
  EXPECT_NE(msg.find("save_to::csv `save.number` of `number`: the csv saver writes a "
                     "hamilton::DataFrame, but `number` is a double"),
            std::string::npos)
      << msg;
}

TEST(Adapters, MissingFileAtRunTimeNamesTheNodeAndTheSource) {
  Module m("adapters_missing");
  m.add("rows", {"raw"}, [](const DataFrame& raw) { return raw.num_rows(); },
        {load_from::csv({{"path", "/nonexistent/in.csv"}})});
  auto dr = hamilton::Builder().with_modules(m).build();
  try {
    dr.execute({"rows"});
    FAIL() << "no ExecutionError";
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "rows.load_data.raw");
    EXPECT_NE(std::string(e.what()).find(
                  "load_from::csv for node `raw` (from path '/nonexistent/in.csv'): csv loader: "
                  "the file '/nonexistent/in.csv' does not exist"),
              std::string::npos)
        << e.what();
  }
}

TEST(Adapters, DataloaderAndDatasaverNodes) {
  hamilton_test::TempDir dir("adapters_nodes");
  const std::string path = dir / "saved.csv";
  Module m("adapters_nodes");
  m.add("marketing", {},
        [] {
          DataFrame df({{"spend", Series({1.0, 2.0})}});
          io::Metadata meta;
          meta.path = "generated";
          meta.rows = df.num_rows();
          return std::pair<DataFrame, io::Metadata>(df, meta);
        },
        {hamilton::modifiers::dataloader<DataFrame>()});
  m.add("total", {"marketing"}, [](const DataFrame& df) { return df.column("spend").sum(); });
  m.add("write_marketing", {"marketing"},
        [path](const DataFrame& df) {
          hamilton::write_csv(df, path);
          io::Metadata meta;
          meta.path = path;
          return meta;
        },
        {hamilton::modifiers::datasaver()});
  auto dr = hamilton::Builder().with_modules(m).build();
  const auto& g = dr.graph();
  EXPECT_TRUE(g.contains("marketing.loader"));
  EXPECT_EQ(g.variable("marketing").type, &hamilton::TypeInfo::of<DataFrame>());
  EXPECT_EQ(g.variable("marketing.loader").tags.at("hamilton.data_loader.classname"),
            hamilton::TagValues{"marketing()"});
  EXPECT_EQ(g.variable("write_marketing").tags.at("hamilton.data_saver.sink"),
            hamilton::TagValues{"write_marketing"});
  auto r = dr.execute({"total", "write_marketing", "marketing.loader"});
  EXPECT_DOUBLE_EQ(r.get<double>("total"), 3.0);
  EXPECT_EQ(r.get<io::Metadata>("write_marketing").path, path);
  EXPECT_EQ((r.get<std::pair<DataFrame, io::Metadata>>("marketing.loader").second.path),
            "generated");
  std::string dot = hamilton::tools::display_all_functions(dr);
  auto line = [&](const std::string& n) {
    auto pos = dot.find("\"" + n + "\" [");
    return pos == std::string::npos ? std::string() : dot.substr(pos, dot.find('\n', pos) - pos);
  };
  EXPECT_NE(line("marketing.loader").find("shape=\"cylinder\""), std::string::npos) << dot;
  EXPECT_NE(line("write_marketing").find("shape=\"cylinder\""), std::string::npos) << dot;
  EXPECT_EQ(line("marketing").find("cylinder"), std::string::npos) << dot;

  Module bad("adapters_nodes_bad");
  bad.add("notpair", {}, [] { return 1.0; }, {hamilton::modifiers::dataloader<DataFrame>()});
  bad.add("notmeta", {}, [] { return 1.0; }, {hamilton::modifiers::datasaver()});
  std::string msg = build_error(bad);
  EXPECT_NE(
      msg.find("`notpair` must return a std::pair<hamilton::DataFrame, hamilton::io::Metadata>"),
      std::string::npos)
      << msg;
  EXPECT_NE(
      msg.find("`notmeta` must return a hamilton::io::Metadata (what it saved), not a double"),
      std::string::npos)
      << msg;
}

}  // namespace

TEST(Adapters, ArgumentsMayReadNodesWithSource) {
  // Hamilton's @load_from.csv(path=source("in_path")) / @save_to.json(path=source("out_path"))
  hamilton_test::TempDir dir("adapters_source");
  std::ofstream(dir / "in.csv") << "spend,signups\n10,1\n20,4\n";
  using hamilton::modifiers::source;
  Module m("adapters_source");
  m.add("doubled", {"raw"},
        [](const DataFrame& raw) {
          return DataFrame({{"spend2", raw.column("spend") * 2.0}});
        },
        {load_from::csv({{"path", source("in_path")}}),
         save_to::json({{"path", source("out_path")}})});
  auto dr = hamilton::Builder().with_modules(m).build();
  EXPECT_TRUE(dr.graph().contains("in_path"));
  EXPECT_TRUE(dr.graph().contains("out_path"));
  auto result = dr.execute({"save.doubled"}, {{"in_path", std::string(dir / "in.csv")},
                                              {"out_path", std::string(dir / "out.json")}});
  EXPECT_EQ(result.get<io::Metadata>("save.doubled").rows, 2u);
  EXPECT_TRUE(hamilton::read_json(dir / "out.json").column("spend2").equals(Series({20.0, 40.0})));
}

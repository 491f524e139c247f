#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hamilton/tools/visualize.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tools_fixture.hpp"

using namespace hamilton::tools;
using testing::HasSubstr;
using testing::Not;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The attribute list of the node statement for `id` (one line), or empty.
std::string node_line(const std::string& dot, const std::string& id) {
  std::istringstream in(dot);
  std::string line;
  while (std::getline(in, line)) {
    auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    if (line.compare(start, id.size() + 3, "\"" + id + "\" ") == 0 && line.find("->") == std::string::npos)
      return line;
  }
  return {};
}

bool has_edge(const std::string& dot, const std::string& from, const std::string& to) {
  return dot.find("\"" + from + "\" -> \"" + to + "\"") != std::string::npos;
}

}  // namespace

TEST(Dot, AllFunctionsFollowsHamiltonConventions) {
  auto dr = hello_driver();
  std::string dot = dot_all_functions(dr.graph());
  EXPECT_THAT(dot, HasSubstr("rankdir=\"LR\""));
  // function: bold name, italic type, rounded filled #b4d8e4
  std::string f = node_line(dot, "spend_zero_mean");
  EXPECT_THAT(f, HasSubstr("label=<<b>spend_zero_mean</b><br/><br/><i>std::vector&lt;double&gt;</i>>"));
  EXPECT_THAT(f, HasSubstr("style=\"rounded,filled\""));
  EXPECT_THAT(f, HasSubstr("fillcolor=\"#b4d8e4\""));
  // inputs grouped per consumer in one table node
  std::string t = node_line(dot, "_spend_per_signup_inputs");
  EXPECT_THAT(t, HasSubstr("<td>spend</td>"));
  EXPECT_THAT(t, HasSubstr("<td>signups</td>"));
  EXPECT_THAT(t, HasSubstr("style=\"dashed\""));
  EXPECT_TRUE(has_edge(dot, "_spend_per_signup_inputs", "spend_per_signup"));
  EXPECT_EQ(node_line(dot, "spend"), "");  // no standalone input nodes
  // config: note shape with its value
  std::string c = node_line(dot, "scale");
  EXPECT_THAT(c, HasSubstr("shape=\"note\""));
  EXPECT_THAT(c, HasSubstr("<i>2.5</i>"));
  EXPECT_TRUE(has_edge(dot, "scale", "scaled_spend"));
  // edges between functions; optional inputs dashed
  EXPECT_TRUE(has_edge(dot, "spend_mean", "spend_zero_mean"));
  EXPECT_THAT(dot, HasSubstr("\"_with_bonus_inputs\" -> \"with_bonus\" [style=\"dashed\"]"));
  // legend with only the kinds present
  EXPECT_THAT(dot, HasSubstr("subgraph cluster__legend"));
  EXPECT_NE(node_line(dot, "_legend_function"), "");
  EXPECT_NE(node_line(dot, "_legend_input"), "");
  EXPECT_NE(node_line(dot, "_legend_config"), "");
  EXPECT_EQ(node_line(dot, "_legend_output"), "");
  // deterministic
  EXPECT_EQ(dot, dot_all_functions(dr.graph()));
}

TEST(Dot, EscapesHtmlInLabels) {
  auto dr = hello_driver();
  std::string dot = dot_all_functions(dr.graph());
  EXPECT_THAT(dot, Not(HasSubstr("<i>std::vector<double></i>")));
}

TEST(Dot, ExecutionDrawsOnlyWhatIsNeededAndMarksOutputsAndOverrides) {
  auto dr = hello_driver();
  std::string dot = dot_execution(dr.graph(), {"spend_zero_mean_unit_variance"}, {"spend"}, {"spend_mean"});
  EXPECT_THAT(node_line(dot, "spend_zero_mean_unit_variance"), HasSubstr("fillcolor=\"#FFC857\""));
  EXPECT_THAT(node_line(dot, "spend_mean"), HasSubstr("style=\"filled,diagonals\""));
  EXPECT_NE(node_line(dot, "spend_std_dev"), "");
  EXPECT_EQ(node_line(dot, "avg_3wk_spend"), "");
  EXPECT_EQ(node_line(dot, "_spend_mean_inputs"), "");  // nothing above an override
  EXPECT_NE(node_line(dot, "_legend_output"), "");
  EXPECT_NE(node_line(dot, "_legend_override"), "");
}

TEST(Dot, ExecutionValidatesTheRequest) {
  auto dr = hello_driver();
  EXPECT_THROW(dot_execution(dr.graph(), {"spend_mean"}, {}), hamilton::InputError);
  EXPECT_NO_THROW(dot_execution(dr.graph(), {"spend_mean"}, {}, {}, {}, /*bypass_validation=*/true));
  try {
    dot_execution(dr.graph(), {"spend_meen"}, {"spend"});
    FAIL();
  } catch (const hamilton::InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("did you mean `spend_mean`"));
  }
}

TEST(Dot, UpstreamDownstreamAndHops) {
  auto dr = hello_driver();
  std::string up = dot_upstream_of(dr.graph(), {"spend_zero_mean"});
  EXPECT_NE(node_line(up, "spend_mean"), "");
  EXPECT_EQ(node_line(up, "spend_std_dev"), "");
  std::string down = dot_downstream_of(dr.graph(), {"spend_mean"});
  EXPECT_NE(node_line(down, "spend_zero_mean_unit_variance"), "");
  EXPECT_NE(node_line(down, "spend_std_dev"), "");  // a direct parent of a drawn node
  EXPECT_EQ(node_line(down, "avg_3wk_spend"), "");
  VizOptions one_hop;
  one_hop.hops = 1;
  std::string near = dot_downstream_of(dr.graph(), {"spend_mean"}, one_hop);
  EXPECT_NE(node_line(near, "spend_zero_mean"), "");
  EXPECT_EQ(node_line(near, "spend_zero_mean_unit_variance"), "");
  std::string around = dot_around(dr.graph(), {"spend_zero_mean"}, one_hop);
  EXPECT_NE(node_line(around, "spend_mean"), "");
  EXPECT_NE(node_line(around, "spend_zero_mean_unit_variance"), "");
  EXPECT_EQ(node_line(around, "spend_std_dev"), "");
  EXPECT_THROW(dot_upstream_of(dr.graph(), {"nope"}), hamilton::UnknownNodeError);
}

TEST(Dot, PathBetweenIsRed) {
  auto dr = hello_driver();
  std::string dot = dot_path_between(dr.graph(), "spend_mean", "spend_zero_mean_unit_variance");
  EXPECT_THAT(node_line(dot, "spend_zero_mean"), HasSubstr("color=\"red\""));
  EXPECT_THAT(dot, HasSubstr("\"spend_mean\" -> \"spend_zero_mean\" [color=\"red\"]"));
  EXPECT_NE(node_line(dot, "spend_std_dev"), "");  // a parent, not on the path
  EXPECT_THAT(node_line(dot, "spend_std_dev"), Not(HasSubstr("red")));
  std::string strict = dot_path_between(dr.graph(), "spend_mean", "spend_zero_mean_unit_variance", {}, true);
  EXPECT_EQ(node_line(strict, "spend_std_dev"), "");
  try {
    dot_path_between(dr.graph(), "spend_zero_mean", "spend_mean");
    FAIL();
  } catch (const hamilton::Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no path from `spend_zero_mean` to `spend_mean`"));
  }
}

TEST(Dot, OptionsOrientHideInputsLegendClustersAndStyle) {
  auto dr = hello_driver();
  VizOptions o;
  o.orient = "TB";
  o.hide_inputs = true;
  o.show_legend = false;
  o.cluster_modules = true;
  o.graph_attributes["ranksep"] = "1.0";
  o.style = [](const hamilton::Variable& v, std::string_view node_class) {
    hamilton::tools::CustomStyle s;
    if (v.tags.count("pii")) {
      s.attributes["fillcolor"] = "#ff0000";
      s.legend_name = "pii";
    }
    EXPECT_FALSE(node_class.empty());
    return s;
  };
  std::string dot = dot_all_functions(dr.graph(), o);
  EXPECT_THAT(dot, HasSubstr("rankdir=\"TB\""));
  EXPECT_THAT(dot, HasSubstr("ranksep=\"1.0\""));
  EXPECT_THAT(dot, Not(HasSubstr("_inputs")));
  EXPECT_THAT(dot, Not(HasSubstr("cluster__legend")));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_module_my_functions\""));
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_module_my_stats\""));
  EXPECT_THAT(node_line(dot, "spend_per_signup"), HasSubstr("fillcolor=\"#ff0000\""));
  EXPECT_THAT(node_line(dot, "spend_mean"), HasSubstr("fillcolor=\"#b4d8e4\""));
  o.show_legend = true;
  EXPECT_NE(node_line(dot_all_functions(dr.graph(), o), "_legend_pii"), "");
  o.orient = "XY";
  EXPECT_THROW(dot_all_functions(dr.graph(), o), hamilton::Error);
}

TEST(Dot, DeduplicateInputsSharesTables) {
  auto dr = hello_driver();
  VizOptions o;
  o.deduplicate_inputs = true;
  std::string dot = dot_all_functions(dr.graph(), o);
  // avg_3wk_spend, spend_mean_raw, spend_std_dev, scaled_spend, spend_zero_mean all take {spend} only
  EXPECT_TRUE(has_edge(dot, "_inputs_0", "avg_3wk_spend"));
  EXPECT_TRUE(has_edge(dot, "_inputs_0", "spend_mean_raw"));
  EXPECT_TRUE(has_edge(dot, "_inputs_0", "spend_std_dev"));
}

TEST(Dot, CollapsedModulesCountEdges) {
  auto dr = hello_driver();
  VizOptions o;
  o.collapse_modules = true;
  std::string dot = dot_all_functions(dr.graph(), o);
  EXPECT_THAT(node_line(dot, "module:my_functions"), HasSubstr("<i>4 nodes</i>"));
  EXPECT_THAT(node_line(dot, "module:my_stats"), HasSubstr("<i>6 nodes</i>"));
  // with_bonus (my_functions) takes spend_mean (my_stats): one dependency
  EXPECT_THAT(dot, HasSubstr("\"module:my_stats\" -> \"module:my_functions\" [label=\"1\""));
  EXPECT_TRUE(has_edge(dot, "scale", "module:my_functions"));
  EXPECT_THAT(node_line(dot, "_my_stats_inputs"), HasSubstr("<td>spend</td>"));
  EXPECT_EQ(node_line(dot, "spend_mean"), "");
}

TEST(Dot, FastLayoutFixesPositions) {
  auto dr = hello_driver();
  VizOptions o;
  o.layout = Layout::fast;
  std::string dot = dot_all_functions(dr.graph(), o);
  EXPECT_THAT(dot, HasSubstr("layout=\"nop2\""));
  EXPECT_THAT(node_line(dot, "spend_mean"), HasSubstr("pos=\""));
  EXPECT_THAT(node_line(dot, "spend_zero_mean_unit_variance"), HasSubstr("pos=\""));
  o.layout = Layout::sfdp;
  EXPECT_THAT(dot_all_functions(dr.graph(), o), HasSubstr("layout=\"sfdp\""));
}

TEST(Render, SvgPngAndDotBySuffix) {
  auto dr = hello_driver();
  auto dir = std::filesystem::temp_directory_path() / "hamilton_viz_test";
  std::filesystem::create_directories(dir);
  display_all_functions(dr, dir / "all.svg");
  std::string svg = slurp(dir / "all.svg");
  for (const auto& v : dr.graph().variables())
    EXPECT_THAT(svg, HasSubstr(">" + v.name + "<")) << v.name;
  visualize_execution(dr, {"spend_per_signup"}, dir / "exec.png", {"spend", "signups"});
  EXPECT_EQ(slurp(dir / "exec.png").substr(1, 3), "PNG");
  display_upstream_of(dr, {"spend_mean"}, dir / "up.dot");
  EXPECT_THAT(slurp(dir / "up.dot"), HasSubstr("digraph {"));
  VizOptions fast;
  fast.layout = Layout::fast;
  display_downstream_of(dr, {"spend"}, dir / "fast.svg", fast);
  EXPECT_THAT(slurp(dir / "fast.svg"), HasSubstr(">spend_zero_mean_unit_variance<"));
  VizOptions sfdp;
  sfdp.layout = Layout::sfdp;
  visualize_path_between(dr, "spend", "spend_zero_mean", dir / "sfdp.svg", sfdp);
  EXPECT_THAT(slurp(dir / "sfdp.svg"), HasSubstr(">spend_mean<"));
  std::filesystem::remove_all(dir);
}

TEST(Render, ErrorsAreClear) {
  auto dr = hello_driver();
  std::string dot = dot_all_functions(dr.graph());
  try {
    write_drawing(dot, "/tmp/x.bmpx");
    FAIL();
  } catch (const DrawingError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown suffix `.bmpx`"));
    EXPECT_THAT(e.what(), HasSubstr(".svg"));
  }
  try {
    write_drawing(dot, "/nonexistent/dir/x.svg");
    FAIL();
  } catch (const DrawingError& e) {
    EXPECT_THAT(e.what(), HasSubstr("does not exist"));
  }
  try {
    write_drawing(dot, "/nonexistent/dir/x.dot");
    FAIL();
  } catch (const DrawingError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot write"));
  }
  EXPECT_THROW(render_drawing("digraph { a -> }", "svg"), DrawingError);
  EXPECT_THROW(render_drawing(dot, "nosuchformat"), DrawingError);
  EXPECT_THAT(render_drawing(dot, "svg"), HasSubstr("<svg"));
}

TEST(Visualize, SchemaOutputFieldsAreDrawnAroundTheNode) {
  hamilton::Module m("viz_schema");
  m.add("table", {"n"},
        [](int n) {
          return hamilton::DataFrame({{"a", hamilton::Series(std::vector<double>(n, 1.0))}});
        },
        {hamilton::schema_output({{"a", "int"}, {"bb", "float"}})});
  auto dr = hamilton::Builder().with_modules(m).build();
  EXPECT_EQ(dr.graph().variable("table").tags.at("hamilton.internal.schema_output"),
            hamilton::TagValues{"a=int,bb=float"});
  const std::string dot = dot_all_functions(dr.graph());
  EXPECT_THAT(dot, HasSubstr("subgraph \"cluster_table\" {"));
  // the fields, padded to one width as Hamilton draws them
  EXPECT_THAT(node_line(dot, "table:a=int   "), HasSubstr("label=\"a=int   \""));
  EXPECT_THAT(node_line(dot, "table:bb=float"), HasSubstr("fontname=\"Courier\""));
  EXPECT_FALSE(node_line(dot, "table").empty());
  VizOptions without;
  without.show_schema = false;
  EXPECT_THAT(dot_all_functions(dr.graph(), without), Not(HasSubstr("cluster_table")));
}

// with_columns: column operations from modules run on a DataFrame parameter and appended to it
// (Hamilton's pandas with_columns; tests/hamilton_oracle compares with apache-hamilton).
#include <gmock/gmock.h>

#include "test_util.hpp"

using namespace hamilton;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

// Hamilton's docstring example: a, b and a_plus_b from the frame's a_from_df and b_from_df
Module operations() {
  Module ops("fm_wc_ops");
  ops.add("b", {"b_from_df", "k"}, [](const Series& b, double k) { return b + k; });
  ops.add("a", {"a_from_df"}, [](const Series& a) { return a * 10.0; }, {doc("Ten times a.")});
  ops.add("a_plus_b", {"a", "b"}, [](const Series& a, const Series& b) { return a + b; });
  ops.add("total", {"a_plus_b"}, [](const Series& s) { return s.sum(); });
  return ops;
}

DataFrame initial() {
  const Index labels = Index::from_int64({5, 6});
  return DataFrame({{"a_from_df", Series(std::vector<double>{1, 2}, "", labels)},
                    {"b_from_df", Series(std::vector<double>{3, 4}, "", labels)}});
}

Module outer(WithColumnsOptions options, std::vector<std::string> params = {"initial_df"}) {
  Module m("fm_wc_outer");
  m.add("initial_df", {}, [] { return initial(); });
  m.add("final_df", std::move(params), [](const DataFrame& df) { return df; },
        {with_columns(std::vector<Module>{operations()}, std::move(options))});
  return m;
}

std::vector<double> values(const DataFrame& df, const std::string& column) {
  const auto span = df[column].values<double>();
  return {span.begin(), span.end()};
}

}  // namespace

TEST(WithColumns, PassedColumnsAreReadAndSelectedColumnsAppended) {
  auto dr = Builder()
                .with_modules(outer(
                    {.columns_to_pass = {"a_from_df", "b_from_df"}, .select = {"a", "a_plus_b"}}))
                .build();
  // b is needed by a_plus_b; total is not selected and not needed: left out
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("final_df", "final_df._append", "final_df.a", "final_df.a_from_df",
                          "final_df.a_plus_b", "final_df.b", "final_df.b_from_df", "initial_df"));
  EXPECT_THAT(mtest::variable(dr, "final_df").required_dependencies,
              ElementsAre("final_df._append"));
  EXPECT_THAT(mtest::variable(dr, "final_df._append").required_dependencies,
              ElementsAre("initial_df", "final_df.a", "final_df.a_plus_b"));
  EXPECT_THAT(mtest::variable(dr, "final_df.a_from_df").required_dependencies,
              ElementsAre("initial_df"));
  EXPECT_THAT(mtest::variable(dr, "final_df.b").required_dependencies,
              ElementsAre("final_df.b_from_df", "k"));
  EXPECT_EQ(mtest::variable(dr, "final_df.a").documentation, "Ten times a.");
  EXPECT_EQ(mtest::variable(dr, "final_df.a").module, "fm_wc_ops");
  EXPECT_EQ(mtest::variable(dr, "final_df._append").module, "fm_wc_outer");

  auto r = dr.execute({"final_df"}, {{"k", 1.0}});
  const auto& df = r.get<DataFrame>("final_df");
  EXPECT_THAT(df.column_names(), ElementsAre("a_from_df", "b_from_df", "a", "a_plus_b"));
  ASSERT_EQ(df.index().size(), 2u);
  EXPECT_EQ(df.index().int_at(0), 5);
  EXPECT_EQ(df.index().int_at(1), 6);
  EXPECT_THAT(values(df, "a"), ElementsAre(10.0, 20.0));
  EXPECT_THAT(values(df, "a_plus_b"), ElementsAre(14.0, 25.0));
}

TEST(WithColumns, WithoutSelectEverySeriesNodeIsAppendedInHamiltonsOrder) {
  auto dr = Builder().with_modules(outer({.columns_to_pass = {"b_from_df", "a_from_df"}})).build();
  // nothing is left out: total (a double) is a node too, but not a column
  EXPECT_TRUE(dr.graph().contains("final_df.total"));
  auto r = dr.execute({"final_df", "final_df.total"}, {{"k", 0.0}});
  // the passed columns, then the operations by function name, as Hamilton collects a module
  EXPECT_THAT(r.get<DataFrame>("final_df").column_names(),
              ElementsAre("a_from_df", "b_from_df", "a", "a_plus_b", "b"));
  EXPECT_DOUBLE_EQ(r.get<double>("final_df.total"), 37.0);
}

TEST(WithColumns, OnInputOperationsReadTheFrameAndReplaceItsColumns) {
  Module ops("fm_wc_on_input_ops");
  ops.add("a_from_df", {"initial_df"}, [](const DataFrame& df) { return df["a_from_df"] / 100.0; });
  ops.add("a", {"a_from_df"}, [](const Series& a) { return a * 10.0; });
  Module m("fm_wc_on_input");
  m.add("initial_df", {}, [] { return initial(); });
  m.add("final_df", {"scale", "initial_df"},
        [](double scale, const DataFrame& df) { return df.with_column("scaled", df["a"] * scale); },
        {with_columns(
            std::vector<Module>{ops},
            {.on_input = "initial_df", .select = {"a_from_df", "a"}, .name_space = "prep"})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr),
              ElementsAre("final_df", "initial_df", "prep._append", "prep.a", "prep.a_from_df"));
  EXPECT_THAT(mtest::variable(dr, "prep.a_from_df").required_dependencies,
              ElementsAre("initial_df"));
  auto df = dr.execute({"final_df"}, {{"scale", 2.0}}).get<DataFrame>("final_df");
  EXPECT_THAT(df.column_names(), ElementsAre("a_from_df", "b_from_df", "a", "scaled"));
  EXPECT_THAT(values(df, "a_from_df"), ElementsAre(0.01, 0.02));  // replaced
  EXPECT_THAT(values(df, "scaled"), ElementsAre(0.2, 0.4));
}

HAMILTON_MODULE(fm_wc_registered_ops);
NODE(Series, doubled__on, (const Series& x), config_when({{"mode", "on"}})) { return x * 2.0; }
NODE(Series, doubled__off, (const Series& x), config_when({{"mode", "off"}})) { return x; }

TEST(WithColumns, ModulesByNameAndConfig) {
  Module m("fm_wc_by_name");
  m.add("frame", {}, [] { return DataFrame({{"x", Series(std::vector<double>{1, 2})}}); });
  m.add("out", {"frame"}, [](const DataFrame& df) { return df; },
        {with_columns({"fm_wc_registered_ops"}, {.columns_to_pass = {"x"}})});
  auto dr = Builder().with_modules(m).with_config({{"mode", "on"}}).build();
  auto df = dr.execute({"out"}, {}).get<DataFrame>("out");
  EXPECT_THAT(values(df, "doubled"), ElementsAre(2.0, 4.0));
}

TEST(WithColumns, MisuseIsOneErrorEach) {
  auto problem = [](const Module& m, ErrorCode code) {
    auto e = mtest::build_error(Builder().with_modules(m));
    const auto* p = mtest::find_problem(e, code, "final_df");
    EXPECT_NE(p, nullptr) << e.what();
    return p ? p->message : std::string();
  };
  EXPECT_THAT(problem(outer({}), ErrorCode::bad_modifier),
              HasSubstr("with_columns: gives neither columns_to_pass nor on_input; give one"));
  EXPECT_THAT(problem(outer({.columns_to_pass = {"a_from_df"}, .on_input = "initial_df"}),
                      ErrorCode::bad_modifier),
              HasSubstr("gives both columns_to_pass and on_input"));
  EXPECT_THAT(problem(outer({.on_input = "raw"}), ErrorCode::unknown_parameter),
              HasSubstr("on_input names `raw`, which `final_df` does not take (its parameters: "));
  EXPECT_THAT(problem(outer({.columns_to_pass = {"a_from_df", "a"}}), ErrorCode::bad_modifier),
              HasSubstr("column `a` of columns_to_pass is also a node of the operations (module "
                        "fm_wc_ops, "));
  EXPECT_THAT(
      problem(outer({.columns_to_pass = {"a_from_df"}, .select = {"c"}}), ErrorCode::bad_modifier),
      HasSubstr("select names `c`, which is not a node of the operations (their nodes: "
                "`a_from_df`, `a`, `a_plus_b`, `b`, `total`)"));
  EXPECT_THAT(problem(outer({.columns_to_pass = {"a_from_df"}, .select = {"total"}}),
                      ErrorCode::bad_return_type),
              HasSubstr("select names `total`, which returns a double; with_columns appends "
                        "columns, so a selected node returns a hamilton::Series"));

  Module scalar("fm_wc_scalar");
  scalar.add("final_df", {"x"}, [](double x) { return x; },
             {with_columns(std::vector<Module>{operations()}, {.columns_to_pass = {"a"}})});
  EXPECT_THAT(problem(scalar, ErrorCode::bad_modifier),
              HasSubstr("parameter `x` of `final_df` is a double; with_columns works on a "
                        "hamilton::DataFrame parameter (the first; name another with on_input)"));

  Module unknown("fm_wc_unknown");
  unknown.add("final_df", {"df"}, [](const DataFrame& df) { return df; },
              {with_columns({"fm_wc_no_such_module"}, {.columns_to_pass = {"a"}})});
  EXPECT_THAT(problem(unknown, ErrorCode::unknown_module),
              HasSubstr("with_columns: module `fm_wc_no_such_module` is not registered"));
}

TEST(WithColumns, AMissingPassedColumnSaysWhichFrameLacksIt) {
  auto dr = Builder()
                .with_modules(outer({.columns_to_pass = {"a_from_df", "b_from_df", "c_from_df"}}))
                .build();
  try {
    dr.execute({"final_df"}, {{"k", 1.0}});
    FAIL() << "expected an ExecutionError";
  } catch (const ExecutionError& e) {
    EXPECT_EQ(e.node(), "final_df.c_from_df");
    EXPECT_THAT(e.what(), HasSubstr("with_columns of `final_df`: column `c_from_df` "
                                    "(columns_to_pass) is missing from the DataFrame "
                                    "`initial_df` (its columns: `a_from_df`, `b_from_df`); add it "
                                    "to the frame, or take it out of columns_to_pass"));
  }
}

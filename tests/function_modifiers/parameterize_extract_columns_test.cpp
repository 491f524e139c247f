// parameterize_extract_columns: nodes per parameterization, columns renamed by position or taken
// by name, and every misuse reported (the values and docs are compared with apache-hamilton in
// tests/hamilton_oracle/modifiers.cpp).
#include <gtest/gtest.h>

#include <hamilton/hamilton.hpp>
#include <string>
#include <vector>

#include "test_util.hpp"

using hamilton::Builder;
using hamilton::DataFrame;
using hamilton::ErrorCode;
using hamilton::Module;
using hamilton::Series;
using namespace hamilton::modifiers;

namespace {

Module frames(std::vector<ParameterizedExtract> extracts, bool reassign = true) {
  Module m("pec_frames");
  m.add("fn", {"a", "k"},
        [](const Series& a, double k) {
          return DataFrame({{"scaled", a * k}, {"shifted", a + k}});
        },
        {parameterize_extract_columns(std::move(extracts), reassign), doc("{a} with {k}")});
  return m;
}

}  // namespace

TEST(ParameterizeExtractColumns, EachParameterizationIsAFrameNodeAndItsColumns) {
  auto dr = Builder()
                .with_modules(
                    frames({{{"x_scaled", "x_shifted"}, {{"a", source("x")}, {"k", value(2.0)}}},
                            {{"y_scaled", "y_shifted"}, {{"a", source("y")}, {"k", value(10.0)}}}}))
                .build();
  EXPECT_EQ(mtest::function_nodes(dr),
            (std::vector<std::string>{"fn__0", "fn__1", "x_scaled", "x_shifted", "y_scaled",
                                      "y_shifted"}));
  EXPECT_EQ(mtest::variable(dr, "fn__1").documentation, "y with 10.0");
  EXPECT_EQ(mtest::variable(dr, "y_shifted").documentation, "y with 10.0");
  EXPECT_EQ(mtest::variable(dr, "x_scaled").type_name, "hamilton::Series");
  auto r = dr.execute(
      {"x_scaled", "y_shifted", "fn__0"},
      {{"x", Series(std::vector<double>{1, 2})}, {"y", Series(std::vector<double>{3, 4})}});
  EXPECT_EQ(r.get<Series>("x_scaled").to_doubles(), (std::vector<double>{2, 4}));
  EXPECT_EQ(r.get<Series>("y_shifted").to_doubles(), (std::vector<double>{13, 14}));
  EXPECT_EQ(r.get<DataFrame>("fn__0").column_names(),
            (std::vector<std::string>{"x_scaled", "x_shifted"}));  // renamed by position
}

TEST(ParameterizeExtractColumns, WithoutReassigningTheColumnsAreTakenByName) {
  auto dr =
      Builder()
          .with_modules(frames({{{"shifted"}, {{"a", source("x")}, {"k", value(1.0)}}}}, false))
          .build();
  auto r = dr.execute({"shifted"}, {{"x", Series(std::vector<double>{1, 2})}});
  EXPECT_EQ(r.get<Series>("shifted").to_doubles(), (std::vector<double>{2, 3}));
}

TEST(ParameterizeExtractColumns, AnotherNumberOfColumnsIsAnErrorNamingBothLists) {
  auto dr = Builder()
                .with_modules(frames({{{"p", "q", "r"}, {{"a", source("x")}, {"k", value(1.0)}}}}))
                .build();
  try {
    dr.execute({"p"}, {{"x", Series(std::vector<double>{1})}});
    FAIL() << "no error";
  } catch (const hamilton::ExecutionError& e) {
    EXPECT_EQ(e.node(), "fn__0");
    EXPECT_NE(e.original_message().find(
                  "parameterize_extract_columns: `fn__0` returned a DataFrame of 2 columns "
                  "(`scaled`, `shifted`) but its parameterization names 3 outputs (`p`, `q`, "
                  "`r`), which replace the columns by position; return 3 columns, or pass "
                  "reassign_columns = false to extract the columns by name"),
              std::string::npos)
        << e.original_message();
  }
}

TEST(ParameterizeExtractColumns, MisuseIsABuildError) {
  Module wrong_type("pec_wrong_type");
  wrong_type.add("fn", {"a"}, [](double a) { return a; },
                 {parameterize_extract_columns({{{"x"}, {{"a", value(1.0)}}}})});
  auto e = mtest::build_error(Builder().with_modules(wrong_type));
  ASSERT_NE(mtest::find_problem(e, ErrorCode::bad_return_type, "fn"), nullptr) << e.what();
  EXPECT_NE(std::string(e.what()).find("`fn` returns a double; parameterize_extract_columns "
                                       "needs a function returning a hamilton::DataFrame"),
            std::string::npos)
      << e.what();

  auto twice = mtest::build_error(
      Builder().with_modules(frames({{{"x", "y"}, {{"a", source("u")}, {"k", value(1.0)}}},
                                     {{"y", "z"}, {{"a", source("v")}, {"k", value(2.0)}}}})));
  EXPECT_NE(std::string(twice.what()).find("names output `y` twice"), std::string::npos)
      << twice.what();

  auto none = mtest::build_error(Builder().with_modules(frames({})));
  EXPECT_NE(std::string(none.what()).find("has no parameterizations; give at least one"),
            std::string::npos)
      << none.what();

  auto no_outputs = mtest::build_error(
      Builder().with_modules(frames({{{}, {{"a", source("u")}, {"k", value(1.0)}}}})));
  EXPECT_NE(std::string(no_outputs.what()).find("parameterization 0 names no outputs"),
            std::string::npos)
      << no_outputs.what();

  auto unknown = mtest::build_error(
      Builder().with_modules(frames({{{"x"}, {{"b", source("u")}, {"k", value(1.0)}}}})));
  ASSERT_NE(mtest::find_problem(unknown, ErrorCode::unknown_parameter), nullptr) << unknown.what();
}

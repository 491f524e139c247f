// extract_fields, unpack_fields, extract_columns.
#include <gmock/gmock.h>

#include <hamilton/frame/dataframe.hpp>

#include "test_util.hpp"

using namespace hamilton;
using modifiers::type;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {
std::string execution_message(const Driver& dr, const std::vector<std::string>& outputs) {
  try {
    dr.execute(outputs, {});
  } catch (const ExecutionError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an ExecutionError";
  return {};
}
}  // namespace

TEST(ExtractFields, OneTypedNodePerField) {
  Module m("fm_extract_fields");
  m.add("stats", {"n"}, [](int n) { return Record{{"mean", 2.5}, {"label", std::string("x")}, {"n", n}}; },
        {extract_fields({{"mean", type<double>()}, {"label", type<std::string>(), "The label."}})});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("label", "mean", "stats"));
  EXPECT_EQ(dr.graph().variable("mean").type_name, "double");
  EXPECT_EQ(dr.graph().variable("label").documentation, "The label.");
  EXPECT_EQ(dr.graph().variable("mean").documentation, "Field `mean` of `stats`.");
  auto r = dr.execute({"mean", "label", "stats"}, {{"n", 3}});
  EXPECT_EQ(r.get<double>("mean"), 2.5);
  EXPECT_EQ(r.get<std::string>("label"), "x");
  EXPECT_EQ(r.get<Record>("stats").size(), 3u);
}

TEST(ExtractFields, WrongFieldTypeAtRunTimeIsClear) {
  Module m("fm_extract_fields_type");
  m.add("stats", {}, [] { return Record{{"mean", std::string("oops")}}; },
        {extract_fields({{"mean", type<double>()}})});
  auto dr = Builder().with_modules(m).build();
  auto msg = execution_message(dr, {"mean"});
  EXPECT_THAT(msg, HasSubstr("node `mean`"));
  EXPECT_THAT(msg, HasSubstr("extract_fields: field `mean` of `stats` is a std::string but is declared as double"));
}

TEST(ExtractFields, MissingFieldErrorsUnlessFilled) {
  Module m("fm_extract_fields_missing");
  m.add("stats", {}, [] { return Record{{"a", 1.0}}; },
        {extract_fields({{"a", type<double>()}, {"b", type<double>()}})});
  auto msg = execution_message(Builder().with_modules(m).build(), {"b"});
  EXPECT_THAT(msg, HasSubstr("extract_fields: field `b` is missing from the record `stats` returned (it has `a`)"));

  Module filled("fm_extract_fields_fill");
  filled.add("stats", {}, [] { return Record{{"a", 1.0}}; },
             {extract_fields({{"a", type<double>()}, {"b", type<double>()}}, Value(0))});
  EXPECT_EQ(Builder().with_modules(filled).build().execute({"b"}, {}).get<double>("b"), 0.0);
}

TEST(ExtractFields, FunctionNotReturningARecordIsABuildError) {
  Module m("fm_extract_fields_bad");
  m.add("stats", {}, [] { return 1.0; }, {extract_fields({{"a", type<double>()}})});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_return_type, "stats");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("extract_fields: `stats` returns a double; extract_fields needs a function returning hamilton::Record"));
}

TEST(ExtractFields, FieldTypeCheckedAgainstConsumers) {
  Module m("fm_extract_fields_edge");
  m.add("stats", {}, [] { return Record{{"a", 1.0}}; }, {extract_fields({{"a", type<double>()}})});
  m.add("use", {"a"}, [](int a) { return a; });
  auto e = mtest::build_error(Builder().with_modules(m));
  ASSERT_TRUE(e.has(ErrorCode::type_mismatch)) << e.what();
}

TEST(UnpackFields, TupleElements) {
  Module m("fm_unpack");
  m.add("pair", {}, [] { return std::tuple<double, std::string>{1.5, "b"}; },
        {unpack_fields<double, std::string>("first", "second")});
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("first", "pair", "second"));
  auto r = dr.execute({"first", "second"}, {});
  EXPECT_EQ(r.get<double>("first"), 1.5);
  EXPECT_EQ(r.get<std::string>("second"), "b");
  EXPECT_EQ(dr.graph().variable("second").type_name, "std::string");
}

TEST(UnpackFields, TypesMustMatch) {
  Module m("fm_unpack_bad");
  m.add("pair", {}, [] { return std::tuple<double, int>{1.5, 2}; },
        {unpack_fields<double, double>("first", "second")});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_return_type, "pair");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("unpack_fields: `pair` returns a std::tuple<double, int> but unpack_fields was given the element types of a std::tuple<double, double>"));
}

namespace {
DataFrame sample_frame() {
  return DataFrame({{"a", Series(std::vector<double>{1, 2, 3})}, {"b", Series(std::vector<double>{4, 5, 6})}});
}
}  // namespace

TEST(ExtractColumns, OneSeriesNodePerColumn) {
  Module m("fm_extract_columns");
  m.add("frame", {}, [] { return sample_frame(); }, {extract_columns("a", modifiers::ColumnSpec("b", "Column b."))});
  m.add("a_plus_b", {"a", "b"}, [](const Series& a, const Series& b) { return a + b; });
  auto dr = Builder().with_modules(m).build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("a", "a_plus_b", "b", "frame"));
  EXPECT_EQ(dr.graph().variable("a").type_name, "hamilton::Series");
  EXPECT_EQ(dr.graph().variable("b").documentation, "Column b.");
  auto r = dr.execute({"a_plus_b"}, {});
  EXPECT_TRUE(r.get<Series>("a_plus_b").equals(Series(std::vector<double>{5, 7, 9})));
}

TEST(ExtractColumns, MissingColumnAtRunTime) {
  Module m("fm_extract_columns_missing");
  m.add("frame", {}, [] { return sample_frame(); }, {extract_columns("a", "zzz")});
  auto msg = execution_message(Builder().with_modules(m).build(), {"zzz"});
  EXPECT_THAT(msg, HasSubstr("extract_columns: column `zzz` is missing from the DataFrame returned by `frame` (its columns: `a`, `b`)"));

  Module filled("fm_extract_columns_fill");
  filled.add("frame", {}, [] { return sample_frame(); }, {extract_columns("a", "zzz", fill_with(0.5))});
  auto s = Builder().with_modules(filled).build().execute({"zzz"}, {}).get<Series>("zzz");
  EXPECT_TRUE(s.equals(Series(std::vector<double>{0.5, 0.5, 0.5}, "zzz")));
}

TEST(ExtractColumns, FunctionNotReturningADataFrameIsABuildError) {
  Module m("fm_extract_columns_bad");
  m.add("frame", {}, [] { return 1.0; }, {extract_columns("a")});
  auto e = mtest::build_error(Builder().with_modules(m));
  const auto* p = mtest::find_problem(e, ErrorCode::bad_return_type, "frame");
  ASSERT_NE(p, nullptr) << e.what();
  EXPECT_THAT(p->message, HasSubstr("extract_columns: `frame` returns a double; extract_columns needs a function returning a hamilton::DataFrame"));
  EXPECT_THAT(std::string(e.what()), HasSubstr("node `frame` (module fm_extract_columns_bad)"));
}

TEST(ExtractColumns, WithConfigWhen) {
  Module m("fm_extract_columns_config");
  m.add("frame__v1", {}, [] { return sample_frame(); }, {config_when({{"v", 1}}), extract_columns("a", "b")});
  m.add("frame__v2", {}, [] {
    return DataFrame({{"a", Series(std::vector<double>{10, 20})}, {"b", Series(std::vector<double>{0, 0})}});
  }, {config_when({{"v", 2}}), extract_columns("a", "b")});
  auto dr = Builder().with_modules(m).with_config({{"v", 2}}).build();
  EXPECT_THAT(mtest::function_nodes(dr), ElementsAre("a", "b", "frame"));
  EXPECT_EQ(dr.graph().variable("a").originating_function, "frame__v2");
  EXPECT_EQ(dr.execute({"a"}, {}).get<Series>("a").size(), 2u);
}

TEST(ExtractColumns, WithCheckOutputValidatesEachColumn) {
  Module m("fm_extract_columns_check");
  m.add("frame", {}, [] { return sample_frame(); },
        {extract_columns("a", "b"), check_output(dq::range(0.0, 5.0))});
  auto dr = Builder().with_modules(m).build();
  EXPECT_TRUE(dr.graph().contains("a_range_validator"));
  EXPECT_TRUE(dr.graph().contains("b_range_validator"));
  auto rep = dq::report(dr.execute({"a", "b"}, {}));
  EXPECT_EQ(rep.failed(), 1u);
  EXPECT_THAT(rep.for_node("b")[0].message, HasSubstr("Series contains 2 values in range (0.0,5.0), and 1 outside."));
}

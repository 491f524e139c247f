// Result builders: DataFrameResult, StrictIndexDataFrameResult, MatrixResult,
// and a user one.
#include <gtest/gtest.h>

#include <cmath>

#include "hamilton/frame.hpp"
#include "hamilton/result/dataframe_result.hpp"
#include "hamilton/result/matrix_result.hpp"

namespace {
using hamilton::DataFrame;
using hamilton::DataFrameResult;
using hamilton::Index;
using hamilton::Matrix;
using hamilton::MatrixResult;
using hamilton::Outputs;
using hamilton::ResultError;
using hamilton::Series;
using hamilton::Value;

TEST(DataFrameResult, SeriesBecomeColumnsNamedByOutput) {
  Series spend({10, 10, 20}, "whatever");
  Outputs out{{"spend", Value(spend)}, {"double", Value(spend * 2.0)}};
  Value v = DataFrameResult().build(out);
  const auto &df = v.get<DataFrame>();
  EXPECT_EQ(df.column_names(), (std::vector<std::string>{"spend", "double"}));
  EXPECT_EQ(df.to_string(),
            "   spend  double\n0     10    20.0\n1     10    20.0\n2     20    40.0");
}

TEST(DataFrameResult, OuterJoinOnIndex) {
  Series a(std::vector<double>{1, 2}, "", Index::from_int64({0, 1}));
  Series b(std::vector<double>{3, 4}, "", Index::from_int64({1, 2}));
  DataFrame df = DataFrameResult().build_frame(Outputs{{"a", Value(a)}, {"b", Value(b)}});
  EXPECT_EQ(df.to_string(), "     a    b\n0  1.0  NaN\n1  2.0  3.0\n2  NaN  4.0");
}

TEST(DataFrameResult, ScalarsBroadcastAndAllScalarsGiveOneRow) {
  Series s({1.0, 2.0});
  DataFrame df = DataFrameResult().build_frame(Outputs{{"s", Value(s)},
                                                       {"k", Value(3.5)},
                                                       {"n", Value(std::int64_t{7})},
                                                       {"i", Value(1)},
                                                       {"flag", Value(true)},
                                                       {"label", Value(std::string("x"))}});
  EXPECT_EQ(df.num_rows(), 2u);
  EXPECT_EQ(df["k"].at<double>(1), 3.5);
  EXPECT_EQ(df["n"].dtype_name(), "int64");
  EXPECT_EQ(df["i"].at<std::int64_t>(0), 1);
  EXPECT_TRUE(df["flag"].at<bool>(1));
  EXPECT_EQ(df["label"].at<std::string>(0), "x");
  DataFrame one = DataFrameResult().build_frame(Outputs{{"a", Value(1.0)}, {"b", Value(2)}});
  EXPECT_EQ(one.to_string(), "     a  b\n0  1.0  2");
}

TEST(DataFrameResult, SingleFrameAsIsAndSeveralFlattened) {
  DataFrame f{{"x", Series({1, 2})}, {"y", Series({3, 4})}};
  DataFrame same = DataFrameResult().build_frame(Outputs{{"f", Value(f)}});
  EXPECT_TRUE(same.equals(f));
  DataFrame flat = DataFrameResult().build_frame(
      Outputs{{"f", Value(f)}, {"g", Value(f)}, {"z", Value(Series({5, 6}))}});
  EXPECT_EQ(flat.column_names(), (std::vector<std::string>{"f.x", "f.y", "g.x", "g.y", "z"}));
}

TEST(DataFrameResult, VectorsAreRangeIndexedColumns) {
  DataFrame df = DataFrameResult().build_frame(Outputs{
      {"v", Value(std::vector<double>{1.5, 2.5})}, {"w", Value(std::vector<std::int64_t>{1, 2})}});
  EXPECT_EQ(df["v"].at<double>(1), 2.5);
  EXPECT_EQ(df["w"].dtype_name(), "int64");
}

TEST(DataFrameResult, UnsupportedTypeNamesOutputAndType) {
  struct Opaque {};
  try {
    DataFrameResult().build_frame(
        Outputs{{"s", Value(Series({1}))}, {"thing", Value(std::vector<std::string>{"a"})}});
    FAIL();
  } catch (const ResultError &e) {
    std::string m = e.what();
    EXPECT_NE(m.find("output 'thing'"), std::string::npos) << m;
    EXPECT_NE(m.find("std::vector<std::"), std::string::npos) << m;
  }
}

TEST(DataFrameResult, MixedIndexTypesWarnAndKeepEveryRow) {
  Series a(std::vector<double>{1, 2}, "", Index::from_int64({0, 1}));
  Series b(std::vector<double>{3, 4}, "", Index::from_strings({"x", "y"}));
  std::vector<std::string> warnings;
  DataFrameResult builder([&](const std::string &m) { warnings.push_back(m); });
  DataFrame df = builder.build_frame(Outputs{{"a", Value(a)}, {"b", Value(b)}});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("different index types: int64 ('a'); string ('b')"), std::string::npos)
      << warnings[0];
  EXPECT_EQ(df.num_rows(), 4u);  // nothing silently dropped
  EXPECT_EQ(df["a"].count(), 2u);
  EXPECT_EQ(df["b"].count(), 2u);
  try {
    hamilton::StrictIndexDataFrameResult().build_frame(Outputs{{"a", Value(a)}, {"b", Value(b)}});
    FAIL();
  } catch (const ResultError &e) {
    EXPECT_NE(std::string(e.what()).find(
                  "StrictIndexDataFrameResult: outputs have different index types"),
              std::string::npos);
  }
}

TEST(MatrixResult, ColumnsSideBySideWithBroadcast) {
  Outputs out{{"a", Value(Series({1, 2, 3}))},
              {"b", Value(std::vector<double>{0.5, 1.5, 2.5})},
              {"k", Value(10.0)},
              {"f", Value(DataFrame{{"x", Series({7.0, 8.0, 9.0})}})}};
  Value v = MatrixResult().build(out);
  const Matrix &m = v.get<Matrix>();
  EXPECT_EQ(m.rows(), 3u);
  EXPECT_EQ(m.cols(), 4u);
  EXPECT_EQ(m.column_names(), (std::vector<std::string>{"a", "b", "k", "f.x"}));
  EXPECT_EQ(m(2, 0), 3.0);
  EXPECT_EQ(m(1, 1), 1.5);
  EXPECT_EQ(m(0, 2), 10.0);
  EXPECT_EQ(m(2, 3), 9.0);
}

TEST(MatrixResult, LengthMismatchNamesBothOutputs) {
  try {
    MatrixResult().build(
        Outputs{{"a", Value(Series({1, 2, 3}))}, {"b", Value(std::vector<double>{1})}});
    FAIL();
  } catch (const ResultError &e) {
    EXPECT_STREQ(e.what(),
                 "MatrixResult: output 'b' has 1 rows but output 'a' "
                 "has 3; all columns of a "
                 "matrix must have the same length");
  }
  EXPECT_THROW(MatrixResult().build(Outputs{{"s", Value(Series({"x"}))}}), ResultError);
}

// A user-defined builder: the sum of every numeric Series output.
class TotalResult final : public hamilton::ResultBuilder {
 public:
  Value build(const Outputs &outputs) const override {
    double total = 0;
    for (auto [name, value] : outputs) {
      if (const auto *s = value.get_if<Series>())
        total += s->sum();
      else
        throw ResultError("TotalResult: output '" + name + "' is not a Series");
    }
    return Value(total);
  }
  std::string name() const override { return "TotalResult"; }
};

TEST(CustomResultBuilder, WorksThroughTheBaseInterface) {
  std::unique_ptr<hamilton::ResultBuilder> b = std::make_unique<TotalResult>();
  Value v = b->build(Outputs{{"a", Value(Series({1, 2}))}, {"b", Value(Series({0.5}))}});
  EXPECT_EQ(v.get<double>(), 3.5);
  EXPECT_EQ(b->name(), "TotalResult");
  EXPECT_THROW(b->build(Outputs{{"x", Value(1)}}), ResultError);
}
}  // namespace
